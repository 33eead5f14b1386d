// rnn-run on a static f32 elementwise add: printed values and an --output
// file, both checked against numpy.
// REQUIRES: numpy

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.a.npy --dtype f32 --shape 2x3 --fill arange
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.b.npy --dtype f32 --shape 2x3 --fill random --seed 7
// RUN: rnn-run %s --allow-linalg --input=%t.a.npy --input=%t.a.npy | FileCheck %s --check-prefix=PRINT
// RUN: rnn-run %s --allow-linalg --entry=main --backend=cpu --input=%t.a.npy --input=%t.b.npy --output=%t.sum.npy | count 0
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.sum.npy --expect "a + b" --arg a=%t.a.npy --arg b=%t.b.npy --rtol 0 | FileCheck %s --check-prefix=OUT
// RUN: rnn-run %s --allow-linalg --backend=auto --input=%t.a.npy --input=%t.b.npy --output=%t.auto.npy --print | FileCheck %s --check-prefix=BOTH
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t.auto.npy %t.sum.npy --equal

// PRINT:      result #0: tensor<2x3xf32>
// PRINT-NEXT: {{^\[\[}}0, 2, 4],
// PRINT-NEXT: {{^}} [6, 8, 10]]
// PRINT-NOT:  {{.}}

// OUT: OK float32 (2, 3)

// BOTH: result #0: tensor<2x3xf32>

func.func @main(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %init = tensor.empty() : tensor<2x3xf32>
  %sum = linalg.add ins(%a, %b : tensor<2x3xf32>, tensor<2x3xf32>)
                    outs(%init : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %sum : tensor<2x3xf32>
}
