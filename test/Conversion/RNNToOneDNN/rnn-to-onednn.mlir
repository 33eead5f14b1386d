// RUN: rnn-opt %s --convert-rnn-to-onednn --cse --split-input-file --verify-diagnostics | FileCheck %s

// An f32 inference op becomes one runtime call on buffers: mode, layers,
// units, input size, direction, linear_before_reset, whether the params are
// a constant; results are fresh allocations.

// CHECK:       func.func private @rnnrt_onednn_rnn_forward_f32(i64, i64, i64, i64, i64, i64, i64, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @lstm
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x2x3xf32>, %[[H:[^:]+]]: tensor<2x2x4xf32>, %[[C:[^:]+]]: tensor<2x2x4xf32>, %[[P:[^:]+]]: tensor<288xf32>
// CHECK-DAG:     %[[LSTM:.+]] = arith.constant 2 : i64
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[UNITS:.+]] = arith.constant 4 : i64
// CHECK-DAG:     %[[INPUT:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[XB:.+]] = bufferization.to_buffer %[[X]] read_only
// CHECK-DAG:     %[[XA:.+]] = memref.cast %[[XB]] : memref<?x2x3xf32> to memref<?x?x?xf32>
// CHECK-DAG:     %[[PB:.+]] = bufferization.to_buffer %[[P]] read_only
// CHECK-DAG:     %[[PA:.+]] = memref.cast %[[PB]] : memref<288xf32> to memref<?xf32>
// CHECK-DAG:     %[[Y:.+]] = memref.alloc(%{{.+}}) : memref<?x2x8xf32>
// CHECK:         call @rnnrt_onednn_rnn_forward_f32(%[[LSTM]], %[[ONE]], %[[UNITS]], %[[INPUT]], %[[ONE]], %[[ONE]], %[[ZERO]], %[[XA]], %{{.+}}, %{{.+}}, %[[PA]], %{{.+}}, %{{.+}}, %{{.+}})
// CHECK:         %[[YT:.+]] = bufferization.to_tensor %[[Y]] restrict writable
// CHECK:         return %[[YT]]
func.func @lstm(%x: tensor<?x2x3xf32>, %h: tensor<2x2x4xf32>, %c: tensor<2x2x4xf32>, %p: tensor<288xf32>) -> tensor<?x2x8xf32> {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 4, direction = #rnn.direction<bidirectional>}
      : (tensor<?x2x3xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<288xf32>) -> (tensor<?x2x8xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
  return %y : tensor<?x2x8xf32>
}

// -----

// The reset-before-matmul GRU passes linear_before_reset = 0 (vanilla_gru);
// constant params pass weights_constant = 1.

// CHECK-LABEL: func.func @gru_constant_params
// CHECK-DAG:     %[[GRU:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[P:.+]] = arith.constant dense<{{.+}}> : tensor<42xf32>
// CHECK:         call @rnnrt_onednn_rnn_forward_f32(%[[GRU]], %[[ONE]], %{{.+}}, %{{.+}}, %[[ZERO]], %[[ZERO]], %[[ONE]],
func.func @gru_constant_params(%x: tensor<2x1x3xf32>, %h: tensor<1x1x2xf32>) -> tensor<2x1x2xf32> {
  %p = arith.constant dense<0.5> : tensor<42xf32>
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 2, linear_before_reset = false}
      : (tensor<2x1x3xf32>, tensor<1x1x2xf32>, tensor<42xf32>) -> (tensor<2x1x2xf32>, tensor<1x1x2xf32>)
  return %y : tensor<2x1x2xf32>
}

// -----

// What oneDNN cannot express stays for convert-rnn-to-linalg, with a remark.

// CHECK-LABEL: func.func @skip_input
// CHECK:         rnn.rnn_tanh
func.func @skip_input(%x: tensor<2x1x4xf32>, %h: tensor<1x1x4xf32>, %p: tensor<24xf32>) -> tensor<2x1x4xf32> {
  // expected-remark @+1 {{oneDNN has no identity input (skip_input): this op is lowered to the portable cpu path (linalg + BLAS)}}
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<skip_input>}
      : (tensor<2x1x4xf32>, tensor<1x1x4xf32>, tensor<24xf32>) -> (tensor<2x1x4xf32>, tensor<1x1x4xf32>)
  return %y : tensor<2x1x4xf32>
}

// -----

// CHECK-LABEL: func.func @f64
// CHECK:         rnn.rnn_relu
func.func @f64(%x: tensor<2x1x3xf64>, %h: tensor<1x1x4xf64>, %p: tensor<36xf64>) -> tensor<2x1x4xf64> {
  // expected-remark @+1 {{the onednn backend runs f32 and bf16 only: this op is lowered to the portable cpu path (linalg + BLAS)}}
  %y, %hn = rnn.rnn_relu %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<2x1x3xf64>, tensor<1x1x4xf64>, tensor<36xf64>) -> (tensor<2x1x4xf64>, tensor<1x1x4xf64>)
  return %y : tensor<2x1x4xf64>
}

// -----

// bf16 calls the bf16 entry on bf16 buffers (the runtime takes the bias and
// the cell state to f32); rnn_relu is mode 0, unidirectional direction 0.

// CHECK:       func.func private @rnnrt_onednn_rnn_forward_bf16(i64, i64, i64, i64, i64, i64, i64, memref<?x?x?xbf16>, memref<?x?x?xbf16>, memref<?x?x?xbf16>, memref<?xbf16>, memref<?x?x?xbf16>, memref<?x?x?xbf16>, memref<?x?x?xbf16>) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @bf16
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x1x3xbf16>, %[[H:[^:]+]]: tensor<1x1x4xbf16>, %[[P:[^:]+]]: tensor<36xbf16>
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[UNITS:.+]] = arith.constant 4 : i64
// CHECK-DAG:     %[[INPUT:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[XB:.+]] = bufferization.to_buffer %[[X]] read_only
// CHECK-DAG:     %[[XA:.+]] = memref.cast %[[XB]] : memref<2x1x3xbf16> to memref<?x?x?xbf16>
// CHECK-DAG:     %[[HB:.+]] = bufferization.to_buffer %[[H]] read_only
// CHECK-DAG:     %[[HA:.+]] = memref.cast %[[HB]] : memref<1x1x4xbf16> to memref<?x?x?xbf16>
// CHECK-DAG:     %[[PB:.+]] = bufferization.to_buffer %[[P]] read_only
// CHECK-DAG:     %[[PA:.+]] = memref.cast %[[PB]] : memref<36xbf16> to memref<?xbf16>
// CHECK-DAG:     %[[Y:.+]] = memref.alloc() : memref<2x1x4xbf16>
// CHECK-DAG:     %[[YA:.+]] = memref.cast %[[Y]] : memref<2x1x4xbf16> to memref<?x?x?xbf16>
// CHECK-DAG:     %[[HN:.+]] = memref.alloc() : memref<1x1x4xbf16>
// CHECK-DAG:     %[[HNA:.+]] = memref.cast %[[HN]] : memref<1x1x4xbf16> to memref<?x?x?xbf16>
// CHECK:         call @rnnrt_onednn_rnn_forward_bf16(%[[ZERO]], %[[ONE]], %[[UNITS]], %[[INPUT]], %[[ZERO]], %[[ONE]], %[[ZERO]], %[[XA]], %[[HA]], %[[HA]], %[[PA]], %[[YA]], %[[HNA]], %[[HNA]])
// CHECK:         %[[YT:.+]] = bufferization.to_tensor %[[Y]] restrict writable
// CHECK:         return %[[YT]]
func.func @bf16(%x: tensor<2x1x3xbf16>, %h: tensor<1x1x4xbf16>, %p: tensor<36xbf16>) -> tensor<2x1x4xbf16> {
  %y, %hn = rnn.rnn_relu %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<2x1x3xbf16>, tensor<1x1x4xbf16>, tensor<36xbf16>) -> (tensor<2x1x4xbf16>, tensor<1x1x4xbf16>)
  return %y : tensor<2x1x4xbf16>
}

// -----

// oneDNN 2.6 has no f16 RNN on the CPU: f16 stays for the cpu path.

// CHECK-LABEL: func.func @f16
// CHECK:         rnn.lstm
func.func @f16(%x: tensor<2x1x3xf16>, %h: tensor<1x1x4xf16>, %c: tensor<1x1x4xf16>, %p: tensor<144xf16>) -> tensor<2x1x4xf16> {
  // expected-remark @+1 {{the onednn backend runs f32 and bf16 only: this op is lowered to the portable cpu path (linalg + BLAS)}}
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 4}
      : (tensor<2x1x3xf16>, tensor<1x1x4xf16>, tensor<1x1x4xf16>, tensor<144xf16>) -> (tensor<2x1x4xf16>, tensor<1x1x4xf16>, tensor<1x1x4xf16>)
  return %y : tensor<2x1x4xf16>
}

// -----

// CHECK-LABEL: func.func @projection
// CHECK:         rnn.lstm
func.func @projection(%x: tensor<5x2x3xf32>, %h: tensor<1x2x2xf32>, %c: tensor<1x2x4xf32>,
                      %p: tensor<120xf32>) -> tensor<5x2x2xf32> {
  // expected-remark @+1 {{the onednn backend does not support 'num_proj': this op is lowered to the portable cpu path (linalg + BLAS)}}
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @training
// CHECK:         rnn.rnn_tanh
func.func @training(%x: tensor<2x1x3xf32>, %h: tensor<1x1x4xf32>, %p: tensor<36xf32>) -> tensor<2x1x4xf32> {
  // expected-remark @+1 {{the onednn backend runs inference only (is_training = true): this op is lowered to the portable cpu path (linalg + BLAS)}}
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<2x1x3xf32>, tensor<1x1x4xf32>, tensor<36xf32>) -> (tensor<2x1x4xf32>, tensor<1x1x4xf32>)
  return %y : tensor<2x1x4xf32>
}

// -----

// CHECK-LABEL: func.func @lengths
// CHECK:         rnn.gru
func.func @lengths(%x: tensor<5x2x3xf32>, %h: tensor<1x2x4xf32>, %p: tensor<108xf32>,
                   %lengths: tensor<2xi32>) -> tensor<5x2x4xf32> {
  // expected-remark @+1 {{the onednn backend does not take seq_lengths: this op is lowered to the portable cpu path (linalg + BLAS)}}
  %y, %hn = rnn.gru %x, %h, %p, %lengths {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>, tensor<2xi32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

// CHECK-LABEL: func.func @batch_major
// CHECK:         rnn.rnn_tanh
func.func @batch_major(%x: tensor<2x5x3xf32>, %h: tensor<1x2x4xf32>, %p: tensor<36xf32>) -> tensor<2x5x4xf32> {
  // expected-remark @+1 {{the onednn backend does not support time_major = false: this op is lowered to the portable cpu path (linalg + BLAS)}}
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>) -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<2x5x4xf32>
}
