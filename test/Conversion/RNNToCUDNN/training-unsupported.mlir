// RUN: rnn-opt %s --convert-rnn-to-cublas --split-input-file -verify-diagnostics

// The cuBLAS fallback has no backward yet: a reserve result or a grad op
// is a diagnostic naming the op, never a forward without its reserve, and
// nothing of the module is rewritten.

func.func @reserve(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                   %params: tensor<36xf32>) -> tensor<?xi8> {
  // expected-error @+1 {{returns a reserve, which the cuBLAS fallback does not produce yet (the cpu backend runs training, and the cudnn backend)}}
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
  // expected-error @+1 {{cannot run on the cuBLAS fallback, which has no backward yet (the cpu backend runs training, and the cudnn backend)}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return %dp : tensor<36xf32>
}
