// --timing prints one line per setup phase on stderr (results stay alone on
// stdout), with --benchmark and without; --opt-level picks LLVM's level.

// RUN: rnn-run %s --random-inputs --timing 2>&1 >/dev/null | FileCheck %s
// RUN: rnn-run %s --random-inputs --timing --benchmark=2 --opt-level=3 2>&1 >/dev/null | FileCheck %s
// RUN: rnn-run %s --random-inputs --timing --opt-level=0 2>&1 >/dev/null | FileCheck %s
// CHECK:      {{^timing: parse [0-9]+\.[0-9]{3} ms$}}
// CHECK-NEXT: {{^timing: pipeline [0-9]+\.[0-9]{3} ms$}}
// CHECK-NEXT: {{^timing: translate [0-9]+\.[0-9]{3} ms$}}
// CHECK-NEXT: {{^timing: optimize [0-9]+\.[0-9]{3} ms$}}
// CHECK-NEXT: {{^timing: codegen [0-9]+\.[0-9]{3} ms$}}
// CHECK-NEXT: {{^timing: first-call [0-9]+\.[0-9]{3} ms$}}
// CHECK-NEXT: {{^timing: setup [0-9]+\.[0-9]{3} ms$}}
// CHECK-NOT:  {{.}}

// RUN: rnn-run %s --random-inputs --timing | FileCheck %s --check-prefix=STDOUT
// STDOUT-NOT: timing:
// STDOUT:     result #0: tensor<3x2x4xf32>

// RUN: not rnn-run %s --random-inputs --opt-level=4 2>&1 | FileCheck %s --check-prefix=LEVEL
// LEVEL: rnn-run: error: --opt-level must be 0, 1, 2 or 3, got 4

func.func @main(%x: tensor<3x2x5xf32>, %h_0: tensor<1x2x4xf32>,
                %params: tensor<44xf32>) -> tensor<3x2x4xf32> {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<3x2x5xf32>, tensor<1x2x4xf32>, tensor<44xf32>)
     -> (tensor<3x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<3x2x4xf32>
}
