// RUN: rnn-opt %s -canonicalize -split-input-file | FileCheck %s

// A grad op has no side effect: unused, it is erased; a training forward
// writes the reserve resource and stays. auto_select resolves on grad ops
// as on forward ops, and unpacking dparams gives the canonical gradients.

// CHECK-LABEL: func.func @unused_grad_erased(
// CHECK: rnn.rnn_tanh {{.*}}is_training = true
// CHECK-NOT: rnn.rnn_tanh_grad
// CHECK: return
func.func @unused_grad_erased(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<36xf32>, %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) {
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return
}

// -----

// auto_select resolves to skip_input (I == H); dparams unpacks like params.
// CHECK-LABEL: func.func @auto_select_and_unpack(
// CHECK: %[[DX:.+]], %{{.+}}, %[[DP:.+]] = rnn.gru_grad {{.*}}{input_mode = #rnn.input_mode<skip_input>, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK: %{{.+}}, %[[DR:.+]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} = rnn.unpack_params %[[DP]]
// CHECK: return %[[DX]], %[[DR]]
func.func @auto_select_and_unpack(%x: tensor<5x2x4xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<72xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>)
    -> (tensor<5x2x4xf32>, tensor<4x4xf32>) {
  %dx, %dh_0, %dp = rnn.gru_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<auto_select>}
      : (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<72xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<72xf32>)
  %r0, %r1, %r2, %b0, %b1, %b2, %b3, %b4, %b5 = rnn.unpack_params %dp
      {mode = #rnn.mode<gru>, num_layers = 1, num_units = 4, input_size = 4,
       input_mode = #rnn.input_mode<skip_input>}
      : (tensor<72xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
          tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
          tensor<4xf32>)
  return %dx, %r1 : tensor<5x2x4xf32>, tensor<4x4xf32>
}
