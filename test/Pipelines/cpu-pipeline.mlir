// RUN: rnn-opt %s --rnn-cpu-pipeline | FileCheck %s
// RUN: rnn-opt %s --rnn-cpu-pipeline="use-blas=false" | FileCheck %s --check-prefix=NOBLAS

// The CPU pipeline takes tensor-level rnn all the way to the llvm dialect:
// the GEMMs become runtime calls (or loops without BLAS), the f32 tanh/exp
// are polynomial approximations, and nothing else is left.

// CHECK:       llvm.func @_mlir_ciface_rnnrt_cpu_gemm_f32(!llvm.ptr, !llvm.ptr, !llvm.ptr, i64)
// CHECK-LABEL: llvm.func @gru
// CHECK:         llvm.cond_br
// CHECK:         llvm.call @rnnrt_cpu_gemm_f32
// CHECK-NOT:     llvm.call @tanhf

// NOBLAS-LABEL: llvm.func @gru
// NOBLAS-NOT:     rnnrt_cpu_gemm
// NOBLAS:         llvm.fmul
func.func @gru(%x: tensor<?x2x3xf32>, %h: tensor<1x2x4xf32>, %p: tensor<108xf32>)
    -> (tensor<?x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<?x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<?x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %hn : tensor<?x2x4xf32>, tensor<1x2x4xf32>
}
