// RUN: rnn-opt %s --convert-rnn-to-cudnn --cse --split-input-file | FileCheck %s
// RUN: rnn-opt %s --convert-rnn-to-cublas --cse --split-input-file | FileCheck %s

// A result may leave any dimension dynamic; its buffer gets the true size:
// the configuration's L*D, H or D*H where those are asked for, x's T and B
// where those are (here L = 2, D = 2, H = 8: L*D = 4, D*H = 16; I = 2).

// CHECK-LABEL: func.func @static_input
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     memref.alloc(%[[C16]]) : memref<5x3x?xf32>
// CHECK-DAG:     memref.alloc(%[[C4]]) : memref<?x3x8xf32>
func.func @static_input(%x: tensor<5x3x2xf32>, %h: tensor<4x3x8xf32>,
                        %p: tensor<608xf32>)
    -> (tensor<5x3x?xf32>, tensor<?x3x8xf32>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p
      {num_layers = 2, num_units = 8, direction = #rnn.direction<bidirectional>}
      : (tensor<5x3x2xf32>, tensor<4x3x8xf32>, tensor<608xf32>)
     -> (tensor<5x3x?xf32>, tensor<?x3x8xf32>)
  return %y, %hn : tensor<5x3x?xf32>, tensor<?x3x8xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_batch
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x?x2xf32>
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG:     %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG:     %[[T:.+]] = tensor.dim %[[X]], %[[C0]]
// CHECK-DAG:     %[[B:.+]] = tensor.dim %[[X]], %[[C1]]
// CHECK-DAG:     memref.alloc(%[[T]], %[[B]], %[[C16]]) : memref<?x?x?xf32>
// CHECK-DAG:     memref.alloc(%[[C4]], %[[B]]) : memref<?x?x8xf32>
// CHECK-DAG:     memref.alloc(%[[B]], %[[C8]]) : memref<4x?x?xf32>
func.func @dynamic_batch(%x: tensor<?x?x2xf32>, %h: tensor<4x?x8xf32>,
                         %c: tensor<4x?x8xf32>, %p: tensor<2432xf32>)
    -> (tensor<?x?x?xf32>, tensor<?x?x8xf32>, tensor<4x?x?xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 2, num_units = 8, direction = #rnn.direction<bidirectional>}
      : (tensor<?x?x2xf32>, tensor<4x?x8xf32>, tensor<4x?x8xf32>, tensor<2432xf32>)
     -> (tensor<?x?x?xf32>, tensor<?x?x8xf32>, tensor<4x?x?xf32>)
  return %y, %hn, %cn : tensor<?x?x?xf32>, tensor<?x?x8xf32>, tensor<4x?x?xf32>
}
