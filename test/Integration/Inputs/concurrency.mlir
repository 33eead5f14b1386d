// Several configurations and shapes in one function, for rnn-run
// --concurrency (test/Integration/{CPU,CUDA}/rnn-run-concurrency.mlir): a
// 2-layer bidirectional LSTM, a GRU with constant (folded) weights, a
// skip_input ReLU RNN and a 3-layer tanh RNN stack, every result returned.
func.func @main(%x: tensor<7x3x5xf32>, %h: tensor<4x3x6xf32>,
                %c: tensor<4x3x6xf32>, %p: tensor<1584xf32>,
                %x2: tensor<9x2x5xf32>, %h2: tensor<1x2x6xf32>,
                %x3: tensor<4x5x8xf32>, %h3: tensor<1x5x8xf32>,
                %p3: tensor<80xf32>, %h4: tensor<3x5x8xf32>,
                %p4: tensor<432xf32>)
    -> (tensor<7x3x12xf32>, tensor<4x3x6xf32>, tensor<4x3x6xf32>,
        tensor<9x2x6xf32>, tensor<1x2x6xf32>, tensor<4x5x8xf32>,
        tensor<3x5x8xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 2, num_units = 6,
       direction = #rnn.direction<bidirectional>}
      : (tensor<7x3x5xf32>, tensor<4x3x6xf32>, tensor<4x3x6xf32>,
         tensor<1584xf32>)
     -> (tensor<7x3x12xf32>, tensor<4x3x6xf32>, tensor<4x3x6xf32>)
  %p2 = arith.constant dense<0.125> : tensor<234xf32>
  %y2, %hn2 = rnn.gru %x2, %h2, %p2 {num_layers = 1, num_units = 6}
      : (tensor<9x2x5xf32>, tensor<1x2x6xf32>, tensor<234xf32>)
     -> (tensor<9x2x6xf32>, tensor<1x2x6xf32>)
  %y3, %hn3 = rnn.rnn_relu %x3, %h3, %p3
      {num_layers = 1, num_units = 8, input_mode = #rnn.input_mode<skip_input>}
      : (tensor<4x5x8xf32>, tensor<1x5x8xf32>, tensor<80xf32>)
     -> (tensor<4x5x8xf32>, tensor<1x5x8xf32>)
  %y4, %hn4 = rnn.rnn_tanh %y3, %h4, %p4 {num_layers = 3, num_units = 8}
      : (tensor<4x5x8xf32>, tensor<3x5x8xf32>, tensor<432xf32>)
     -> (tensor<4x5x8xf32>, tensor<3x5x8xf32>)
  return %y, %hn, %cn, %y2, %hn2, %y4, %hn4
      : tensor<7x3x12xf32>, tensor<4x3x6xf32>, tensor<4x3x6xf32>,
        tensor<9x2x6xf32>, tensor<1x2x6xf32>, tensor<4x5x8xf32>,
        tensor<3x5x8xf32>
}
