// RUN: rnn-opt %s --convert-rnn-to-cublas -verify-diagnostics

// The cuBLAS fallback's forward runs the LSTM projection
// (./projection-bf16.mlir), its backward not yet: a reserve result with
// num_proj is a diagnostic, never a training step without the projection.

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
