// RUN: rnn-opt %s --convert-rnn-to-linalg --canonicalize | FileCheck %s

// f16 has no runtime entry point: the portable form, one insert_slice per
// canonical tensor.

// CHECK-LABEL: func.func @pack_f16
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x3xf16>, %[[R:[^:]+]]: tensor<2x2xf16>, %[[BW:[^:]+]]: tensor<2xf16>, %[[BR:[^:]+]]: tensor<2xf16>
// CHECK:         %[[WF:.+]] = tensor.collapse_shape %[[W]]
// CHECK:         %[[P0:.+]] = tensor.insert_slice %[[WF]] into %{{.+}}[0] [6] [1]
// CHECK:         %[[RF:.+]] = tensor.collapse_shape %[[R]]
// CHECK:         %[[P1:.+]] = tensor.insert_slice %[[RF]] into %[[P0]][6] [4] [1]
// CHECK:         %[[P2:.+]] = tensor.insert_slice %[[BW]] into %[[P1]][10] [2] [1]
// CHECK:         %[[P3:.+]] = tensor.insert_slice %[[BR]] into %[[P2]][12] [2] [1]
// CHECK:         return %[[P3]]
// CHECK-NOT:     call
func.func @pack_f16(%w: tensor<2x3xf16>, %r: tensor<2x2xf16>, %bw: tensor<2xf16>,
                    %br: tensor<2xf16>) -> tensor<14xf16> {
  %p = rnn.pack_params %w, %r, %bw, %br
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf16>, tensor<2x2xf16>, tensor<2xf16>, tensor<2xf16>) -> tensor<14xf16>
  return %p : tensor<14xf16>
}
