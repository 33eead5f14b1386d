// RUN: rnn-opt %s --convert-rnn-to-cudnn --cse --split-input-file -verify-diagnostics | FileCheck %s

// A training forward runs on cuDNN's training mode: the reserve it returns
// is allocated with the size the runtime gives for the configuration and
// x (rnnrt_cudnn_rnn_reserve_size), then passed to the training forward
// after the results; the dropout rate and seed follow the algorithm. The
// grad op calls the backward with the forward's operands, y, the reserve
// and the incoming gradients; its reserve comes straight from the forward
// and has no other use, so the backward may consume it (copy flag 0).

// CHECK-DAG: func.func private @rnnrt_cudnn_rnn_reserve_size_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, memref<?x?x?xf32>, memref<?xf32>, i64, memref<?xi32>) -> i64
// CHECK-DAG: func.func private @rnnrt_cudnn_rnn_training_forward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xi8>, i64, memref<?xi32>)
// CHECK-DAG: func.func private @rnnrt_cudnn_rnn_backward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, i64, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, memref<?x?x?xf32>, memref<?xi8>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, i64, memref<?xi32>)

// CHECK-LABEL: func.func @step
// CHECK-DAG:   %[[RATE:.+]] = arith.constant 2.500000e-01 : f64
// CHECK-DAG:   %[[SEED:.+]] = arith.constant 7 : i64
// CHECK-DAG:   %[[NOCOPY:.+]] = arith.constant 0 : i64
// CHECK:       %[[X:.+]] = memref.cast %{{.+}} : memref<5x2x3xf32> to memref<?x?x?xf32>
// CHECK:       %[[W:.+]] = memref.cast %{{.+}} : memref<304xf32> to memref<?xf32>
// CHECK:       %[[BYTES:.+]] = call @rnnrt_cudnn_rnn_reserve_size_f32({{([^,]+, ){10} ?}}%[[RATE]], %[[SEED]], %[[X]], %[[W]], %{{[^,]+}}, %{{[^,]+}})
// CHECK:       %[[SIZE:.+]] = arith.index_cast %[[BYTES]] : i64 to index
// CHECK:       %[[RESERVE:.+]] = memref.alloc(%[[SIZE]]) : memref<?xi8>
// CHECK:       call @rnnrt_cudnn_rnn_training_forward_f32({{([^,]+, ){10} ?}}%[[RATE]], %[[SEED]], %[[X]], {{([^,]+, ){2} ?}}%[[W]], {{([^,]+, ){3} ?}}%[[RESERVE_ABI:[^)]+]])
// CHECK:       %[[RESERVE_T:.+]] = bufferization.to_tensor %[[RESERVE]] restrict writable
// CHECK:       %[[RESERVE_B:.+]] = bufferization.to_buffer %[[RESERVE_T]] read_only
// CHECK:       call @rnnrt_cudnn_rnn_backward_f32({{([^,]+, ){10} ?}}%[[RATE]], %[[SEED]], %[[NOCOPY]], {{([^,]+, ){5} ?}}%[[RESERVE_B]],
// CHECK:       return
func.func @step(%x: tensor<5x2x3xf32>, %h_0: tensor<2x2x4xf32>, %c_0: tensor<2x2x4xf32>,
                %params: tensor<304xf32>, %dy: tensor<5x2x4xf32>, %dh_n: tensor<2x2x4xf32>,
                %dc_n: tensor<2x2x4xf32>) -> (tensor<5x2x3xf32>, tensor<304xf32>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 4, is_training = true, dropout = 0.25 : f32, seed = 7 : i64}
      : (tensor<5x2x3xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<304xf32>)
     -> (tensor<5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<?xi8>)
  %dx, %dh_0, %dc_0, %dp = rnn.lstm_grad %x, %h_0, %c_0, %params, %y, %reserve, %dy, %dh_n, %dc_n
      {num_layers = 2, num_units = 4, is_training = true, dropout = 0.25 : f32, seed = 7 : i64}
      : (tensor<5x2x3xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<304xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<304xf32>)
  return %dx, %dp : tensor<5x2x3xf32>, tensor<304xf32>
}

// -----

// A training forward that returns no reserve passes an empty one (the
// runtime then uses the plan's own).

// CHECK-LABEL: func.func @no_reserve
// CHECK-NOT:   rnnrt_cudnn_rnn_reserve_size
// CHECK:       %[[EMPTY:.+]] = memref.alloca() : memref<0xi8>
// CHECK:       %[[EMPTY_ABI:.+]] = memref.cast %[[EMPTY]] : memref<0xi8> to memref<?xi8>
// CHECK:       call @rnnrt_cudnn_rnn_training_forward_f32({{([^,]+, ){19} ?}}%[[EMPTY_ABI]], %{{[^,]+}}, %{{[^,]+}})
func.func @no_reserve(%x: tensor<5x2x3xf32>, %h: tensor<2x2x3xf32>, %p: tensor<48xf32>)
    -> tensor<5x2x3xf32> {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 2, num_units = 3, is_training = true, dropout = 0.5 : f32}
      : (tensor<5x2x3xf32>, tensor<2x2x3xf32>, tensor<48xf32>)
     -> (tensor<5x2x3xf32>, tensor<2x2x3xf32>)
  return %y : tensor<5x2x3xf32>
}

// -----

// The backward works on a copy of the reserve (copy flag 1) when the
// reserve has another use, or comes from the caller (a function argument
// the caller may use again).

// CHECK-LABEL: func.func @two_grads
// CHECK-DAG:   %[[COPY:.+]] = arith.constant 1 : i64
// CHECK-COUNT-2: call @rnnrt_cudnn_rnn_backward_f16({{([^,]+, ){12} ?}}%[[COPY]],
func.func @two_grads(%x: tensor<5x2x3xf16>, %h: tensor<1x2x3xf16>, %p: tensor<24xf16>,
                     %dy: tensor<5x2x3xf16>, %dh: tensor<1x2x3xf16>)
    -> (tensor<24xf16>, tensor<24xf16>) {
  %y, %hn, %reserve = rnn.rnn_relu %x, %h, %p {num_layers = 1, num_units = 3, is_training = true}
      : (tensor<5x2x3xf16>, tensor<1x2x3xf16>, tensor<24xf16>)
     -> (tensor<5x2x3xf16>, tensor<1x2x3xf16>, tensor<?xi8>)
  %dx, %dh_0, %dp = rnn.rnn_relu_grad %x, %h, %p, %y, %reserve, %dy, %dh {num_layers = 1, num_units = 3}
      : (tensor<5x2x3xf16>, tensor<1x2x3xf16>, tensor<24xf16>, tensor<5x2x3xf16>,
         tensor<?xi8>, tensor<5x2x3xf16>, tensor<1x2x3xf16>)
     -> (tensor<5x2x3xf16>, tensor<1x2x3xf16>, tensor<24xf16>)
  %dx2, %dh_02, %dp2 = rnn.rnn_relu_grad %x, %h, %p, %y, %reserve, %dy, %dh {num_layers = 1, num_units = 3}
      : (tensor<5x2x3xf16>, tensor<1x2x3xf16>, tensor<24xf16>, tensor<5x2x3xf16>,
         tensor<?xi8>, tensor<5x2x3xf16>, tensor<1x2x3xf16>)
     -> (tensor<5x2x3xf16>, tensor<1x2x3xf16>, tensor<24xf16>)
  return %dp, %dp2 : tensor<24xf16>, tensor<24xf16>
}

// CHECK-LABEL: func.func @reserve_argument
// CHECK-DAG:   %[[COPY:.+]] = arith.constant 1 : i64
// CHECK:       call @rnnrt_cudnn_rnn_backward_f64({{([^,]+, ){12} ?}}%[[COPY]],
func.func @reserve_argument(%x: tensor<5x2x3xf64>, %h: tensor<1x2x3xf64>, %p: tensor<24xf64>,
                            %y: tensor<5x2x3xf64>, %reserve: tensor<?xi8>,
                            %dy: tensor<5x2x3xf64>, %dh: tensor<1x2x3xf64>) -> tensor<24xf64> {
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h, %p, %y, %reserve, %dy, %dh {num_layers = 1, num_units = 3}
      : (tensor<5x2x3xf64>, tensor<1x2x3xf64>, tensor<24xf64>, tensor<5x2x3xf64>,
         tensor<?xi8>, tensor<5x2x3xf64>, tensor<1x2x3xf64>)
     -> (tensor<5x2x3xf64>, tensor<1x2x3xf64>, tensor<24xf64>)
  return %dp : tensor<24xf64>
}

// -----

// The GRU without linear-before-reset goes to the cuBLAS fallback with the
// forward's remark, its training forward and its grad op too: the
// fallback's reserve size, training forward and backward.

// CHECK-LABEL: func.func @gru_reset_before_matmul
// CHECK:       %[[BYTES:.+]] = call @rnnrt_cublas_rnn_reserve_size_f32(
// CHECK:       %[[SIZE:.+]] = arith.index_cast %[[BYTES]] : i64 to index
// CHECK:       %[[RESERVE:.+]] = memref.alloc(%[[SIZE]]) : memref<?xi8>
// CHECK:       call @rnnrt_cublas_rnn_training_forward_f32({{([^,]+, ){19} ?}}%[[RESERVE]],
// CHECK-NOT:   rnnrt_cudnn
// CHECK:       call @rnnrt_cublas_rnn_backward_f32(
func.func @gru_reset_before_matmul(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                   %params: tensor<108xf32>, %dy: tensor<5x2x4xf32>,
                                   %dh_n: tensor<1x2x4xf32>) -> tensor<108xf32> {
  // expected-remark @+1 {{cuDNN's GRU is linear-before-reset only: this GRU (linear_before_reset = false) is lowered to the cuBLAS fallback}}
  %y, %h_n, %reserve = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 4, is_training = true, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  // expected-remark @+1 {{cuDNN's GRU is linear-before-reset only: this GRU (linear_before_reset = false) is lowered to the cuBLAS fallback}}
  %dx, %dh_0, %dp = rnn.gru_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, is_training = true, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
  return %dp : tensor<108xf32>
}
