// RUN: rnn-opt %s --convert-rnn-to-cudnn="fallback=false" -split-input-file -verify-diagnostics
// RUN: not rnn-opt %s --convert-rnn-to-cudnn="math=fast" 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not rnn-opt %s --convert-rnn-to-cudnn="algo=fastest" 2>&1 | FileCheck %s --check-prefix=BADALGO

// BADOPT: convert-rnn-to-cudnn: unknown math 'fast' (strict, tf32) or algo 'auto' (auto, standard, persist-static, persist-static-small-h, persist-dynamic)
// BADALGO: convert-rnn-to-cudnn: unknown math 'strict' (strict, tf32) or algo 'fastest' (auto, standard, persist-static, persist-static-small-h, persist-dynamic)

// Without the cuBLAS fallback, a GRU grad op without linear-before-reset is
// an error (the training forward of cuDNN's GRU is not).
func.func @training(%x: tensor<2x1x3xf32>, %h: tensor<1x1x3xf32>, %p: tensor<24xf32>)
    -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3, is_training = true}
      : (tensor<2x1x3xf32>, tensor<1x1x3xf32>, tensor<24xf32>)
     -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>)
  return %y, %hn : tensor<2x1x3xf32>, tensor<1x1x3xf32>
}

// -----

func.func @gru_grad(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
    %params: tensor<108xf32>, %y: tensor<5x2x4xf32>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf32>, %dh_n: tensor<1x2x4xf32>) -> tensor<108xf32> {
  // expected-error @+1 {{'rnn.gru_grad' op with linear_before_reset = false cannot run on cuDNN and the cuBLAS fallback is disabled (fallback=false)}}
  %dx, %dh_0, %dp = rnn.gru_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
  return %dp : tensor<108xf32>
}
