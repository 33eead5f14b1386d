// RUN: rnn-opt %s --convert-rnn-to-linalg="allow-f16=true" -verify-diagnostics

// Training dropout is a CPU runtime call; an element type the runtime does
// not list is the lowering's error, not a JIT link failure.
func.func @f16_dropout(%x: tensor<2x1x3xf16>, %h: tensor<2x1x3xf16>, %p: tensor<48xf16>)
    -> (tensor<2x1x3xf16>, tensor<2x1x3xf16>) {
  // expected-error @+2 {{failed to legalize operation 'rnn.rnn_tanh'}}
  // expected-error @+1 {{'rnn.rnn_tanh' op needs the runtime function rnnrt_cpu_dropout for element type 'f16', which no rnn runtime provides (it exists for f32, f64)}}
  %y, %hn = rnn.rnn_tanh %x, %h, %p
      {num_layers = 2, num_units = 3, dropout = 0.5 : f32, seed = 1, is_training = true}
      : (tensor<2x1x3xf16>, tensor<2x1x3xf16>, tensor<48xf16>)
     -> (tensor<2x1x3xf16>, tensor<2x1x3xf16>)
  return %y, %hn : tensor<2x1x3xf16>, tensor<2x1x3xf16>
}
