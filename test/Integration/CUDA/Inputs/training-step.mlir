// Training steps (the training forward and its grad op in one function) for
// the algorithm test and the sanitizer runs: a 2-layer bidirectional LSTM
// with dropout between its layers, and a 3-layer GRU.
func.func @lstm(%x: tensor<9x4x24xf32>, %h: tensor<4x4x32xf32>, %c: tensor<4x4x32xf32>, %p: tensor<39936xf32>, %dy: tensor<9x4x64xf32>, %dhn: tensor<4x4x32xf32>, %dcn: tensor<4x4x32xf32>) -> (tensor<9x4x24xf32>, tensor<4x4x32xf32>, tensor<4x4x32xf32>, tensor<39936xf32>) {
  %y, %hn, %cn, %r = rnn.lstm %x, %h, %c, %p {num_layers = 2, num_units = 32, is_training = true, dropout = 0.3 : f32, seed = 5, direction = #rnn.direction<bidirectional>} : (tensor<9x4x24xf32>, tensor<4x4x32xf32>, tensor<4x4x32xf32>, tensor<39936xf32>) -> (tensor<9x4x64xf32>, tensor<4x4x32xf32>, tensor<4x4x32xf32>, tensor<?xi8>)
  %dx, %dh0, %dc0, %dp = rnn.lstm_grad %x, %h, %c, %p, %y, %r, %dy, %dhn, %dcn {num_layers = 2, num_units = 32, is_training = true, dropout = 0.3 : f32, seed = 5, direction = #rnn.direction<bidirectional>} : (tensor<9x4x24xf32>, tensor<4x4x32xf32>, tensor<4x4x32xf32>, tensor<39936xf32>, tensor<9x4x64xf32>, tensor<?xi8>, tensor<9x4x64xf32>, tensor<4x4x32xf32>, tensor<4x4x32xf32>) -> (tensor<9x4x24xf32>, tensor<4x4x32xf32>, tensor<4x4x32xf32>, tensor<39936xf32>)
  return %dx, %dh0, %dc0, %dp : tensor<9x4x24xf32>, tensor<4x4x32xf32>, tensor<4x4x32xf32>, tensor<39936xf32>
}

func.func @gru(%x: tensor<7x3x16xf32>, %h: tensor<3x3x20xf32>, %p: tensor<7320xf32>, %dy: tensor<7x3x20xf32>, %dhn: tensor<3x3x20xf32>) -> (tensor<7x3x16xf32>, tensor<3x3x20xf32>, tensor<7320xf32>) {
  %y, %hn, %r = rnn.gru %x, %h, %p {num_layers = 3, num_units = 20, is_training = true} : (tensor<7x3x16xf32>, tensor<3x3x20xf32>, tensor<7320xf32>) -> (tensor<7x3x20xf32>, tensor<3x3x20xf32>, tensor<?xi8>)
  %dx, %dh0, %dp = rnn.gru_grad %x, %h, %p, %y, %r, %dy, %dhn {num_layers = 3, num_units = 20, is_training = true} : (tensor<7x3x16xf32>, tensor<3x3x20xf32>, tensor<7320xf32>, tensor<7x3x20xf32>, tensor<?xi8>, tensor<7x3x20xf32>, tensor<3x3x20xf32>) -> (tensor<7x3x16xf32>, tensor<3x3x20xf32>, tensor<7320xf32>)
  return %dx, %dh0, %dp : tensor<7x3x16xf32>, tensor<3x3x20xf32>, tensor<7320xf32>
}
