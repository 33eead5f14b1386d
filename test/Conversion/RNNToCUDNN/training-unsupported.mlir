// RUN: rnn-opt %s --convert-rnn-to-cudnn --split-input-file -verify-diagnostics
// RUN: rnn-opt %s --convert-rnn-to-cublas --split-input-file -verify-diagnostics

// The GPU backends do not lower training with a reserve or grad ops yet:
// each is a diagnostic naming the op, never a forward without its reserve.
// (The same expected text serves both passes: it names the backend by
// pattern.)

func.func @reserve(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                   %params: tensor<36xf32>) -> tensor<?xi8> {
  // expected-error-re @+1 {{returns a reserve, which the {{cudnn|cublas}} backend does not produce yet (the cpu backend does)}}
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  return %reserve : tensor<?xi8>
}

// -----

func.func @grad(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) -> tensor<36xf32> {
  // expected-error-re @+1 {{is not supported by the {{cudnn|cublas}} backend yet (the cpu backend runs grad ops)}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return %dp : tensor<36xf32>
}

