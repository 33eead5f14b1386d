// RUN: rnn-opt %s --convert-rnn-to-linalg --canonicalize --cse | FileCheck %s

// Sequence lengths on the CPU: every length is checked against T
// (rnnrt_check_sequence_length, inside the guard's condition) before
// anything is read; the mask is inside each step's one fused generic, which
// reads lengths[b] through a (b, j) -> (b) map: t < lengths[b] selects the
// new state or keeps the carried one, and the new h or 0 for the step's y
// rows (a second result written into y).

// CHECK-DAG:   #[[$ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @rnn_tanh_lengths(
// CHECK-SAME:    %[[L:[a-z0-9]+]]: tensor<2xi32>)
// CHECK:         %[[OK:.+]] = scf.for
// CHECK:           func.call @rnnrt_check_sequence_length(
// CHECK:         scf.if %[[OK]]
// CHECK:           scf.for %[[S:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[H:.+]] = %{{.+}}, %[[Y:.+]] = %{{.+}})
// CHECK:             %[[ROWS:.+]] = tensor.extract_slice %[[Y]][%[[S]], 0, 0] [1, 2, 4]
// CHECK:             %[[T:.+]] = arith.index_cast %[[S]] : index to i32
// CHECK:             %[[STEP:.+]]:2 = linalg.generic {indexing_maps = [#{{.+}}, #{{.+}}, #[[$ROW]], #{{.+}}, #{{.+}}], {{.*}}} ins(%{{.+}}, %{{.+}}, %[[L]] : tensor<2x1x4xf32>, tensor<2x1x4xf32>, tensor<2xi32>) outs(%[[H]], %[[ROWS]] : tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK:             ^bb0(%{{.+}}: f32, %{{.+}}: f32, %[[LEN:.+]]: i32, %[[OLD:.+]]: f32, %{{.+}}: f32):
// CHECK:               %[[NEW:.+]] = math.tanh
// CHECK:               %[[ACTIVE:.+]] = arith.cmpi slt, %[[T]], %[[LEN]] : i32
// CHECK:               %[[STATE:.+]] = arith.select %[[ACTIVE]], %[[NEW]], %[[OLD]] : f32
// CHECK:               %[[OUT:.+]] = arith.select %[[ACTIVE]], %[[NEW]], %{{.+}} : f32
// CHECK:               linalg.yield %[[STATE]], %[[OUT]]
// CHECK:             tensor.insert_slice %[[STEP]]#1 into %[[Y]][%[[S]], 0, 0]
// CHECK:             scf.yield %[[STEP]]#0
func.func @rnn_tanh_lengths(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %lengths: tensor<2xi32>)
    -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params, %lengths {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<2xi32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %h_n : tensor<5x2x4xf32>, tensor<1x2x4xf32>
}

// The backward of a batch-major bidirectional LSTM with lengths: x, y and
// dy are transposed to [T, B, *] copies; the reserve and the lengths are
// checked; the step's generic zeroes the gate gradients past each length
// and passes dh, dc through (the forward kept the state there); the
// reverse direction's previous states are the initial state until each
// sequence's last step (one generic over [T+1, B, H] reading linalg.index 0
// and lengths[b]); x's padded steps are zeroed before dW reads them (one
// generic over x); dx is transposed back.

// CHECK-LABEL: func.func @lstm_grad_batch_major(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x5x3xf64>, {{.+}}, %[[L:[a-z0-9]+]]: tensor<2xi32>)
// CHECK:         call @rnnrt_check_reserve(
// CHECK:         func.call @rnnrt_check_sequence_length(
// CHECK:         scf.if
// CHECK:           %[[XT:.+]] = linalg.transpose ins(%[[X]] : tensor<2x5x3xf64>) outs(%{{.+}} : tensor<5x2x3xf64>) permutation = [1, 0, 2]
// CHECK:           linalg.generic {{.+}} ins(%[[XT]], %{{.+}}, %[[L]] : tensor<5x2x3xf64>, tensor<2x3xf64>, tensor<2xi32>)
// CHECK:           scf.for
// CHECK:             %[[T:.+]] = arith.index_cast %{{.+}} : index to i32
// CHECK:             linalg.generic {{.+}} ins({{.+}}, %[[L]] : {{.+}}, tensor<2xi32>) outs(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[DH:[a-z0-9_]+]], %[[DC:[a-z0-9_]+]] : tensor<2x4xf64>, tensor<2x4xf64>, tensor<2x4xf64>, tensor<2x4xf64>, tensor<2x4xf64>, tensor<2x4xf64>)
// CHECK:               %[[ACTIVE:.+]] = arith.cmpi slt, %[[T]], %{{.+}} : i32
// CHECK-COUNT-4:       arith.select %[[ACTIVE]], %{{.+}}, %[[ZERO:.+]] : f64
// CHECK:               arith.select %[[ACTIVE]], %{{.+}}, %{{.+}} : f64
// CHECK:               arith.select %[[ACTIVE]], %{{.+}}, %{{.+}} : f64
// CHECK:               linalg.yield
// CHECK:           linalg.generic {{.+}}iterator_types = ["parallel", "parallel", "parallel"]} ins(%{{.+}}, %{{.+}}, %[[L]] : tensor<6x2x4xf64>, tensor<2x4xf64>, tensor<2xi32>) outs(%{{.+}} : tensor<6x2x4xf64>)
// CHECK:             linalg.index 0 : index
// CHECK:             arith.cmpi slt
// CHECK:             arith.select
// CHECK:           linalg.transpose ins(%{{.+}} : tensor<5x2x3xf64>) outs(%{{.+}} : tensor<2x5x3xf64>) permutation = [1, 0, 2]
func.func @lstm_grad_batch_major(%x: tensor<2x5x3xf64>, %h_0: tensor<2x2x4xf64>,
    %c_0: tensor<2x2x4xf64>, %params: tensor<288xf64>, %y: tensor<2x5x8xf64>,
    %reserve: tensor<?xi8>, %dy: tensor<2x5x8xf64>, %dh_n: tensor<2x2x4xf64>,
    %dc_n: tensor<2x2x4xf64>, %lengths: tensor<2xi32>)
    -> (tensor<2x5x3xf64>, tensor<2x2x4xf64>, tensor<2x2x4xf64>, tensor<288xf64>) {
  %dx, %dh_0, %dc_0, %dp = rnn.lstm_grad %x, %h_0, %c_0, %params, %y, %reserve,
      %dy, %dh_n, %dc_n, %lengths
      {num_layers = 1, num_units = 4, direction = #rnn.direction<bidirectional>,
       time_major = false}
      : (tensor<2x5x3xf64>, tensor<2x2x4xf64>, tensor<2x2x4xf64>, tensor<288xf64>,
         tensor<2x5x8xf64>, tensor<?xi8>, tensor<2x5x8xf64>, tensor<2x2x4xf64>,
         tensor<2x2x4xf64>, tensor<2xi32>)
     -> (tensor<2x5x3xf64>, tensor<2x2x4xf64>, tensor<2x2x4xf64>, tensor<288xf64>)
  return %dx, %dh_0, %dc_0, %dp
      : tensor<2x5x3xf64>, tensor<2x2x4xf64>, tensor<2x2x4xf64>, tensor<288xf64>
}
