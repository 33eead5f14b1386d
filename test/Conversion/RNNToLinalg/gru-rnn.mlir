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

// Two layers with dropout in training: one call of the CPU runtime's
// dropout (rnn/Support/DropoutMask.h) on the flattened first-layer output,
// none after the last; inference has none.

// CHECK:       func.func private @rnnrt_cpu_dropout_f32(memref<?xf32>, memref<?xf32>, i64, i64, f64) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @dropout_training
// CHECK-DAG:     %[[SEED:.+]] = arith.constant 7 : i64
// CHECK-DAG:     %[[LAYER:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[RATE:.+]] = arith.constant 5.000000e-01 : f64
// CHECK:         %[[LAYER0:.+]]:2 = scf.for
// CHECK:         %[[FLAT:.+]] = tensor.collapse_shape %[[LAYER0]]#1 {{\[\[}}0, 1, 2]] : tensor<6x2x4xf32> into tensor<48xf32>
// CHECK:         %[[IN:.+]] = bufferization.to_buffer %[[FLAT]] read_only
// CHECK:         %[[OUT:.+]] = memref.alloc() {alignment = 64 : i64} : memref<48xf32>
// CHECK:         %[[INARG:.+]] = memref.cast %[[IN]] : memref<48xf32> to memref<?xf32>
// CHECK:         %[[OUTARG:.+]] = memref.cast %[[OUT]] : memref<48xf32> to memref<?xf32>
// CHECK:         call @rnnrt_cpu_dropout_f32(%[[INARG]], %[[OUTARG]], %[[SEED]], %[[LAYER]], %[[RATE]])
// CHECK:         %[[DROPPED:.+]] = bufferization.to_tensor %[[OUT]] restrict writable
// CHECK:         %[[ROWS:.+]] = tensor.expand_shape %[[DROPPED]] {{\[\[}}0, 1]] output_shape [12, 4]
// CHECK:         linalg.matmul {{.*}} ins(%[[ROWS]]
// CHECK:         scf.for
// CHECK-NOT:     rnnrt_cpu_dropout
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
// CHECK-NOT:     rnnrt_cpu_dropout
// CHECK:         return
func.func @dropout_inference(%x: tensor<6x2x3xf32>, %h: tensor<2x2x4xf32>, %p: tensor<76xf32>)
    -> (tensor<6x2x4xf32>, tensor<2x2x4xf32>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p
      {num_layers = 2, num_units = 4, dropout = 0.5 : f32, seed = 7}
      : (tensor<6x2x3xf32>, tensor<2x2x4xf32>, tensor<76xf32>)
     -> (tensor<6x2x4xf32>, tensor<2x2x4xf32>)
  return %y, %hn : tensor<6x2x4xf32>, tensor<2x2x4xf32>
}
