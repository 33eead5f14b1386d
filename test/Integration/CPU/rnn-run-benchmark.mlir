// --benchmark=N prints exactly one timing line, and results only with
// --print or --output (then those of the last call). The function writes into
// its first argument's tensor: rnn-run keeps inputs read-only, so every call
// computes a + b from the original inputs.
// REQUIRES: numpy

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.a.npy --dtype f32 --shape 3x4 --fill random --seed 1
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.b.npy --dtype f32 --shape 3x4 --fill random --seed 2

// RUN: rnn-run %s --allow-linalg --input=%t.a.npy --input=%t.b.npy --benchmark=5 | FileCheck %s --check-prefix=BENCH
// BENCH-NOT:  {{.}}
// BENCH:      {{^median [0-9]+\.[0-9]{3} ms, min [0-9]+\.[0-9]{3} ms over 5 calls \(compile [0-9]+\.[0-9] ms, first call [0-9]+\.[0-9]{3} ms\)$}}
// BENCH-NOT:  {{.}}

// RUN: rnn-run %s --allow-linalg --random-inputs=1 --benchmark=1 | FileCheck %s --check-prefix=ONE
// ONE: {{^median [0-9]+\.[0-9]{3} ms, min [0-9]+\.[0-9]{3} ms over 1 calls \(compile [0-9]+\.[0-9] ms, first call [0-9]+\.[0-9]{3} ms\)$}}

// RUN: rnn-run %s --allow-linalg --input=%t.a.npy --input=%t.b.npy --benchmark=3 --print --output=%t.sum.npy | FileCheck %s --check-prefix=PRINT
// PRINT:      {{^median .* over 3 calls \(compile .* ms, first call .* ms\)$}}
// PRINT-NEXT: result #0: tensor<3x4xf32>
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.sum.npy --expect "a + b" --arg a=%t.a.npy --arg b=%t.b.npy --rtol 0 | FileCheck %s --check-prefix=SUM
// SUM: OK float32 (3, 4)

func.func @main(%a: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %sum = linalg.add ins(%a, %b : tensor<3x4xf32>, tensor<3x4xf32>)
                    outs(%a : tensor<3x4xf32>) -> tensor<3x4xf32>
  return %sum : tensor<3x4xf32>
}
