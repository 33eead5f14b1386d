// RUN: rnn-opt %s -split-input-file -verify-diagnostics

// Every verifier error of the training forward's reserve and of the grad
// ops. Unless a case says otherwise: RNN tanh, I = 3, H = 4, L = 1, T = 5,
// B = 2, params 36.

func.func @reserve_without_training(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                    %params: tensor<36xf32>) {
  // expected-error @+1 {{returns a reserve, which only a training forward (is_training = true) keeps}}
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  return
}

// -----

func.func @reserve_static_size(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                               %params: tensor<36xf32>) {
  // expected-error @+1 {{reserve must be tensor<?xi8> (its size is the backend's), got 'tensor<100xi8>'}}
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<100xi8>)
  return
}

// -----

func.func @reserve_element_type(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                %params: tensor<36xf32>) {
  // expected-error @+1 {{result #2 must be 1D tensor of 8-bit signless integer values}}
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<?xf32>)
  return
}

// -----

func.func @grad_not_training(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{differentiates a training forward: is_training must be true or absent}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, is_training = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_params_size(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<40xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{params must have the packed size 36, got 40}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<40xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<40xf32>)
  return
}

// -----

func.func @grad_y_shape(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<4x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{y must have shape [T, B, D*H] = [5, 2, 4], got [4, 2, 4]}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<4x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_dy_shape(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x8xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{dy must have shape [T, B, D*H] = [5, 2, 4], got [5, 2, 8]}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x8xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_dh_n_shape(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<2x2x4xf32>) {
  // expected-error @+1 {{dh_n must have shape [L*D, B, H] = [1, 2, 4], got [2, 2, 4]}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<2x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

// LSTM I = 3, H = 4: params 144.
func.func @grad_dc_n_shape(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>, %y: tensor<5x2x4xf32>,
    %reserve: tensor<?xi8>, %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>,
    %dc_n: tensor<1x3x4xf32>) {
  // expected-error @+1 {{dc_n must have shape [L*D, B, H] = [1, 2, 4], got [1, 3, 4]}}
  %dx, %dh_0, %dc_0, %dp = rnn.lstm_grad %x, %h_0, %c_0, %params, %y, %reserve,
      %dy, %dh_n, %dc_n {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>,
         tensor<5x2x4xf32>, tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>,
         tensor<1x3x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
  return
}

// -----

func.func @grad_dx_shape(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{dx must have shape x's shape = [5, 2, 3], got [5, 2, 4]}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_dh_0_shape(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{dh_0 must have shape [L*D, B, H] = [1, 2, 4], got [1, 2, 5]}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x5xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_dparams_type(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{dparams must have the type of params, 'tensor<36xf32>', got 'tensor<?xf32>'}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<?xf32>)
  return
}

// -----

func.func @grad_element_type(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf64>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{dy element type 'f64' must match x element type 'f32'}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf64>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_reserve_static(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<64xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{reserve must be tensor<?xi8> (its size is the backend's), got 'tensor<64xi8>'}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<64xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_dropout_range(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{dropout must be in [0, 1), got 1}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, dropout = 1.0 : f32}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_skip_input_size(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{skip_input requires input size == num_units (4), got input size 3}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<skip_input>}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

// Batch-major: x [B, T, I] = [5, 2, 3] makes B = 5.
func.func @grad_batch_major_state(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{'rnn.rnn_tanh_grad' op h_0 must have shape [L*D, B, H] = [1, 5, 4], got [1, 2, 4]}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_missing_operand(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>) {
  // expected-error @+1 {{expected 7 or more operands, but found 6}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_batch_major_dy(%x: tensor<2x5x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<2x5x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  // expected-error @+1 {{'rnn.rnn_tanh_grad' op dy must have shape [B, T, D*H] = [2, 5, 4], got [5, 2, 4]}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<2x5x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_seq_lengths_batch(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>, %lengths: tensor<4xi32>) {
  // expected-error @+1 {{'rnn.rnn_tanh_grad' op seq_lengths must have shape [B] = [2], got [4]}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n, %lengths
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<4xi32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

func.func @grad_seq_lengths_f32(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>, %lengths: tensor<2xf32>) {
  // expected-error @+1 {{'rnn.rnn_tanh_grad' op operand #7 must be 1D tensor of 32-bit signless integer values, but got 'tensor<2xf32>'}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n, %lengths
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<2xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}
