// RUN: rnn-opt %s --convert-rnn-to-linalg --cse --split-input-file | FileCheck %s --check-prefixes=CHECK,CPU
// RUN: rnn-opt %s --convert-rnn-to-cudnn --cse --split-input-file | FileCheck %s --check-prefixes=CHECK,GPU
// RUN: rnn-opt %s --convert-rnn-to-cublas --cse --split-input-file | FileCheck %s --check-prefixes=CHECK,GPU

// Every lowering checks the dynamic dimensions operands must share before
// it reads them (rnnrt_check_same_size(op, lhs operand, lhs dim, lhs size,
// rhs operand, rhs dim, rhs size), codes of ShapeCheckCodes.h: lstm = 2,
// x = 0, h_0 = 1, c_0 = 2, y = 4) and computes only when all agree; the
// else branch yields results of the right shapes (zeros on the CPU).

// CHECK-LABEL: func.func private @rnnrt_check_same_size(i64, i64, i64, i64, i64, i64, i64) -> i8
// CHECK-LABEL: func.func @lstm_dynamic_batch
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x?x4xf32>, %[[H:[^:]+]]: tensor<1x?x3xf32>, %[[C:[^:]+]]: tensor<1x3x3xf32>
// CHECK-DAG:     %[[LSTM:.+]] = arith.constant 2 : i64
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[HB:.+]] = arith.index_cast %{{.+}} : index to i64
// CHECK-DAG:     %[[XB:.+]] = arith.index_cast %{{.+}} : index to i64
// CHECK:         %[[OK_H:.+]] = call @rnnrt_check_same_size(%[[LSTM]], %[[ONE]], %[[ONE]], %[[HB]], %[[ZERO]], %[[ONE]], %[[XB]])
// CHECK:         arith.cmpi ne, %[[OK_H]]
// CHECK:         %[[THREE:.+]] = arith.constant 3 : i64
// CHECK:         call @rnnrt_check_same_size(%[[LSTM]], %[[LSTM]], %[[ONE]], %[[THREE]], %[[ZERO]], %[[ONE]], %[[XB]])
// CHECK:         %[[YCODE:.+]] = arith.constant 4 : i64
// CHECK:         %[[SIX:.+]] = arith.constant 6 : i64
// CHECK:         %[[XT:.+]] = arith.index_cast %{{.+}} : index to i64
// CHECK:         call @rnnrt_check_same_size(%[[LSTM]], %[[YCODE]], %[[ZERO]], %[[SIX]], %[[ZERO]], %[[ZERO]], %[[XT]])
// CHECK-NOT:     call @rnnrt_check_same_size
// CHECK:         %[[ALL:.+]] = arith.andi
// CHECK:         %[[R:.+]]:3 = scf.if %[[ALL]] -> (tensor<6x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>)
// CPU:             linalg.matmul
// GPU:             call @rnnrt_{{cudnn|cublas}}_rnn_forward_f32
// CHECK:           scf.yield
// CHECK:         } else {
// CPU:             tensor.empty
// CPU:             linalg.fill
// GPU:             memref.alloc
// GPU:             bufferization.to_tensor
// CHECK:           scf.yield
// CHECK:         return %[[R]]#0, %[[R]]#1, %[[R]]#2
func.func @lstm_dynamic_batch(%x: tensor<?x?x4xf32>, %h: tensor<1x?x3xf32>,
                              %c: tensor<1x3x3xf32>, %p: tensor<108xf32>)
    -> (tensor<6x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 3}
      : (tensor<?x?x4xf32>, tensor<1x?x3xf32>, tensor<1x3x3xf32>, tensor<108xf32>)
     -> (tensor<6x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>)
  return %y, %hn, %cn : tensor<6x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>
}

// -----

// All shared dimensions static: the verifier checked them, nothing at run
// time.
// CHECK-LABEL: func.func @static
// CHECK-NOT:     rnnrt_check_same_size
// CHECK-NOT:     scf.if
// CHECK:         return
func.func @static(%x: tensor<5x2x3xf32>, %h: tensor<1x2x4xf32>, %p: tensor<36xf32>)
    -> tensor<5x2x4xf32> {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

// Sizes the attributes fix are checked where the types leave them dynamic:
// L*D = 2 (dim 0) and H = 4 (dim 2) of h_0, the packed size 80 of the
// params (rhs operand 100 = the configuration, rnn_tanh = 1, params = 3).
// CHECK-LABEL: func.func @dynamic_states
// CHECK-DAG:     %[[TANH:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[TWO:.+]] = arith.constant 2 : i64
// CHECK-DAG:     %[[CONFIG:.+]] = arith.constant 100 : i64
// CHECK:         call @rnnrt_check_same_size(%[[TANH]], %[[TANH]], %[[ZERO]], %{{.+}}, %[[CONFIG]], %[[ZERO]], %[[TWO]])
// CHECK:         %[[FOUR:.+]] = arith.constant 4 : i64
// CHECK:         call @rnnrt_check_same_size(%[[TANH]], %[[TANH]], %[[TWO]], %{{.+}}, %[[CONFIG]], %[[ZERO]], %[[FOUR]])
// CHECK-DAG:     %[[PARAMS:.+]] = arith.constant 3 : i64
// CHECK-DAG:     %[[SIZE:.+]] = arith.constant 80 : i64
// CHECK:         call @rnnrt_check_same_size(%[[TANH]], %[[PARAMS]], %[[ZERO]], %{{.+}}, %[[CONFIG]], %[[ZERO]], %[[SIZE]])
// CHECK:         scf.if
func.func @dynamic_states(%x: tensor<5x3x4xf32>, %h: tensor<?x3x?xf32>, %p: tensor<?xf32>)
    -> tensor<5x3x8xf32> {
  %y, %hn = rnn.rnn_tanh %x, %h, %p
      {num_layers = 1, num_units = 4, direction = #rnn.direction<bidirectional>}
      : (tensor<5x3x4xf32>, tensor<?x3x?xf32>, tensor<?xf32>)
     -> (tensor<5x3x8xf32>, tensor<2x3x4xf32>)
  return %y : tensor<5x3x8xf32>
}
