// Training forwards with dropout between layers, run on every backend with
// the same random inputs: a bidirectional f32 LSTM and a unidirectional f64
// GRU stack (a wavefront on the cuBLAS fallback).
func.func @lstm(%x: tensor<7x3x5xf32>, %h: tensor<6x3x8xf32>, %c: tensor<6x3x8xf32>,
                %p: tensor<4288xf32>)
    -> (tensor<7x3x16xf32>, tensor<6x3x8xf32>, tensor<6x3x8xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 3, num_units = 8, direction = #rnn.direction<bidirectional>,
       is_training = true, dropout = 0.3 : f32, seed = 99 : i64}
      : (tensor<7x3x5xf32>, tensor<6x3x8xf32>, tensor<6x3x8xf32>, tensor<4288xf32>)
     -> (tensor<7x3x16xf32>, tensor<6x3x8xf32>, tensor<6x3x8xf32>)
  return %y, %hn, %cn : tensor<7x3x16xf32>, tensor<6x3x8xf32>, tensor<6x3x8xf32>
}

func.func @gru(%x: tensor<20x2x6xf64>, %h: tensor<3x2x12xf64>, %p: tensor<2592xf64>)
    -> (tensor<20x2x12xf64>, tensor<3x2x12xf64>) {
  %y, %hn = rnn.gru %x, %h, %p
      {num_layers = 3, num_units = 12, is_training = true, dropout = 0.5 : f32,
       seed = 7 : i64}
      : (tensor<20x2x6xf64>, tensor<3x2x12xf64>, tensor<2592xf64>)
     -> (tensor<20x2x12xf64>, tensor<3x2x12xf64>)
  return %y, %hn : tensor<20x2x12xf64>, tensor<3x2x12xf64>
}
