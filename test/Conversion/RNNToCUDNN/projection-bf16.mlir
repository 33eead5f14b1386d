// RUN: rnn-opt %s --convert-rnn-to-cudnn --cse | FileCheck %s

// cuDNN runs the LSTM projection (num_proj after input_size in every
// configuration; h is [L*D, B, P], c [L*D, B, H]) and bf16 (dtype 3,
// tensor-op math).

// CHECK-LABEL: func.func @num_proj
// CHECK-DAG:     %[[LSTM:.+]] = arith.constant 2 : i64
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[UNITS:.+]] = arith.constant 4 : i64
// CHECK-DAG:     %[[INPUT:.+]] = arith.constant 5 : i64
// CHECK-DAG:     %[[PROJ:.+]] = arith.constant 3 : i64
// CHECK:         call @rnnrt_cudnn_rnn_forward_f32(%[[LSTM]], %[[ONE]], %[[UNITS]], %[[INPUT]], %[[PROJ]], %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}})
func.func @num_proj(%x: tensor<5x2x5xf32>, %h_0: tensor<1x2x3xf32>,
                    %c_0: tensor<1x2x4xf32>, %params: tensor<172xf32>)
    -> tensor<5x2x3xf32> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 3}
      : (tensor<5x2x5xf32>, tensor<1x2x3xf32>, tensor<1x2x4xf32>, tensor<172xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x3xf32>
}

// CHECK-LABEL: func.func @bf16
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[BF16:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[TENSOR_OP:.+]] = arith.constant 2 : i64
// CHECK:         call @rnnrt_cudnn_rnn_forward_bf16(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[ZERO]], %{{[^,]+}}, %{{[^,]+}}, %[[BF16]], %[[TENSOR_OP]],
func.func @bf16(%x: tensor<5x2x3xbf16>, %h_0: tensor<1x2x4xbf16>,
                %params: tensor<36xbf16>) -> tensor<5x2x4xbf16> {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>)
     -> (tensor<5x2x4xbf16>, tensor<1x2x4xbf16>)
  return %y : tensor<5x2x4xbf16>
}

// CHECK-LABEL: func.func @num_proj_training
// CHECK:         call @rnnrt_cudnn_rnn_reserve_size_f32(
// CHECK:         call @rnnrt_cudnn_rnn_training_forward_f32(
// CHECK:         call @rnnrt_cudnn_rnn_backward_f32(
func.func @num_proj_training(%x: tensor<5x2x5xf32>, %h_0: tensor<1x2x3xf32>,
                             %c_0: tensor<1x2x4xf32>, %params: tensor<172xf32>,
                             %dy: tensor<5x2x3xf32>, %dh: tensor<1x2x3xf32>,
                             %dc: tensor<1x2x4xf32>)
    -> (tensor<5x2x5xf32>, tensor<172xf32>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, num_proj = 3, is_training = true}
      : (tensor<5x2x5xf32>, tensor<1x2x3xf32>, tensor<1x2x4xf32>, tensor<172xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %dh, %dc {num_layers = 1, num_units = 4, num_proj = 3}
      : (tensor<5x2x5xf32>, tensor<1x2x3xf32>, tensor<1x2x4xf32>, tensor<172xf32>,
         tensor<5x2x3xf32>, tensor<?xi8>, tensor<5x2x3xf32>, tensor<1x2x3xf32>,
         tensor<1x2x4xf32>)
     -> (tensor<5x2x5xf32>, tensor<1x2x3xf32>, tensor<1x2x4xf32>, tensor<172xf32>)
  return %dx, %dparams : tensor<5x2x5xf32>, tensor<172xf32>
}
