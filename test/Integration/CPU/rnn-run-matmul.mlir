// linalg.matmul in f32 and f64: the CPU pipeline turns them into calls to the
// runtime's BLAS GEMM, which rnn-run must hand to the JIT
// (rnnrt_cpu_symbols). Checked against numpy.
// REQUIRES: numpy

// RUN: rnn-opt %s --rnn-cpu-pipeline | FileCheck %s --check-prefix=LOWERED
// LOWERED-DAG: llvm.call @_mlir_ciface_rnnrt_cpu_gemm_f32
// LOWERED-DAG: llvm.call @_mlir_ciface_rnnrt_cpu_gemm_f64

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.a.npy --dtype f32 --shape 7x33 --fill random --seed 1
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.b.npy --dtype f32 --shape 33x5 --fill random --seed 2
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.c.npy --dtype f64 --shape 4x6 --fill random --seed 3
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.d.npy --dtype f64 --shape 6x2 --fill random --seed 4
// RUN: rnn-run %s --allow-linalg --input=%t.a.npy --input=%t.b.npy --input=%t.c.npy --input=%t.d.npy --output=%t.ab.npy --output=%t.cd.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.ab.npy --expect "a.astype(np.float64) @ b.astype(np.float64)" --dtype f32 --arg a=%t.a.npy --arg b=%t.b.npy --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=AB
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.cd.npy --expect "c @ d" --arg c=%t.c.npy --arg d=%t.d.npy --rtol 1e-12 | FileCheck %s --check-prefix=CD

// AB: OK float32 (7, 5)
// CD: OK float64 (4, 2)

func.func @main(%a: tensor<7x33xf32>, %b: tensor<33x5xf32>,
                %c: tensor<4x6xf64>, %d: tensor<6x2xf64>)
    -> (tensor<7x5xf32>, tensor<4x2xf64>) {
  %zero32 = arith.constant 0.0 : f32
  %e32 = tensor.empty() : tensor<7x5xf32>
  %acc32 = linalg.fill ins(%zero32 : f32) outs(%e32 : tensor<7x5xf32>)
      -> tensor<7x5xf32>
  %ab = linalg.matmul ins(%a, %b : tensor<7x33xf32>, tensor<33x5xf32>)
                      outs(%acc32 : tensor<7x5xf32>) -> tensor<7x5xf32>
  %zero64 = arith.constant 0.0 : f64
  %e64 = tensor.empty() : tensor<4x2xf64>
  %acc64 = linalg.fill ins(%zero64 : f64) outs(%e64 : tensor<4x2xf64>)
      -> tensor<4x2xf64>
  %cd = linalg.matmul ins(%c, %d : tensor<4x6xf64>, tensor<6x2xf64>)
                      outs(%acc64 : tensor<4x2xf64>) -> tensor<4x2xf64>
  return %ab, %cd : tensor<7x5xf32>, tensor<4x2xf64>
}
