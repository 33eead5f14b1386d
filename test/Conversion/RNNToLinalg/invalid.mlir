// RUN: rnn-opt %s --convert-rnn-to-linalg -split-input-file -verify-diagnostics

func.func @f16_rejected(%x: tensor<2x1x3xf16>, %h: tensor<1x1x3xf16>, %p: tensor<24xf16>)
    -> (tensor<2x1x3xf16>, tensor<1x1x3xf16>) {
  // expected-error @+1 {{'rnn.rnn_tanh' op 'f16' is not supported by the CPU backend (use f32 or f64)}}
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3}
      : (tensor<2x1x3xf16>, tensor<1x1x3xf16>, tensor<24xf16>)
     -> (tensor<2x1x3xf16>, tensor<1x1x3xf16>)
  return %y, %hn : tensor<2x1x3xf16>, tensor<1x1x3xf16>
}

// -----

func.func @bf16_rejected(%x: tensor<2x1x3xbf16>, %h: tensor<1x1x3xbf16>, %p: tensor<24xbf16>)
    -> (tensor<2x1x3xbf16>, tensor<1x1x3xbf16>) {
  // expected-error @+1 {{'rnn.rnn_tanh' op 'bf16' is not supported by the CPU backend (use f32 or f64)}}
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3}
      : (tensor<2x1x3xbf16>, tensor<1x1x3xbf16>, tensor<24xbf16>)
     -> (tensor<2x1x3xbf16>, tensor<1x1x3xbf16>)
  return %y, %hn : tensor<2x1x3xbf16>, tensor<1x1x3xbf16>
}

