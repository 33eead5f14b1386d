// RUN: rnn-opt %s --convert-rnn-to-cudnn | FileCheck %s
// RUN: rnn-opt %s --convert-rnn-to-cublas | FileCheck %s

// A constant operand of any rank (here the zero h_0 rnn-translate emits for
// an ONNX node without initial_h) is a host global: it is uploaded,
// flattened, and the device copy is shaped back for the call, never passed
// as a host pointer.

// CHECK-LABEL: func.func @constant_state
// CHECK:         %[[HB:.+]] = bufferization.to_buffer %{{.+}} read_only : tensor<1x3x6xf32> to memref<1x3x6xf32>
// CHECK:         %[[FLAT:.+]] = memref.collapse_shape %[[HB]] {{\[}}[0, 1, 2]] : memref<1x3x6xf32> into memref<18xf32>
// CHECK:         %[[FLATA:.+]] = memref.cast %[[FLAT]] : memref<18xf32> to memref<?xf32>
// CHECK:         %[[DEV:.+]] = call @rnnrt_cuda_upload_constant_f32(%[[FLATA]], %{{.+}})
// CHECK:         %[[DEVS:.+]] = memref.cast %[[DEV]] : memref<?xf32> to memref<18xf32>
// CHECK:         %[[SHAPED:.+]] = memref.expand_shape %[[DEVS]] {{\[}}[0, 1, 2]] output_shape [1, 3, 6] : memref<18xf32> into memref<1x3x6xf32>
// CHECK:         %[[HA:.+]] = memref.cast %[[SHAPED]] : memref<1x3x6xf32> to memref<?x?x?xf32>
// CHECK:         call @rnnrt_{{cudnn|cublas}}_rnn_forward_f32({{.*}}, %[[HA]], %[[HA]],
func.func @constant_state(%x: tensor<5x3x4xf32>, %p: tensor<72xf32>) -> tensor<5x3x6xf32> {
  %h = arith.constant dense<0.0> : tensor<1x3x6xf32>
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 6}
      : (tensor<5x3x4xf32>, tensor<1x3x6xf32>, tensor<72xf32>) -> (tensor<5x3x6xf32>, tensor<1x3x6xf32>)
  return %y : tensor<5x3x6xf32>
}
