// RUN: rnn-opt %s --convert-rnn-to-linalg --canonicalize --split-input-file | FileCheck %s

// GRU: 3 gates; the cell also reads h (z * h term) and scales the
// recurrent candidate by r (linear-before-reset).

// CHECK-LABEL: func.func @gru
// CHECK:         scf.for
// CHECK:           %[[STEP:.+]] = linalg.generic
// CHECK-SAME:        ins({{.*}} : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x4xf32>)
// CHECK:           ^bb0(%[[XR:.+]]: f32, %[[XZ:.+]]: f32, %[[XN:.+]]: f32, %[[HR:.+]]: f32, %[[HZ:.+]]: f32, %[[HN:.+]]: f32, %[[H:.+]]: f32, %{{.+}}: f32):
// CHECK:             %[[RPRE:.+]] = arith.addf %[[XR]], %[[HR]]
// CHECK:             %[[ZPRE:.+]] = arith.addf %[[XZ]], %[[HZ]]
// CHECK:             %[[RH:.+]] = arith.mulf %{{.+}}, %[[HN]]
// CHECK:             %[[NPRE:.+]] = arith.addf %[[XN]], %[[RH]]
// CHECK:             math.tanh %[[NPRE]]
func.func @gru(%x: tensor<6x2x3xf32>, %h: tensor<1x2x4xf32>, %p: tensor<108xf32>)
    -> (tensor<6x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<6x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<6x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %hn : tensor<6x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// RNN relu: one gate, max(0, .).

// CHECK-LABEL: func.func @rnn_relu
// CHECK:         linalg.generic
// CHECK:           %[[PRE:.+]] = arith.addf
// CHECK:           arith.maximumf %[[PRE]]
func.func @rnn_relu(%x: tensor<6x2x3xf32>, %h: tensor<1x2x4xf32>, %p: tensor<36xf32>)
    -> (tensor<6x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %hn = rnn.rnn_relu %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<6x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<6x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %hn : tensor<6x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// skip_input: layer 0 has no input matrices; x (plus b_W) feeds every gate
// through a generic, and only the recurrent matmul remains.

// CHECK-LABEL: func.func @rnn_tanh_skip
// CHECK-NOT:     linalg.matmul
// CHECK:         linalg.generic {{.*}} ins(%{{.+}}, %{{.+}} : tensor<6x2x4xf32>, tensor<1x4xf32>)
// CHECK:         scf.for
// CHECK:           linalg.matmul
func.func @rnn_tanh_skip(%x: tensor<6x2x4xf32>, %h: tensor<1x2x4xf32>, %p: tensor<24xf32>)
    -> (tensor<6x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p
      {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<skip_input>}
      : (tensor<6x2x4xf32>, tensor<1x2x4xf32>, tensor<24xf32>)
     -> (tensor<6x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %hn : tensor<6x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// Two layers with dropout in training: one dropout generic between the
// layers, none after the last; inference has none.

// CHECK-LABEL: func.func @dropout_training
// CHECK:         scf.for
// CHECK:           scf.yield
// CHECK:         %[[DROPPED:.+]] = linalg.generic
// CHECK:           arith.select
// CHECK:         %[[ROWS:.+]] = tensor.collapse_shape %[[DROPPED]]
// CHECK:         linalg.matmul {{.*}} ins(%[[ROWS]]
// CHECK:         scf.for
// CHECK-NOT:     arith.select
// CHECK:         return
func.func @dropout_training(%x: tensor<6x2x3xf32>, %h: tensor<2x2x4xf32>, %p: tensor<76xf32>)
    -> (tensor<6x2x4xf32>, tensor<2x2x4xf32>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p
      {num_layers = 2, num_units = 4, dropout = 0.5 : f32, seed = 7, is_training = true}
      : (tensor<6x2x3xf32>, tensor<2x2x4xf32>, tensor<76xf32>)
     -> (tensor<6x2x4xf32>, tensor<2x2x4xf32>)
  return %y, %hn : tensor<6x2x4xf32>, tensor<2x2x4xf32>
}

// CHECK-LABEL: func.func @dropout_inference
// CHECK-NOT:     arith.select
// CHECK:         return
func.func @dropout_inference(%x: tensor<6x2x3xf32>, %h: tensor<2x2x4xf32>, %p: tensor<76xf32>)
    -> (tensor<6x2x4xf32>, tensor<2x2x4xf32>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p
      {num_layers = 2, num_units = 4, dropout = 0.5 : f32, seed = 7}
      : (tensor<6x2x3xf32>, tensor<2x2x4xf32>, tensor<76xf32>)
     -> (tensor<6x2x4xf32>, tensor<2x2x4xf32>)
  return %y, %hn : tensor<6x2x4xf32>, tensor<2x2x4xf32>
}
