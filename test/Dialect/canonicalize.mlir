// RUN: rnn-opt %s -canonicalize -split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// auto_select resolves to the concrete input mode
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @lstm_auto_select_skip(
// CHECK-SAME: %[[X:.+]]: tensor<5x2x4xf32>, %[[H0:.+]]: tensor<1x2x4xf32>, %[[C0:.+]]: tensor<1x2x4xf32>, %[[P:.+]]: tensor<96xf32>)
// CHECK: %[[Y:.+]], %{{.+}}, %{{.+}} = rnn.lstm %[[X]], %[[H0]], %[[C0]], %[[P]]
// CHECK-SAME: {input_mode = #rnn.input_mode<skip_input>, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK: return %[[Y]]
func.func @lstm_auto_select_skip(%x: tensor<5x2x4xf32>, %h_0: tensor<1x2x4xf32>,
                                 %c_0: tensor<1x2x4xf32>, %params: tensor<96xf32>)
    -> tensor<5x2x4xf32> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<auto_select>}
      : (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<96xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

// linear_input is the default, so the resolved attribute is elided.
// CHECK-LABEL: func.func @lstm_auto_select_linear(
// CHECK: rnn.lstm %{{.+}} {num_layers = 1 : i64, num_units = 4 : i64} :
func.func @lstm_auto_select_linear(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                   %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>)
    -> tensor<5x2x4xf32> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<auto_select>}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

// CHECK-LABEL: func.func @gru_auto_select_skip(
// CHECK: rnn.gru %{{.+}} {direction = #rnn.direction<bidirectional>, input_mode = #rnn.input_mode<skip_input>, num_layers = 1 : i64, num_units = 4 : i64} :
func.func @gru_auto_select_skip(%x: tensor<5x2x4xf32>, %h_0: tensor<2x2x4xf32>,
                                %params: tensor<144xf32>) -> tensor<5x2x8xf32> {
  %y, %h_n = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 4, direction = #rnn.direction<bidirectional>,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<5x2x4xf32>, tensor<2x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x8xf32>, tensor<2x2x4xf32>)
  return %y : tensor<5x2x8xf32>
}

// -----

// CHECK-LABEL: func.func @rnn_tanh_auto_select_linear(
// CHECK: rnn.rnn_tanh %{{.+}} {num_layers = 2 : i64, num_units = 4 : i64} :
func.func @rnn_tanh_auto_select_linear(%x: tensor<?x?x3xf64>, %h_0: tensor<2x?x4xf64>,
                                       %params: tensor<?xf64>) -> tensor<?x?x4xf64> {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params
      {num_layers = 2, num_units = 4, input_mode = #rnn.input_mode<auto_select>}
      : (tensor<?x?x3xf64>, tensor<2x?x4xf64>, tensor<?xf64>)
     -> (tensor<?x?x4xf64>, tensor<2x?x4xf64>)
  return %y : tensor<?x?x4xf64>
}

// -----

// CHECK-LABEL: func.func @rnn_relu_auto_select_skip(
// CHECK: rnn.rnn_relu %{{.+}} {input_mode = #rnn.input_mode<skip_input>, num_layers = 1 : i64, num_units = 4 : i64} :
func.func @rnn_relu_auto_select_skip(%x: tensor<5x2x4xf16>, %h_0: tensor<1x2x4xf16>,
                                     %params: tensor<24xf16>) -> tensor<5x2x4xf16> {
  %y, %h_n = rnn.rnn_relu %x, %h_0, %params
      {num_layers = 1, num_units = 4, input_mode = #rnn.input_mode<auto_select>}
      : (tensor<5x2x4xf16>, tensor<1x2x4xf16>, tensor<24xf16>)
     -> (tensor<5x2x4xf16>, tensor<1x2x4xf16>)
  return %y : tensor<5x2x4xf16>
}

// -----

// CHECK-LABEL: func.func @pack_auto_select_skip(
// CHECK: %[[P:.+]] = rnn.pack_params %{{.+}} {input_mode = #rnn.input_mode<skip_input>, input_size = 4 : i64, mode = #rnn.mode<rnn_tanh>, num_layers = 1 : i64, num_units = 4 : i64} :
// CHECK: return %[[P]]
func.func @pack_auto_select_skip(%r: tensor<4x4xf32>, %b_w: tensor<4xf32>,
                                 %b_r: tensor<4xf32>) -> tensor<24xf32> {
  %params = rnn.pack_params %r, %b_w, %b_r
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 4,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<24xf32>
  return %params : tensor<24xf32>
}

// -----

// CHECK-LABEL: func.func @pack_auto_select_linear(
// CHECK: %[[P:.+]] = rnn.pack_params %{{.+}} {input_size = 3 : i64, mode = #rnn.mode<lstm>, num_layers = 1 : i64, num_units = 4 : i64} :
// CHECK: return %[[P]]
func.func @pack_auto_select_linear(
    %w0: tensor<4x3xf32>, %w1: tensor<4x3xf32>, %w2: tensor<4x3xf32>, %w3: tensor<4x3xf32>,
    %r0: tensor<4x4xf32>, %r1: tensor<4x4xf32>, %r2: tensor<4x4xf32>, %r3: tensor<4x4xf32>,
    %b0: tensor<4xf32>, %b1: tensor<4xf32>, %b2: tensor<4xf32>, %b3: tensor<4xf32>,
    %b4: tensor<4xf32>, %b5: tensor<4xf32>, %b6: tensor<4xf32>, %b7: tensor<4xf32>)
    -> tensor<144xf32> {
  %params = rnn.pack_params %w0, %w1, %w2, %w3, %r0, %r1, %r2, %r3,
      %b0, %b1, %b2, %b3, %b4, %b5, %b6, %b7
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<144xf32>
  return %params : tensor<144xf32>
}

// -----

// CHECK-LABEL: func.func @unpack_auto_select_skip(
// CHECK: %{{.+}}, %[[B:.+]] = rnn.unpack_params %{{.+}} {input_mode = #rnn.input_mode<skip_input>, input_size = 4 : i64, mode = #rnn.mode<gru>, num_layers = 1 : i64, num_units = 4 : i64} :
// CHECK: return %[[B]]
func.func @unpack_auto_select_skip(%params: tensor<72xf32>) -> tensor<4xf32> {
  %w:9 = rnn.unpack_params %params
      {mode = #rnn.mode<gru>, num_layers = 1, num_units = 4, input_size = 4,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<72xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>)
  return %w#8 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @unpack_auto_select_linear(
// CHECK: %[[W:.+]], %{{.+}}, %{{.+}}, %{{.+}} = rnn.unpack_params %{{.+}} {input_size = 3 : i64, mode = #rnn.mode<rnn_relu>, num_layers = 1 : i64, num_units = 4 : i64} :
// CHECK: return %[[W]]
func.func @unpack_auto_select_linear(%params: tensor<36xf32>) -> tensor<4x3xf32> {
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_relu>, num_layers = 1, num_units = 4, input_size = 3,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<36xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %w#0 : tensor<4x3xf32>
}

//===----------------------------------------------------------------------===//
// unpack_params(pack_params(ws)) -> ws, pack_params(unpack_params(p)) -> p
//===----------------------------------------------------------------------===//

// -----

// The unpack folds away and its uses take the packed operands; the pack is
// then dead.
// CHECK-LABEL: func.func @unpack_of_pack(
// CHECK-SAME: %[[W:.+]]: tensor<4x3xf32>, %[[R:.+]]: tensor<4x4xf32>, %[[BW:.+]]: tensor<4xf32>, %[[BR:.+]]: tensor<4xf32>)
// CHECK-NOT: rnn.
// CHECK: return %[[BR]], %[[W]], %[[R]], %[[BW]] :
func.func @unpack_of_pack(%w: tensor<4x3xf32>, %r: tensor<4x4xf32>,
                          %b_w: tensor<4xf32>, %b_r: tensor<4xf32>)
    -> (tensor<4xf32>, tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>) {
  %params = rnn.pack_params %w, %r, %b_w, %b_r
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<36xf32>
  %u:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %u#3, %u#0, %u#1, %u#2 : tensor<4xf32>, tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>
}

// -----

// With a projection both folds work as without: unpack(pack(ws)) -> ws and
// pack(unpack(p)) -> p (haveSameLayout compares num_proj too).
// CHECK-LABEL: func.func @unpack_of_pack_projection(
// CHECK-SAME: %[[W:[^:]+]]: tensor<4x3xf32>, %[[R:[^:]+]]: tensor<4x2xf32>, %[[P:[^:]+]]: tensor<2x4xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK-NOT: rnn.unpack_params
// CHECK: return %[[P]], %[[R]] :
func.func @unpack_of_pack_projection(%w: tensor<4x3xf32>, %r: tensor<4x2xf32>,
                                     %p: tensor<2x4xf32>, %b: tensor<4xf32>)
    -> (tensor<2x4xf32>, tensor<4x2xf32>) {
  %params = rnn.pack_params %w, %w, %w, %w, %r, %r, %r, %r, %p, %b, %b, %b, %b, %b, %b, %b, %b
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>,
         tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<120xf32>
  %u:17 = rnn.unpack_params %params
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<120xf32>)
     -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>,
         tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %u#8, %u#5 : tensor<2x4xf32>, tensor<4x2xf32>
}

// -----

// CHECK-LABEL: func.func @pack_of_unpack_projection(
// CHECK-SAME: %[[P:[^:]+]]: tensor<120xf32>)
// CHECK-NOT: rnn.
// CHECK: return %[[P]]
func.func @pack_of_unpack_projection(%params: tensor<120xf32>) -> tensor<120xf32> {
  %u:17 = rnn.unpack_params %params
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<120xf32>)
     -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>,
         tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  %v = rnn.pack_params %u#0, %u#1, %u#2, %u#3, %u#4, %u#5, %u#6, %u#7, %u#8,
      %u#9, %u#10, %u#11, %u#12, %u#13, %u#14, %u#15, %u#16
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 4, input_size = 3, num_proj = 2}
      : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>,
         tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>,
         tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<120xf32>
  return %v : tensor<120xf32>
}

// -----

// The pack stays while something else uses the packed params.
// CHECK-LABEL: func.func @unpack_of_pack_params_used(
// CHECK-SAME: %[[W:.+]]: tensor<4x3xf32>, %[[R:.+]]: tensor<4x4xf32>, %[[BW:.+]]: tensor<4xf32>, %[[BR:.+]]: tensor<4xf32>)
// CHECK: %[[P:.+]] = rnn.pack_params %[[W]], %[[R]], %[[BW]], %[[BR]]
// CHECK-NOT: rnn.unpack_params
// CHECK: return %[[P]], %[[R]] :
func.func @unpack_of_pack_params_used(%w: tensor<4x3xf32>, %r: tensor<4x4xf32>,
                                      %b_w: tensor<4xf32>, %b_r: tensor<4xf32>)
    -> (tensor<36xf32>, tensor<4x4xf32>) {
  %params = rnn.pack_params %w, %r, %b_w, %b_r
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<36xf32>
  %u:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %params, %u#1 : tensor<36xf32>, tensor<4x4xf32>
}

// -----

// auto_select (I != H) and linear_input describe the same layout.
// CHECK-LABEL: func.func @unpack_of_pack_auto_select(
// CHECK-SAME: %[[W:.+]]: tensor<4x3xf32>, %[[R:.+]]: tensor<4x4xf32>, %[[BW:.+]]: tensor<4xf32>, %[[BR:.+]]: tensor<4xf32>)
// CHECK-NOT: rnn.
// CHECK: return %[[W]], %[[BR]] :
func.func @unpack_of_pack_auto_select(%w: tensor<4x3xf32>, %r: tensor<4x4xf32>,
                                      %b_w: tensor<4xf32>, %b_r: tensor<4xf32>)
    -> (tensor<4x3xf32>, tensor<4xf32>) {
  %params = rnn.pack_params %w, %r, %b_w, %b_r
      {mode = #rnn.mode<rnn_relu>, num_layers = 1, num_units = 4, input_size = 3,
       input_mode = #rnn.input_mode<auto_select>}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<36xf32>
  %u:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_relu>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %u#0, %u#3 : tensor<4x3xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @pack_of_unpack(
// CHECK-SAME: %[[P:.+]]: tensor<36xf32>)
// CHECK-NOT: rnn.
// CHECK: return %[[P]] :
func.func @pack_of_unpack(%params: tensor<36xf32>) -> tensor<36xf32> {
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  %repacked = rnn.pack_params %w#0, %w#1, %w#2, %w#3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<36xf32>
  return %repacked : tensor<36xf32>
}

// -----

// The pack folds; the unpack stays for its other use.
// CHECK-LABEL: func.func @pack_of_unpack_weights_used(
// CHECK-SAME: %[[P:.+]]: tensor<80xf32>)
// CHECK: %{{.+}}, %[[R0:.+]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} = rnn.unpack_params %[[P]]
// CHECK-NOT: rnn.pack_params
// CHECK: return %[[P]], %[[R0]] :
func.func @pack_of_unpack_weights_used(%params: tensor<80xf32>)
    -> (tensor<80xf32>, tensor<4x4xf32>) {
  %w:8 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 2, num_units = 4, input_size = 4}
      : (tensor<80xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
                             tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  %repacked = rnn.pack_params %w#0, %w#1, %w#2, %w#3, %w#4, %w#5, %w#6, %w#7
      {mode = #rnn.mode<rnn_tanh>, num_layers = 2, num_units = 4, input_size = 4}
      : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<80xf32>
  return %repacked, %w#1 : tensor<80xf32>, tensor<4x4xf32>
}

//===----------------------------------------------------------------------===//
// Negative cases: no fold
//===----------------------------------------------------------------------===//

// -----

// Different num_units (the dynamic packed size lets both verify).
// CHECK-LABEL: func.func @unpack_of_pack_num_units_mismatch(
// CHECK: %[[P:.+]] = rnn.pack_params {{.+}} num_units = 4 : i64}
// CHECK: %[[W:.+]], %{{.+}}, %{{.+}}, %{{.+}} = rnn.unpack_params %[[P]] {{.+}} num_units = 8 : i64}
// CHECK-SAME: (tensor<?xf32>) -> (tensor<8x3xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>)
// CHECK: return %[[W]] :
func.func @unpack_of_pack_num_units_mismatch(%w: tensor<4x3xf32>, %r: tensor<4x4xf32>,
                                             %b_w: tensor<4xf32>, %b_r: tensor<4xf32>)
    -> tensor<8x3xf32> {
  %params = rnn.pack_params %w, %r, %b_w, %b_r
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?xf32>
  %u:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 8, input_size = 3}
      : (tensor<?xf32>) -> (tensor<8x3xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>)
  return %u#0 : tensor<8x3xf32>
}

// -----

// Two unidirectional layers and one bidirectional layer (I = H = 4) have the
// same canonical types and packed size but different attributes.
// CHECK-LABEL: func.func @unpack_of_pack_direction_mismatch(
// CHECK: %[[P:.+]] = rnn.pack_params {{.+}} {input_size = 4 : i64, mode = #rnn.mode<rnn_tanh>, num_layers = 2 : i64, num_units = 4 : i64}
// CHECK: %[[W:.+]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} = rnn.unpack_params %[[P]] {direction = #rnn.direction<bidirectional>, input_size = 4 : i64, mode = #rnn.mode<rnn_tanh>, num_layers = 1 : i64, num_units = 4 : i64}
// CHECK: return %[[W]] :
func.func @unpack_of_pack_direction_mismatch(
    %w0: tensor<4x4xf32>, %r0: tensor<4x4xf32>, %w1: tensor<4x4xf32>, %r1: tensor<4x4xf32>,
    %b0: tensor<4xf32>, %b1: tensor<4xf32>, %b2: tensor<4xf32>, %b3: tensor<4xf32>)
    -> tensor<4x4xf32> {
  %params = rnn.pack_params %w0, %r0, %w1, %r1, %b0, %b1, %b2, %b3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 2, num_units = 4, input_size = 4}
      : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<80xf32>
  %u:8 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 4,
       direction = #rnn.direction<bidirectional>}
      : (tensor<80xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
                             tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %u#0 : tensor<4x4xf32>
}

// -----

// CHECK-LABEL: func.func @pack_of_unpack_direction_mismatch(
// CHECK-SAME: %[[P:.+]]: tensor<80xf32>)
// CHECK: %[[W0:.+]], %[[W1:.+]], %[[W2:.+]], %[[W3:.+]], %[[B0:.+]], %[[B1:.+]], %[[B2:.+]], %[[B3:.+]] = rnn.unpack_params %[[P]] {direction = #rnn.direction<bidirectional>,
// CHECK: %[[Q:.+]] = rnn.pack_params %[[W0]], %[[W1]], %[[W2]], %[[W3]], %[[B0]], %[[B1]], %[[B2]], %[[B3]] {input_size = 4 : i64, mode = #rnn.mode<rnn_tanh>, num_layers = 2 : i64, num_units = 4 : i64}
// CHECK: return %[[Q]] :
func.func @pack_of_unpack_direction_mismatch(%params: tensor<80xf32>) -> tensor<80xf32> {
  %w:8 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 4,
       direction = #rnn.direction<bidirectional>}
      : (tensor<80xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
                             tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  %repacked = rnn.pack_params %w#0, %w#1, %w#2, %w#3, %w#4, %w#5, %w#6, %w#7
      {mode = #rnn.mode<rnn_tanh>, num_layers = 2, num_units = 4, input_size = 4}
      : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<80xf32>
  return %repacked : tensor<80xf32>
}

// -----

// Swapping two matrices of the same shape is a real permutation.
// CHECK-LABEL: func.func @pack_of_unpack_swapped(
// CHECK-SAME: %[[P:.+]]: tensor<80xf32>)
// CHECK: %[[W0:.+]], %[[W1:.+]], %[[W2:.+]], %[[W3:.+]], %[[B0:.+]], %[[B1:.+]], %[[B2:.+]], %[[B3:.+]] = rnn.unpack_params %[[P]]
// CHECK: %[[Q:.+]] = rnn.pack_params %[[W1]], %[[W0]], %[[W2]], %[[W3]], %[[B0]], %[[B1]], %[[B2]], %[[B3]]
// CHECK: return %[[Q]] :
func.func @pack_of_unpack_swapped(%params: tensor<80xf32>) -> tensor<80xf32> {
  %w:8 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 2, num_units = 4, input_size = 4}
      : (tensor<80xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
                             tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  %repacked = rnn.pack_params %w#1, %w#0, %w#2, %w#3, %w#4, %w#5, %w#6, %w#7
      {mode = #rnn.mode<rnn_tanh>, num_layers = 2, num_units = 4, input_size = 4}
      : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<80xf32>
  return %repacked : tensor<80xf32>
}

// -----

// Only some operands come from the unpack: one bias is replaced.
// CHECK-LABEL: func.func @pack_of_unpack_partial(
// CHECK-SAME: %[[P:.+]]: tensor<36xf32>, %[[NEW:.+]]: tensor<4xf32>)
// CHECK: %[[W:.+]], %[[R:.+]], %[[BW:.+]], %{{.+}} = rnn.unpack_params %[[P]]
// CHECK: %[[Q:.+]] = rnn.pack_params %[[W]], %[[R]], %[[BW]], %[[NEW]]
// CHECK: return %[[Q]] :
func.func @pack_of_unpack_partial(%params: tensor<36xf32>, %new_b_r: tensor<4xf32>)
    -> tensor<36xf32> {
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  %repacked = rnn.pack_params %w#0, %w#1, %w#2, %new_b_r
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<36xf32>
  return %repacked : tensor<36xf32>
}

// -----

// The first operand is not an unpack result.
// CHECK-LABEL: func.func @pack_of_unpack_partial_first(
// CHECK-SAME: %[[P:.+]]: tensor<36xf32>, %[[NEW:.+]]: tensor<4x3xf32>)
// CHECK: %{{.+}}, %[[R:.+]], %[[BW:.+]], %[[BR:.+]] = rnn.unpack_params %[[P]]
// CHECK: %[[Q:.+]] = rnn.pack_params %[[NEW]], %[[R]], %[[BW]], %[[BR]]
// CHECK: return %[[Q]] :
func.func @pack_of_unpack_partial_first(%params: tensor<36xf32>, %new_w: tensor<4x3xf32>)
    -> tensor<36xf32> {
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<36xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  %repacked = rnn.pack_params %new_w, %w#1, %w#2, %w#3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<36xf32>
  return %repacked : tensor<36xf32>
}

// -----

// Folding would change the result type from tensor<36xf32> to tensor<?xf32>.
// CHECK-LABEL: func.func @pack_of_unpack_type_change(
// CHECK: rnn.unpack_params
// CHECK: %[[Q:.+]] = rnn.pack_params
// CHECK-SAME: -> tensor<36xf32>
// CHECK: return %[[Q]] :
func.func @pack_of_unpack_type_change(%params: tensor<?xf32>) -> tensor<36xf32> {
  %w:4 = rnn.unpack_params %params
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<?xf32>) -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
  %repacked = rnn.pack_params %w#0, %w#1, %w#2, %w#3
      {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<36xf32>
  return %repacked : tensor<36xf32>
}

//===----------------------------------------------------------------------===//
// Dead compute ops
//===----------------------------------------------------------------------===//

// -----

// An inference forward has no side effect.
// CHECK-LABEL: func.func @unused_inference_lstm_erased(
// CHECK-NOT: rnn.lstm
// CHECK: return
func.func @unused_inference_lstm_erased(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                        %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, dropout = 0.5 : f32}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// CHECK-LABEL: func.func @unused_inference_gru_erased(
// CHECK-NOT: rnn.
// CHECK: return
func.func @unused_inference_gru_erased(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                       %params: tensor<108xf32>,
                                       %relu_params: tensor<36xf32>) {
  %y, %h_n = rnn.gru %x, %h_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  %z, %g_n = rnn.rnn_relu %x, %h_0, %relu_params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// A training forward writes the reserve space that backward reads.
// CHECK-LABEL: func.func @unused_training_lstm_kept(
// CHECK: rnn.lstm
// CHECK-SAME: is_training = true
// CHECK: return
func.func @unused_training_lstm_kept(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                     %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>) {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// CHECK-LABEL: func.func @unused_training_rnn_tanh_kept(
// CHECK: rnn.rnn_tanh
// CHECK-SAME: is_training = true
// CHECK: return
func.func @unused_training_rnn_tanh_kept(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                         %params: tensor<36xf32>) {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

// Only h_n is used: the op stays.
// CHECK-LABEL: func.func @partly_used_lstm_kept(
// CHECK: %{{.+}}, %[[HN:.+]], %{{.+}} = rnn.lstm
// CHECK: return %[[HN]] :
func.func @partly_used_lstm_kept(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                                 %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>)
    -> tensor<1x2x4xf32> {
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %h_n : tensor<1x2x4xf32>
}
