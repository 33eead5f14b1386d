// RUN: rnn-opt %s -rnn-absorb-batch-major-transposes -split-input-file | FileCheck %s

// Both transposes of a batch-first model cancel into time_major = false.
// CHECK-LABEL: func.func @batch_first
// CHECK-SAME:    (%[[X:.*]]: tensor<3x5x4xf32>, %[[H:.*]]: tensor<1x3x6xf32>, %[[P:.*]]: tensor<216xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[Y:.*]], %[[HN:.*]] = rnn.gru %[[X]], %[[H]], %[[P]] {num_layers = 1 : i64, num_units = 6 : i64, time_major = false} : (tensor<3x5x4xf32>, tensor<1x3x6xf32>, tensor<216xf32>) -> (tensor<3x5x6xf32>, tensor<1x3x6xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         return %[[Y]], %[[HN]]
func.func @batch_first(%x: tensor<3x5x4xf32>, %h0: tensor<1x3x6xf32>, %params: tensor<216xf32>) -> (tensor<3x5x6xf32>, tensor<1x3x6xf32>) {
  %e0 = tensor.empty() : tensor<5x3x4xf32>
  %xt = linalg.transpose ins(%x : tensor<3x5x4xf32>) outs(%e0 : tensor<5x3x4xf32>) permutation = [1, 0, 2]
  %y, %hn = rnn.gru %xt, %h0, %params {num_layers = 1 : i64, num_units = 6 : i64} : (tensor<5x3x4xf32>, tensor<1x3x6xf32>, tensor<216xf32>) -> (tensor<5x3x6xf32>, tensor<1x3x6xf32>)
  %e1 = tensor.empty() : tensor<3x5x6xf32>
  %yt = linalg.transpose ins(%y : tensor<5x3x6xf32>) outs(%e1 : tensor<3x5x6xf32>) permutation = [1, 0, 2]
  return %yt, %hn : tensor<3x5x6xf32>, tensor<1x3x6xf32>
}

// -----

// A time-major use of y (dynamic sizes, sequence lengths) reads the new y
// transposed back.
// CHECK-LABEL: func.func @time_major_use
// CHECK-SAME:    (%[[X:.*]]: tensor<?x?x4xf32>, %[[H:.*]]: tensor<2x?x6xf32>, %[[C:.*]]: tensor<2x?x6xf32>, %[[P:.*]]: tensor<{{[0-9]+}}xf32>, %[[L:.*]]: tensor<?xi32>)
// CHECK:         %[[Y:.*]], %{{.*}}, %{{.*}} = rnn.lstm %[[X]], %[[H]], %[[C]], %[[P]], %[[L]] {direction = #rnn.direction<bidirectional>, num_layers = 1 : i64, num_units = 6 : i64, time_major = false} : {{.*}} -> (tensor<?x?x12xf32>,
// CHECK:         %[[D0:.*]] = tensor.dim %[[Y]], %c1
// CHECK:         %[[D1:.*]] = tensor.dim %[[Y]], %c0
// CHECK:         %[[E:.*]] = tensor.empty(%[[D0]], %[[D1]]) : tensor<?x?x12xf32>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[Y]] : tensor<?x?x12xf32>) outs(%[[E]] : tensor<?x?x12xf32>) permutation = [1, 0, 2]
// CHECK:         return %[[T]]
func.func @time_major_use(%x: tensor<?x?x4xf32>, %h0: tensor<2x?x6xf32>, %c0: tensor<2x?x6xf32>, %params: tensor<576xf32>, %lengths: tensor<?xi32>) -> tensor<?x?x12xf32> {
  %c0i = arith.constant 0 : index
  %c1i = arith.constant 1 : index
  %b = tensor.dim %x, %c0i : tensor<?x?x4xf32>
  %t = tensor.dim %x, %c1i : tensor<?x?x4xf32>
  %e0 = tensor.empty(%t, %b) : tensor<?x?x4xf32>
  %xt = linalg.transpose ins(%x : tensor<?x?x4xf32>) outs(%e0 : tensor<?x?x4xf32>) permutation = [1, 0, 2]
  %y, %hn, %cn = rnn.lstm %xt, %h0, %c0, %params, %lengths {num_layers = 1 : i64, num_units = 6 : i64, direction = #rnn.direction<bidirectional>} : (tensor<?x?x4xf32>, tensor<2x?x6xf32>, tensor<2x?x6xf32>, tensor<576xf32>, tensor<?xi32>) -> (tensor<?x?x12xf32>, tensor<2x?x6xf32>, tensor<2x?x6xf32>)
  return %y : tensor<?x?x12xf32>
}

// -----

// Left alone: a training forward, another permutation.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-2: linalg.transpose
// CHECK-NOT:     time_major = false
func.func @left_alone(%x: tensor<3x5x4xf32>, %z: tensor<4x3x5xf32>, %h0: tensor<1x3x6xf32>, %params: tensor<216xf32>) -> (tensor<5x3x6xf32>, tensor<?xi8>, tensor<5x3x6xf32>) {
  %e0 = tensor.empty() : tensor<5x3x4xf32>
  %xt = linalg.transpose ins(%x : tensor<3x5x4xf32>) outs(%e0 : tensor<5x3x4xf32>) permutation = [1, 0, 2]
  %y, %hn, %reserve = rnn.gru %xt, %h0, %params {num_layers = 1 : i64, num_units = 6 : i64, is_training = true} : (tensor<5x3x4xf32>, tensor<1x3x6xf32>, tensor<216xf32>) -> (tensor<5x3x6xf32>, tensor<1x3x6xf32>, tensor<?xi8>)
  %e1 = tensor.empty() : tensor<5x3x4xf32>
  %zt = linalg.transpose ins(%z : tensor<4x3x5xf32>) outs(%e1 : tensor<5x3x4xf32>) permutation = [2, 1, 0]
  %y2, %hn2 = rnn.gru %zt, %h0, %params {num_layers = 1 : i64, num_units = 6 : i64} : (tensor<5x3x4xf32>, tensor<1x3x6xf32>, tensor<216xf32>) -> (tensor<5x3x6xf32>, tensor<1x3x6xf32>)
  return %y, %reserve, %y2 : tensor<5x3x6xf32>, tensor<?xi8>, tensor<5x3x6xf32>
}
