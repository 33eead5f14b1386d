// Input of the dimension-check tests (CPU/ and CUDA/ rnn-run-dimension-
// checks.mlir): a 1-layer LSTM, I = 4, H = 3, whose T and B are dynamic,
// so only run-time checks can catch operands of different batch sizes.
func.func @main(%x: tensor<?x?x4xf32>, %h0: tensor<1x?x3xf32>,
                %c0: tensor<1x?x3xf32>, %p: tensor<108xf32>)
    -> (tensor<?x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>) {
  %y, %h, %c = rnn.lstm %x, %h0, %c0, %p {num_layers = 1, num_units = 3}
      : (tensor<?x?x4xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>,
         tensor<108xf32>)
     -> (tensor<?x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>)
  return %y, %h, %c : tensor<?x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>
}

// y's T is static: x's T must be 6.
func.func @static_y(%x: tensor<?x?x4xf32>, %h0: tensor<1x?x3xf32>,
                    %c0: tensor<1x?x3xf32>, %p: tensor<108xf32>)
    -> tensor<6x?x3xf32> {
  %y, %h, %c = rnn.lstm %x, %h0, %c0, %p {num_layers = 1, num_units = 3}
      : (tensor<?x?x4xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>,
         tensor<108xf32>)
     -> (tensor<6x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>)
  return %y : tensor<6x?x3xf32>
}

// Every dimension of the states and params dynamic: L*D and H of h_0/c_0
// and the packed size of the params are checked against the attributes.
func.func @dynamic_states(%x: tensor<?x?x4xf32>, %h0: tensor<?x?x?xf32>,
                          %c0: tensor<?x?x?xf32>, %p: tensor<?xf32>)
    -> (tensor<?x?x3xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) {
  %y, %h, %c = rnn.lstm %x, %h0, %c0, %p {num_layers = 1, num_units = 3}
      : (tensor<?x?x4xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>,
         tensor<?xf32>)
     -> (tensor<?x?x3xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>)
  return %y, %h, %c : tensor<?x?x3xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>
}
