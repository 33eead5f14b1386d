// rnn-run with a dynamic dimension, f64 and several results of different
// ranks: a broadcast product, a full reduction (rank 0) and a strided slice
// (copied with memrefCopy), each checked against numpy, for several sizes of
// the dynamic dimension, including 0.
// REQUIRES: numpy

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.b.npy --dtype f64 --shape 3 --fill random --seed 2
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.a5.npy --dtype f64 --shape 5x3 --fill random --seed 1
// RUN: rnn-run %s --allow-linalg --input=%t.a5.npy --input=%t.b.npy --output=%t.prod5.npy --output=%t.sum5.npy --output=%t.slice5.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.prod5.npy --expect "a * b" --arg a=%t.a5.npy --arg b=%t.b.npy --rtol 0 | FileCheck %s --check-prefix=PROD5
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.sum5.npy --expect "np.sum(a)" --arg a=%t.a5.npy --rtol 1e-12 | FileCheck %s --check-prefix=SUM5
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.slice5.npy --expect "a[:, 1:]" --arg a=%t.a5.npy --rtol 0 | FileCheck %s --check-prefix=SLICE5

// PROD5: OK float64 (5, 3)
// SUM5: OK float64 ()
// SLICE5: OK float64 (5, 2)

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.a1.npy --dtype f64 --shape 1x3 --fill random --seed 3
// RUN: rnn-run %s --allow-linalg --input=%t.a1.npy --input=%t.b.npy --output=%t.prod1.npy --output=%t.sum1.npy --output=%t.slice1.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.prod1.npy --expect "a * b" --arg a=%t.a1.npy --arg b=%t.b.npy --rtol 0 | FileCheck %s --check-prefix=PROD1
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.slice1.npy --expect "a[:, 1:]" --arg a=%t.a1.npy --rtol 0 | FileCheck %s --check-prefix=SLICE1

// PROD1: OK float64 (1, 3)
// SLICE1: OK float64 (1, 2)

// An empty dynamic dimension: empty results and a zero sum.
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.a0.npy --dtype f64 --shape 0x3
// RUN: rnn-run %s --allow-linalg --input=%t.a0.npy --input=%t.b.npy | FileCheck %s --check-prefix=EMPTY

// EMPTY:      result #0: tensor<0x3xf64>
// EMPTY-NEXT: []
// EMPTY-NEXT: result #1: tensor<f64>
// EMPTY-NEXT: {{^}}0{{$}}
// EMPTY-NEXT: result #2: tensor<0x2xf64>
// EMPTY-NEXT: []

// Printed values of the 4x3 case, worked out by hand.
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.a4.npy --dtype f64 --shape 4x3 --fill arange
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.b4.npy --dtype f64 --shape 3 --values 1,-2,0.5
// RUN: rnn-run %s --allow-linalg --input=%t.a4.npy --input=%t.b4.npy | FileCheck %s --check-prefix=PRINT

// PRINT:      result #0: tensor<4x3xf64>
// PRINT-NEXT: {{^\[\[}}0, -2, 1],
// PRINT-NEXT: {{^}} [3, -8, 2.5],
// PRINT-NEXT: {{^}} [6, -14, 4],
// PRINT-NEXT: {{^}} [9, -20, 5.5]]
// PRINT-NEXT: result #1: tensor<f64>
// PRINT-NEXT: {{^}}66{{$}}
// PRINT-NEXT: result #2: tensor<4x2xf64>
// PRINT-NEXT: {{^\[\[}}1, 2],
// PRINT-NEXT: {{^}} [4, 5],
// PRINT-NEXT: {{^}} [7, 8],
// PRINT-NEXT: {{^}} [10, 11]]

#rows = affine_map<(i, j) -> (i, j)>
#cols = affine_map<(i, j) -> (j)>
func.func @main(%a: tensor<?x3xf64>, %b: tensor<3xf64>)
    -> (tensor<?x3xf64>, tensor<f64>, tensor<?x2xf64>) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?x3xf64>
  %init = tensor.empty(%n) : tensor<?x3xf64>
  %prod = linalg.generic {indexing_maps = [#rows, #cols, #rows],
                          iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<?x3xf64>, tensor<3xf64>)
      outs(%init : tensor<?x3xf64>) {
  ^bb0(%x: f64, %y: f64, %out: f64):
    %m = arith.mulf %x, %y : f64
    linalg.yield %m : f64
  } -> tensor<?x3xf64>
  %zero = arith.constant 0.0 : f64
  %empty = tensor.empty() : tensor<f64>
  %acc = linalg.fill ins(%zero : f64) outs(%empty : tensor<f64>) -> tensor<f64>
  %sum = linalg.reduce ins(%a : tensor<?x3xf64>) outs(%acc : tensor<f64>)
      dimensions = [0, 1]
      (%in: f64, %partial: f64) {
        %s = arith.addf %in, %partial : f64
        linalg.yield %s : f64
      }
  %slice = tensor.extract_slice %a[0, 1] [%n, 2] [1, 1]
      : tensor<?x3xf64> to tensor<?x2xf64>
  return %prod, %sum, %slice : tensor<?x3xf64>, tensor<f64>, tensor<?x2xf64>
}
