// RUN: rnn-opt %s --rnn-cublas-pipeline | FileCheck %s --check-prefix=CUBLAS
// RUN: rnn-opt %s --rnn-cublas-pipeline="math=tf32" | FileCheck %s --check-prefix=CUBLAS
// RUN: rnn-opt %s --rnn-cudnn-pipeline 2>&1 | FileCheck %s --check-prefix=CUDNN
// RUN: not rnn-opt %s --rnn-cudnn-pipeline="fallback=false" 2>&1 | FileCheck %s --check-prefix=NOFALLBACK

// Both GPU pipelines end in the LLVM dialect with one runtime call per op
// (on device buffers allocated through the generic allocation functions);
// the cuDNN pipeline runs the training op on cuDNN's training mode and sends
// the GRU without linear-before-reset to the cuBLAS fallback.

// CUBLAS-NOT:     rnn.{{(gru|lstm)}}
// CUBLAS-NOT:     rnnrt_cudnn_rnn_forward
// CUBLAS-DAG:     llvm.func @_mlir_memref_to_llvm_alloc
// CUBLAS-DAG:     llvm.func @_mlir_ciface_rnnrt_cublas_rnn_forward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, i64, !llvm.ptr)
// CUBLAS:         llvm.func @main
// CUBLAS-COUNT-3: llvm.call @rnnrt_cublas_rnn_forward_f32(

// CUDNN:     remark: cuDNN's GRU is linear-before-reset only: this GRU (linear_before_reset = false) is lowered to the cuBLAS fallback
// CUDNN-DAG: llvm.call @rnnrt_cudnn_rnn_forward_f32(
// CUDNN-DAG: llvm.call @rnnrt_cudnn_rnn_training_forward_f32(
// CUDNN-DAG: llvm.call @rnnrt_cublas_rnn_forward_f32(

// NOFALLBACK: error: 'rnn.gru' op with linear_before_reset = false cannot run on cuDNN and the cuBLAS fallback is disabled (fallback=false)

func.func @main(%x: tensor<?x3x4xf32>, %h: tensor<2x3x5xf32>, %p: tensor<345xf32>)
    -> (tensor<?x3x5xf32>, tensor<?x3x5xf32>, tensor<?x3x5xf32>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 2, num_units = 5}
      : (tensor<?x3x4xf32>, tensor<2x3x5xf32>, tensor<345xf32>)
     -> (tensor<?x3x5xf32>, tensor<2x3x5xf32>)
  %y2, %hn2 = rnn.gru %x, %h, %p {num_layers = 2, num_units = 5, is_training = true, dropout = 0.5 : f32}
      : (tensor<?x3x4xf32>, tensor<2x3x5xf32>, tensor<345xf32>)
     -> (tensor<?x3x5xf32>, tensor<2x3x5xf32>)
  %y3, %hn3 = rnn.gru %x, %h, %p {num_layers = 2, num_units = 5, linear_before_reset = false}
      : (tensor<?x3x4xf32>, tensor<2x3x5xf32>, tensor<345xf32>)
     -> (tensor<?x3x5xf32>, tensor<2x3x5xf32>)
  return %y, %y2, %y3 : tensor<?x3x5xf32>, tensor<?x3x5xf32>, tensor<?x3x5xf32>
}
