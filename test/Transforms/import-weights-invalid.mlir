// RUN: rnn-opt %s --rnn-import-weights --split-input-file --verify-diagnostics

// ONNX's GRU default (linear_before_reset = 0) applies the reset gate before
// the recurrent matmul: the canonical GRU cannot express it.

func.func private @import_onnx_gru(tensor<1x3x1xf32>, tensor<1x3x1xf32>, tensor<1x6xf32>)
    -> (tensor<1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>,
        tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32>, tensor<1xf32>,
        tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>)
func.func @onnx_gru_reset_before(%w: tensor<1x3x1xf32>, %r: tensor<1x3x1xf32>, %b: tensor<1x6xf32>) {
  // expected-error @+1 {{onnx GRU linear_before_reset = 0 is not supported: the canonical GRU (cuDNN, PyTorch) is linear_before_reset = 1}}
  %out:12 = func.call @import_onnx_gru(%w, %r, %b)
      : (tensor<1x3x1xf32>, tensor<1x3x1xf32>, tensor<1x6xf32>)
     -> (tensor<1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>,
         tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32>, tensor<1xf32>,
         tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>)
  return
}

// -----

func.func private @import_keras_lstm(tensor<3x7xf32>, tensor<2x8xf32>, tensor<8xf32>) -> ()
func.func @keras_kernel_shape(%k: tensor<3x7xf32>, %rk: tensor<2x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{keras kernel must be a float tensor of shape [?, 8], got 'tensor<3x7xf32>'}}
  func.call @import_keras_lstm(%k, %rk, %b) : (tensor<3x7xf32>, tensor<2x8xf32>, tensor<8xf32>) -> ()
  return
}

// -----

func.func private @import_pytorch_lstm(tensor<8x3xf32>, tensor<8x2xf64>, tensor<8xf32>, tensor<8xf32>) -> ()
func.func @pytorch_element_types(%wih: tensor<8x3xf32>, %whh: tensor<8x2xf64>, %b: tensor<8xf32>) {
  // expected-error @+1 {{pytorch weight_hh must have element type 'f32', got 'f64'}}
  func.call @import_pytorch_lstm(%wih, %whh, %b, %b) : (tensor<8x3xf32>, tensor<8x2xf64>, tensor<8xf32>, tensor<8xf32>) -> ()
  return
}

// -----

func.func private @import_onnx_lstm(tensor<3x8x1xf32>, tensor<3x8x2xf32>, tensor<3x16xf32>) -> ()
func.func @onnx_directions(%w: tensor<3x8x1xf32>, %r: tensor<3x8x2xf32>, %b: tensor<3x16xf32>) {
  // expected-error @+1 {{onnx LSTM W must be a tensor of shape [num_directions (1 or 2), 8, input_size], got 'tensor<3x8x1xf32>'}}
  func.call @import_onnx_lstm(%w, %r, %b) : (tensor<3x8x1xf32>, tensor<3x8x2xf32>, tensor<3x16xf32>) -> ()
  return
}

// -----

func.func private @import_onnx_lstm(tensor<1x8x1xf32>, tensor<1x8x2xf32>) -> ()
func.func @operand_count(%w: tensor<1x8x1xf32>, %r: tensor<1x8x2xf32>) {
  // expected-error @+1 {{'func.call' op @import_onnx_lstm takes 3 operands (W, R, B)}}
  func.call @import_onnx_lstm(%w, %r) : (tensor<1x8x1xf32>, tensor<1x8x2xf32>) -> ()
  return
}

// -----

func.func private @import_pytorch_rnn_tanh(tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32>, tensor<1xf32>)
    -> (tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32>)
func.func @result_types(%w: tensor<1x1xf32>, %b: tensor<1xf32>) {
  // expected-error @+1 {{'func.call' op must return the 4 canonical weights (tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32>, tensor<1xf32>)}}
  %out:3 = func.call @import_pytorch_rnn_tanh(%w, %w, %b, %b)
      : (tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32>, tensor<1xf32>)
     -> (tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32>)
  return
}

// -----

// Keras' GRU with reset_after=False has one bias [3H]: the reset gate comes
// before the recurrent matmul, which the canonical GRU cannot express.

func.func private @import_keras_gru(tensor<3x6xf32>, tensor<2x6xf32>, tensor<6xf32>) -> ()
func.func @keras_gru_reset_before(%k: tensor<3x6xf32>, %rk: tensor<2x6xf32>, %b: tensor<6xf32>) {
  // expected-error @+1 {{keras GRU bias of shape [3H] (reset_after=False) is not supported: the canonical GRU (cuDNN, PyTorch) is reset_after=True}}
  func.call @import_keras_gru(%k, %rk, %b) : (tensor<3x6xf32>, tensor<2x6xf32>, tensor<6xf32>) -> ()
  return
}

// -----

func.func private @import_pytorch_gru(tensor<6x3xf32>, tensor<6x1xf32>, tensor<6xf32>, tensor<6xf32>, tensor<1x2xf32>) -> ()
func.func @pytorch_gru_weight_hr(%wih: tensor<6x3xf32>, %whh: tensor<6x1xf32>, %b: tensor<6xf32>, %whr: tensor<1x2xf32>) {
  // expected-error @+1 {{pytorch weight_hr (proj_size) is only supported for lstm, got gru}}
  func.call @import_pytorch_gru(%wih, %whh, %b, %b, %whr) : (tensor<6x3xf32>, tensor<6x1xf32>, tensor<6xf32>, tensor<6xf32>, tensor<1x2xf32>) -> ()
  return
}

// -----

// With proj_size = P weight_hh is [4H, P] (P from weight_hr [P, H]).
func.func private @import_pytorch_lstm(tensor<12x3xf32>, tensor<12x3xf32>, tensor<12xf32>, tensor<12xf32>, tensor<2x3xf32>) -> ()
func.func @pytorch_lstm_weight_hh_of_width_h(%wih: tensor<12x3xf32>, %whh: tensor<12x3xf32>, %b: tensor<12xf32>, %whr: tensor<2x3xf32>) {
  // expected-error @+1 {{pytorch weight_hh must be a float tensor of shape [12, 2], got 'tensor<12x3xf32>'}}
  func.call @import_pytorch_lstm(%wih, %whh, %b, %b, %whr) : (tensor<12x3xf32>, tensor<12x3xf32>, tensor<12xf32>, tensor<12xf32>, tensor<2x3xf32>) -> ()
  return
}
