// RUN: rnn-opt %s --convert-rnn-to-linalg --canonicalize | FileCheck %s

// pack writes each canonical tensor at its packed offset (matrices, then
// biases); unpack reads them back.

// CHECK-LABEL: func.func @pack
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x3xf32>, %[[R:[^:]+]]: tensor<2x2xf32>, %[[BW:[^:]+]]: tensor<2xf32>, %[[BR:[^:]+]]: tensor<2xf32>
// CHECK:         %[[WF:.+]] = tensor.collapse_shape %[[W]]
// CHECK:         %[[P0:.+]] = tensor.insert_slice %[[WF]] into %{{.+}}[0] [6] [1]
// CHECK:         %[[RF:.+]] = tensor.collapse_shape %[[R]]
// CHECK:         %[[P1:.+]] = tensor.insert_slice %[[RF]] into %[[P0]][6] [4] [1]
// CHECK:         %[[P2:.+]] = tensor.insert_slice %[[BW]] into %[[P1]][10] [2] [1]
// CHECK:         %[[P3:.+]] = tensor.insert_slice %[[BR]] into %[[P2]][12] [2] [1]
// CHECK:         return %[[P3]]
func.func @pack(%w: tensor<2x3xf32>, %r: tensor<2x2xf32>, %bw: tensor<2xf32>,
                %br: tensor<2xf32>) -> tensor<14xf32> {
  %p = rnn.pack_params %w, %r, %bw, %br
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
  return %p : tensor<14xf32>
}

// CHECK-LABEL: func.func @unpack
// CHECK-SAME:    %[[P:[^:]+]]: tensor<14xf32>
// CHECK-DAG:     %[[W:.+]] = tensor.extract_slice %[[P]][0] [6] [1]
// CHECK-DAG:     %[[WM:.+]] = tensor.expand_shape %[[W]] {{.*}} into tensor<2x3xf32>
// CHECK-DAG:     %[[BR:.+]] = tensor.extract_slice %[[P]][12] [2] [1]
// CHECK:         return %[[WM]], %[[BR]]
func.func @unpack(%p: tensor<14xf32>) -> (tensor<2x3xf32>, tensor<2xf32>) {
  %w, %r, %bw, %br = rnn.unpack_params %p
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<14xf32>) -> (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %w, %br : tensor<2x3xf32>, tensor<2xf32>
}
