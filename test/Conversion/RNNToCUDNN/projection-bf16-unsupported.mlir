// RUN: rnn-opt %s --convert-rnn-to-cudnn --split-input-file -verify-diagnostics
// RUN: rnn-opt %s --convert-rnn-to-cublas --split-input-file -verify-diagnostics

// The GPU backends do not run the LSTM projection or bf16 yet: each is a
// diagnostic naming what is unsupported, never a forward without it.

func.func @num_proj(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>,
                    %c_0: tensor<1x2x4xf32>, %params: tensor<120xf32>)
    -> tensor<5x2x2xf32> {
  // expected-error-re @+1 {{'rnn.lstm' op with num_proj is not supported by the {{cudnn|cublas}} backend yet (the cpu backend runs it)}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @bf16(%x: tensor<5x2x3xbf16>, %h_0: tensor<1x2x4xbf16>,
                %params: tensor<36xbf16>) -> tensor<5x2x4xbf16> {
  // expected-error-re @+1 {{'rnn.rnn_tanh' op element type is not supported by the {{cudnn|cublas}} backend (f16, f32, f64)}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>)
     -> (tensor<5x2x4xbf16>, tensor<1x2x4xbf16>)
  return %y : tensor<5x2x4xbf16>
}
