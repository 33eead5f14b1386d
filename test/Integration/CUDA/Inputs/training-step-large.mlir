// A training step large enough for cuDNN's kernels to take packed
// parameters (graph-relocation.test): LSTM I = H = 512, T = 20, B = 64, f16.
func.func @main(%x: tensor<20x64x512xf16>, %h: tensor<1x64x512xf16>, %c: tensor<1x64x512xf16>, %p: tensor<2101248xf16>, %dy: tensor<20x64x512xf16>, %dhn: tensor<1x64x512xf16>, %dcn: tensor<1x64x512xf16>) -> (tensor<20x64x512xf16>, tensor<1x64x512xf16>, tensor<1x64x512xf16>, tensor<2101248xf16>) {
  %y, %hn, %cn, %r = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 512, is_training = true} : (tensor<20x64x512xf16>, tensor<1x64x512xf16>, tensor<1x64x512xf16>, tensor<2101248xf16>) -> (tensor<20x64x512xf16>, tensor<1x64x512xf16>, tensor<1x64x512xf16>, tensor<?xi8>)
  %dx, %dh0, %dc0, %dp = rnn.lstm_grad %x, %h, %c, %p, %y, %r, %dy, %dhn, %dcn {num_layers = 1, num_units = 512, is_training = true} : (tensor<20x64x512xf16>, tensor<1x64x512xf16>, tensor<1x64x512xf16>, tensor<2101248xf16>, tensor<20x64x512xf16>, tensor<?xi8>, tensor<20x64x512xf16>, tensor<1x64x512xf16>, tensor<1x64x512xf16>) -> (tensor<20x64x512xf16>, tensor<1x64x512xf16>, tensor<1x64x512xf16>, tensor<2101248xf16>)
  return %dx, %dh0, %dc0, %dp : tensor<20x64x512xf16>, tensor<1x64x512xf16>, tensor<1x64x512xf16>, tensor<2101248xf16>
}
