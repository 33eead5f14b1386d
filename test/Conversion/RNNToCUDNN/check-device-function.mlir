// RUN: rnn-opt %s --rnn-check-device-function -split-input-file -verify-diagnostics

// Host computation on a device tensor is rejected with the op's name.
func.func @host_math(%x: tensor<2x1x3xf32>, %h: tensor<1x1x3xf32>, %p: tensor<24xf32>)
    -> tensor<2x1x3xf32> {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3}
      : (tensor<2x1x3xf32>, tensor<1x1x3xf32>, tensor<24xf32>)
     -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>)
  // expected-error @+1 {{'arith.addf' op is not supported by the GPU backends: it would touch device tensors on the host}}
  %z = arith.addf %y, %y : tensor<2x1x3xf32>
  return %z : tensor<2x1x3xf32>
}

// -----

// Reshapes, casts, constants and rnn ops are fine.
func.func @ok(%x: tensor<2x1x3xf32>, %h: tensor<1x1x3xf32>) -> tensor<?x1x3xf32> {
  %p = arith.constant dense<0.1> : tensor<24xf32>
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3}
      : (tensor<2x1x3xf32>, tensor<1x1x3xf32>, tensor<24xf32>)
     -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>)
  %c = tensor.cast %y : tensor<2x1x3xf32> to tensor<?x1x3xf32>
  return %c : tensor<?x1x3xf32>
}
