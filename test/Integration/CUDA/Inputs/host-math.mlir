// Host arithmetic on a device tensor (see ../errors.mlir).
func.func @host_math(%x: tensor<2x1x3xf32>, %h: tensor<1x1x3xf32>, %p: tensor<24xf32>)
    -> tensor<2x1x3xf32> {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3}
      : (tensor<2x1x3xf32>, tensor<1x1x3xf32>, tensor<24xf32>)
     -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>)
  %z = arith.addf %y, %y : tensor<2x1x3xf32>
  return %z : tensor<2x1x3xf32>
}
