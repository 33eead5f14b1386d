// Code compiled for another runtime ABI is refused after JIT load with one
// clear line and exit status 1 (`not` fails on signals).
// RUN: not rnn-run %s --allow-linalg --random-inputs 2>&1 | FileCheck %s
// RUN: sh -c 'rnn-run %s --allow-linalg --random-inputs 2>/dev/null; test $? -eq 1'
// CHECK: rnn-run: error: compiled for runtime ABI 999, the runtime has {{[0-9]+}}
// CHECK-NOT: {{.}}

module attributes {rnnrt.abi_version = 999 : i64} {
  func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
    %init = tensor.empty() : tensor<2xf32>
    %b = linalg.add ins(%a, %a : tensor<2xf32>, tensor<2xf32>)
                    outs(%init : tensor<2xf32>) -> tensor<2xf32>
    return %b : tensor<2xf32>
  }
}
