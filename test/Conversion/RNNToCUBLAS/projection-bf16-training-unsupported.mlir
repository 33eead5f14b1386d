// RUN: rnn-opt %s --convert-rnn-to-cublas --split-input-file -verify-diagnostics

// The cuBLAS fallback's forward runs the LSTM projection and bf16
// (./projection-bf16.mlir), its backward neither: a reserve result or a
// grad op with either is a diagnostic naming what is unsupported, never a
// training step without it.

func.func @num_proj_reserve(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>,
                            %c_0: tensor<1x2x4xf32>, %params: tensor<120xf32>)
    -> tensor<?xi8> {
  // expected-error @+1 {{'rnn.lstm' op with num_proj has no backward on the cuBLAS fallback of the cublas backend yet (the cpu backend trains it, and the cudnn backend)}}
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  return %reserve : tensor<?xi8>
}

// -----

func.func @bf16_grad(%x: tensor<5x2x3xbf16>, %h_0: tensor<1x2x4xbf16>,
    %params: tensor<36xbf16>, %y: tensor<5x2x4xbf16>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xbf16>, %dh_n: tensor<1x2x4xbf16>) -> tensor<36xbf16> {
  // expected-error @+1 {{'rnn.rnn_tanh_grad' op with bf16 has no backward on the cuBLAS fallback of the cublas backend yet (the cpu backend trains it, and the cudnn backend)}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>, tensor<5x2x4xbf16>,
         tensor<?xi8>, tensor<5x2x4xbf16>, tensor<1x2x4xbf16>)
     -> (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>)
  return %dp : tensor<36xbf16>
}
