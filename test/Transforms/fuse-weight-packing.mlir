// RUN: rnn-opt %s --rnn-fuse-weight-packing --split-input-file | FileCheck %s
// RUN: rnn-opt %s --rnn-fuse-weight-packing="resource-threshold=16" --split-input-file | FileCheck %s --check-prefix=RESOURCE

// Constant canonical weights (dense, splat) fold into one packed constant:
// matrices row-major in canonical order, then the biases.

// CHECK-LABEL: func.func @fold_constants
// CHECK-NOT:     rnn.pack_params
// CHECK:         %[[P:.+]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 5.000000e-01, 5.000000e-01, 5.000000e-01, 5.000000e-01, 7.000000e+00, 8.000000e+00, 9.000000e+00, 1.000000e+01]> : tensor<14xf32>
// CHECK:         return %[[P]]
// RESOURCE-LABEL: func.func @fold_constants
// RESOURCE:        arith.constant dense_resource<rnn_packed_params> : tensor<14xf32>
// RESOURCE:        rnn_packed_params: "0x040000000000803F0000004000004040000080400000A0400000C0400000003F0000003F0000003F0000003F0000E040000000410000104100002041"
func.func @fold_constants() -> tensor<14xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %r = arith.constant dense<0.5> : tensor<2x2xf32>
  %bw = arith.constant dense<[7.0, 8.0]> : tensor<2xf32>
  %br = arith.constant dense<[9.0, 10.0]> : tensor<2xf32>
  %p = rnn.pack_params %w, %r, %bw, %br
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
  return %p : tensor<14xf32>
}

// -----

// Dense-resource operands fold too (skip_input: no layer-0 W matrix).

// CHECK-LABEL: func.func @fold_resources
// CHECK:         arith.constant dense<[1.000000e+00, 4.000000e+00, 2.000000e+00, 3.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<6xf64>
func.func @fold_resources() -> tensor<6xf64> {
  %r = arith.constant dense_resource<r_blob> : tensor<1x1xf64>
  %bw = arith.constant dense<[2.0]> : tensor<1xf64>
  %br = arith.constant dense<[3.0]> : tensor<1xf64>
  %r1 = arith.constant dense<[[4.0]]> : tensor<1x1xf64>
  %bw1 = arith.constant dense<[5.0]> : tensor<1xf64>
  %br1 = arith.constant dense<[6.0]> : tensor<1xf64>
  %p = rnn.pack_params %r, %r1, %bw, %br, %bw1, %br1
      {mode = #rnn.mode<rnn_relu>, num_layers = 1, num_units = 1, input_size = 1,
       direction = #rnn.direction<bidirectional>, input_mode = #rnn.input_mode<skip_input>}
      : (tensor<1x1xf64>, tensor<1x1xf64>, tensor<1xf64>, tensor<1xf64>, tensor<1xf64>, tensor<1xf64>) -> tensor<6xf64>
  return %p : tensor<6xf64>
}
{-#
  dialect_resources: {
    builtin: {
      r_blob: "0x08000000000000000000F03F"
    }
  }
#-}

// -----

// Operand constants that nothing else uses are erased with the pack (their
// data may be large); one that is still used stays.

// CHECK-LABEL: func.func @fold_erases_dead_operands
// CHECK-NEXT:    %[[R:.+]] = arith.constant dense<5.000000e-01> : tensor<2x2xf32>
// CHECK-NEXT:    %[[P:.+]] = arith.constant dense<[1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 5.000000e-01, 5.000000e-01, 5.000000e-01, 5.000000e-01, 2.000000e+00, 2.000000e+00, 2.000000e+00, 2.000000e+00]> : tensor<14xf32>
// CHECK-NEXT:    return %[[P]], %[[R]]
func.func @fold_erases_dead_operands() -> (tensor<14xf32>, tensor<2x2xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x3xf32>
  %r = arith.constant dense<0.5> : tensor<2x2xf32>
  %b = arith.constant dense<2.0> : tensor<2xf32>
  %p = rnn.pack_params %w, %r, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
  return %p, %r : tensor<14xf32>, tensor<2x2xf32>
}

// -----

// A run-time operand keeps the pack.

// CHECK-LABEL: func.func @not_constant
// CHECK:         rnn.pack_params
func.func @not_constant(%w: tensor<2x3xf32>) -> tensor<14xf32> {
  %r = arith.constant dense<0.5> : tensor<2x2xf32>
  %b = arith.constant dense<1.0> : tensor<2xf32>
  %p = rnn.pack_params %w, %r, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
  return %p : tensor<14xf32>
}

// -----

// Loop-invariant packing of run-time weights is hoisted out of scf.for and
// scf.while and shared with an equivalent pack after the loop.

// CHECK-LABEL: func.func @hoist_and_share
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x3xf32>, %[[R:[^:]+]]: tensor<2x2xf32>, %[[B:[^:]+]]: tensor<2xf32>
// CHECK:         %[[P:.+]] = rnn.pack_params %[[W]], %[[R]], %[[B]], %[[B]]
// CHECK-NOT:     rnn.pack_params
// CHECK:         scf.for
// CHECK:           rnn.rnn_tanh %{{.+}}, %{{.+}}, %[[P]]
// CHECK:         scf.while
// CHECK:           rnn.rnn_tanh %{{.+}}, %{{.+}}, %[[P]]
// CHECK:         rnn.rnn_tanh %{{.+}}, %{{.+}}, %[[P]]
func.func @hoist_and_share(%w: tensor<2x3xf32>, %r: tensor<2x2xf32>, %b: tensor<2xf32>,
                           %x: tensor<3x1x3xf32>, %h: tensor<1x1x2xf32>, %n: index)
    -> (tensor<1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %for = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %h) -> tensor<1x1x2xf32> {
    %p = rnn.pack_params %w, %r, %b, %b
        {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
        : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
    %y, %hn = rnn.rnn_tanh %x, %acc, %p {num_layers = 1, num_units = 2}
        : (tensor<3x1x3xf32>, tensor<1x1x2xf32>, tensor<14xf32>) -> (tensor<3x1x2xf32>, tensor<1x1x2xf32>)
    scf.yield %hn : tensor<1x1x2xf32>
  }
  %while:2 = scf.while (%k = %c0, %acc = %h) : (index, tensor<1x1x2xf32>) -> (index, tensor<1x1x2xf32>) {
    %go = arith.cmpi slt, %k, %n : index
    scf.condition(%go) %k, %acc : index, tensor<1x1x2xf32>
  } do {
  ^bb0(%k: index, %acc: tensor<1x1x2xf32>):
    %p = rnn.pack_params %w, %r, %b, %b
        {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
        : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
    %y, %hn = rnn.rnn_tanh %x, %acc, %p {num_layers = 1, num_units = 2}
        : (tensor<3x1x3xf32>, tensor<1x1x2xf32>, tensor<14xf32>) -> (tensor<3x1x2xf32>, tensor<1x1x2xf32>)
    %next = arith.addi %k, %c1 : index
    scf.yield %next, %hn : index, tensor<1x1x2xf32>
  }
  %p2 = rnn.pack_params %w, %r, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
  %y2, %hn2 = rnn.rnn_tanh %x, %h, %p2 {num_layers = 1, num_units = 2}
      : (tensor<3x1x3xf32>, tensor<1x1x2xf32>, tensor<14xf32>) -> (tensor<3x1x2xf32>, tensor<1x1x2xf32>)
  return %for, %while#1, %hn2 : tensor<1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>
}

// -----

// Weights that change every iteration stay in the loop; packs of different
// weights are not merged.

// CHECK-LABEL: func.func @loop_variant
// CHECK:         scf.for
// CHECK:           rnn.pack_params
// CHECK:           scf.yield
func.func @loop_variant(%w0: tensor<2x3xf32>, %r: tensor<2x2xf32>, %b: tensor<2xf32>,
                        %n: index) -> tensor<2x3xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %out = scf.for %i = %c0 to %n step %c1 iter_args(%w = %w0) -> tensor<2x3xf32> {
    %p = rnn.pack_params %w, %r, %b, %b
        {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
        : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
    %w2, %r2, %b2, %b3 = rnn.unpack_params %p
        {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
        : (tensor<14xf32>) -> (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>)
    scf.yield %w2 : tensor<2x3xf32>
  }
  return %out : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @different_weights_not_merged
// CHECK-COUNT-2: rnn.pack_params
func.func @different_weights_not_merged(%w: tensor<2x3xf32>, %v: tensor<2x3xf32>,
                                        %r: tensor<2x2xf32>, %b: tensor<2xf32>)
    -> (tensor<14xf32>, tensor<14xf32>) {
  %p = rnn.pack_params %w, %r, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
  %q = rnn.pack_params %v, %r, %b, %b
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 2, input_size = 3}
      : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<14xf32>
  return %p, %q : tensor<14xf32>, tensor<14xf32>
}
