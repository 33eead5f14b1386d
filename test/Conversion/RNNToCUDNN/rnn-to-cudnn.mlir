// RUN: rnn-opt %s --convert-rnn-to-cudnn --cse --split-input-file | FileCheck %s
// RUN: rnn-opt %s --convert-rnn-to-cudnn="math=tf32 algo=persist-static" --cse --split-input-file | FileCheck %s --check-prefix=OPTS

// The configuration, dtype, math mode and algorithm are constants of one
// runtime call on buffers; results are fresh allocations.

// CHECK:       func.func private @rnnrt_cudnn_rnn_forward_f32(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, memref<?x?x?xf32>, i64, memref<?xi32>) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @lstm
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x4x32xf32>, %[[H:[^:]+]]: tensor<4x4x64xf32>, %[[C:[^:]+]]: tensor<4x4x64xf32>, %[[P:[^:]+]]: tensor<149504xf32>
// CHECK-DAG:     %[[XB:.+]] = bufferization.to_buffer %[[X]] read_only
// CHECK-DAG:     %[[XA:.+]] = memref.cast %[[XB]] : memref<?x4x32xf32> to memref<?x?x?xf32>
// CHECK-DAG:     %[[PB:.+]] = bufferization.to_buffer %[[P]] read_only
// CHECK-DAG:     %[[PA:.+]] = memref.cast %[[PB]] : memref<149504xf32> to memref<?xf32>
// CHECK-DAG:     %[[T:.+]] = tensor.dim %[[X]], %c0
// CHECK-DAG:     %[[Y:.+]] = memref.alloc(%[[T]]) : memref<?x4x128xf32>
// CHECK-DAG:     %[[HN:.+]] = memref.alloc() : memref<4x4x64xf32>
// CHECK-DAG:     %[[CN:.+]] = memref.alloc() : memref<4x4x64xf32>
// CHECK-DAG:     %[[TWO:.+]] = arith.constant 2 : i64
// CHECK-DAG:     %[[UNITS:.+]] = arith.constant 64 : i64
// CHECK-DAG:     %[[INPUT:.+]] = arith.constant 32 : i64
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[PREFER_PERSISTENT:.+]] = arith.constant 4 : i64
// CHECK:         call @rnnrt_cudnn_rnn_forward_f32(%[[TWO]], %[[TWO]], %[[UNITS]], %[[INPUT]], %{{[^,]+}}, %[[ONE]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[PREFER_PERSISTENT]], %[[XA]], %{{[^,]+}}, %{{[^,]+}}, %[[PA]], %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[ONE]], %{{[^,]+}})
// CHECK-DAG:     %[[YT:.+]] = bufferization.to_tensor %[[Y]] restrict writable
// CHECK:         return %[[YT]]

// OPTS-LABEL: func.func @lstm
// OPTS-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// OPTS-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// OPTS:         call @rnnrt_cudnn_rnn_forward_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[ONE]], %[[ZERO]], %[[ZERO]], %[[ONE]], %[[ONE]],
func.func @lstm(%x: tensor<?x4x32xf32>, %h: tensor<4x4x64xf32>, %c: tensor<4x4x64xf32>,
                %p: tensor<149504xf32>)
    -> (tensor<?x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<?x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<?x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return %y, %hn, %cn : tensor<?x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>
}

// -----

// f16 always uses tensor-core math; GRU passes h as the (ignored) cell
// buffers; skip_input is resolved from auto_select; constant packed params
// are uploaded once through the runtime.

// CHECK-LABEL: func.func @gru_f16_constant_params
// CHECK-DAG:     %[[GRU:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[SKIP:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[HALF:.+]] = arith.constant 2 : i64
// CHECK-DAG:     %[[PREFER_PERSISTENT:.+]] = arith.constant 4 : i64
// CHECK-DAG:     %[[P:.+]] = arith.constant dense<{{.+}}> : tensor<45xf16>
// CHECK:         %[[PB:.+]] = bufferization.to_buffer %[[P]] read_only
// CHECK:         %[[PA:.+]] = memref.cast %[[PB]]
// CHECK:         %[[SLOT:.+]] = memref.get_global @__rnnrt_module_slot : memref<1xi64>
// CHECK:         %[[SLOTA:.+]] = memref.cast %[[SLOT]] : memref<1xi64> to memref<?xi64>
// CHECK:         %[[DEV:.+]] = call @rnnrt_cuda_upload_constant_f16(%[[PA]], %[[SLOTA]]) : (memref<?xf16>, memref<?xi64>) -> memref<?xf16>
// CHECK:         call @rnnrt_cudnn_rnn_forward_f16(%[[GRU]], %[[SKIP]], %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[SKIP]], %[[HALF]], %[[HALF]], %[[PREFER_PERSISTENT]], %{{[^,]+}}, %[[HA:[^,]+]], %[[HA]], %[[DEV]], %{{[^,]+}}, %[[HNA:[^,]+]], %[[HNA]], %[[SKIP]], %{{[^,]+}})
func.func @gru_f16_constant_params(%x: tensor<5x2x3xf16>, %h: tensor<1x2x3xf16>)
    -> (tensor<5x2x3xf16>, tensor<1x2x3xf16>) {
  %p = arith.constant dense<0.5> : tensor<45xf16>
  %y, %hn = rnn.gru %x, %h, %p
      {num_layers = 1, num_units = 3, input_mode = #rnn.input_mode<auto_select>}
      : (tensor<5x2x3xf16>, tensor<1x2x3xf16>, tensor<45xf16>)
     -> (tensor<5x2x3xf16>, tensor<1x2x3xf16>)
  return %y, %hn : tensor<5x2x3xf16>, tensor<1x2x3xf16>
}

// -----

// The algorithm from the shapes: standard for f32 with a large or dynamic
// batch and for f64 (measured on an H100, see bench/results/gpu.md).

// CHECK-LABEL: func.func @algorithm_choice
// CHECK-DAG:     %[[STANDARD:.+]] = arith.constant 0 : i64
// CHECK:         call @rnnrt_cudnn_rnn_forward_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[STANDARD]],
// CHECK:         call @rnnrt_cudnn_rnn_forward_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[STANDARD]],
// CHECK:         call @rnnrt_cudnn_rnn_forward_f64(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %[[STANDARD]],
func.func @algorithm_choice(%x: tensor<3x64x2xf32>, %h: tensor<1x64x2xf32>, %p: tensor<12xf32>,
                            %xd: tensor<3x?x2xf32>, %hd: tensor<1x?x2xf32>,
                            %x64: tensor<3x1x2xf64>, %h64: tensor<1x1x2xf64>, %p64: tensor<12xf64>)
    -> (tensor<3x64x2xf32>, tensor<3x?x2xf32>, tensor<3x1x2xf64>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 2}
      : (tensor<3x64x2xf32>, tensor<1x64x2xf32>, tensor<12xf32>) -> (tensor<3x64x2xf32>, tensor<1x64x2xf32>)
  %yd, %hnd = rnn.rnn_tanh %xd, %hd, %p {num_layers = 1, num_units = 2}
      : (tensor<3x?x2xf32>, tensor<1x?x2xf32>, tensor<12xf32>) -> (tensor<3x?x2xf32>, tensor<1x?x2xf32>)
  %y64, %hn64 = rnn.rnn_tanh %x64, %h64, %p64 {num_layers = 1, num_units = 2}
      : (tensor<3x1x2xf64>, tensor<1x1x2xf64>, tensor<12xf64>) -> (tensor<3x1x2xf64>, tensor<1x1x2xf64>)
  return %y, %yd, %y64 : tensor<3x64x2xf32>, tensor<3x?x2xf32>, tensor<3x1x2xf64>
}
