// RUN: rnn-opt %s --convert-rnn-to-cublas --cse --split-input-file | FileCheck %s

// Training on the cuBLAS fallback: a training forward that returns a
// reserve allocates it with the size the runtime gives for the
// configuration and x (rnnrt_cublas_rnn_reserve_size, no w), then calls the
// fallback's training forward with it after the results; the configuration
// is the forward's (num_proj after input_size) without the training flag,
// then dropout, seed and linear_before_reset. The grad op calls the
// fallback's backward, which only reads the reserve: no copy flag.

// CHECK-DAG: func.func private @rnnrt_cublas_rnn_reserve_size_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, i64, memref<?x?x?xf32>, i64, memref<?xi32>) -> i64
// CHECK-DAG: func.func private @rnnrt_cublas_rnn_training_forward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, i64, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xi8>, i64, memref<?xi32>)
// CHECK-DAG: func.func private @rnnrt_cublas_rnn_backward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, i64, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, memref<?x?x?xf32>, memref<?xi8>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, i64, memref<?xi32>)

// CHECK-LABEL: func.func @step
// CHECK-DAG:   %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:   %[[TWO:.+]] = arith.constant 2 : i64
// CHECK-DAG:   %[[UNITS:.+]] = arith.constant 4 : i64
// CHECK-DAG:   %[[INPUT:.+]] = arith.constant 3 : i64
// CHECK-DAG:   %[[RATE:.+]] = arith.constant 2.500000e-01 : f64
// CHECK-DAG:   %[[SEED:.+]] = arith.constant 7 : i64
// CHECK-DAG:   %[[ONE:.+]] = arith.constant 1 : i64
// CHECK:       %[[X:.+]] = memref.cast %{{.+}} : memref<5x2x3xf32> to memref<?x?x?xf32>
// CHECK:       %[[BYTES:.+]] = call @rnnrt_cublas_rnn_reserve_size_f32(%[[TWO]], %[[TWO]], %[[UNITS]], %[[INPUT]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[RATE]], %[[SEED]], %[[ONE]], %[[X]], %[[ONE]], %{{[^,]+}})
// CHECK:       %[[SIZE:.+]] = arith.index_cast %[[BYTES]] : i64 to index
// CHECK:       %[[RESERVE:.+]] = memref.alloc(%[[SIZE]]) : memref<?xi8>
// CHECK:       call @rnnrt_cublas_rnn_training_forward_f32(%[[TWO]], %[[TWO]], %[[UNITS]], %[[INPUT]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[RATE]], %[[SEED]], %[[ONE]], %[[X]], {{([^,]+, ){6} ?}}%[[RESERVE]], %[[ONE]], %{{[^,]+}})
// CHECK:       %[[RESERVE_T:.+]] = bufferization.to_tensor %[[RESERVE]] restrict writable
// CHECK:       %[[RESERVE_B:.+]] = bufferization.to_buffer %[[RESERVE_T]] read_only
// CHECK:       call @rnnrt_cublas_rnn_backward_f32(%[[TWO]], %[[TWO]], %[[UNITS]], %[[INPUT]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[RATE]], %[[SEED]], %[[ONE]], %[[X]], {{([^,]+, ){4} ?}}%[[RESERVE_B]],
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

// A training forward without a reserve result stays the plain forward with
// the training flag (its dropout needs no reserve).

// CHECK-LABEL: func.func @no_reserve
// CHECK-NOT:   rnnrt_cublas_rnn_reserve_size
// CHECK-NOT:   rnnrt_cublas_rnn_training_forward
// CHECK-DAG:   %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:   %[[RATE:.+]] = arith.constant 5.000000e-01 : f64
// CHECK:       call @rnnrt_cublas_rnn_forward_f32({{([^,]+, ){9} ?}}%[[ONE]], %[[RATE]],
func.func @no_reserve(%x: tensor<5x2x3xf32>, %h: tensor<2x2x3xf32>, %p: tensor<48xf32>)
    -> tensor<5x2x3xf32> {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 2, num_units = 3, is_training = true, dropout = 0.5 : f32}
      : (tensor<5x2x3xf32>, tensor<2x2x3xf32>, tensor<48xf32>)
     -> (tensor<5x2x3xf32>, tensor<2x2x3xf32>)
  return %y : tensor<5x2x3xf32>
}

// -----

// A reserve from the caller, or read by two grad ops, is passed as it is
// (the fallback's backward does not write it); f16 and f64 have the same
// entry points. A GRU without linear-before-reset passes 0.

// CHECK-LABEL: func.func @two_grads
// CHECK-NOT:   memref.copy
// CHECK-COUNT-2: call @rnnrt_cublas_rnn_backward_f16(
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

// CHECK-LABEL: func.func @gru_reset_before_matmul
// CHECK-DAG:   %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:   %[[RATE:.+]] = arith.constant 0.000000e+00 : f64
// CHECK:       call @rnnrt_cublas_rnn_backward_f64({{([^,]+, ){9} ?}}%[[RATE]], %[[ZERO]], %[[ZERO]],
func.func @gru_reset_before_matmul(%x: tensor<5x2x3xf64>, %h: tensor<1x2x4xf64>, %p: tensor<108xf64>,
                                   %y: tensor<5x2x4xf64>, %reserve: tensor<?xi8>,
                                   %dy: tensor<5x2x4xf64>, %dh: tensor<1x2x4xf64>) -> tensor<108xf64> {
  %dx, %dh_0, %dp = rnn.gru_grad %x, %h, %p, %y, %reserve, %dy, %dh
      {num_layers = 1, num_units = 4, linear_before_reset = false}
      : (tensor<5x2x3xf64>, tensor<1x2x4xf64>, tensor<108xf64>, tensor<5x2x4xf64>,
         tensor<?xi8>, tensor<5x2x4xf64>, tensor<1x2x4xf64>)
     -> (tensor<5x2x3xf64>, tensor<1x2x4xf64>, tensor<108xf64>)
  return %dp : tensor<108xf64>
}

// -----

// bf16 trains on the fallback too: its own bf16 entry points.

// CHECK-LABEL: func.func @bf16_step
// CHECK:       call @rnnrt_cublas_rnn_reserve_size_bf16(
// CHECK:       call @rnnrt_cublas_rnn_training_forward_bf16(
// CHECK:       call @rnnrt_cublas_rnn_backward_bf16(
func.func @bf16_step(%x: tensor<5x2x3xbf16>, %h_0: tensor<1x2x4xbf16>,
                     %params: tensor<36xbf16>, %dy: tensor<5x2x4xbf16>,
                     %dh_n: tensor<1x2x4xbf16>) -> tensor<36xbf16> {
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>)
     -> (tensor<5x2x4xbf16>, tensor<1x2x4xbf16>, tensor<?xi8>)
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>, tensor<5x2x4xbf16>,
         tensor<?xi8>, tensor<5x2x4xbf16>, tensor<1x2x4xbf16>)
     -> (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<36xbf16>)
  return %dp : tensor<36xbf16>
}

// -----

// The LSTM projection trains on the fallback (num_proj passed on).
// CHECK-LABEL: func.func @num_proj_step
// CHECK:       call @rnnrt_cublas_rnn_reserve_size_f32(
// CHECK:       call @rnnrt_cublas_rnn_training_forward_f32(
// CHECK:       call @rnnrt_cublas_rnn_backward_f32(
func.func @num_proj_step(%x: tensor<5x2x5xf32>, %h_0: tensor<1x2x3xf32>,
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
