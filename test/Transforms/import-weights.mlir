// RUN: rnn-opt %s --rnn-import-weights --split-input-file | FileCheck %s

// The weight import helpers (rnn/Dialect/RNN/Utils/WeightImport.h) through
// rnn-import-weights: a call of a marker declaration such as
// @import_keras_lstm is replaced by the canonical weights (all matrices, then
// all biases, cuDNN gate order), one extract_slice per gate; the gate
// reordering of each system shows in the slice offsets. H = 2, I = 3.
// Declarations left without uses are erased.

// PyTorch stacks the gates (r, z, n) along the rows, in cuDNN order.

// CHECK-NOT:   @import_pytorch_gru
// CHECK-LABEL: func.func @pytorch_gru
// CHECK-SAME:    %[[WIH:[^:]+]]: tensor<6x3xf32>, %[[WHH:[^:]+]]: tensor<6x2xf32>, %[[BIH:[^:]+]]: tensor<6xf32>, %[[BHH:[^:]+]]: tensor<6xf32>
// CHECK-DAG:     %[[WR:.+]] = tensor.extract_slice %[[WIH]][0, 0] [2, 3] [1, 1]
// CHECK-DAG:     %[[WZ:.+]] = tensor.extract_slice %[[WIH]][2, 0] [2, 3] [1, 1]
// CHECK-DAG:     %[[WN:.+]] = tensor.extract_slice %[[WIH]][4, 0] [2, 3] [1, 1]
// CHECK-DAG:     %[[RR:.+]] = tensor.extract_slice %[[WHH]][0, 0] [2, 2] [1, 1]
// CHECK-DAG:     %[[RZ:.+]] = tensor.extract_slice %[[WHH]][2, 0] [2, 2] [1, 1]
// CHECK-DAG:     %[[RN:.+]] = tensor.extract_slice %[[WHH]][4, 0] [2, 2] [1, 1]
// CHECK-DAG:     %[[BWR:.+]] = tensor.extract_slice %[[BIH]][0] [2] [1]
// CHECK-DAG:     %[[BWZ:.+]] = tensor.extract_slice %[[BIH]][2] [2] [1]
// CHECK-DAG:     %[[BWN:.+]] = tensor.extract_slice %[[BIH]][4] [2] [1]
// CHECK-DAG:     %[[BRR:.+]] = tensor.extract_slice %[[BHH]][0] [2] [1]
// CHECK-DAG:     %[[BRZ:.+]] = tensor.extract_slice %[[BHH]][2] [2] [1]
// CHECK-DAG:     %[[BRN:.+]] = tensor.extract_slice %[[BHH]][4] [2] [1]
// CHECK:         return %[[WR]], %[[WZ]], %[[WN]], %[[RR]], %[[RZ]], %[[RN]], %[[BWR]], %[[BWZ]], %[[BWN]], %[[BRR]], %[[BRZ]], %[[BRN]]
func.func private @import_pytorch_gru(tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
func.func @pytorch_gru(%wih: tensor<6x3xf32>, %whh: tensor<6x2xf32>, %bih: tensor<6xf32>, %bhh: tensor<6xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %out:12 = func.call @import_pytorch_gru(%wih, %whh, %bih, %bhh)
      : (tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %out#0, %out#1, %out#2, %out#3, %out#4, %out#5, %out#6, %out#7, %out#8, %out#9, %out#10, %out#11
      : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Keras stores [in, 4H] and [H, 4H] with the gates (i, f, c, o) along the
// columns: each gate is a column block, transposed to [H, in]. The one summed
// bias is b_W, and b_R is zero.

// CHECK-NOT:   @import_keras_lstm
// CHECK-LABEL: func.func @keras_lstm
// CHECK-SAME:    %[[K:[^:]+]]: tensor<3x8xf32>, %[[RK:[^:]+]]: tensor<2x8xf32>, %[[B:[^:]+]]: tensor<8xf32>
// CHECK-DAG:     %[[WI:.+]] = linalg.transpose ins(%[[WSI:[^ ]+]] : tensor<3x2xf32>)
// CHECK-DAG:     %[[WF:.+]] = linalg.transpose ins(%[[WSF:[^ ]+]] : tensor<3x2xf32>)
// CHECK-DAG:     %[[WC:.+]] = linalg.transpose ins(%[[WSC:[^ ]+]] : tensor<3x2xf32>)
// CHECK-DAG:     %[[WO:.+]] = linalg.transpose ins(%[[WSO:[^ ]+]] : tensor<3x2xf32>)
// CHECK-DAG:     %[[RI:.+]] = linalg.transpose ins(%[[RSI:[^ ]+]] : tensor<2x2xf32>)
// CHECK-DAG:     %[[RF:.+]] = linalg.transpose ins(%[[RSF:[^ ]+]] : tensor<2x2xf32>)
// CHECK-DAG:     %[[RC:.+]] = linalg.transpose ins(%[[RSC:[^ ]+]] : tensor<2x2xf32>)
// CHECK-DAG:     %[[RO:.+]] = linalg.transpose ins(%[[RSO:[^ ]+]] : tensor<2x2xf32>)
// CHECK-DAG:     %[[BWI:.+]] = tensor.extract_slice %[[B]][0] [2] [1]
// CHECK-DAG:     %[[BWF:.+]] = tensor.extract_slice %[[B]][2] [2] [1]
// CHECK-DAG:     %[[BWC:.+]] = tensor.extract_slice %[[B]][4] [2] [1]
// CHECK-DAG:     %[[BWO:.+]] = tensor.extract_slice %[[B]][6] [2] [1]
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK-DAG:     %[[WSI]] = tensor.extract_slice %[[K]][0, 0] [3, 2] [1, 1]
// CHECK-DAG:     %[[RSI]] = tensor.extract_slice %[[RK]][0, 0] [2, 2] [1, 1]
// CHECK-DAG:     %[[WSF]] = tensor.extract_slice %[[K]][0, 2] [3, 2] [1, 1]
// CHECK-DAG:     %[[RSF]] = tensor.extract_slice %[[RK]][0, 2] [2, 2] [1, 1]
// CHECK-DAG:     %[[WSC]] = tensor.extract_slice %[[K]][0, 4] [3, 2] [1, 1]
// CHECK-DAG:     %[[RSC]] = tensor.extract_slice %[[RK]][0, 4] [2, 2] [1, 1]
// CHECK-DAG:     %[[WSO]] = tensor.extract_slice %[[K]][0, 6] [3, 2] [1, 1]
// CHECK-DAG:     %[[RSO]] = tensor.extract_slice %[[RK]][0, 6] [2, 2] [1, 1]
// CHECK:         return %[[WI]], %[[WF]], %[[WC]], %[[WO]], %[[RI]], %[[RF]], %[[RC]], %[[RO]], %[[BWI]], %[[BWF]], %[[BWC]], %[[BWO]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ZERO]]
func.func private @import_keras_lstm(tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
func.func @keras_lstm(%k: tensor<3x8xf32>, %rk: tensor<2x8xf32>, %b: tensor<8xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %out:16 = func.call @import_keras_lstm(%k, %rk, %b)
      : (tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %out#0, %out#1, %out#2, %out#3, %out#4, %out#5, %out#6, %out#7, %out#8, %out#9, %out#10, %out#11, %out#12, %out#13, %out#14, %out#15
      : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// ONNX LSTM stores the gates in the order i, o, f, c, per direction, with
// B = [Wb | Rb]: canonical f comes from block 2 (rows 4..5), c from block 3,
// o from block 1. Both directions, forward first.

// CHECK-NOT:   @import_onnx_lstm
// CHECK-LABEL: func.func @onnx_lstm
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x8x3xf32>, %[[R:[^:]+]]: tensor<2x8x2xf32>, %[[B:[^:]+]]: tensor<2x16xf32>
// CHECK-DAG:     %[[WI0:.+]] = tensor.extract_slice %[[W]][0, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<2x8x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WF0:.+]] = tensor.extract_slice %[[W]][0, 4, 0] [1, 2, 3] [1, 1, 1] : tensor<2x8x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WC0:.+]] = tensor.extract_slice %[[W]][0, 6, 0] [1, 2, 3] [1, 1, 1] : tensor<2x8x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WO0:.+]] = tensor.extract_slice %[[W]][0, 2, 0] [1, 2, 3] [1, 1, 1] : tensor<2x8x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[RI0:.+]] = tensor.extract_slice %[[R]][0, 0, 0] [1, 2, 2] [1, 1, 1] : tensor<2x8x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[RF0:.+]] = tensor.extract_slice %[[R]][0, 4, 0] [1, 2, 2] [1, 1, 1] : tensor<2x8x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[RC0:.+]] = tensor.extract_slice %[[R]][0, 6, 0] [1, 2, 2] [1, 1, 1] : tensor<2x8x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[RO0:.+]] = tensor.extract_slice %[[R]][0, 2, 0] [1, 2, 2] [1, 1, 1] : tensor<2x8x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[WI1:.+]] = tensor.extract_slice %[[W]][1, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<2x8x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WF1:.+]] = tensor.extract_slice %[[W]][1, 4, 0] [1, 2, 3] [1, 1, 1] : tensor<2x8x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WC1:.+]] = tensor.extract_slice %[[W]][1, 6, 0] [1, 2, 3] [1, 1, 1] : tensor<2x8x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WO1:.+]] = tensor.extract_slice %[[W]][1, 2, 0] [1, 2, 3] [1, 1, 1] : tensor<2x8x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[RI1:.+]] = tensor.extract_slice %[[R]][1, 0, 0] [1, 2, 2] [1, 1, 1] : tensor<2x8x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[RF1:.+]] = tensor.extract_slice %[[R]][1, 4, 0] [1, 2, 2] [1, 1, 1] : tensor<2x8x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[RC1:.+]] = tensor.extract_slice %[[R]][1, 6, 0] [1, 2, 2] [1, 1, 1] : tensor<2x8x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[RO1:.+]] = tensor.extract_slice %[[R]][1, 2, 0] [1, 2, 2] [1, 1, 1] : tensor<2x8x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[BWI0:.+]] = tensor.extract_slice %[[B]][0, 0] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWF0:.+]] = tensor.extract_slice %[[B]][0, 4] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWC0:.+]] = tensor.extract_slice %[[B]][0, 6] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWO0:.+]] = tensor.extract_slice %[[B]][0, 2] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRI0:.+]] = tensor.extract_slice %[[B]][0, 8] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRF0:.+]] = tensor.extract_slice %[[B]][0, 12] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRC0:.+]] = tensor.extract_slice %[[B]][0, 14] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRO0:.+]] = tensor.extract_slice %[[B]][0, 10] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWI1:.+]] = tensor.extract_slice %[[B]][1, 0] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWF1:.+]] = tensor.extract_slice %[[B]][1, 4] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWC1:.+]] = tensor.extract_slice %[[B]][1, 6] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWO1:.+]] = tensor.extract_slice %[[B]][1, 2] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRI1:.+]] = tensor.extract_slice %[[B]][1, 8] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRF1:.+]] = tensor.extract_slice %[[B]][1, 12] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRC1:.+]] = tensor.extract_slice %[[B]][1, 14] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRO1:.+]] = tensor.extract_slice %[[B]][1, 10] [1, 2] [1, 1] : tensor<2x16xf32> to tensor<2xf32>
// CHECK:         return %[[WI0]], %[[WF0]], %[[WC0]], %[[WO0]], %[[RI0]], %[[RF0]], %[[RC0]], %[[RO0]], %[[WI1]], %[[WF1]], %[[WC1]], %[[WO1]], %[[RI1]], %[[RF1]], %[[RC1]], %[[RO1]], %[[BWI0]], %[[BWF0]], %[[BWC0]], %[[BWO0]], %[[BRI0]], %[[BRF0]], %[[BRC0]], %[[BRO0]], %[[BWI1]], %[[BWF1]], %[[BWC1]], %[[BWO1]], %[[BRI1]], %[[BRF1]], %[[BRC1]], %[[BRO1]]
func.func private @import_onnx_lstm(tensor<2x8x3xf32>, tensor<2x8x2xf32>, tensor<2x16xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
func.func @onnx_lstm(%w: tensor<2x8x3xf32>, %r: tensor<2x8x2xf32>, %b: tensor<2x16xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %out:32 = func.call @import_onnx_lstm(%w, %r, %b)
      : (tensor<2x8x3xf32>, tensor<2x8x2xf32>, tensor<2x16xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %out#0, %out#1, %out#2, %out#3, %out#4, %out#5, %out#6, %out#7, %out#8, %out#9, %out#10, %out#11, %out#12, %out#13, %out#14, %out#15, %out#16, %out#17, %out#18, %out#19, %out#20, %out#21, %out#22, %out#23, %out#24, %out#25, %out#26, %out#27, %out#28, %out#29, %out#30, %out#31
      : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// ONNX GRU stores the gates in the order z, r, h: canonical r comes from
// block 1, z from block 0. linear_before_reset = 1 is the canonical GRU.

// CHECK-NOT:   @import_onnx_gru
// CHECK-LABEL: func.func @onnx_gru
// CHECK-SAME:    %[[W:[^:]+]]: tensor<1x6x3xf32>, %[[R:[^:]+]]: tensor<1x6x2xf32>, %[[B:[^:]+]]: tensor<1x12xf32>
// CHECK-DAG:     %[[WR:.+]] = tensor.extract_slice %[[W]][0, 2, 0] [1, 2, 3] [1, 1, 1] : tensor<1x6x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WZ:.+]] = tensor.extract_slice %[[W]][0, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<1x6x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[WH:.+]] = tensor.extract_slice %[[W]][0, 4, 0] [1, 2, 3] [1, 1, 1] : tensor<1x6x3xf32> to tensor<2x3xf32>
// CHECK-DAG:     %[[RR:.+]] = tensor.extract_slice %[[R]][0, 2, 0] [1, 2, 2] [1, 1, 1] : tensor<1x6x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[RZ:.+]] = tensor.extract_slice %[[R]][0, 0, 0] [1, 2, 2] [1, 1, 1] : tensor<1x6x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[RH:.+]] = tensor.extract_slice %[[R]][0, 4, 0] [1, 2, 2] [1, 1, 1] : tensor<1x6x2xf32> to tensor<2x2xf32>
// CHECK-DAG:     %[[BWR:.+]] = tensor.extract_slice %[[B]][0, 2] [1, 2] [1, 1] : tensor<1x12xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWZ:.+]] = tensor.extract_slice %[[B]][0, 0] [1, 2] [1, 1] : tensor<1x12xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BWH:.+]] = tensor.extract_slice %[[B]][0, 4] [1, 2] [1, 1] : tensor<1x12xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRR:.+]] = tensor.extract_slice %[[B]][0, 8] [1, 2] [1, 1] : tensor<1x12xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRZ:.+]] = tensor.extract_slice %[[B]][0, 6] [1, 2] [1, 1] : tensor<1x12xf32> to tensor<2xf32>
// CHECK-DAG:     %[[BRH:.+]] = tensor.extract_slice %[[B]][0, 10] [1, 2] [1, 1] : tensor<1x12xf32> to tensor<2xf32>
// CHECK:         return %[[WR]], %[[WZ]], %[[WH]], %[[RR]], %[[RZ]], %[[RH]], %[[BWR]], %[[BWZ]], %[[BWH]], %[[BRR]], %[[BRZ]], %[[BRH]]
func.func private @import_onnx_gru(tensor<1x6x3xf32>, tensor<1x6x2xf32>, tensor<1x12xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
func.func @onnx_gru(%w: tensor<1x6x3xf32>, %r: tensor<1x6x2xf32>, %b: tensor<1x12xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %out:12 = func.call @import_onnx_gru(%w, %r, %b) {linear_before_reset = 1 : i64}
      : (tensor<1x6x3xf32>, tensor<1x6x2xf32>, tensor<1x12xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %out#0, %out#1, %out#2, %out#3, %out#4, %out#5, %out#6, %out#7, %out#8, %out#9, %out#10, %out#11
      : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// An LSTM with proj_size (H = 3, P = 2, I = 1): weight_hh is [12, 2] and
// weight_hr [2, 3] is the block's projection matrix, after the R gates.

// CHECK-LABEL: func.func @pytorch_lstm_projection
// CHECK-SAME:    %[[WIH:[^:]+]]: tensor<12x1xf32>, %[[WHH:[^:]+]]: tensor<12x2xf32>, %[[B:[^:]+]]: tensor<12xf32>, %[[WHR:[^:]+]]: tensor<2x3xf32>
// CHECK-DAG:     %[[RO:.+]] = tensor.extract_slice %[[WHH]][9, 0] [3, 2] [1, 1]
// CHECK:         return %[[RO]], %[[WHR]] :
func.func private @import_pytorch_lstm(tensor<12x1xf32>, tensor<12x2xf32>, tensor<12xf32>, tensor<12xf32>, tensor<2x3xf32>)
    -> (tensor<3x1xf32>, tensor<3x1xf32>, tensor<3x1xf32>, tensor<3x1xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x3xf32>,
        tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
func.func @pytorch_lstm_projection(%wih: tensor<12x1xf32>, %whh: tensor<12x2xf32>, %b: tensor<12xf32>, %whr: tensor<2x3xf32>)
    -> (tensor<3x2xf32>, tensor<2x3xf32>) {
  %out:17 = func.call @import_pytorch_lstm(%wih, %whh, %b, %b, %whr)
      : (tensor<12x1xf32>, tensor<12x2xf32>, tensor<12xf32>, tensor<12xf32>, tensor<2x3xf32>)
     -> (tensor<3x1xf32>, tensor<3x1xf32>, tensor<3x1xf32>, tensor<3x1xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x3xf32>,
         tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %out#7, %out#8 : tensor<3x2xf32>, tensor<2x3xf32>
}
