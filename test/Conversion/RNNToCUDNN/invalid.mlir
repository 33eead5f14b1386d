// RUN: rnn-opt %s --convert-rnn-to-cudnn="fallback=false" -split-input-file -verify-diagnostics
// RUN: not rnn-opt %s --convert-rnn-to-cudnn="math=fast" 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not rnn-opt %s --convert-rnn-to-cudnn="algo=fastest" 2>&1 | FileCheck %s --check-prefix=BADALGO

// BADOPT: convert-rnn-to-cudnn: unknown math 'fast' (strict, tf32) or algo 'auto' (auto, standard, persist-static, persist-static-small-h, persist-dynamic)
// BADALGO: convert-rnn-to-cudnn: unknown math 'strict' (strict, tf32) or algo 'fastest' (auto, standard, persist-static, persist-static-small-h, persist-dynamic)

// Without the cuBLAS fallback, a training forward is an error.
func.func @training(%x: tensor<2x1x3xf32>, %h: tensor<1x1x3xf32>, %p: tensor<24xf32>)
    -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>) {
  // expected-error @+1 {{'rnn.rnn_tanh' op is_training is not supported by the cudnn backend (inference only) and the cuBLAS fallback is disabled (fallback=false)}}
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3, is_training = true}
      : (tensor<2x1x3xf32>, tensor<1x1x3xf32>, tensor<24xf32>)
     -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>)
  return %y, %hn : tensor<2x1x3xf32>, tensor<1x1x3xf32>
}
