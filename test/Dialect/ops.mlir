// RUN: rnn-opt %s | rnn-opt | FileCheck %s
// RUN: rnn-opt %s --mlir-print-op-generic | rnn-opt | FileCheck %s
// RUN: rnn-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Round trip of every rnn op and attribute value. The custom form elides
// attributes equal to their default; the GENERIC run shows they are stored.

//===----------------------------------------------------------------------===//
// Compute ops
//===----------------------------------------------------------------------===//

// The first example of docs/Dialect.md; results print as %y, %h_n, %c_n.
// CHECK-LABEL: func.func @lstm_contract(
// CHECK-SAME: %[[X:.+]]: tensor<16x4x32xf32>, %[[H0:.+]]: tensor<4x4x64xf32>, %[[C0:.+]]: tensor<4x4x64xf32>, %[[P:.+]]: tensor<149504xf32>)
// CHECK: %y, %h_n, %c_n = rnn.lstm %[[X]], %[[H0]], %[[C0]], %[[P]]
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, num_layers = 2 : i64, num_units = 64 : i64}
// CHECK-SAME: : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
// CHECK-SAME: -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
// CHECK: return %y, %h_n, %c_n
// GENERIC-LABEL: sym_name = "lstm_contract"
// GENERIC: "rnn.lstm"({{.*}}) <{direction = #rnn.direction<bidirectional>, dropout = 0.000000e+00 : f32, input_mode = #rnn.input_mode<linear_input>, is_training = false, num_layers = 2 : i64, num_units = 64 : i64, seed = 0 : i64, time_major = true}>
func.func @lstm_contract(%x: tensor<16x4x32xf32>, %h_0: tensor<4x4x64xf32>,
                         %c_0: tensor<4x4x64xf32>, %params: tensor<149504xf32>)
    -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64,
       direction = #rnn.direction<bidirectional>,
       input_mode = #rnn.input_mode<linear_input>}
      : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>, tensor<149504xf32>)
     -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
  return %y, %h_n, %c_n : tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>
}

// Every attribute spelled out with its default value: all are elided.
// CHECK-LABEL: func.func @lstm_explicit_defaults(
// CHECK: rnn.lstm %{{.+}} {num_layers = 1 : i64, num_units = 4 : i64} : (tensor<5x2x3xf32>,
// GENERIC-LABEL: sym_name = "lstm_explicit_defaults"
// GENERIC: "rnn.lstm"({{.*}}) <{direction = #rnn.direction<unidirectional>, dropout = 0.000000e+00 : f32, input_mode = #rnn.input_mode<linear_input>, is_training = false, num_layers = 1 : i64, num_units = 4 : i64, seed = 0 : i64, time_major = true}>
func.func @lstm_explicit_defaults(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                  %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>)
    -> tensor<5x2x4xf32> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4,
       direction = #rnn.direction<unidirectional>,
       input_mode = #rnn.input_mode<linear_input>,
       dropout = 0.0 : f32, seed = 0, is_training = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}

// Every non-default value: skip_input (I == H), dropout, seed, training.
// CHECK-LABEL: func.func @lstm_training_skip_input(
// CHECK-SAME: %[[X:.+]]: tensor<7x3x16xf32>, %[[H0:.+]]: tensor<3x3x16xf32>, %[[C0:.+]]: tensor<3x3x16xf32>, %[[P:.+]]: tensor<5504xf32>)
// CHECK: %[[Y:.+]], %[[HN:.+]], %[[CN:.+]] = rnn.lstm %[[X]], %[[H0]], %[[C0]], %[[P]]
// CHECK-SAME: {dropout = 2.500000e-01 : f32, input_mode = #rnn.input_mode<skip_input>, is_training = true, num_layers = 3 : i64, num_units = 16 : i64, seed = 42 : i64}
// CHECK-SAME: : (tensor<7x3x16xf32>, tensor<3x3x16xf32>, tensor<3x3x16xf32>, tensor<5504xf32>) -> (tensor<7x3x16xf32>, tensor<3x3x16xf32>, tensor<3x3x16xf32>)
// CHECK: return %[[Y]], %[[HN]], %[[CN]]
func.func @lstm_training_skip_input(%x: tensor<7x3x16xf32>, %h_0: tensor<3x3x16xf32>,
                                    %c_0: tensor<3x3x16xf32>, %params: tensor<5504xf32>)
    -> (tensor<7x3x16xf32>, tensor<3x3x16xf32>, tensor<3x3x16xf32>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 3, num_units = 16,
       input_mode = #rnn.input_mode<skip_input>,
       dropout = 0.25 : f32, seed = 42, is_training = true}
      : (tensor<7x3x16xf32>, tensor<3x3x16xf32>, tensor<3x3x16xf32>, tensor<5504xf32>)
     -> (tensor<7x3x16xf32>, tensor<3x3x16xf32>, tensor<3x3x16xf32>)
  return %y, %h_n, %c_n : tensor<7x3x16xf32>, tensor<3x3x16xf32>, tensor<3x3x16xf32>
}

// Dynamic T and B (and a dynamic params size).
// CHECK-LABEL: func.func @lstm_dynamic(
// CHECK-SAME: %[[X:.+]]: tensor<?x?x32xf32>, %[[H0:.+]]: tensor<4x?x64xf32>, %[[C0:.+]]: tensor<4x?x64xf32>, %[[P:.+]]: tensor<?xf32>)
// CHECK: %[[Y:.+]], %[[HN:.+]], %[[CN:.+]] = rnn.lstm %[[X]], %[[H0]], %[[C0]], %[[P]]
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, num_layers = 2 : i64, num_units = 64 : i64}
// CHECK-SAME: : (tensor<?x?x32xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>, tensor<?xf32>) -> (tensor<?x?x128xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>)
// CHECK: return %[[Y]], %[[HN]], %[[CN]]
func.func @lstm_dynamic(%x: tensor<?x?x32xf32>, %h_0: tensor<4x?x64xf32>,
                        %c_0: tensor<4x?x64xf32>, %params: tensor<?xf32>)
    -> (tensor<?x?x128xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 64, direction = #rnn.direction<bidirectional>}
      : (tensor<?x?x32xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>, tensor<?xf32>)
     -> (tensor<?x?x128xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>)
  return %y, %h_n, %c_n : tensor<?x?x128xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>
}

// Static x with dynamic results: compatible shapes verify.
// CHECK-LABEL: func.func @lstm_static_to_dynamic(
// CHECK: rnn.lstm
// CHECK-SAME: : (tensor<9x2x4xf64>, tensor<1x2x4xf64>, tensor<1x?x4xf64>, tensor<?xf64>) -> (tensor<?x?x4xf64>, tensor<1x?x4xf64>, tensor<?x2x4xf64>)
func.func @lstm_static_to_dynamic(%x: tensor<9x2x4xf64>, %h_0: tensor<1x2x4xf64>,
                                  %c_0: tensor<1x?x4xf64>, %params: tensor<?xf64>)
    -> tensor<?x?x4xf64> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4}
      : (tensor<9x2x4xf64>, tensor<1x2x4xf64>, tensor<1x?x4xf64>, tensor<?xf64>)
     -> (tensor<?x?x4xf64>, tensor<1x?x4xf64>, tensor<?x2x4xf64>)
  return %y : tensor<?x?x4xf64>
}

// GRU in f16; auto_select with I != H stays as written (canonicalize resolves it).
// CHECK-LABEL: func.func @gru_f16(
// CHECK-SAME: %[[X:.+]]: tensor<6x2x16xf16>, %[[H0:.+]]: tensor<1x2x8xf16>, %[[P:.+]]: tensor<624xf16>)
// CHECK: %[[Y:.+]], %[[HN:.+]] = rnn.gru %[[X]], %[[H0]], %[[P]]
// CHECK-SAME: {input_mode = #rnn.input_mode<auto_select>, num_layers = 1 : i64, num_units = 8 : i64}
// CHECK-SAME: : (tensor<6x2x16xf16>, tensor<1x2x8xf16>, tensor<624xf16>) -> (tensor<6x2x8xf16>, tensor<1x2x8xf16>)
// CHECK: return %[[Y]], %[[HN]]
func.func @gru_f16(%x: tensor<6x2x16xf16>, %h_0: tensor<1x2x8xf16>, %params: tensor<624xf16>)
    -> (tensor<6x2x8xf16>, tensor<1x2x8xf16>) {
  %y, %h_n = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 8, input_mode = #rnn.input_mode<auto_select>}
      : (tensor<6x2x16xf16>, tensor<1x2x8xf16>, tensor<624xf16>)
     -> (tensor<6x2x8xf16>, tensor<1x2x8xf16>)
  return %y, %h_n : tensor<6x2x8xf16>, tensor<1x2x8xf16>
}

// An LSTM with a projection in bf16: h is [L*D, B, P], c [L*D, B, H], y
// [T, B, D*P]; I = 3, H = 4, P = 2, L = 2, D = 2 packs 512.
// CHECK-LABEL: func.func @lstm_projection_bf16(
// CHECK: %y, %h_n, %c_n = rnn.lstm %{{.+}} {direction = #rnn.direction<bidirectional>, num_layers = 2 : i64, num_proj = 2 : i64, num_units = 4 : i64}
// CHECK-SAME: : (tensor<5x?x3xbf16>, tensor<4x?x2xbf16>, tensor<4x?x4xbf16>, tensor<512xbf16>)
// CHECK-SAME: -> (tensor<5x?x4xbf16>, tensor<4x?x2xbf16>, tensor<4x?x4xbf16>)
// GENERIC-LABEL: sym_name = "lstm_projection_bf16"
// GENERIC: "rnn.lstm"({{.*}}) <{direction = #rnn.direction<bidirectional>, dropout = 0.000000e+00 : f32, input_mode = #rnn.input_mode<linear_input>, is_training = false, num_layers = 2 : i64, num_proj = 2 : i64, num_units = 4 : i64, seed = 0 : i64, time_major = true}>
func.func @lstm_projection_bf16(%x: tensor<5x?x3xbf16>, %h_0: tensor<4x?x2xbf16>,
                                %c_0: tensor<4x?x4xbf16>, %params: tensor<512xbf16>)
    -> (tensor<5x?x4xbf16>, tensor<4x?x2xbf16>, tensor<4x?x4xbf16>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 4, num_proj = 2,
       direction = #rnn.direction<bidirectional>}
      : (tensor<5x?x3xbf16>, tensor<4x?x2xbf16>, tensor<4x?x4xbf16>, tensor<512xbf16>)
     -> (tensor<5x?x4xbf16>, tensor<4x?x2xbf16>, tensor<4x?x4xbf16>)
  return %y, %h_n, %c_n : tensor<5x?x4xbf16>, tensor<4x?x2xbf16>, tensor<4x?x4xbf16>
}

// The projection matrix is id 8 after R_o ([P, H]), with no bias; R_* are
// [H, P].
// CHECK-LABEL: func.func @unpack_params_projection(
// CHECK: %w_0_0_0, %w_0_0_1, %w_0_0_2, %w_0_0_3, %w_0_0_4, %w_0_0_5, %w_0_0_6, %w_0_0_7, %w_0_0_8, %b_0_0_0, {{.*}}, %b_0_0_7 = rnn.unpack_params %{{.+}} {input_size = 3 : i64, mode = #rnn.mode<lstm>, num_layers = 1 : i64, num_proj = 2 : i64, num_units = 4 : i64}
// CHECK: return %w_0_0_4, %w_0_0_8
// CHECK-LABEL: func.func @pack_params_projection(
// CHECK: %params = rnn.pack_params {{.+}} {input_size = 3 : i64, mode = #rnn.mode<lstm>, num_layers = 1 : i64, num_proj = 2 : i64, num_units = 4 : i64}
// CHECK-SAME: -> tensor<120xf32>
func.func @unpack_params_projection(%params: tensor<120xf32>)
    -> (tensor<4x2xf32>, tensor<2x4xf32>) {
  %w:17 = rnn.unpack_params %params
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<120xf32>)
     -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>,
         tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %w#4, %w#8 : tensor<4x2xf32>, tensor<2x4xf32>
}
func.func @pack_params_projection(%w: tensor<4x3xf32>, %r: tensor<4x2xf32>,
                                  %p: tensor<2x4xf32>, %b: tensor<4xf32>)
    -> tensor<120xf32> {
  %params = rnn.pack_params %w, %w, %w, %w, %r, %r, %r, %r, %p, %b, %b, %b, %b, %b, %b, %b, %b
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>,
         tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<120xf32>
  return %params : tensor<120xf32>
}

// Results of the two-result ops print as %y and %h_n.
// CHECK-LABEL: func.func @gru_bidirectional_dynamic(
// CHECK: %y, %h_n = rnn.gru
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, is_training = true, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK-SAME: : (tensor<?x?x3xf32>, tensor<2x?x4xf32>, tensor<216xf32>) -> (tensor<?x?x8xf32>, tensor<2x?x4xf32>)
// CHECK: return %y, %h_n
func.func @gru_bidirectional_dynamic(%x: tensor<?x?x3xf32>, %h_0: tensor<2x?x4xf32>,
                                     %params: tensor<216xf32>)
    -> (tensor<?x?x8xf32>, tensor<2x?x4xf32>) {
  %y, %h_n = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 4, direction = #rnn.direction<bidirectional>,
       is_training = true}
      : (tensor<?x?x3xf32>, tensor<2x?x4xf32>, tensor<216xf32>)
     -> (tensor<?x?x8xf32>, tensor<2x?x4xf32>)
  return %y, %h_n : tensor<?x?x8xf32>, tensor<2x?x4xf32>
}

// The contract's variable-length example: seq_lengths is the last operand.
// CHECK-LABEL: func.func @gru_seq_lengths(
// CHECK-SAME: %[[X:.+]]: tensor<?x?x8xf32>, %[[H0:.+]]: tensor<1x?x8xf32>, %[[P:.+]]: tensor<432xf32>, %[[L:.+]]: tensor<?xi32>)
// CHECK: %y, %h_n = rnn.gru %[[X]], %[[H0]], %[[P]], %[[L]] {num_layers = 1 : i64, num_units = 8 : i64}
// CHECK-SAME: : (tensor<?x?x8xf32>, tensor<1x?x8xf32>, tensor<432xf32>, tensor<?xi32>) -> (tensor<?x?x8xf32>, tensor<1x?x8xf32>)
// GENERIC-LABEL: sym_name = "gru_seq_lengths"
// GENERIC: "rnn.gru"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{{.*}}time_major = true}>
func.func @gru_seq_lengths(%x: tensor<?x?x8xf32>, %h_0: tensor<1x?x8xf32>,
                           %params: tensor<432xf32>, %seq_lengths: tensor<?xi32>)
    -> (tensor<?x?x8xf32>, tensor<1x?x8xf32>) {
  %y, %h_n = rnn.gru %x, %h_0, %params, %seq_lengths {num_layers = 1, num_units = 8}
      : (tensor<?x?x8xf32>, tensor<1x?x8xf32>, tensor<432xf32>, tensor<?xi32>)
     -> (tensor<?x?x8xf32>, tensor<1x?x8xf32>)
  return %y, %h_n : tensor<?x?x8xf32>, tensor<1x?x8xf32>
}

// Batch-major: x [B, T, I] = [2, 5, 3], y [B, T, D*H], states [L*D, B, H].
// CHECK-LABEL: func.func @lstm_batch_major_lengths(
// CHECK: %y, %h_n, %c_n = rnn.lstm %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} {num_layers = 1 : i64, num_units = 4 : i64, time_major = false}
// CHECK-SAME: : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>, tensor<2xi32>) -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
// GENERIC-LABEL: sym_name = "lstm_batch_major_lengths"
// GENERIC: "rnn.lstm"({{.*}}) <{{.*}}time_major = false}>
func.func @lstm_batch_major_lengths(%x: tensor<2x5x3xf32>, %h_0: tensor<1x2x4xf32>,
                                    %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>,
                                    %seq_lengths: tensor<2xi32>)
    -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params, %seq_lengths
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>, tensor<2xi32>)
     -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %h_n, %c_n : tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
}

// Two bidirectional layers in f64: layer 1 reads D*H = 8 features.
// CHECK-LABEL: func.func @rnn_tanh_f64(
// CHECK-SAME: %[[X:.+]]: tensor<4x1x3xf64>, %[[H0:.+]]: tensor<4x1x4xf64>, %[[P:.+]]: tensor<184xf64>)
// CHECK: %[[Y:.+]], %[[HN:.+]] = rnn.rnn_tanh %[[X]], %[[H0]], %[[P]]
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, num_layers = 2 : i64, num_units = 4 : i64}
// CHECK-SAME: : (tensor<4x1x3xf64>, tensor<4x1x4xf64>, tensor<184xf64>) -> (tensor<4x1x8xf64>, tensor<4x1x4xf64>)
// CHECK: return %[[Y]], %[[HN]]
func.func @rnn_tanh_f64(%x: tensor<4x1x3xf64>, %h_0: tensor<4x1x4xf64>, %params: tensor<184xf64>)
    -> (tensor<4x1x8xf64>, tensor<4x1x4xf64>) {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params
      {num_layers = 2, num_units = 4, direction = #rnn.direction<bidirectional>}
      : (tensor<4x1x3xf64>, tensor<4x1x4xf64>, tensor<184xf64>)
     -> (tensor<4x1x8xf64>, tensor<4x1x4xf64>)
  return %y, %h_n : tensor<4x1x8xf64>, tensor<4x1x4xf64>
}

// auto_select with I == H: the params have skip_input's size (no layer-0 W).
// CHECK-LABEL: func.func @rnn_relu_auto_select(
// CHECK-SAME: %[[X:.+]]: tensor<?x5x8xf32>, %[[H0:.+]]: tensor<1x5x8xf32>, %[[P:.+]]: tensor<80xf32>)
// CHECK: %[[Y:.+]], %[[HN:.+]] = rnn.rnn_relu %[[X]], %[[H0]], %[[P]]
// CHECK-SAME: {dropout = 5.000000e-01 : f32, input_mode = #rnn.input_mode<auto_select>, num_layers = 1 : i64, num_units = 8 : i64, seed = -3 : i64}
// CHECK-SAME: : (tensor<?x5x8xf32>, tensor<1x5x8xf32>, tensor<80xf32>) -> (tensor<?x5x8xf32>, tensor<1x5x8xf32>)
// CHECK: return %[[Y]], %[[HN]]
func.func @rnn_relu_auto_select(%x: tensor<?x5x8xf32>, %h_0: tensor<1x5x8xf32>,
                                %params: tensor<80xf32>)
    -> (tensor<?x5x8xf32>, tensor<1x5x8xf32>) {
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params
      {num_layers = 1, num_units = 8, input_mode = #rnn.input_mode<auto_select>,
       dropout = 0.5 : f32, seed = -3}
      : (tensor<?x5x8xf32>, tensor<1x5x8xf32>, tensor<80xf32>)
     -> (tensor<?x5x8xf32>, tensor<1x5x8xf32>)
  return %y, %h_n : tensor<?x5x8xf32>, tensor<1x5x8xf32>
}

// CHECK-LABEL: func.func @rnn_relu_f16_training(
// CHECK: rnn.rnn_relu
// CHECK-SAME: {is_training = true, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK-SAME: : (tensor<2x2x3xf16>, tensor<1x2x4xf16>, tensor<36xf16>) -> (tensor<2x2x4xf16>, tensor<1x2x4xf16>)
func.func @rnn_relu_f16_training(%x: tensor<2x2x3xf16>, %h_0: tensor<1x2x4xf16>,
                                 %params: tensor<36xf16>) -> tensor<2x2x4xf16> {
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<2x2x3xf16>, tensor<1x2x4xf16>, tensor<36xf16>)
     -> (tensor<2x2x4xf16>, tensor<1x2x4xf16>)
  return %y : tensor<2x2x4xf16>
}

//===----------------------------------------------------------------------===//
// pack_params / unpack_params
//===----------------------------------------------------------------------===//

// The docs/Dialect.md example: 2-layer bidirectional LSTM, I = 32, H = 64.
// 32 matrices ([64, 32] for layer 0's W, [64, 128] for layer 1's W, [64, 64]
// for R; 8 per layer and direction), then 32 biases [64].
// CHECK-LABEL: func.func @pack_params_contract(
// CHECK: %params = rnn.pack_params {{(%[^,]+, ){63}%[^ ,]+}}
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, input_size = 32 : i64, mode = #rnn.mode<lstm>, num_layers = 2 : i64, num_units = 64 : i64}
// CHECK-SAME: : (
// CHECK-SAME: tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
// CHECK-SAME: tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
// CHECK-SAME: tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
// CHECK-SAME: tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
// CHECK-SAME: tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
// CHECK-SAME: tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
// CHECK-SAME: tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
// CHECK-SAME: tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>)
// CHECK-SAME: -> tensor<149504xf32>
// CHECK: return %params
// GENERIC-LABEL: sym_name = "pack_params_contract"
// GENERIC: "rnn.pack_params"({{.*}}) <{direction = #rnn.direction<bidirectional>, input_mode = #rnn.input_mode<linear_input>, input_size = 32 : i64, mode = #rnn.mode<lstm>, num_layers = 2 : i64, num_units = 64 : i64}>
func.func @pack_params_contract(
    %c0: tensor<64x32xf32>, %c1: tensor<64x32xf32>, %c2: tensor<64x32xf32>, %c3: tensor<64x32xf32>,
    %c4: tensor<64x64xf32>, %c5: tensor<64x64xf32>, %c6: tensor<64x64xf32>, %c7: tensor<64x64xf32>,
    %c8: tensor<64x32xf32>, %c9: tensor<64x32xf32>, %c10: tensor<64x32xf32>, %c11: tensor<64x32xf32>,
    %c12: tensor<64x64xf32>, %c13: tensor<64x64xf32>, %c14: tensor<64x64xf32>, %c15: tensor<64x64xf32>,
    %c16: tensor<64x128xf32>, %c17: tensor<64x128xf32>, %c18: tensor<64x128xf32>, %c19: tensor<64x128xf32>,
    %c20: tensor<64x64xf32>, %c21: tensor<64x64xf32>, %c22: tensor<64x64xf32>, %c23: tensor<64x64xf32>,
    %c24: tensor<64x128xf32>, %c25: tensor<64x128xf32>, %c26: tensor<64x128xf32>, %c27: tensor<64x128xf32>,
    %c28: tensor<64x64xf32>, %c29: tensor<64x64xf32>, %c30: tensor<64x64xf32>, %c31: tensor<64x64xf32>,
    %c32: tensor<64xf32>, %c33: tensor<64xf32>, %c34: tensor<64xf32>, %c35: tensor<64xf32>,
    %c36: tensor<64xf32>, %c37: tensor<64xf32>, %c38: tensor<64xf32>, %c39: tensor<64xf32>,
    %c40: tensor<64xf32>, %c41: tensor<64xf32>, %c42: tensor<64xf32>, %c43: tensor<64xf32>,
    %c44: tensor<64xf32>, %c45: tensor<64xf32>, %c46: tensor<64xf32>, %c47: tensor<64xf32>,
    %c48: tensor<64xf32>, %c49: tensor<64xf32>, %c50: tensor<64xf32>, %c51: tensor<64xf32>,
    %c52: tensor<64xf32>, %c53: tensor<64xf32>, %c54: tensor<64xf32>, %c55: tensor<64xf32>,
    %c56: tensor<64xf32>, %c57: tensor<64xf32>, %c58: tensor<64xf32>, %c59: tensor<64xf32>,
    %c60: tensor<64xf32>, %c61: tensor<64xf32>, %c62: tensor<64xf32>, %c63: tensor<64xf32>) -> tensor<149504xf32> {
  %params = rnn.pack_params %c0, %c1, %c2, %c3, %c4, %c5, %c6, %c7, %c8, %c9, %c10, %c11,
      %c12, %c13, %c14, %c15, %c16, %c17, %c18, %c19, %c20, %c21, %c22, %c23,
      %c24, %c25, %c26, %c27, %c28, %c29, %c30, %c31, %c32, %c33, %c34, %c35,
      %c36, %c37, %c38, %c39, %c40, %c41, %c42, %c43, %c44, %c45, %c46, %c47,
      %c48, %c49, %c50, %c51, %c52, %c53, %c54, %c55, %c56, %c57, %c58, %c59,
      %c60, %c61, %c62, %c63
      {mode = #rnn.mode<lstm>, num_layers = 2, num_units = 64, input_size = 32,
       direction = #rnn.direction<bidirectional>,
       input_mode = #rnn.input_mode<linear_input>}
      : (
         tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>
       ) -> tensor<149504xf32>
  return %params : tensor<149504xf32>
}

// Results print as w_<layer>_<direction>_<id> and b_<layer>_<direction>_<id>.
// CHECK-LABEL: func.func @unpack_params_contract(
// CHECK-SAME: %[[P:.+]]: tensor<149504xf32>)
// CHECK: %w_0_0_0, %w_0_0_1, {{(%[^,]+, ){60}%b_1_1_6}}, %b_1_1_7 = rnn.unpack_params %[[P]]
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, input_size = 32 : i64, mode = #rnn.mode<lstm>, num_layers = 2 : i64, num_units = 64 : i64}
// CHECK-SAME: : (tensor<149504xf32>) -> (
// CHECK-SAME: tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
// CHECK-SAME: tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
// CHECK-SAME: tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
// CHECK-SAME: tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
// CHECK-SAME: tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
// CHECK-SAME: tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
// CHECK-SAME: tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
// CHECK-SAME: tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>)
// CHECK: return %w_0_0_0, %w_1_0_0, %b_1_1_7
func.func @unpack_params_contract(%params: tensor<149504xf32>)
    -> (tensor<64x32xf32>, tensor<64x128xf32>, tensor<64xf32>) {
  %w:64 = rnn.unpack_params %params
      {mode = #rnn.mode<lstm>, num_layers = 2, num_units = 64, input_size = 32,
       direction = #rnn.direction<bidirectional>}
      : (tensor<149504xf32>) -> (
         tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
         tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>
       )
  return %w#0, %w#16, %w#63 : tensor<64x32xf32>, tensor<64x128xf32>, tensor<64xf32>
}

// skip_input: layer 0 has only R matrices (ids 4..7) but all 8 biases.
// CHECK-LABEL: func.func @lstm_params_skip_input(
// CHECK: %params = rnn.pack_params {{(%[^,]+, ){27}%[^ ,]+}}
// CHECK-SAME: {input_mode = #rnn.input_mode<skip_input>, input_size = 4 : i64, mode = #rnn.mode<lstm>, num_layers = 2 : i64, num_units = 4 : i64}
// CHECK-SAME: : (
// CHECK-SAME: tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
// CHECK-SAME: tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
// CHECK-SAME: tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK-SAME: -> tensor<256xf32>
// CHECK: %w_0_0_4, %w_0_0_5, %w_0_0_6, %w_0_0_7, %w_1_0_0, {{(%[^,]+, ){22}%b_1_0_7}} = rnn.unpack_params %params
// CHECK-SAME: {input_mode = #rnn.input_mode<skip_input>, input_size = 4 : i64, mode = #rnn.mode<lstm>, num_layers = 2 : i64, num_units = 4 : i64}
// CHECK-SAME: : (tensor<256xf32>) -> (
// CHECK-SAME: tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
// CHECK-SAME: tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
// CHECK-SAME: tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK: return %params, %w_0_0_4
func.func @lstm_params_skip_input(
    %c0: tensor<4x4xf32>, %c1: tensor<4x4xf32>, %c2: tensor<4x4xf32>, %c3: tensor<4x4xf32>,
    %c4: tensor<4x4xf32>, %c5: tensor<4x4xf32>, %c6: tensor<4x4xf32>, %c7: tensor<4x4xf32>,
    %c8: tensor<4x4xf32>, %c9: tensor<4x4xf32>, %c10: tensor<4x4xf32>, %c11: tensor<4x4xf32>,
    %c12: tensor<4xf32>, %c13: tensor<4xf32>, %c14: tensor<4xf32>, %c15: tensor<4xf32>,
    %c16: tensor<4xf32>, %c17: tensor<4xf32>, %c18: tensor<4xf32>, %c19: tensor<4xf32>,
    %c20: tensor<4xf32>, %c21: tensor<4xf32>, %c22: tensor<4xf32>, %c23: tensor<4xf32>,
    %c24: tensor<4xf32>, %c25: tensor<4xf32>, %c26: tensor<4xf32>, %c27: tensor<4xf32>)
    -> (tensor<256xf32>, tensor<4x4xf32>) {
  %params = rnn.pack_params %c0, %c1, %c2, %c3, %c4, %c5, %c6, %c7, %c8, %c9, %c10, %c11,
      %c12, %c13, %c14, %c15, %c16, %c17, %c18, %c19, %c20, %c21, %c22, %c23,
      %c24, %c25, %c26, %c27
      {mode = #rnn.mode<lstm>, num_layers = 2, num_units = 4, input_size = 4,
       input_mode = #rnn.input_mode<skip_input>}
      : (
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
       ) -> tensor<256xf32>
  %u:28 = rnn.unpack_params %params
      {mode = #rnn.mode<lstm>, num_layers = 2, num_units = 4, input_size = 4,
       input_mode = #rnn.input_mode<skip_input>}
      : (tensor<256xf32>) -> (
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
       )
  return %params, %u#0 : tensor<256xf32>, tensor<4x4xf32>
}

// GRU, bidirectional (216 elements, as cuDNN 9.14 reports).
// CHECK-LABEL: func.func @gru_params_bidirectional(
// CHECK: %params = rnn.pack_params
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, input_size = 3 : i64, mode = #rnn.mode<gru>, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK-SAME: : (
// CHECK-SAME: tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
// CHECK-SAME: tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
// CHECK-SAME: tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK-SAME: -> tensor<216xf32>
// CHECK: %w_0_0_0, %w_0_0_1, %w_0_0_2, %w_0_0_3, %w_0_0_4, %w_0_0_5, %w_0_1_0, {{(%[^,]+, ){16}%b_0_1_5}} = rnn.unpack_params %params
// CHECK-SAME: {direction = #rnn.direction<bidirectional>, input_size = 3 : i64, mode = #rnn.mode<gru>, num_layers = 1 : i64, num_units = 4 : i64}
func.func @gru_params_bidirectional(
    %c0: tensor<4x3xf32>, %c1: tensor<4x3xf32>, %c2: tensor<4x3xf32>, %c3: tensor<4x4xf32>,
    %c4: tensor<4x4xf32>, %c5: tensor<4x4xf32>, %c6: tensor<4x3xf32>, %c7: tensor<4x3xf32>,
    %c8: tensor<4x3xf32>, %c9: tensor<4x4xf32>, %c10: tensor<4x4xf32>, %c11: tensor<4x4xf32>,
    %c12: tensor<4xf32>, %c13: tensor<4xf32>, %c14: tensor<4xf32>, %c15: tensor<4xf32>,
    %c16: tensor<4xf32>, %c17: tensor<4xf32>, %c18: tensor<4xf32>, %c19: tensor<4xf32>,
    %c20: tensor<4xf32>, %c21: tensor<4xf32>, %c22: tensor<4xf32>, %c23: tensor<4xf32>)
    -> tensor<4xf32> {
  %params = rnn.pack_params %c0, %c1, %c2, %c3, %c4, %c5, %c6, %c7, %c8, %c9, %c10, %c11,
      %c12, %c13, %c14, %c15, %c16, %c17, %c18, %c19, %c20, %c21, %c22, %c23
      {mode = #rnn.mode<gru>, num_layers = 1, num_units = 4, input_size = 3,
       direction = #rnn.direction<bidirectional>}
      : (
         tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x3xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
       ) -> tensor<216xf32>
  %u:24 = rnn.unpack_params %params
      {mode = #rnn.mode<gru>, num_layers = 1, num_units = 4, input_size = 3,
       direction = #rnn.direction<bidirectional>}
      : (tensor<216xf32>) -> (
         tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x3xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
       )
  return %u#23 : tensor<4xf32>
}

// CHECK-LABEL: func.func @rnn_tanh_params_f64(
// CHECK-SAME: %[[W:.+]]: tensor<4x3xf64>, %[[R:.+]]: tensor<4x4xf64>, %[[BW:.+]]: tensor<4xf64>, %[[BR:.+]]: tensor<4xf64>)
// CHECK: %params = rnn.pack_params %[[W]], %[[R]], %[[BW]], %[[BR]]
// CHECK-SAME: {input_size = 3 : i64, mode = #rnn.mode<rnn_tanh>, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK-SAME: : (tensor<4x3xf64>, tensor<4x4xf64>, tensor<4xf64>, tensor<4xf64>) -> tensor<36xf64>
// CHECK: %w_0_0_0, %w_0_0_1, %b_0_0_0, %b_0_0_1 = rnn.unpack_params %params
// CHECK-SAME: {input_size = 3 : i64, mode = #rnn.mode<rnn_tanh>, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK-SAME: : (tensor<36xf64>) -> (tensor<4x3xf64>, tensor<4x4xf64>, tensor<4xf64>, tensor<4xf64>)
// CHECK: return %b_0_0_1, %w_0_0_0
func.func @rnn_tanh_params_f64(%w: tensor<4x3xf64>, %r: tensor<4x4xf64>,
                               %b_w: tensor<4xf64>, %b_r: tensor<4xf64>)
    -> (tensor<4xf64>, tensor<4x3xf64>) {
  %params = rnn.pack_params %w, %r, %b_w, %b_r
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf64>, tensor<4x4xf64>, tensor<4xf64>, tensor<4xf64>) -> tensor<36xf64>
  %u:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf64>) -> (tensor<4x3xf64>, tensor<4x4xf64>, tensor<4xf64>, tensor<4xf64>)
  return %u#3, %u#0 : tensor<4xf64>, tensor<4x3xf64>
}

// auto_select with I == H: the skip_input layout (no layer-0 W).
// CHECK-LABEL: func.func @rnn_relu_params_auto_select_f16(
// CHECK-SAME: %[[R0:.+]]: tensor<8x8xf16>, %[[W1:.+]]: tensor<8x8xf16>, %[[R1:.+]]: tensor<8x8xf16>,
// CHECK: %params = rnn.pack_params %[[R0]], %[[W1]], %[[R1]],
// CHECK-SAME: {input_mode = #rnn.input_mode<auto_select>, input_size = 8 : i64, mode = #rnn.mode<rnn_relu>, num_layers = 2 : i64, num_units = 8 : i64}
// CHECK-SAME: : (tensor<8x8xf16>, tensor<8x8xf16>, tensor<8x8xf16>, tensor<8xf16>, tensor<8xf16>, tensor<8xf16>, tensor<8xf16>) -> tensor<224xf16>
// CHECK: %w_0_0_1, %w_1_0_0, %w_1_0_1, %b_0_0_0, %b_0_0_1, %b_1_0_0, %b_1_0_1 = rnn.unpack_params %params
func.func @rnn_relu_params_auto_select_f16(%r0: tensor<8x8xf16>, %w1: tensor<8x8xf16>,
    %r1: tensor<8x8xf16>, %b0: tensor<8xf16>, %b1: tensor<8xf16>,
    %b2: tensor<8xf16>, %b3: tensor<8xf16>) -> tensor<8x8xf16> {
  %params = rnn.pack_params %r0, %w1, %r1, %b0, %b1, %b2, %b3
      {mode = #rnn.mode<rnn_relu>, num_layers = 2, num_units = 8, input_size = 8,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<8x8xf16>, tensor<8x8xf16>, tensor<8x8xf16>, tensor<8xf16>,
         tensor<8xf16>, tensor<8xf16>, tensor<8xf16>) -> tensor<224xf16>
  %u:7 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_relu>, num_layers = 2, num_units = 8, input_size = 8,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<224xf16>) -> (tensor<8x8xf16>, tensor<8x8xf16>, tensor<8x8xf16>,
                              tensor<8xf16>, tensor<8xf16>, tensor<8xf16>, tensor<8xf16>)
  return %u#1 : tensor<8x8xf16>
}

// auto_select with I != H: the linear_input layout; explicit defaults elided.
// CHECK-LABEL: func.func @rnn_relu_params_auto_select_linear(
// CHECK: %params = rnn.pack_params
// CHECK-SAME: {input_mode = #rnn.input_mode<auto_select>, input_size = 5 : i64, mode = #rnn.mode<rnn_relu>, num_layers = 1 : i64, num_units = 8 : i64}
// CHECK-SAME: : (tensor<8x5xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<120xf32>
// CHECK: rnn.unpack_params %params {input_size = 5 : i64, mode = #rnn.mode<rnn_relu>, num_layers = 1 : i64, num_units = 8 : i64}
// CHECK-SAME: : (tensor<120xf32>) -> (tensor<8x5xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>)
// GENERIC-LABEL: sym_name = "rnn_relu_params_auto_select_linear"
// GENERIC: "rnn.pack_params"({{.*}}) <{direction = #rnn.direction<unidirectional>, input_mode = #rnn.input_mode<auto_select>, input_size = 5 : i64, mode = #rnn.mode<rnn_relu>, num_layers = 1 : i64, num_units = 8 : i64}>
// GENERIC: "rnn.unpack_params"({{.*}}) <{direction = #rnn.direction<unidirectional>, input_mode = #rnn.input_mode<linear_input>, input_size = 5 : i64, mode = #rnn.mode<rnn_relu>, num_layers = 1 : i64, num_units = 8 : i64}>
func.func @rnn_relu_params_auto_select_linear(%w: tensor<8x5xf32>, %r: tensor<8x8xf32>,
    %b_w: tensor<8xf32>, %b_r: tensor<8xf32>) -> tensor<8x5xf32> {
  %params = rnn.pack_params %w, %r, %b_w, %b_r
      {mode = #rnn.mode<rnn_relu>, num_layers = 1, num_units = 8, input_size = 5,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<8x5xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<120xf32>
  %u:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_relu>, num_layers = 1, num_units = 8, input_size = 5,
       direction = #rnn.direction<unidirectional>,
       input_mode = #rnn.input_mode<linear_input>}
      : (tensor<120xf32>) -> (tensor<8x5xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>)
  return %u#0 : tensor<8x5xf32>
}

// A dynamic packed size verifies too.
// CHECK-LABEL: func.func @params_dynamic_size(
// CHECK: %params = rnn.pack_params
// CHECK-SAME: -> tensor<?xf32>
// CHECK: %w_0_0_0, %w_0_0_1, %b_0_0_0, %b_0_0_1 = rnn.unpack_params %params
// CHECK-SAME: : (tensor<?xf32>) -> (tensor<8x5xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>)
func.func @params_dynamic_size(%w: tensor<8x5xf32>, %r: tensor<8x8xf32>,
    %b_w: tensor<8xf32>, %b_r: tensor<8xf32>) -> tensor<8x5xf32> {
  %params = rnn.pack_params %w, %r, %b_w, %b_r
      {mode = #rnn.mode<rnn_relu>, num_layers = 1, num_units = 8, input_size = 5}
      : (tensor<8x5xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?xf32>
  %u:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_relu>, num_layers = 1, num_units = 8, input_size = 5}
      : (tensor<?xf32>) -> (tensor<8x5xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>)
  return %u#0 : tensor<8x5xf32>
}

// Attributes with a dialect prefix are not the op's own and are kept.
// CHECK-LABEL: func.func @dialect_prefixed_attribute(
// CHECK: rnn.rnn_tanh %{{.+}} {num_layers = 1 : i64, num_units = 4 : i64, test.tag = 3 : i64}
func.func @dialect_prefixed_attribute(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                      %params: tensor<36xf32>) -> tensor<5x2x4xf32> {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4, test.tag = 3}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}
