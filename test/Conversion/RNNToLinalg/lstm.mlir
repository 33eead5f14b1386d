// RUN: rnn-opt %s --convert-rnn-to-linalg --canonicalize --split-input-file | FileCheck %s

// One layer, forward: the input projection of all T*B rows is one matmul
// hoisted out of the time loop; the loop runs the recurrent matmul and one
// fused generic with the 4 input and 4 recurrent gates, and writes y[t].

// CHECK-LABEL: func.func @lstm_forward
// CHECK-SAME:    %[[X:[^:]+]]: tensor<7x3x5xf32>, %[[H0:[^:]+]]: tensor<1x3x4xf32>, %[[C0:[^:]+]]: tensor<1x3x4xf32>, %[[P:[^:]+]]: tensor<176xf32>
// CHECK-DAG:     %[[C7:.+]] = arith.constant 7 : index
// CHECK-DAG:     %[[W:.+]] = tensor.extract_slice %[[P]][0] [80] [1]
// CHECK-DAG:     %[[BW:.+]] = tensor.extract_slice %[[P]][144] [16] [1]
// CHECK-DAG:     %[[ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<7x3x5xf32> into tensor<21x5xf32>
// CHECK:         %[[XG:.+]] = linalg.matmul {{.*}} ins(%[[ROWS]], %{{.+}} : tensor<21x5xf32>, tensor<16x5xf32>) outs(%{{.+}} : tensor<21x16xf32>)
// CHECK-DAG:     %[[R:.+]] = tensor.extract_slice %[[P]][80] [64] [1]
// CHECK-DAG:     %[[BR:.+]] = tensor.extract_slice %[[P]][160] [16] [1]
// CHECK:         %[[LOOP:.+]]:3 = scf.for %[[T:.+]] = %{{.+}} to %[[C7]] step %{{.+}} iter_args(%[[H:.+]] = %{{.+}}, %[[Y:.+]] = %{{.+}}, %[[C:.+]] = %{{.+}})
// CHECK:           %[[ROW:.+]] = arith.muli %[[T]], %{{.+}} : index
// CHECK:           tensor.extract_slice %[[XG]][%[[ROW]], 0] [3, 16]
// CHECK:           %[[HG:.+]] = linalg.matmul {{.*}} ins(%[[H]], %{{.+}} : tensor<3x4xf32>, tensor<16x4xf32>)
// CHECK:           %[[STEP:.+]]:2 = linalg.generic
// CHECK-SAME:        ins({{.*}} : tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4xf32>)
// CHECK-SAME:        outs(%[[H]], %[[C]] : tensor<3x4xf32>, tensor<3x4xf32>)
// CHECK:             math.tanh
// CHECK:           %[[YT:.+]] = tensor.insert_slice %[[STEP]]#0 into %[[Y]][%[[T]], 0, 0] [1, 3, 4]
// CHECK:           scf.yield %[[STEP]]#0, %[[YT]], %[[STEP]]#1
// CHECK:         return %[[LOOP]]#1
func.func @lstm_forward(%x: tensor<7x3x5xf32>, %h: tensor<1x3x4xf32>,
                        %c: tensor<1x3x4xf32>, %p: tensor<176xf32>)
    -> (tensor<7x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 4}
      : (tensor<7x3x5xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<176xf32>)
     -> (tensor<7x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>)
  return %y, %hn, %cn : tensor<7x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>
}

// -----

// Bidirectional: the backward direction walks t = T-1-s and writes the
// second half of the feature axis.

// CHECK-LABEL: func.func @lstm_bidirectional
// CHECK:         scf.for
// CHECK:           tensor.insert_slice %{{.+}} into %{{.+}}[%{{.+}}, 0, 0] [1, 2, 3]
// CHECK:         scf.for %[[S:.+]] = %{{.+}} to %{{.+}} step
// CHECK:           %[[T:.+]] = arith.subi %{{.+}}, %[[S]] : index
// CHECK:           tensor.insert_slice %{{.+}} into %{{.+}}[%[[T]], 0, 3] [1, 2, 3]
func.func @lstm_bidirectional(%x: tensor<5x2x3xf32>, %h: tensor<2x2x3xf32>,
                              %c: tensor<2x2x3xf32>, %p: tensor<192xf32>)
    -> (tensor<5x2x6xf32>, tensor<2x2x3xf32>, tensor<2x2x3xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 1, num_units = 3, direction = #rnn.direction<bidirectional>}
      : (tensor<5x2x3xf32>, tensor<2x2x3xf32>, tensor<2x2x3xf32>, tensor<192xf32>)
     -> (tensor<5x2x6xf32>, tensor<2x2x3xf32>, tensor<2x2x3xf32>)
  return %y, %hn, %cn : tensor<5x2x6xf32>, tensor<2x2x3xf32>, tensor<2x2x3xf32>
}

// -----

// Dynamic T and B come from tensor.dim of x.

// CHECK-LABEL: func.func @lstm_dynamic
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x?x2xf64>
// CHECK-DAG:     %[[T:.+]] = tensor.dim %[[X]], %c0
// CHECK-DAG:     %[[B:.+]] = tensor.dim %[[X]], %c1
// CHECK:         linalg.matmul {{.*}} -> tensor<?x8xf64>
// CHECK:         scf.for %{{.+}} = %{{.+}} to %[[T]]
func.func @lstm_dynamic(%x: tensor<?x?x2xf64>, %h: tensor<1x?x2xf64>,
                        %c: tensor<1x?x2xf64>, %p: tensor<48xf64>)
    -> (tensor<?x?x2xf64>, tensor<1x?x2xf64>, tensor<1x?x2xf64>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 2}
      : (tensor<?x?x2xf64>, tensor<1x?x2xf64>, tensor<1x?x2xf64>, tensor<48xf64>)
     -> (tensor<?x?x2xf64>, tensor<1x?x2xf64>, tensor<1x?x2xf64>)
  return %y, %hn, %cn : tensor<?x?x2xf64>, tensor<1x?x2xf64>, tensor<1x?x2xf64>
}
