// RUN: rnn-opt %s --convert-rnn-to-cudnn --cse --split-input-file | FileCheck %s

// seq_lengths and time_major pass through to the runtime, after the
// buffers: time_major as an i64 (1 or 0), the lengths as their memref<?xi32>
// buffer in device memory, or an empty one when the op has none. Padded I/O
// is CUDNN_RNN_ALGO_STANDARD only, whatever the batch (0, not the
// persistent preference 4 a static batch of 2 gets otherwise). Device code
// never reads the lengths on the host: their range check is the runtime's
// (no rnnrt_check_sequence_length here), B of seq_lengths is still checked.

// CHECK-LABEL: func.func @gru_lengths
// CHECK-SAME:    %[[L:[^:]+]]: tensor<?xi32>
// CHECK-NOT:     rnnrt_check_sequence_length
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[STANDARD:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[SEQ:.+]] = arith.constant 7 : i64
// CHECK:         call @rnnrt_check_same_size({{[^,]+}}, %[[SEQ]],
// CHECK:         scf.if
// CHECK:         %[[LB:.+]] = bufferization.to_buffer %[[L]] read_only : tensor<?xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cudnn_rnn_forward_f32({{([^,]+, ){9} ?}}%[[STANDARD]], {{([^,]+, ){7} ?}}%[[ONE]], %[[LB]])
func.func @gru_lengths(%x: tensor<?x?x3xf32>, %h_0: tensor<1x?x4xf32>,
                       %params: tensor<108xf32>, %lengths: tensor<?xi32>)
    -> tensor<?x?x4xf32> {
  %y, %h_n = rnn.gru %x, %h_0, %params, %lengths {num_layers = 1, num_units = 4}
      : (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<108xf32>, tensor<?xi32>)
     -> (tensor<?x?x4xf32>, tensor<1x?x4xf32>)
  return %y : tensor<?x?x4xf32>
}

// -----

// Batch-major without lengths: time_major 0, an empty lengths buffer, the
// standard algorithm for a batch of 2; y is [B, T, H].

// CHECK-LABEL: func.func @lstm_batch_major
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[Y:.+]] = memref.alloc() : memref<2x5x4xf32>
// CHECK:         %[[EMPTY:.+]] = memref.alloca() : memref<0xi32>
// CHECK:         %[[NONE:.+]] = memref.cast %[[EMPTY]] : memref<0xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cudnn_rnn_forward_f32({{([^,]+, ){9} ?}}%[[ZERO]], {{([^,]+, ){7} ?}}%[[ZERO]], %[[NONE]])
func.func @lstm_batch_major(%x: tensor<2x5x3xf32>, %h_0: tensor<1x2x4xf32>,
                            %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>)
    -> tensor<2x5x4xf32> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<2x5x4xf32>
}

// -----

// Constant lengths are uploaded once per module like constant params.

// CHECK-LABEL: func.func @constant_lengths
// CHECK:         %[[DEV:.+]] = call @rnnrt_cuda_upload_constant_i32(%{{.+}}, %{{.+}}) : (memref<?xi32>, memref<?xi64>) -> memref<?xi32>
// CHECK:         call @rnnrt_cudnn_rnn_forward_f32({{([^,]+, ){18} ?}}%{{[^,]+}})
func.func @constant_lengths(%x: tensor<5x3x2xf32>, %h_0: tensor<1x3x4xf32>,
                            %params: tensor<32xf32>) -> tensor<5x3x4xf32> {
  %lengths = arith.constant dense<[5, 0, 1]> : tensor<3xi32>
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params, %lengths {num_layers = 1, num_units = 4}
      : (tensor<5x3x2xf32>, tensor<1x3x4xf32>, tensor<32xf32>, tensor<3xi32>)
     -> (tensor<5x3x4xf32>, tensor<1x3x4xf32>)
  return %y : tensor<5x3x4xf32>
}

// -----

// Training with lengths, batch-major: the reserve size, the training
// forward and the backward all end in (time_major, seq_lengths) with the
// same lengths buffer (one, after --cse).

// CHECK-LABEL: func.func @training
// CHECK-SAME:    %[[L:[^:]+]]: tensor<3xi32>
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK:         %[[LB:.+]] = bufferization.to_buffer %[[L]] read_only : tensor<3xi32> to memref<3xi32>
// CHECK:         %[[LA:.+]] = memref.cast %[[LB]] : memref<3xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cudnn_rnn_reserve_size_f32({{([^,]+, ){14} ?}}%[[ZERO]], %[[LA]])
// CHECK:         call @rnnrt_cudnn_rnn_training_forward_f32({{([^,]+, ){20} ?}}%[[ZERO]], %[[LA]])
// CHECK:         call @rnnrt_cudnn_rnn_backward_f32({{([^,]+, ){26} ?}}%[[ZERO]], %[[LA]])
func.func @training(%x: tensor<3x5x2xf32>, %h_0: tensor<2x3x4xf32>,
                    %params: tensor<64xf32>, %lengths: tensor<3xi32>,
                    %dy: tensor<3x5x8xf32>, %dh_n: tensor<2x3x4xf32>)
    -> (tensor<3x5x2xf32>, tensor<64xf32>) {
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params, %lengths
      {num_layers = 1, num_units = 4, direction = #rnn.direction<bidirectional>,
       is_training = true, time_major = false}
      : (tensor<3x5x2xf32>, tensor<2x3x4xf32>, tensor<64xf32>, tensor<3xi32>)
     -> (tensor<3x5x8xf32>, tensor<2x3x4xf32>, tensor<?xi8>)
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n, %lengths
      {num_layers = 1, num_units = 4, direction = #rnn.direction<bidirectional>,
       is_training = true, time_major = false}
      : (tensor<3x5x2xf32>, tensor<2x3x4xf32>, tensor<64xf32>, tensor<3x5x8xf32>,
         tensor<?xi8>, tensor<3x5x8xf32>, tensor<2x3x4xf32>, tensor<3xi32>)
     -> (tensor<3x5x2xf32>, tensor<2x3x4xf32>, tensor<64xf32>)
  return %dx, %dp : tensor<3x5x2xf32>, tensor<64xf32>
}
