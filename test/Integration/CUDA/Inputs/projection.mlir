// LSTMs with a projection (num_proj) for projection-fallback.test: a
// 3-layer training forward with dropout between the layers (a wavefront on
// the cuBLAS fallback; its masks are the CPU's) and a bidirectional bf16
// inference stack.
func.func @training(%x: tensor<9x5x5xf32>, %h: tensor<3x5x3xf32>, %c: tensor<3x5x8xf32>,
                    %p: tensor<904xf32>)
    -> (tensor<9x5x3xf32>, tensor<3x5x3xf32>, tensor<3x5x8xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 3, num_units = 8, num_proj = 3, is_training = true,
       dropout = 0.4 : f32, seed = 5 : i64}
      : (tensor<9x5x5xf32>, tensor<3x5x3xf32>, tensor<3x5x8xf32>, tensor<904xf32>)
     -> (tensor<9x5x3xf32>, tensor<3x5x3xf32>, tensor<3x5x8xf32>)
  return %y, %hn, %cn : tensor<9x5x3xf32>, tensor<3x5x3xf32>, tensor<3x5x8xf32>
}

func.func @bf16(%x: tensor<6x4x6xbf16>, %h: tensor<4x4x5xbf16>, %c: tensor<4x4x16xbf16>,
                %p: tensor<4160xbf16>)
    -> (tensor<6x4x10xbf16>, tensor<4x4x5xbf16>, tensor<4x4x16xbf16>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 2, num_units = 16, num_proj = 5,
       direction = #rnn.direction<bidirectional>}
      : (tensor<6x4x6xbf16>, tensor<4x4x5xbf16>, tensor<4x4x16xbf16>, tensor<4160xbf16>)
     -> (tensor<6x4x10xbf16>, tensor<4x4x5xbf16>, tensor<4x4x16xbf16>)
  return %y, %hn, %cn : tensor<6x4x10xbf16>, tensor<4x4x5xbf16>, tensor<4x4x16xbf16>
}
