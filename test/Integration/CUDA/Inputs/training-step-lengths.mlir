// A training step with seq_lengths (graph-relocation.test): a 2-layer
// bidirectional LSTM, T = 7, B = 5, f32.
func.func @main(%x: tensor<7x5x6xf32>, %h: tensor<4x5x8xf32>, %c: tensor<4x5x8xf32>, %p: tensor<2688xf32>, %dy: tensor<7x5x16xf32>, %dhn: tensor<4x5x8xf32>, %dcn: tensor<4x5x8xf32>, %len: tensor<5xi32>) -> (tensor<7x5x16xf32>, tensor<7x5x6xf32>, tensor<4x5x8xf32>, tensor<4x5x8xf32>, tensor<2688xf32>) {
  %y, %hn, %cn, %r = rnn.lstm %x, %h, %c, %p, %len {num_layers = 2, num_units = 8, is_training = true, direction = #rnn.direction<bidirectional>} : (tensor<7x5x6xf32>, tensor<4x5x8xf32>, tensor<4x5x8xf32>, tensor<2688xf32>, tensor<5xi32>) -> (tensor<7x5x16xf32>, tensor<4x5x8xf32>, tensor<4x5x8xf32>, tensor<?xi8>)
  %dx, %dh0, %dc0, %dp = rnn.lstm_grad %x, %h, %c, %p, %y, %r, %dy, %dhn, %dcn, %len {num_layers = 2, num_units = 8, is_training = true, direction = #rnn.direction<bidirectional>} : (tensor<7x5x6xf32>, tensor<4x5x8xf32>, tensor<4x5x8xf32>, tensor<2688xf32>, tensor<7x5x16xf32>, tensor<?xi8>, tensor<7x5x16xf32>, tensor<4x5x8xf32>, tensor<4x5x8xf32>, tensor<5xi32>) -> (tensor<7x5x6xf32>, tensor<4x5x8xf32>, tensor<4x5x8xf32>, tensor<2688xf32>)
  return %y, %dx, %dh0, %dc0, %dp : tensor<7x5x16xf32>, tensor<7x5x6xf32>, tensor<4x5x8xf32>, tensor<4x5x8xf32>, tensor<2688xf32>
}
