// RUN: rnn-opt %s --convert-rnn-to-linalg | FileCheck %s

// f16 and bf16 ops are stored in 16 bits and computed in f32: each float
// operand is extended once (one elementwise generic), the f32 lowering runs,
// and each float result is truncated once; the reserve and seq_lengths pass
// through unchanged.

// CHECK-LABEL: func.func @lstm_f16
// CHECK-COUNT-4: arith.extf {{.+}} : f16 to f32
// CHECK-NOT:     arith.extf
// CHECK:         scf.for
// CHECK-COUNT-3: arith.truncf {{.+}} : f32 to f16
// CHECK-NOT:     rnn.
func.func @lstm_f16(%x: tensor<5x2x3xf16>, %h: tensor<1x2x2xf16>, %c: tensor<1x2x4xf16>,
                    %p: tensor<120xf16>) -> (tensor<5x2x2xf16>, tensor<1x2x2xf16>, tensor<1x2x4xf16>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 4, num_proj = 2}
      : (tensor<5x2x3xf16>, tensor<1x2x2xf16>, tensor<1x2x4xf16>, tensor<120xf16>)
     -> (tensor<5x2x2xf16>, tensor<1x2x2xf16>, tensor<1x2x4xf16>)
  return %y, %hn, %cn : tensor<5x2x2xf16>, tensor<1x2x2xf16>, tensor<1x2x4xf16>
}

// CHECK-LABEL: func.func @gru_grad_bf16
// CHECK-COUNT-6: arith.extf {{.+}} : bf16 to f32
// CHECK-NOT:     arith.extf
// CHECK:         call @rnnrt_check_reserve
// CHECK-COUNT-3: arith.truncf {{.+}} : f32 to bf16
// CHECK-NOT:     rnn.
func.func @gru_grad_bf16(%x: tensor<5x2x3xbf16>, %h: tensor<1x2x4xbf16>, %p: tensor<108xbf16>,
                         %y: tensor<5x2x4xbf16>, %r: tensor<?xi8>, %lengths: tensor<2xi32>)
    -> (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<108xbf16>) {
  %dx, %dh, %dp = rnn.gru_grad %x, %h, %p, %y, %r, %y, %h, %lengths
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<108xbf16>, tensor<5x2x4xbf16>,
         tensor<?xi8>, tensor<5x2x4xbf16>, tensor<1x2x4xbf16>, tensor<2xi32>)
     -> (tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<108xbf16>)
  return %dx, %dh, %dp : tensor<5x2x3xbf16>, tensor<1x2x4xbf16>, tensor<108xbf16>
}
