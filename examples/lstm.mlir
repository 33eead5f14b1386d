// A 2-layer bidirectional LSTM (docs/Dialect.md): 16 steps, batch 4,
// 32 input features, 64 units. Run it with
//   rnn-run examples/lstm.mlir --random-inputs
func.func @main(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x64xf32>,
                %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>)
    -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64,
       direction = #rnn.direction<bidirectional>,
       input_mode = #rnn.input_mode<linear_input>}
      : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return %y, %h_n, %c_n : tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>
}
