// An LSTM with 1024 units and a batch of 16: too large for cuDNN's
// small-hidden persistent kernel.
func.func @main(%x: tensor<6x16x32xf32>, %h: tensor<1x16x1024xf32>, %c: tensor<1x16x1024xf32>,
                %p: tensor<4333568xf32>)
    -> (tensor<6x16x1024xf32>, tensor<1x16x1024xf32>, tensor<1x16x1024xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 1024}
      : (tensor<6x16x32xf32>, tensor<1x16x1024xf32>, tensor<1x16x1024xf32>, tensor<4333568xf32>)
     -> (tensor<6x16x1024xf32>, tensor<1x16x1024xf32>, tensor<1x16x1024xf32>)
  return %y, %hn, %cn : tensor<6x16x1024xf32>, tensor<1x16x1024xf32>, tensor<1x16x1024xf32>
}
