// RUN: rnn-opt %s --convert-rnn-to-cublas --cse --split-input-file | FileCheck %s
// RUN: rnn-opt %s --convert-rnn-to-cublas="math=tf32" --cse --split-input-file | FileCheck %s --check-prefix=TF32
// RUN: not rnn-opt %s --convert-rnn-to-cublas="math=fast" 2>&1 | FileCheck %s --check-prefix=BADOPT

// BADOPT: convert-rnn-to-cublas: unknown math 'fast' (strict, tf32)

// One runtime call of the cuBLAS fallback on buffers, like the cuDNN
// lowering, with (is_training, dropout, seed, linear_before_reset) instead
// of cuDNN's algorithm.

// CHECK:       func.func private @rnnrt_cublas_rnn_forward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, f64, i64, i64, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, i64, memref<?xi32>) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @gru
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x?x8xf32>, %[[H:[^:]+]]: tensor<2x?x16xf32>, %[[P:[^:]+]]: tensor<{{[0-9]+}}xf32>
// CHECK-DAG:     %[[XB:.+]] = bufferization.to_buffer %[[X]] read_only
// CHECK-DAG:     %[[T:.+]] = tensor.dim %[[X]], %c0
// CHECK-DAG:     %[[B:.+]] = tensor.dim %[[X]], %c1
// CHECK-DAG:     %[[Y:.+]] = memref.alloc(%[[T]], %[[B]]) : memref<?x?x32xf32>
// CHECK-DAG:     %[[HN:.+]] = memref.alloc(%[[B]]) : memref<2x?x16xf32>
// CHECK-DAG:     %[[GRU:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[UNITS:.+]] = arith.constant 16 : i64
// CHECK-DAG:     %[[INPUT:.+]] = arith.constant 8 : i64
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[NO_DROPOUT:.+]] = arith.constant 0.000000e+00 : f64
// CHECK:         call @rnnrt_cublas_rnn_forward_f32(%[[GRU]], %[[ONE]], %[[UNITS]], %[[INPUT]], %{{[^,]+}}, %[[ONE]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[NO_DROPOUT]], %[[ZERO]], %[[ONE]], %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[ONE]], %{{[^,]+}})
// CHECK:         bufferization.to_tensor %[[Y]] restrict writable

// TF32-LABEL: func.func @gru
// TF32-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// TF32-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// TF32:         call @rnnrt_cublas_rnn_forward_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[ONE]], %[[ZERO]], %[[ZERO]], %[[ONE]], %[[ZERO]],
func.func @gru(%x: tensor<?x?x8xf32>, %h: tensor<2x?x16xf32>, %p: tensor<2496xf32>)
    -> (tensor<?x?x32xf32>, tensor<2x?x16xf32>) {
  %y, %hn = rnn.gru %x, %h, %p
      {num_layers = 1, num_units = 16, direction = #rnn.direction<bidirectional>}
      : (tensor<?x?x8xf32>, tensor<2x?x16xf32>, tensor<2496xf32>)
     -> (tensor<?x?x32xf32>, tensor<2x?x16xf32>)
  return %y, %hn : tensor<?x?x32xf32>, tensor<2x?x16xf32>
}

// -----

// f16 always uses tensor cores (math 2); training, dropout and seed pass
// through.

// CHECK-LABEL: func.func @lstm_f16_training
// CHECK-DAG:     %[[TENSOR_OP:.+]] = arith.constant 2 : i64
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[RATE:.+]] = arith.constant 5.000000e-01 : f64
// CHECK-DAG:     %[[SEED:.+]] = arith.constant 7 : i64
// CHECK:         call @rnnrt_cublas_rnn_forward_f16(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[TENSOR_OP]], %[[ONE]], %[[RATE]], %[[SEED]],
func.func @lstm_f16_training(%x: tensor<4x2x8xf16>, %h: tensor<3x2x8xf16>, %c: tensor<3x2x8xf16>,
                             %p: tensor<1728xf16>)
    -> (tensor<4x2x8xf16>, tensor<3x2x8xf16>, tensor<3x2x8xf16>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 3, num_units = 8, is_training = true, dropout = 0.5 : f32, seed = 7 : i64}
      : (tensor<4x2x8xf16>, tensor<3x2x8xf16>, tensor<3x2x8xf16>, tensor<1728xf16>)
     -> (tensor<4x2x8xf16>, tensor<3x2x8xf16>, tensor<3x2x8xf16>)
  return %y, %hn, %cn : tensor<4x2x8xf16>, tensor<3x2x8xf16>, tensor<3x2x8xf16>
}
