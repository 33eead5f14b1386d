// RUN: rnn-opt %s --rnn-fuse-stacked-layers --split-input-file | FileCheck %s

// Two single-layer ops joined by ONNX's unidirectional glue (Y [T, 1, B, H]
// squeezed back), states sliced from one h_0 and concatenated again: one op
// with num_layers = 2, its pack_params holding both layers' matrices, then
// both layers' biases, and the states passed through whole.

// CHECK-LABEL: func.func @two_layers
// CHECK-SAME:    (%[[X:.+]]: tensor<5x3x2xf32>, %[[H0:.+]]: tensor<2x3x2xf32>,
// CHECK-SAME:     %[[W0:.+]]: tensor<2x2xf32>, %[[R0:.+]]: tensor<2x2xf32>, %[[W1:.+]]: tensor<2x2xf32>, %[[R1:.+]]: tensor<2x2xf32>, %[[B:.+]]: tensor<2xf32>)
// CHECK:         %[[P:.+]] = rnn.pack_params %[[W0]], %[[R0]], %[[W1]], %[[R1]], %[[B]], %[[B]], %[[B]], %[[B]]
// CHECK-SAME:      num_layers = 2
// CHECK-SAME:      -> tensor<24xf32>
// CHECK:         %[[Y:.+]], %[[HN:.+]] = rnn.rnn_tanh %[[X]], %[[H0]], %[[P]] {num_layers = 2 : i64, num_units = 2 : i64}
// CHECK-NOT:     rnn.rnn_tanh
// CHECK:         return %[[Y]], %[[HN]]
func.func @two_layers(%x: tensor<5x3x2xf32>, %h0: tensor<2x3x2xf32>,
                      %w0: tensor<2x2xf32>, %r0: tensor<2x2xf32>,
                      %w1: tensor<2x2xf32>, %r1: tensor<2x2xf32>,
                      %b: tensor<2xf32>) -> (tensor<5x3x2xf32>, tensor<2x3x2xf32>) {
  %p0 = rnn.pack_params %w0, %r0, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 2}
      : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<12xf32>
  %s0 = tensor.extract_slice %h0[0, 0, 0] [1, 3, 2] [1, 1, 1] : tensor<2x3x2xf32> to tensor<1x3x2xf32>
  %y0, %hn0 = rnn.rnn_tanh %x, %s0, %p0 {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  %Y0 = tensor.expand_shape %y0 [[0, 1], [2], [3]] output_shape [5, 1, 3, 2] : tensor<5x3x2xf32> into tensor<5x1x3x2xf32>
  %x1 = tensor.collapse_shape %Y0 [[0, 1], [2], [3]] : tensor<5x1x3x2xf32> into tensor<5x3x2xf32>
  %p1 = rnn.pack_params %w1, %r1, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 2}
      : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<12xf32>
  %s1 = tensor.extract_slice %h0[1, 0, 0] [1, 3, 2] [1, 1, 1] : tensor<2x3x2xf32> to tensor<1x3x2xf32>
  %y1, %hn1 = rnn.rnn_tanh %x1, %s1, %p1 {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  %hn = tensor.concat dim(0) %hn0, %hn1 : (tensor<1x3x2xf32>, tensor<1x3x2xf32>) -> tensor<2x3x2xf32>
  return %y1, %hn : tensor<5x3x2xf32>, tensor<2x3x2xf32>
}

// -----

// Bidirectional layers joined by torch's glue: Y [T, 2, B, H] built from y
// by a transpose, transposed back (Transpose perm [0, 2, 1, 3]) and
// reshaped to [T, B, 2H]. Three layers become one op; the zero states
// (splat constants) concatenate to one splat; layer 1's h_n is a slice of
// the joined op's.

// CHECK-LABEL: func.func @three_bidirectional_layers
// CHECK-SAME:    (%[[X:.+]]: tensor<5x3x2xf32>, %[[W:.+]]: tensor<2x2xf32>, %[[W4:.+]]: tensor<2x4xf32>, %[[R:.+]]: tensor<2x2xf32>, %[[B:.+]]: tensor<2xf32>)
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant dense<0.000000e+00> : tensor<6x3x2xf32>
// CHECK:         %[[P:.+]] = rnn.pack_params %[[W]], %[[R]], %[[W]], %[[R]], %[[W4]], %[[R]], %[[W4]], %[[R]], %[[W4]], %[[R]], %[[W4]], %[[R]], %[[B]]
// CHECK-SAME:      direction = #rnn.direction<bidirectional>, input_size = 2 : i64, mode = #rnn.mode<rnn_tanh>, num_layers = 3 : i64
// CHECK-SAME:      -> tensor<88xf32>
// CHECK:         %[[Y:.+]], %[[HN:.+]] = rnn.rnn_tanh %[[X]], %[[ZERO]], %[[P]]
// CHECK-SAME:      num_layers = 3
// CHECK-NOT:     rnn.rnn_tanh
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[H1:.+]] = tensor.extract_slice %[[HN]][2, 0, 0] [2, 3, 2] [1, 1, 1] : tensor<6x3x2xf32> to tensor<2x3x2xf32>
// CHECK:         return %[[Y]], %[[H1]]
func.func @three_bidirectional_layers(%x0: tensor<5x3x2xf32>, %w: tensor<2x2xf32>,
    %w4: tensor<2x4xf32>, %r: tensor<2x2xf32>, %b: tensor<2xf32>)
    -> (tensor<5x3x4xf32>, tensor<2x3x2xf32>) {
  %zero = arith.constant dense<0.0> : tensor<2x3x2xf32>
  %p0 = rnn.pack_params %w, %r, %w, %r, %b, %b, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 2,
       direction = #rnn.direction<bidirectional>}
      : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>,
         tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<24xf32>
  %y0, %hn0 = rnn.rnn_tanh %x0, %zero, %p0
      {num_layers = 1, num_units = 2, direction = #rnn.direction<bidirectional>}
      : (tensor<5x3x2xf32>, tensor<2x3x2xf32>, tensor<24xf32>) -> (tensor<5x3x4xf32>, tensor<2x3x2xf32>)
  %e0 = tensor.expand_shape %y0 [[0], [1], [2, 3]] output_shape [5, 3, 2, 2] : tensor<5x3x4xf32> into tensor<5x3x2x2xf32>
  %i0 = tensor.empty() : tensor<5x2x3x2xf32>
  %Y0 = linalg.transpose ins(%e0 : tensor<5x3x2x2xf32>) outs(%i0 : tensor<5x2x3x2xf32>) permutation = [0, 2, 1, 3]
  %j0 = tensor.empty() : tensor<5x3x2x2xf32>
  %t0 = linalg.transpose ins(%Y0 : tensor<5x2x3x2xf32>) outs(%j0 : tensor<5x3x2x2xf32>) permutation = [0, 2, 1, 3]
  %x1 = tensor.collapse_shape %t0 [[0], [1], [2, 3]] : tensor<5x3x2x2xf32> into tensor<5x3x4xf32>
  %p1 = rnn.pack_params %w4, %r, %w4, %r, %b, %b, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 4,
       direction = #rnn.direction<bidirectional>}
      : (tensor<2x4xf32>, tensor<2x2xf32>, tensor<2x4xf32>, tensor<2x2xf32>,
         tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<32xf32>
  %y1, %hn1 = rnn.rnn_tanh %x1, %zero, %p1
      {num_layers = 1, num_units = 2, direction = #rnn.direction<bidirectional>}
      : (tensor<5x3x4xf32>, tensor<2x3x2xf32>, tensor<32xf32>) -> (tensor<5x3x4xf32>, tensor<2x3x2xf32>)
  %e1 = tensor.expand_shape %y1 [[0], [1], [2, 3]] output_shape [5, 3, 2, 2] : tensor<5x3x4xf32> into tensor<5x3x2x2xf32>
  %i1 = tensor.empty() : tensor<5x2x3x2xf32>
  %Y1 = linalg.transpose ins(%e1 : tensor<5x3x2x2xf32>) outs(%i1 : tensor<5x2x3x2xf32>) permutation = [0, 2, 1, 3]
  %j1 = tensor.empty() : tensor<5x3x2x2xf32>
  %t1 = linalg.transpose ins(%Y1 : tensor<5x2x3x2xf32>) outs(%j1 : tensor<5x3x2x2xf32>) permutation = [0, 2, 1, 3]
  %x2 = tensor.collapse_shape %t1 [[0], [1], [2, 3]] : tensor<5x3x2x2xf32> into tensor<5x3x4xf32>
  %p2 = rnn.pack_params %w4, %r, %w4, %r, %b, %b, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 4,
       direction = #rnn.direction<bidirectional>}
      : (tensor<2x4xf32>, tensor<2x2xf32>, tensor<2x4xf32>, tensor<2x2xf32>,
         tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<32xf32>
  %y2, %hn2 = rnn.rnn_tanh %x2, %zero, %p2
      {num_layers = 1, num_units = 2, direction = #rnn.direction<bidirectional>}
      : (tensor<5x3x4xf32>, tensor<2x3x2xf32>, tensor<32xf32>) -> (tensor<5x3x4xf32>, tensor<2x3x2xf32>)
  return %y2, %hn1 : tensor<5x3x4xf32>, tensor<2x3x2xf32>
}

// -----

// Not joined: the lower y has another use, the units differ, or the upper
// layer is a training forward.

// CHECK-LABEL: func.func @not_joined
// CHECK-COUNT-2: rnn.rnn_tanh
// CHECK:         rnn.rnn_relu
// CHECK-COUNT-2: rnn.rnn_tanh
// CHECK-NOT:     rnn.rnn_tanh
func.func @not_joined(%x: tensor<5x3x2xf32>, %h: tensor<1x3x2xf32>, %p: tensor<12xf32>)
    -> (tensor<5x3x2xf32>, tensor<5x3x2xf32>, tensor<5x3x2xf32>, tensor<5x3x2xf32>) {
  // y0 is also returned.
  %y0, %hn0 = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  %y1, %hn1 = rnn.rnn_tanh %y0, %h, %p {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  // Another mode.
  %y2, %hn2 = rnn.rnn_relu %y1, %h, %p {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  // params not from pack_params, and a training forward.
  %y3, %hn3 = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  %y4, %hn4 = rnn.rnn_tanh %y3, %h, %p {num_layers = 1, num_units = 2, is_training = true}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  return %y0, %y2, %y3, %y4 : tensor<5x3x2xf32>, tensor<5x3x2xf32>, tensor<5x3x2xf32>, tensor<5x3x2xf32>
}

// -----

// Layers masked by the same seq_lengths join into one op that carries them;
// layers with different lengths stay apart.

// CHECK-LABEL: func.func @same_lengths
// CHECK-SAME:    (%[[X:.+]]: tensor<5x3x2xf32>, %[[H0:.+]]: tensor<1x3x2xf32>, %[[W:.+]]: tensor<2x2xf32>, %[[B:.+]]: tensor<2xf32>, %[[L:.+]]: tensor<3xi32>, %[[L2:.+]]: tensor<3xi32>)
// CHECK:         %[[P:.+]] = rnn.pack_params {{.*}}num_layers = 2
// CHECK:         %[[Y:.+]], %{{.+}} = rnn.rnn_tanh %[[X]], %{{.+}}, %[[P]], %[[L]] {num_layers = 2 : i64, num_units = 2 : i64}
// CHECK:         rnn.rnn_tanh %[[Y]], %[[H0]], %{{.+}}, %[[L2]] {num_layers = 1 : i64, num_units = 2 : i64}
// CHECK-NOT:     rnn.rnn_tanh
func.func @same_lengths(%x: tensor<5x3x2xf32>, %h0: tensor<1x3x2xf32>,
                        %w: tensor<2x2xf32>, %b: tensor<2xf32>,
                        %lengths: tensor<3xi32>, %other: tensor<3xi32>)
    -> tensor<5x3x2xf32> {
  %p = rnn.pack_params %w, %w, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 2}
      : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<12xf32>
  %y0, %hn0 = rnn.rnn_tanh %x, %h0, %p, %lengths {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>, tensor<3xi32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  %y1, %hn1 = rnn.rnn_tanh %y0, %h0, %p, %lengths {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>, tensor<3xi32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  %y2, %hn2 = rnn.rnn_tanh %y1, %h0, %p, %other {num_layers = 1, num_units = 2}
      : (tensor<5x3x2xf32>, tensor<1x3x2xf32>, tensor<12xf32>, tensor<3xi32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  return %y2 : tensor<5x3x2xf32>
}
