// RUN: rnn-opt %s --convert-rnn-to-linalg | FileCheck %s

// Training dropout is a CPU runtime call that exists for f32 and f64; an f16
// or bf16 op runs in f32 (PromoteToF32.cpp), so it calls the f32 one between
// the extension of its operands and the truncation of its results.
// CHECK-LABEL: func.func @bf16_dropout
// CHECK:         arith.extf {{.+}} : bf16 to f32
// CHECK:         call @rnnrt_cpu_dropout_f32
// CHECK:         arith.truncf {{.+}} : f32 to bf16
// CHECK-NOT:     rnn.
func.func @bf16_dropout(%x: tensor<2x1x3xbf16>, %h: tensor<2x1x3xbf16>, %p: tensor<48xbf16>)
    -> (tensor<2x1x3xbf16>, tensor<2x1x3xbf16>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p
      {num_layers = 2, num_units = 3, dropout = 0.5 : f32, seed = 1, is_training = true}
      : (tensor<2x1x3xbf16>, tensor<2x1x3xbf16>, tensor<48xbf16>)
     -> (tensor<2x1x3xbf16>, tensor<2x1x3xbf16>)
  return %y, %hn : tensor<2x1x3xbf16>, tensor<2x1x3xbf16>
}
