// RUN: rnn-opt %s --convert-rnn-to-cublas --split-input-file -verify-diagnostics

// The cuBLAS fallback does not run the LSTM projection or bf16 yet (cuDNN
// does: ../RNNToCUDNN/projection-bf16.mlir): each is a diagnostic naming
// what is unsupported, never a forward without it.

func.func @num_proj(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x2xf32>,
                    %c_0: tensor<1x2x4xf32>, %params: tensor<120xf32>)
    -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'rnn.lstm' op with num_proj is not supported by the cuBLAS fallback of the cublas backend yet (the cudnn and cpu backends run it)}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>, tensor<120xf32>)
     -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @bf16(%x: tensor<5x2x3xbf16>, %h_0: tensor<1x2x4xbf16>,
                %params: tensor<36xbf16>) -> tensor<5x2x4xbf16> {
  // expected-error @+1 {{'rnn.rnn_tanh' op with bf16 is not supported by the cuBLAS fallback of the cublas backend yet (the cudnn and cpu backends run it)}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>)
     -> (tensor<5x2x4xbf16>, tensor<1x2x4xbf16>)
  return %y : tensor<5x2x4xbf16>
}
