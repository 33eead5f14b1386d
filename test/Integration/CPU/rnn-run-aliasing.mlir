// Results that are not fresh buffers: an argument returned as is, a constant
// (memref.get_global), and one value returned twice. rnn-run must copy each
// out correctly and free only what the function allocated (valgrind-clean).
// REQUIRES: numpy

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.a.npy --dtype f32 --shape 2x3 --fill random --seed 11
// RUN: rnn-run %s --allow-linalg --input=%t.a.npy --output=%t.same.npy --output=%t.const.npy --output=%t.twice1.npy --output=%t.twice2.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.same.npy --expect "a" --arg a=%t.a.npy --rtol 0 | FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.const.npy --expect "np.array([[1, 2], [3, 4]], dtype=np.float32)" --rtol 0 | FileCheck %s --check-prefix=CONST
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.twice1.npy --expect "a + a" --arg a=%t.a.npy --rtol 0 | FileCheck %s --check-prefix=TWICE
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.twice2.npy --expect "a + a" --arg a=%t.a.npy --rtol 0 | FileCheck %s --check-prefix=TWICE

// SAME: OK float32 (2, 3)
// CONST: OK float32 (2, 2)
// TWICE: OK float32 (2, 3)

func.func @main(%a: tensor<2x3xf32>)
    -> (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %cst = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %e = tensor.empty() : tensor<2x3xf32>
  %twice = linalg.add ins(%a, %a : tensor<2x3xf32>, tensor<2x3xf32>)
                      outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %a, %cst, %twice, %twice
      : tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
