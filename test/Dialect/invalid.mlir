// RUN: rnn-opt %s -split-input-file -verify-diagnostics

// One case per diagnostic of the rnn dialect. Every message names the operand
// or attribute and the expected shape or value.

//===----------------------------------------------------------------------===//
// Compute ops: attributes
//===----------------------------------------------------------------------===//

func.func @num_layers_zero(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x64xf32>,
                           %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // The attribute dictionary carries the error location.
  // expected-error @+2 {{attribute 'num_layers' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 0, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

func.func @num_units_zero(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                          %params: tensor<36xf32>) {
  // expected-error @+1 {{attribute 'num_units' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %y, %h_n = rnn.gru %x, %h_0, %params {num_layers = 1, num_units = 0}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @num_units_negative(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                              %params: tensor<36xf32>) {
  // expected-error @+1 {{attribute 'num_units' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = -4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @dropout_negative(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                            %params: tensor<36xf32>) {
  // expected-error @+1 {{dropout must be in [0, 1), got -5.000000e-01}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params
      {num_layers = 1, num_units = 4, dropout = -0.5 : f32, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @dropout_one(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                       %params: tensor<36xf32>) {
  // expected-error @+1 {{dropout must be in [0, 1), got 1.000000e+00}}
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params
      {num_layers = 1, num_units = 4, dropout = 1.0 : f32, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// dropout is an f32 attribute: a bare float literal is f64.
func.func @dropout_not_f32(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                           %params: tensor<36xf32>) {
  // expected-error @+2 {{attribute 'dropout' failed to satisfy constraint: 32-bit float attribute}}
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params
      {num_layers = 1, num_units = 4, dropout = 0.5}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// Attributes the op does not declare are rejected, not silently ignored:
// linear_before_reset and time_major are not implemented yet.
func.func @gru_unknown_attribute(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                 %params: tensor<108xf32>) {
  // expected-error @+1 {{'rnn.gru' op unknown attribute 'bogus_attr'}}
  %y, %h_n = rnn.gru %x, %h_0, %params {num_layers = 1, num_units = 4, bogus_attr = 3}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// linear_before_reset is GRU's alone.
func.func @rnn_linear_before_reset(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                   %params: tensor<36xf32>) {
  // expected-error @+1 {{'rnn.rnn_tanh' op unknown attribute 'linear_before_reset'}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params
      {num_layers = 1, num_units = 4, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// Batch-major: x [B, T, I] = [5, 2, 3] makes B = 5.
func.func @lstm_batch_major_state(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                           %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>) {
  // expected-error @+1 {{'rnn.lstm' op h_0 must have shape [L*D, B, H] = [1, 5, 4], got [1, 2, 4]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @rnn_relu_num_proj(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                              %params: tensor<36xf32>) {
  // expected-error @+1 {{'rnn.rnn_relu' op num_proj is only supported by lstm, got mode rnn_relu}}
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @unknown_direction(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                             %params: tensor<36xf32>) {
  // expected-error @+2 {{expected ::mlir::rnn::Direction to be one of: unidirectional, bidirectional}}
  // expected-error @+1 {{failed to parse RNN_DirectionAttr parameter 'value'}}
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params {num_layers = 1, num_units = 4, direction = #rnn.direction<forward>}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @unknown_input_mode(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                              %params: tensor<36xf32>) {
  // expected-error @+2 {{expected ::mlir::rnn::InputMode to be one of: linear_input, skip_input, auto_select}}
  // expected-error @+1 {{failed to parse RNN_InputModeAttr parameter 'value'}}
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<skip>}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// A typo in num_layers must not make the verifier build a huge layout.
func.func @num_layers_too_large(%x: tensor<5x2x3xf32>, %h_0: tensor<2000000x2x4xf32>,
                                %params: tensor<?xf32>) {
  // expected-error @+1 {{num_layers must be at most 524288 for this mode and direction, got 2000000}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 2000000, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<2000000x2x4xf32>, tensor<?xf32>)
     -> (tensor<5x2x4xf32>, tensor<2000000x2x4xf32>)
  return
}

// -----

func.func @packed_size_overflow(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4294967296xf32>,
                                %params: tensor<?xf32>) {
  // expected-error @+1 {{packed params size overflows int64 (num_units = 4294967296, input size = 3)}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4294967296}
      : (tensor<5x2x3xf32>, tensor<1x2x4294967296xf32>, tensor<?xf32>)
     -> (tensor<5x2x4294967296xf32>, tensor<1x2x4294967296xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// Compute ops: LSTM projection (num_proj); I = 3, H = 4, P = 2 packs 120
//===----------------------------------------------------------------------===//

func.func @num_proj_not_less_than_num_units(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>, %c_0: tensor<1x2x4xf32>,
    %params: tensor<144xf32>) {
  // expected-error @+1 {{'rnn.lstm' op num_proj must be less than num_units (4), got 4}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @num_proj_zero(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>, %c_0: tensor<1x2x4xf32>,
    %params: tensor<144xf32>) {
  // expected-error @+2 {{attribute 'num_proj' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 0}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @num_proj_h_0_of_width_h(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>, %c_0: tensor<1x2x4xf32>,
    %params: tensor<120xf32>) {
  // expected-error @+1 {{'rnn.lstm' op h_0 must have shape [L*D, B, P] = [1, 2, 2], got [1, 2, 4]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<120xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @num_proj_c_0_of_width_p(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>, %c_0: tensor<1x2x2xf32>,
    %params: tensor<120xf32>) {
  // expected-error @+1 {{'rnn.lstm' op c_0 must have shape [L*D, B, H] = [1, 2, 4], got [1, 2, 2]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<120xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @num_proj_params_size(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>, %c_0: tensor<1x2x4xf32>,
    %params: tensor<144xf32>) {
  // expected-error @+1 {{'rnn.lstm' op params must have the packed size 120, got 144}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @num_proj_y_of_width_h(
    %x: tensor<5x2x3xf32>, %h_0: tensor<2x2x2xf32>, %c_0: tensor<2x2x4xf32>,
    %params: tensor<240xf32>) {
  // expected-error @+1 {{'rnn.lstm' op y must have shape [T, B, D*P] = [5, 2, 4], got [5, 2, 8]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2,
       direction = #rnn.direction<bidirectional>}
      : (tensor<5x2x3xf32>, tensor<2x2x2xf32>, tensor<2x2x4xf32>, tensor<240xf32>)
     -> (tensor<5x2x8xf32>, tensor<2x2x2xf32>, tensor<2x2x4xf32>)
  return
}

// -----

func.func @num_proj_h_n_of_width_h(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>, %c_0: tensor<1x2x4xf32>,
    %params: tensor<120xf32>) {
  // expected-error @+1 {{'rnn.lstm' op h_n must have shape [L*D, B, P] = [1, 2, 2], got [1, 2, 4]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @num_proj_c_n_of_width_p(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>, %c_0: tensor<1x2x4xf32>,
    %params: tensor<120xf32>) {
  // expected-error @+1 {{'rnn.lstm' op c_n must have shape [L*D, B, H] = [1, 2, 4], got [1, 2, 2]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return
}

// -----

func.func @num_proj_grad_dh_n(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>, %c_0: tensor<1x2x4xf32>,
    %params: tensor<120xf32>, %y: tensor<5x2x2xf32>, %reserve: tensor<?xi8>,
    %dh_n: tensor<1x2x4xf32>, %dc_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{'rnn.lstm_grad' op dh_n must have shape [L*D, B, P] = [1, 2, 2], got [1, 2, 4]}}
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %y, %dh_n, %dc_n {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>,
         tensor<5x2x2xf32>, tensor<?xi8>, tensor<5x2x2xf32>, tensor<1x2x4xf32>,
         tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>)
  return
}

// -----

func.func @num_proj_grad_dc_0(
    %x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>, %c_0: tensor<1x2x4xf32>,
    %params: tensor<120xf32>, %y: tensor<5x2x2xf32>, %reserve: tensor<?xi8>,
    %dh_n: tensor<1x2x2xf32>, %dc_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{'rnn.lstm_grad' op dc_0 must have shape [L*D, B, H] = [1, 2, 4], got [1, 2, 2]}}
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %y, %dh_n, %dc_n {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>,
         tensor<5x2x2xf32>, tensor<?xi8>, tensor<5x2x2xf32>, tensor<1x2x2xf32>,
         tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<120xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// Compute ops: element types
//===----------------------------------------------------------------------===//

func.func @i32_rejected(%x: tensor<5x2x3xi32>, %h_0: tensor<1x2x4xi32>,
                        %params: tensor<36xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<5x2x3xi32>'}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xi32>, tensor<1x2x4xi32>, tensor<36xi32>)
     -> (tensor<5x2x4xi32>, tensor<1x2x4xi32>)
  return
}

// -----

func.func @bf16_params_f16(%x: tensor<5x2x3xbf16>, %h_0: tensor<1x2x4xbf16>,
                            %params: tensor<36xf16>) {
  // expected-error @+1 {{params element type 'f16' must match x element type 'bf16'}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xf16>)
     -> (tensor<5x2x4xbf16>, tensor<1x2x4xbf16>)
  return
}

// -----

func.func @h_0_element_type(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf64>,
                            %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>) {
  // expected-error @+1 {{h_0 element type 'f64' must match x element type 'f32'}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf64>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @c_0_element_type(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                            %c_0: tensor<1x2x4xf16>, %params: tensor<144xf32>) {
  // expected-error @+1 {{c_0 element type 'f16' must match x element type 'f32'}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf16>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @params_element_type(%x: tensor<5x2x3xf16>, %h_0: tensor<1x2x4xf16>,
                               %params: tensor<36xf32>) {
  // expected-error @+1 {{params element type 'f32' must match x element type 'f16'}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf16>, tensor<1x2x4xf16>, tensor<36xf32>)
     -> (tensor<5x2x4xf16>, tensor<1x2x4xf16>)
  return
}

// -----

func.func @y_element_type(%x: tensor<5x2x3xf64>, %h_0: tensor<1x2x4xf64>,
                          %params: tensor<36xf64>) {
  // expected-error @+1 {{y element type 'f32' must match x element type 'f64'}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf64>, tensor<1x2x4xf64>, tensor<36xf64>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf64>)
  return
}

// -----

func.func @h_n_element_type(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                            %params: tensor<36xf32>) {
  // expected-error @+1 {{h_n element type 'f16' must match x element type 'f32'}}
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf16>)
  return
}

// -----

func.func @c_n_element_type(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                            %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>) {
  // expected-error @+1 {{c_n element type 'f64' must match x element type 'f32'}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf64>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// Compute ops: shapes
//===----------------------------------------------------------------------===//

func.func @x_rank_2(%x: tensor<16x32xf32>, %h_0: tensor<4x4x64xf32>,
                    %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{x must be a rank-3 tensor [T, B, I], got rank 2}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

func.func @x_dynamic_input_size(%x: tensor<16x4x?xf32>, %h_0: tensor<4x4x64xf32>,
                                %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{x must have a static, non-zero input size I (dim 2), got [16, 4, ?]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x?xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

// pack_params needs input_size >= 1, so the compute ops need I >= 1 too.
func.func @x_zero_input_size(%x: tensor<5x2x0xf32>, %h_0: tensor<1x2x4xf32>,
                             %params: tensor<?xf32>) {
  // expected-error @+1 {{x must have a static, non-zero input size I (dim 2), got [5, 2, 0]}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x0xf32>, tensor<1x2x4xf32>, tensor<?xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @skip_input_size_mismatch(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x64xf32>,
                                    %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{skip_input requires input size == num_units (64), got input size 32}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>,
       input_mode = #rnn.input_mode<skip_input>}
      : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

func.func @skip_input_size_mismatch_gru(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                        %params: tensor<?xf32>) {
  // expected-error @+1 {{skip_input requires input size == num_units (4), got input size 3}}
  %y, %h_n = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<skip_input>}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<?xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// h_0 dim 0 is L*D = 4 for two bidirectional layers.
func.func @h_0_wrong_layers(%x: tensor<16x4x32xf32>, %h_0: tensor<2x4x64xf32>,
                            %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{h_0 must have shape [L*D, B, H] = [4, 4, 64], got [2, 4, 64]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x32xf32>, tensor<2x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

func.func @h_0_wrong_batch(%x: tensor<16x4x32xf32>, %h_0: tensor<4x8x64xf32>,
                           %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{h_0 must have shape [L*D, B, H] = [4, 4, 64], got [4, 8, 64]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x32xf32>, tensor<4x8x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

func.func @h_0_wrong_units(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x32xf32>,
                           %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{h_0 must have shape [L*D, B, H] = [4, 4, 64], got [4, 4, 32]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x32xf32>, tensor<4x4x32xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

// With a dynamic batch in x, B prints as ?.
func.func @h_0_wrong_rank(%x: tensor<16x?x32xf32>, %h_0: tensor<4x64xf32>,
                          %c_0: tensor<4x?x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{h_0 must have shape [L*D, B, H] = [4, ?, 64], got [4, 64]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x?x32xf32>, tensor<4x64xf32>, tensor<4x?x64xf32>, tensor<149504xf32>)
     -> (tensor<16x?x128xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>)
  return
}

// -----

func.func @c_0_wrong_shape(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x64xf32>,
                           %c_0: tensor<2x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{c_0 must have shape [L*D, B, H] = [4, 4, 64], got [2, 4, 64]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<2x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

func.func @params_not_1d(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x64xf32>,
                         %c_0: tensor<4x4x64xf32>, %params: tensor<2x74752xf32>) {
  // expected-error @+1 {{params must be a 1-D tensor, got rank 2}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<2x74752xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

// 149504 is the bidirectional size; one direction needs 58368 floats.
func.func @params_wrong_size(%x: tensor<16x4x32xf32>, %h_0: tensor<2x4x64xf32>,
                             %c_0: tensor<2x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{params must have the packed size 58368, got 149504}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params {num_layers = 2, num_units = 64}
      : (tensor<16x4x32xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x64xf32>, tensor<2x4x64xf32>, tensor<2x4x64xf32>)
  return
}

// -----

// skip_input drops layer 0's W matrices: 256 floats, not
// linear_input's 320.
func.func @params_wrong_size_skip_input(%x: tensor<5x2x4xf32>, %h_0: tensor<2x2x4xf32>,
                                        %c_0: tensor<2x2x4xf32>, %params: tensor<320xf32>) {
  // expected-error @+1 {{params must have the packed size 256, got 320}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 4, input_mode = #rnn.input_mode<auto_select>}
      : (tensor<5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<320xf32>)
     -> (tensor<5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
  return
}

// -----

func.func @y_wrong_features(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x64xf32>,
                            %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{y must have shape [T, B, D*H] = [16, 4, 128], got [16, 4, 64]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x64xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return
}

// -----

func.func @y_wrong_time(%x: tensor<16x?x32xf32>, %h_0: tensor<4x?x64xf32>,
                        %c_0: tensor<4x?x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{y must have shape [T, B, D*H] = [16, ?, 128], got [15, 4, 128]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x?x32xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>, tensor<149504xf32>)
     -> (tensor<15x4x128xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>)
  return
}

// -----

func.func @h_n_wrong_shape(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                           %params: tensor<36xf32>) {
  // expected-error @+1 {{h_n must have shape [L*D, B, H] = [1, 2, 4], got [2, 2, 4]}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<2x2x4xf32>)
  return
}

// -----

func.func @c_n_wrong_shape(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x64xf32>,
                           %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>) {
  // expected-error @+1 {{c_n must have shape [L*D, B, H] = [4, 4, 64], got [4, 4, 128]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x128xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// pack_params / unpack_params
//===----------------------------------------------------------------------===//

func.func @pack_unknown_attribute(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+1 {{'rnn.pack_params' op unknown attribute 'bogus_attr'}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3, bogus_attr = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<36xf32>
  return
}

// -----

func.func @unpack_unknown_attribute(%params: tensor<36xf32>) {
  // expected-error @+1 {{'rnn.unpack_params' op unknown attribute 'time_major'}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3, time_major = true}
      : (tensor<36xf32>)
     -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @pack_num_proj_gru(%params: tensor<36xf32>) {
  // expected-error @+1 {{'rnn.unpack_params' op num_proj is only supported by lstm, got mode gru}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<gru>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<36xf32>)
     -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @pack_num_proj_too_large(%c0: tensor<4x3xf32>, %c1: tensor<4xf32>) {
  // expected-error @+1 {{'rnn.pack_params' op num_proj must be less than num_units (4), got 5}}
  %params = rnn.pack_params %c0, %c1
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 5}
      : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<120xf32>
  return
}

// -----

func.func @pack_num_proj_recurrent_of_width_h(
    %w: tensor<4x3xf32>, %r: tensor<4x4xf32>, %p: tensor<2x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'rnn.pack_params' op canonical operand #4 (matrix of layer 0, direction 0, id 4) must have shape [4, 2], got [4, 4]}}
  %params = rnn.pack_params %w, %w, %w, %w, %r, %r, %r, %r, %p, %b, %b, %b, %b, %b, %b, %b, %b
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<120xf32>
  return
}

// -----

func.func @unpack_num_proj_projection_shape(%params: tensor<120xf32>) {
  // expected-error @+1 {{'rnn.unpack_params' op canonical result #8 (matrix of layer 0, direction 0, id 8) must have shape [2, 4], got [4, 2]}}
  %w:17 = rnn.unpack_params %params
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<120xf32>)
     -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>,
         tensor<4x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @pack_input_size_zero(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+2 {{attribute 'input_size' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 0}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<36xf32>
  return
}

// -----

func.func @pack_num_layers_zero(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+2 {{attribute 'num_layers' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 0, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<36xf32>
  return
}

// -----

func.func @pack_missing_mode(%c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+1 {{requires attribute 'mode'}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<36xf32>
  return
}

// -----

func.func @pack_skip_input_size_mismatch(
    %c0: tensor<4x4xf32>, %c1: tensor<4xf32>, %c2: tensor<4xf32>) {
  // expected-error @+1 {{skip_input requires input size == num_units (4), got input size 3}}
  %params = rnn.pack_params %c0, %c1, %c2
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3,
       input_mode = #rnn.input_mode<skip_input>}
      : (tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<24xf32>
  return
}

// -----

func.func @pack_wrong_operand_count(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>) {
  // expected-error @+1 {{expects 4 canonical operands (2 matrices then 2 biases), got 3}}
  %params = rnn.pack_params %c0, %c1, %c2
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>)
     -> tensor<36xf32>
  return
}

// -----

func.func @pack_contract_missing_bias(
    %c0: tensor<64x32xf32>, %c1: tensor<64x32xf32>, %c2: tensor<64x32xf32>, %c3: tensor<64x32xf32>,
    %c4: tensor<64x64xf32>, %c5: tensor<64x64xf32>, %c6: tensor<64x64xf32>, %c7: tensor<64x64xf32>,
    %c8: tensor<64x32xf32>, %c9: tensor<64x32xf32>, %c10: tensor<64x32xf32>, %c11: tensor<64x32xf32>,
    %c12: tensor<64x64xf32>, %c13: tensor<64x64xf32>, %c14: tensor<64x64xf32>, %c15: tensor<64x64xf32>,
    %c16: tensor<64x128xf32>, %c17: tensor<64x128xf32>, %c18: tensor<64x128xf32>, %c19: tensor<64x128xf32>,
    %c20: tensor<64x64xf32>, %c21: tensor<64x64xf32>, %c22: tensor<64x64xf32>, %c23: tensor<64x64xf32>,
    %c24: tensor<64x128xf32>, %c25: tensor<64x128xf32>, %c26: tensor<64x128xf32>, %c27: tensor<64x128xf32>,
    %c28: tensor<64x64xf32>, %c29: tensor<64x64xf32>, %c30: tensor<64x64xf32>, %c31: tensor<64x64xf32>,
    %c32: tensor<64xf32>, %c33: tensor<64xf32>, %c34: tensor<64xf32>, %c35: tensor<64xf32>,
    %c36: tensor<64xf32>, %c37: tensor<64xf32>, %c38: tensor<64xf32>, %c39: tensor<64xf32>,
    %c40: tensor<64xf32>, %c41: tensor<64xf32>, %c42: tensor<64xf32>, %c43: tensor<64xf32>,
    %c44: tensor<64xf32>, %c45: tensor<64xf32>, %c46: tensor<64xf32>, %c47: tensor<64xf32>,
    %c48: tensor<64xf32>, %c49: tensor<64xf32>, %c50: tensor<64xf32>, %c51: tensor<64xf32>,
    %c52: tensor<64xf32>, %c53: tensor<64xf32>, %c54: tensor<64xf32>, %c55: tensor<64xf32>,
    %c56: tensor<64xf32>, %c57: tensor<64xf32>, %c58: tensor<64xf32>, %c59: tensor<64xf32>,
    %c60: tensor<64xf32>, %c61: tensor<64xf32>, %c62: tensor<64xf32>) {
  // expected-error @+1 {{expects 64 canonical operands (32 matrices then 32 biases), got 63}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3, %c4, %c5, %c6, %c7, %c8, %c9, %c10, %c11,
      %c12, %c13, %c14, %c15, %c16, %c17, %c18, %c19, %c20, %c21, %c22, %c23,
      %c24, %c25, %c26, %c27, %c28, %c29, %c30, %c31, %c32, %c33, %c34, %c35,
      %c36, %c37, %c38, %c39, %c40, %c41, %c42, %c43, %c44, %c45, %c46, %c47,
      %c48, %c49, %c50, %c51, %c52, %c53, %c54, %c55, %c56, %c57, %c58, %c59,
      %c60, %c61, %c62
      {mode = #rnn.mode<lstm>, num_layers = 2, num_units = 64, input_size = 32,
       direction = #rnn.direction<bidirectional>}
      : (tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>)
     -> tensor<149504xf32>
  return
}

// -----

// The recurrent matrix R is [H, H].
func.func @pack_wrong_matrix_shape(
    %c0: tensor<4x3xf32>, %c1: tensor<4x3xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+1 {{canonical operand #1 (matrix of layer 0, direction 0, id 1) must have shape [4, 4], got [4, 3]}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<36xf32>
  return
}

// -----

// Matrices are [H, in], not [in, H].
func.func @pack_transposed_matrix(
    %c0: tensor<3x4xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+1 {{canonical operand #0 (matrix of layer 0, direction 0, id 0) must have shape [4, 3], got [3, 4]}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<3x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<36xf32>
  return
}

// -----

func.func @pack_wrong_bias_shape(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<5xf32>) {
  // expected-error @+1 {{canonical operand #3 (bias of layer 0, direction 0, id 1) must have shape [4], got [5]}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<5xf32>)
     -> tensor<36xf32>
  return
}

// -----

func.func @pack_wrong_element_type(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf64>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+1 {{canonical operand #1 element type 'f64' must match params element type 'f32'}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf64>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<36xf32>
  return
}

// -----

func.func @pack_result_wrong_size(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+1 {{params must have the packed size 36, got 37}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<37xf32>
  return
}

// -----

func.func @pack_result_not_1d(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+1 {{result #0 must be 1D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<6x6xf32>'}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<6x6xf32>
  return
}

// -----

func.func @pack_i32_rejected(
    %c0: tensor<4x3xi32>, %c1: tensor<4x4xi32>, %c2: tensor<4xi32>, %c3: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be variadic of ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4x3xi32>'}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xi32>, tensor<4x4xi32>, tensor<4xi32>, tensor<4xi32>)
     -> tensor<36xi32>
  return
}

// -----

func.func @pack_num_layers_too_large(
    %c0: tensor<4x3xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4xf32>, %c3: tensor<4xf32>) {
  // expected-error @+1 {{num_layers must be at most 524288 for this mode and direction, got 10000000000}}
  %params = rnn.pack_params %c0, %c1, %c2, %c3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 10000000000, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
     -> tensor<36xf32>
  return
}

// -----

func.func @unpack_skip_input_size_mismatch(%params: tensor<24xf32>) {
  // expected-error @+1 {{skip_input requires input size == num_units (4), got input size 3}}
  %w:3 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3,
       input_mode = #rnn.input_mode<skip_input>}
      : (tensor<24xf32>)
     -> (tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @unpack_wrong_result_count(%params: tensor<36xf32>) {
  // expected-error @+1 {{expects 4 canonical results (2 matrices then 2 biases), got 5}}
  %w:5 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>)
     -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>)
  return
}

// -----

func.func @unpack_wrong_result_shape(%params: tensor<36xf32>) {
  // expected-error @+1 {{canonical result #2 (bias of layer 0, direction 0, id 0) must have shape [4], got [3]}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>)
     -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<3xf32>, tensor<4xf32>)
  return
}

// -----

// auto_select with I != H keeps layer 0 W: [H, I].
func.func @unpack_wrong_matrix_shape(%params: tensor<36xf32>) {
  // expected-error @+1 {{canonical result #0 (matrix of layer 0, direction 0, id 0) must have shape [4, 3], got [4, 4]}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<36xf32>)
     -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @unpack_wrong_element_type(%params: tensor<36xf32>) {
  // expected-error @+1 {{canonical result #3 element type 'f16' must match params element type 'f32'}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>)
     -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf16>)
  return
}

// -----

func.func @unpack_params_wrong_size(%params: tensor<35xf32>) {
  // expected-error @+1 {{params must have the packed size 36, got 35}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<35xf32>)
     -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @unpack_params_not_1d(%params: tensor<4x9xf32>) {
  // expected-error @+1 {{operand #0 must be 1D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4x9xf32>'}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x9xf32>)
     -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @unpack_i32_rejected(%params: tensor<36xi32>) {
  // expected-error @+1 {{operand #0 must be 1D tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<36xi32>'}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xi32>)
     -> (tensor<4x3xi32>, tensor<4x4xi32>, tensor<4xi32>, tensor<4xi32>)
  return
}

// -----

func.func @unpack_size_overflow(%params: tensor<36xf32>) {
  // expected-error @+1 {{packed params size overflows int64 (num_units = 4, input size = 4611686018427387904)}}
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 4611686018427387904}
      : (tensor<36xf32>)
     -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @unknown_mode(%params: tensor<36xf32>) {
  // expected-error @+2 {{expected ::mlir::rnn::Mode to be one of: rnn_relu, rnn_tanh, lstm, gru}}
  // expected-error @+1 {{failed to parse RNN_ModeAttr parameter 'value'}}
  %w:4 = rnn.unpack_params %params {mode = #rnn.mode<rnn_sigmoid>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @lstm_batch_major_output(%x: tensor<2x5x3xf32>, %h_0: tensor<1x2x4xf32>,
                                   %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>) {
  // expected-error @+1 {{'rnn.lstm' op y must have shape [B, T, D*H] = [2, 5, 4], got [5, 2, 4]}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @gru_batch_major_rank(%x: tensor<2x5xf32>, %h_0: tensor<1x2x8xf32>,
                                %params: tensor<432xf32>) {
  // expected-error @+1 {{'rnn.gru' op x must be a rank-3 tensor [B, T, I], got rank 2}}
  %y, %h_n = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 8, time_major = false}
      : (tensor<2x5xf32>, tensor<1x2x8xf32>, tensor<432xf32>)
     -> (tensor<5x2x8xf32>, tensor<1x2x8xf32>)
  return
}

// -----

func.func @rnn_tanh_seq_lengths_batch(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                      %params: tensor<36xf32>, %lengths: tensor<3xi32>) {
  // expected-error @+1 {{'rnn.rnn_tanh' op seq_lengths must have shape [B] = [2], got [3]}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params, %lengths {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<3xi32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @rnn_relu_seq_lengths_batch_major(%x: tensor<5x2x3xf32>, %h_0: tensor<1x5x4xf32>,
                                            %params: tensor<36xf32>, %lengths: tensor<2xi32>) {
  // expected-error @+1 {{'rnn.rnn_relu' op seq_lengths must have shape [B] = [5], got [2]}}
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params, %lengths
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<5x2x3xf32>, tensor<1x5x4xf32>, tensor<36xf32>, tensor<2xi32>)
     -> (tensor<5x2x4xf32>, tensor<1x5x4xf32>)
  return
}

// -----

func.func @gru_seq_lengths_i64(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                               %params: tensor<108xf32>, %lengths: tensor<2xi64>) {
  // expected-error @+1 {{'rnn.gru' op operand #3 must be 1D tensor of 32-bit signless integer values, but got 'tensor<2xi64>'}}
  %y, %h_n = rnn.gru %x, %h_0, %params, %lengths {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>, tensor<2xi64>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @lstm_seq_lengths_rank(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                 %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>,
                                 %lengths: tensor<2x1xi32>) {
  // expected-error @+1 {{'rnn.lstm' op operand #4 must be 1D tensor of 32-bit signless integer values, but got 'tensor<2x1xi32>'}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params, %lengths {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>, tensor<2x1xi32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}
