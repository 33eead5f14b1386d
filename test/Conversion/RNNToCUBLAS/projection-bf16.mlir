// RUN: rnn-opt %s --convert-rnn-to-cublas --cse | FileCheck %s

// The cuBLAS fallback runs the LSTM projection (num_proj after
// input_size; h is [L*D, B, P], c [L*D, B, H], y [T, B, D*P]) and bf16
// (dtype 3, tensor-op math), inference and a training forward without a
// reserve, as cuDNN does (../RNNToCUDNN/projection-bf16.mlir).

// CHECK-LABEL: func.func @num_proj
// CHECK-DAG:     %[[TWO:.+]] = arith.constant 2 : i64
// CHECK-DAG:     %[[UNITS:.+]] = arith.constant 4 : i64
// CHECK-DAG:     %[[INPUT:.+]] = arith.constant 5 : i64
// CHECK-DAG:     %[[PROJ:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[Y:.+]] = memref.alloc() : memref<5x2x6xf32>
// CHECK-DAG:     %[[HN:.+]] = memref.alloc() : memref<4x2x3xf32>
// CHECK-DAG:     %[[CN:.+]] = memref.alloc() : memref<4x2x4xf32>
// CHECK:         call @rnnrt_cublas_rnn_forward_f32(%[[TWO]], %[[TWO]], %[[UNITS]], %[[INPUT]], %[[PROJ]],
func.func @num_proj(%x: tensor<5x2x5xf32>, %h_0: tensor<4x2x3xf32>,
                    %c_0: tensor<4x2x4xf32>, %params: tensor<720xf32>)
    -> (tensor<5x2x6xf32>, tensor<4x2x3xf32>, tensor<4x2x4xf32>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 4, num_proj = 3,
       direction = #rnn.direction<bidirectional>}
      : (tensor<5x2x5xf32>, tensor<4x2x3xf32>, tensor<4x2x4xf32>, tensor<720xf32>)
     -> (tensor<5x2x6xf32>, tensor<4x2x3xf32>, tensor<4x2x4xf32>)
  return %y, %h_n, %c_n : tensor<5x2x6xf32>, tensor<4x2x3xf32>, tensor<4x2x4xf32>
}

// CHECK-LABEL: func.func @bf16
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[BF16:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[TENSOR_OP:.+]] = arith.constant 2 : i64
// CHECK:         call @rnnrt_cublas_rnn_forward_bf16(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[ZERO]], %{{[^,]+}}, %{{[^,]+}}, %[[BF16]], %[[TENSOR_OP]],
func.func @bf16(%x: tensor<5x2x3xbf16>, %h_0: tensor<1x2x4xbf16>,
                %params: tensor<36xbf16>) -> tensor<5x2x4xbf16> {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>)
     -> (tensor<5x2x4xbf16>, tensor<1x2x4xbf16>)
  return %y : tensor<5x2x4xbf16>
}

// A training forward without a reserve (dropout between the layers) with
// a projection in bf16: is_training, the rate and the seed pass through.

// CHECK-LABEL: func.func @num_proj_bf16_training
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[THREE:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[RATE:.+]] = arith.constant 2.500000e-01 : f64
// CHECK-DAG:     %[[SEED:.+]] = arith.constant 7 : i64
// CHECK:         call @rnnrt_cublas_rnn_forward_bf16(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[THREE]], %{{[^,]+}}, %{{[^,]+}}, %[[THREE]], %{{[^,]+}}, %[[ONE]], %[[RATE]], %[[SEED]],
func.func @num_proj_bf16_training(%x: tensor<5x2x5xbf16>, %h_0: tensor<2x2x3xbf16>,
                                  %c_0: tensor<2x2x4xbf16>, %params: tensor<312xbf16>)
    -> tensor<5x2x3xbf16> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 4, num_proj = 3, is_training = true,
       dropout = 0.25 : f32, seed = 7 : i64}
      : (tensor<5x2x5xbf16>, tensor<2x2x3xbf16>, tensor<2x2x4xbf16>, tensor<312xbf16>)
     -> (tensor<5x2x3xbf16>, tensor<2x2x3xbf16>, tensor<2x2x4xbf16>)
  return %y : tensor<5x2x3xbf16>
}
