// RUN: rnn-opt %s --convert-rnn-to-cublas --cse --split-input-file | FileCheck %s

// The cuBLAS fallback trains with seq_lengths and batch-major operands: the
// reserve size, the training forward and the backward end in (time_major,
// seq_lengths) like the forward, the lengths buffer in device memory or an
// empty one. Their range check is the runtime's.

// CHECK-LABEL: func.func @grad_lengths
// CHECK-SAME:    %[[L:[^:]+]]: tensor<2xi32>)
// CHECK-NOT:     rnnrt_check_sequence_length
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK:         %[[LB:.+]] = bufferization.to_buffer %[[L]] read_only : tensor<2xi32> to memref<2xi32>
// CHECK:         %[[LD:.+]] = memref.cast %[[LB]] : memref<2xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cublas_rnn_backward_f32({{([^,]+, ){25} ?}}%[[ONE]], %[[LD]])
func.func @grad_lengths(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                        %params: tensor<36xf32>, %y: tensor<5x2x4xf32>,
                        %reserve: tensor<?xi8>, %dy: tensor<5x2x4xf32>,
                        %dh_n: tensor<1x2x4xf32>, %lengths: tensor<2xi32>)
    -> tensor<36xf32> {
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n, %lengths
      {num_layers = 1, num_units = 4, is_training = true, time_major = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<2xi32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return %dp : tensor<36xf32>
}

// -----

// CHECK-LABEL: func.func @grad_batch_major
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK:         %[[EMPTY:.+]] = memref.alloca() : memref<0xi32>
// CHECK:         %[[NONE:.+]] = memref.cast %[[EMPTY]] : memref<0xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cublas_rnn_backward_f32({{([^,]+, ){25} ?}}%[[ZERO]], %[[NONE]])
func.func @grad_batch_major(%x: tensor<2x5x3xf32>, %h_0: tensor<1x2x4xf32>,
                            %params: tensor<36xf32>, %y: tensor<2x5x4xf32>,
                            %reserve: tensor<?xi8>, %dy: tensor<2x5x4xf32>,
                            %dh_n: tensor<1x2x4xf32>) -> tensor<36xf32> {
  %dx, %dh_0, %dp = rnn.rnn_relu_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, is_training = true, time_major = false}
      : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<2x5x4xf32>,
         tensor<?xi8>, tensor<2x5x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return %dp : tensor<36xf32>
}

// -----

// CHECK-LABEL: func.func @reserve_lengths
// CHECK-SAME:    %[[L:[^:]+]]: tensor<2xi32>)
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK:         %[[LB:.+]] = bufferization.to_buffer %[[L]] read_only : tensor<2xi32> to memref<2xi32>
// CHECK:         %[[LD:.+]] = memref.cast %[[LB]] : memref<2xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cublas_rnn_reserve_size_f32({{([^,]+, ){13} ?}}%[[ONE]], %[[LD]])
// CHECK:         call @rnnrt_cublas_rnn_training_forward_f32({{([^,]+, ){20} ?}}%[[ONE]], %[[LD]])
func.func @reserve_lengths(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                           %params: tensor<36xf32>, %lengths: tensor<2xi32>)
    -> tensor<?xi8> {
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params, %lengths
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<2xi32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  return %reserve : tensor<?xi8>
}
