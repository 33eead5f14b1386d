// RUN: rnn-opt %s | rnn-opt | FileCheck %s
// RUN: rnn-opt %s --mlir-print-op-generic | rnn-opt | FileCheck %s

// Round trip of the training forward with its reserve and of every grad op
// (CONTRACT.md "Training"); results print as %reserve, %dx, %dh_0, %dc_0
// and %dparams, and a grad op's is_training (true) is its default.

// The contract's example.
// CHECK-LABEL: func.func @lstm_training_step(
// CHECK: %y, %h_n, %c_n, %reserve = rnn.lstm %{{.+}} {dropout = 2.500000e-01 : f32, is_training = true, num_layers = 2 : i64, num_units = 64 : i64, seed = 7 : i64}
// CHECK-SAME: -> (tensor<16x4x64xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<?xi8>)
// CHECK: %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %y, %reserve, %{{.+}}, %{{.+}}, %{{.+}} {dropout = 2.500000e-01 : f32, num_layers = 2 : i64, num_units = 64 : i64, seed = 7 : i64}
// CHECK-SAME: -> (tensor<16x4x32xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<58368xf32>)
func.func @lstm_training_step(%x: tensor<16x4x32xf32>, %h_0: tensor<2x4x64xf32>,
    %c_0: tensor<2x4x64xf32>, %params: tensor<58368xf32>, %dy: tensor<16x4x64xf32>,
    %dh_n: tensor<2x4x64xf32>, %dc_n: tensor<2x4x64xf32>)
    -> (tensor<16x4x32xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<58368xf32>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, is_training = true,
       dropout = 0.25 : f32, seed = 7 : i64}
      : (tensor<16x4x32xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<58368xf32>)
     -> (tensor<16x4x64xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<?xi8>)
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %dh_n, %dc_n
      {num_layers = 2, num_units = 64, is_training = true,
       dropout = 0.25 : f32, seed = 7 : i64}
      : (tensor<16x4x32xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<58368xf32>,
         tensor<16x4x64xf32>, tensor<?xi8>, tensor<16x4x64xf32>, tensor<2x4x64xf32>,
         tensor<2x4x64xf32>)
     -> (tensor<16x4x32xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<58368xf32>)
  return %dx, %dh_0, %dc_0, %dparams
      : tensor<16x4x32xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<58368xf32>
}

// The three cells without a cell state, dynamic T and B, f64, bidirectional
// skip_input: the reserve crosses the function boundary.
// CHECK-LABEL: func.func @gru_forward(
// CHECK: %y, %h_n, %reserve = rnn.gru
// CHECK-SAME: -> (tensor<?x?x16xf64>, tensor<2x?x8xf64>, tensor<?xi8>)
// CHECK: return %y, %h_n, %reserve
func.func @gru_forward(%x: tensor<?x?x8xf64>, %h_0: tensor<2x?x8xf64>,
                       %params: tensor<480xf64>)
    -> (tensor<?x?x16xf64>, tensor<2x?x8xf64>, tensor<?xi8>) {
  %y, %h_n, %reserve = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 8, is_training = true,
       direction = #rnn.direction<bidirectional>,
       input_mode = #rnn.input_mode<skip_input>}
      : (tensor<?x?x8xf64>, tensor<2x?x8xf64>, tensor<480xf64>)
     -> (tensor<?x?x16xf64>, tensor<2x?x8xf64>, tensor<?xi8>)
  return %y, %h_n, %reserve : tensor<?x?x16xf64>, tensor<2x?x8xf64>, tensor<?xi8>
}

// CHECK-LABEL: func.func @gru_backward(
// CHECK: %dx, %dh_0, %dparams = rnn.gru_grad
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, input_mode = #rnn.input_mode<skip_input>, num_layers = 1 : i64, num_units = 8 : i64}
func.func @gru_backward(%x: tensor<?x?x8xf64>, %h_0: tensor<2x?x8xf64>,
    %params: tensor<480xf64>, %y: tensor<?x?x16xf64>, %reserve: tensor<?xi8>,
    %dy: tensor<?x?x16xf64>, %dh_n: tensor<2x?x8xf64>)
    -> (tensor<?x?x8xf64>, tensor<2x?x8xf64>, tensor<480xf64>) {
  %dx, %dh_0, %dparams = rnn.gru_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 8,
       direction = #rnn.direction<bidirectional>,
       input_mode = #rnn.input_mode<skip_input>}
      : (tensor<?x?x8xf64>, tensor<2x?x8xf64>, tensor<480xf64>, tensor<?x?x16xf64>,
         tensor<?xi8>, tensor<?x?x16xf64>, tensor<2x?x8xf64>)
     -> (tensor<?x?x8xf64>, tensor<2x?x8xf64>, tensor<480xf64>)
  return %dx, %dh_0, %dparams : tensor<?x?x8xf64>, tensor<2x?x8xf64>, tensor<480xf64>
}

// A grad op takes the forward's seq_lengths as its last operand.
// CHECK-LABEL: func.func @lstm_backward_lengths_batch_major(
// CHECK: %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %{{.+}}, %[[L:.+]] {num_layers = 1 : i64, num_units = 4 : i64, time_major = false}
// CHECK-SAME: tensor<?xi32>) -> (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<1x?x4xf32>, tensor<144xf32>)
func.func @lstm_backward_lengths_batch_major(%x: tensor<?x?x3xf32>,
    %h_0: tensor<1x?x4xf32>, %c_0: tensor<1x?x4xf32>, %params: tensor<144xf32>,
    %y: tensor<?x?x4xf32>, %reserve: tensor<?xi8>, %dy: tensor<?x?x4xf32>,
    %dh_n: tensor<1x?x4xf32>, %dc_n: tensor<1x?x4xf32>, %lengths: tensor<?xi32>)
    -> (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<1x?x4xf32>, tensor<144xf32>) {
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %dh_n, %dc_n, %lengths
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<1x?x4xf32>, tensor<144xf32>,
         tensor<?x?x4xf32>, tensor<?xi8>, tensor<?x?x4xf32>, tensor<1x?x4xf32>,
         tensor<1x?x4xf32>, tensor<?xi32>)
     -> (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<1x?x4xf32>, tensor<144xf32>)
  return %dx, %dh_0, %dc_0, %dparams
      : tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<1x?x4xf32>, tensor<144xf32>
}

// CHECK-LABEL: func.func @elman_grads(
// CHECK: %dx, %dh_0, %dparams = rnn.rnn_tanh_grad
// CHECK: %dx_0, %dh_0_1, %dparams_2 = rnn.rnn_relu_grad
func.func @elman_grads(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>)
    -> (tensor<36xf32>, tensor<36xf32>) {
  %dx, %dh_0, %dparams = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  %dx2, %dh2, %dp2 = rnn.rnn_relu_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return %dparams, %dp2 : tensor<36xf32>, tensor<36xf32>
}

// GRU without linear-before-reset (ONNX's default), forward and backward;
// the default (true) is elided.
// CHECK-LABEL: func.func @gru_reset_before_matmul(
// CHECK: rnn.gru %{{.+}} {is_training = true, linear_before_reset = false, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK: rnn.gru_grad %{{.+}} {linear_before_reset = false, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK: rnn.gru %{{.+}} {num_layers = 1 : i64, num_units = 4 : i64}
func.func @gru_reset_before_matmul(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<108xf32>, %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>)
    -> (tensor<108xf32>, tensor<5x2x4xf32>) {
  %y, %h_n, %reserve = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 4, is_training = true, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  %dx, %dh_0, %dp = rnn.gru_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
  %y2, %h2 = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 4, linear_before_reset = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %dp, %y2 : tensor<108xf32>, tensor<5x2x4xf32>
}

// A projected LSTM's grad op: dh_0/dh_n are [L*D, B, P], dc_0/dc_n
// [L*D, B, H], y and dy [T, B, D*P].
// CHECK-LABEL: func.func @lstm_grad_projection(
// CHECK: %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad {{.+}} {num_layers = 1 : i64, num_proj = 2 : i64, num_units = 4 : i64}
// CHECK-SAME: -> (tensor<5x?x3xf32>, tensor<1x?x2xf32>, tensor<1x?x4xf32>, tensor<120xf32>)
func.func @lstm_grad_projection(
    %x: tensor<5x?x3xf32>, %h_0: tensor<1x?x2xf32>, %c_0: tensor<1x?x4xf32>,
    %params: tensor<120xf32>, %y: tensor<5x?x2xf32>, %reserve: tensor<?xi8>,
    %dh_n: tensor<1x?x2xf32>, %dc_n: tensor<1x?x4xf32>)
    -> (tensor<5x?x3xf32>, tensor<1x?x2xf32>, tensor<1x?x4xf32>, tensor<120xf32>) {
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %y, %dh_n, %dc_n {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x?x3xf32>, tensor<1x?x2xf32>, tensor<1x?x4xf32>, tensor<120xf32>,
         tensor<5x?x2xf32>, tensor<?xi8>, tensor<5x?x2xf32>, tensor<1x?x2xf32>,
         tensor<1x?x4xf32>)
     -> (tensor<5x?x3xf32>, tensor<1x?x2xf32>, tensor<1x?x4xf32>, tensor<120xf32>)
  return %dx, %dh_0, %dc_0, %dparams
      : tensor<5x?x3xf32>, tensor<1x?x2xf32>, tensor<1x?x4xf32>, tensor<120xf32>
}
