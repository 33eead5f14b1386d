// RUN: rnn-opt %s --convert-rnn-to-cublas --cse --split-input-file | FileCheck %s

// The cuBLAS fallback's forward ends in (time_major, seq_lengths) like
// cuDNN's: the lengths buffer in device memory, or an empty one. Its range
// check is the runtime's (no rnnrt_check_sequence_length in device code).

// CHECK-LABEL: func.func @gru_lengths_batch_major
// CHECK-SAME:    %[[L:[^:]+]]: tensor<?xi32>
// CHECK-NOT:     rnnrt_check_sequence_length
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK:         %[[LB:.+]] = bufferization.to_buffer %[[L]] read_only : tensor<?xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cublas_rnn_forward_f32({{([^,]+, ){20} ?}}%[[ZERO]], %[[LB]])
func.func @gru_lengths_batch_major(%x: tensor<?x?x3xf32>, %h_0: tensor<1x?x4xf32>,
                                   %params: tensor<108xf32>, %lengths: tensor<?xi32>)
    -> tensor<?x?x4xf32> {
  %y, %h_n = rnn.gru %x, %h_0, %params, %lengths
      {num_layers = 1, num_units = 4, linear_before_reset = false, time_major = false}
      : (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<108xf32>, tensor<?xi32>)
     -> (tensor<?x?x4xf32>, tensor<1x?x4xf32>)
  return %y : tensor<?x?x4xf32>
}

// -----

// CHECK-LABEL: func.func @lstm_time_major
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK:         %[[EMPTY:.+]] = memref.alloca() : memref<0xi32>
// CHECK:         %[[NONE:.+]] = memref.cast %[[EMPTY]] : memref<0xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cublas_rnn_forward_f32({{([^,]+, ){20} ?}}%[[ONE]], %[[NONE]])
func.func @lstm_time_major(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                           %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>)
    -> tensor<5x2x4xf32> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}
