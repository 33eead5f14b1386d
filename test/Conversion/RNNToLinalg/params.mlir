// RUN: rnn-opt %s --convert-rnn-to-linalg --canonicalize --split-input-file | FileCheck %s
// RUN: rnn-opt %s --convert-rnn-to-linalg="runtime-pack=none" --canonicalize --split-input-file | FileCheck %s --check-prefix=SLICES
// RUN: rnn-opt %s --convert-rnn-to-linalg="runtime-pack=cuda" --canonicalize --split-input-file | FileCheck %s --check-prefix=CUDA

// GPU pipelines call the GPU runtime's batched pack, same ABI.
// CUDA-LABEL: func.func @pack
// CUDA:         call @rnnrt_cuda_pack_params_f32(
// CUDA-NOT:     tensor.insert_slice

// Without a runtime (runtime-pack=none: e.g. a target with neither of ours)
// pack keeps one insert_slice per canonical tensor.
// SLICES-LABEL: func.func @pack
// SLICES-COUNT-4: tensor.insert_slice
// SLICES-NOT:     rnnrt_cpu_pack_params

// Run-time pack is ONE call of the CPU runtime: the address of each canonical
// tensor (matrices, then biases) and a constant table of (packed offset,
// element count); no insert_slice per matrix.

// CHECK-LABEL: func.func private @rnnrt_cpu_pack_params_f32
// CHECK-SAME:    (memref<?xf32>, memref<?xi64>, memref<?x2xi64>)
// CHECK-SAME:    attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @pack
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x3xf32>, %[[R:[^:]+]]: tensor<2x2xf32>, %[[BW:[^:]+]]: tensor<2xf32>, %[[BR:[^:]+]]: tensor<2xf32>
// CHECK-DAG:     %[[LAYOUT:.+]] = arith.constant dense<{{\[}}[0, 6], [6, 4], [10, 2], [12, 2]]> : tensor<4x2xi64>
// CHECK-DAG:     %[[WB:.+]] = bufferization.to_buffer %[[W]] read_only : tensor<2x3xf32> to memref<2x3xf32>
// CHECK-DAG:     %[[WP:.+]] = memref.extract_aligned_pointer_as_index %[[WB]]
// CHECK-DAG:     %[[WA:.+]] = arith.index_cast %[[WP]] : index to i64
// CHECK-DAG:     %[[RB:.+]] = bufferization.to_buffer %[[R]] read_only
// CHECK-DAG:     %[[RP:.+]] = memref.extract_aligned_pointer_as_index %[[RB]]
// CHECK-DAG:     %[[RA:.+]] = arith.index_cast %[[RP]] : index to i64
// CHECK-DAG:     %[[BWB:.+]] = bufferization.to_buffer %[[BW]] read_only
// CHECK-DAG:     %[[BWP:.+]] = memref.extract_aligned_pointer_as_index %[[BWB]]
// CHECK-DAG:     %[[BWA:.+]] = arith.index_cast %[[BWP]] : index to i64
// CHECK-DAG:     %[[BRB:.+]] = bufferization.to_buffer %[[BR]] read_only
// CHECK-DAG:     %[[BRP:.+]] = memref.extract_aligned_pointer_as_index %[[BRB]]
// CHECK-DAG:     %[[BRA:.+]] = arith.index_cast %[[BRP]] : index to i64
// CHECK:         %[[SOURCES:.+]] = tensor.from_elements %[[WA]], %[[RA]], %[[BWA]], %[[BRA]] : tensor<4xi64>
// CHECK:         %[[DST:.+]] = memref.alloc() {alignment = 64 : i64} : memref<14xf32>
// CHECK:         %[[DSTD:.+]] = memref.cast %[[DST]] : memref<14xf32> to memref<?xf32>
// CHECK:         %[[SB:.+]] = bufferization.to_buffer %[[SOURCES]] read_only
// CHECK:         %[[SBD:.+]] = memref.cast %[[SB]] : memref<4xi64> to memref<?xi64>
// CHECK:         %[[LB:.+]] = bufferization.to_buffer %[[LAYOUT]] read_only
// CHECK:         %[[LBD:.+]] = memref.cast %[[LB]] : memref<4x2xi64> to memref<?x2xi64>
// CHECK:         call @rnnrt_cpu_pack_params_f32(%[[DSTD]], %[[SBD]], %[[LBD]])
// CHECK-NOT:     call
// CHECK:         %[[P:.+]] = bufferization.to_tensor %[[DST]] restrict writable : memref<14xf32> to tensor<14xf32>
// CHECK:         return %[[P]]
// CHECK-NOT:     tensor.insert_slice
func.func @pack(%w: tensor<2x3xf32>, %r: tensor<2x2xf32>, %bw: tensor<2xf32>,
                %br: tensor<2xf32>) -> tensor<14xf32> {
  %p = rnn.pack_params %w, %r, %bw, %br
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
  return %p : tensor<14xf32>
}

// -----

// A bidirectional two-layer GRU in f64: still one call, with the 18
// matrices (skip_input: no layer-0 W matrices) and 24 biases in canonical
// order.

// CHECK-LABEL: func.func private @rnnrt_cpu_pack_params_f64
// CHECK-LABEL: func.func @pack_f64
// CHECK:         arith.constant dense<{{\[}}[0, 1], [1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 2], [8, 2], [10, 2], [12, 1], [13, 1], [14, 1], [15, 2]
// CHECK-SAME:      [46, 1], [47, 1]]> : tensor<42x2xi64>
// CHECK:         tensor.from_elements {{.+}} : tensor<42xi64>
// CHECK:         memref.alloc() {alignment = 64 : i64} : memref<48xf64>
// CHECK:         call @rnnrt_cpu_pack_params_f64
// CHECK-NOT:     call
// CHECK-NOT:     tensor.insert_slice
func.func @pack_f64(%m: tensor<1x1xf64>, %m2: tensor<1x2xf64>, %b: tensor<1xf64>) -> tensor<48xf64> {
  %p = rnn.pack_params
      %m, %m, %m, %m, %m, %m, %m2, %m2, %m2, %m, %m, %m,
      %m2, %m2, %m2, %m, %m, %m, %b, %b, %b, %b, %b, %b,
      %b, %b, %b, %b, %b, %b, %b, %b, %b, %b, %b, %b,
      %b, %b, %b, %b, %b, %b
      {mode = #rnn.mode<gru>, num_layers = 2, num_units = 1, input_size = 1,
       direction = #rnn.direction<bidirectional>,
       input_mode = #rnn.input_mode<skip_input>}
      : (tensor<1x1xf64>, tensor<1x1xf64>, tensor<1x1xf64>, tensor<1x1xf64>,
         tensor<1x1xf64>, tensor<1x1xf64>, tensor<1x2xf64>, tensor<1x2xf64>,
         tensor<1x2xf64>, tensor<1x1xf64>, tensor<1x1xf64>, tensor<1x1xf64>,
         tensor<1x2xf64>, tensor<1x2xf64>, tensor<1x2xf64>, tensor<1x1xf64>,
         tensor<1x1xf64>, tensor<1x1xf64>, tensor<1xf64>, tensor<1xf64>,
         tensor<1xf64>, tensor<1xf64>, tensor<1xf64>, tensor<1xf64>,
         tensor<1xf64>, tensor<1xf64>, tensor<1xf64>, tensor<1xf64>,
         tensor<1xf64>, tensor<1xf64>, tensor<1xf64>, tensor<1xf64>,
         tensor<1xf64>, tensor<1xf64>, tensor<1xf64>, tensor<1xf64>,
         tensor<1xf64>, tensor<1xf64>, tensor<1xf64>, tensor<1xf64>,
         tensor<1xf64>, tensor<1xf64>)
      -> tensor<48xf64>
  return %p : tensor<48xf64>
}
