// Input of rnn-run-npz.mlir: a GRU whose arguments carry rnn.name.
func.func @main(%x: tensor<5x2x3xf32> {rnn.name = "x"},
                %h: tensor<1x2x4xf32> {rnn.name = "h_0"},
                %p: tensor<108xf32> {rnn.name = "params"})
    -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %hn : tensor<5x2x4xf32>, tensor<1x2x4xf32>
}
