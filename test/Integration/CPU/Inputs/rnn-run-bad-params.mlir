// Input of rnn-run-npz.mlir: params of the wrong packed size (24 expected).
func.func @main(%x: tensor<5x2x3xf32>, %h: tensor<1x2x3xf32>,
                %p: tensor<30xf32>) -> tensor<5x2x3xf32> {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3}
      : (tensor<5x2x3xf32>, tensor<1x2x3xf32>, tensor<30xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>)
  return %y : tensor<5x2x3xf32>
}
