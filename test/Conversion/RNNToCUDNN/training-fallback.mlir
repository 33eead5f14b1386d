// RUN: rnn-opt %s --convert-rnn-to-cudnn -verify-diagnostics | FileCheck %s

// cuDNN's path is inference only: a training forward goes to the cuBLAS
// fallback (with its dropout rate and seed) with a remark; the inference op
// next to it stays on cuDNN.

// CHECK-DAG: func.func private @rnnrt_cublas_rnn_forward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, i64, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>)
// CHECK-DAG: func.func private @rnnrt_cudnn_rnn_forward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, memref<?x?x?xf32>

// CHECK-LABEL: func.func @mixed
// CHECK-DAG:   %[[RATE:.+]] = arith.constant 2.500000e-01 : f64
// CHECK-DAG:   %[[SEED:.+]] = arith.constant 1234 : i64
// CHECK:       call @rnnrt_cublas_rnn_forward_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[RATE]], %[[SEED]],
// CHECK:       call @rnnrt_cudnn_rnn_forward_f32(
func.func @mixed(%x: tensor<5x2x3xf32>, %h: tensor<2x2x3xf32>, %p: tensor<48xf32>)
    -> (tensor<5x2x3xf32>, tensor<5x2x3xf32>) {
  // expected-remark @+1 {{cuDNN runs inference only: this training forward (dropout between layers) is lowered to the cuBLAS fallback}}
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 2, num_units = 3, is_training = true, dropout = 0.25 : f32, seed = 1234 : i64}
      : (tensor<5x2x3xf32>, tensor<2x2x3xf32>, tensor<48xf32>)
     -> (tensor<5x2x3xf32>, tensor<2x2x3xf32>)
  %y2, %hn2 = rnn.rnn_tanh %x, %h, %p {num_layers = 2, num_units = 3}
      : (tensor<5x2x3xf32>, tensor<2x2x3xf32>, tensor<48xf32>)
     -> (tensor<5x2x3xf32>, tensor<2x2x3xf32>)
  return %y, %y2 : tensor<5x2x3xf32>, tensor<5x2x3xf32>
}
