// RUN: rnn-opt %s --convert-rnn-to-cudnn --split-input-file -verify-diagnostics

// A GRU without linear-before-reset trains on the cuBLAS fallback, whose
// training is time-major without seq_lengths for now: with seq_lengths its
// grad op is an error after the remark, naming the backend that runs it.

func.func @grad_lengths(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                        %params: tensor<108xf32>, %y: tensor<5x2x4xf32>,
                        %reserve: tensor<?xi8>, %dy: tensor<5x2x4xf32>,
                        %dh_n: tensor<1x2x4xf32>, %lengths: tensor<2xi32>)
    -> tensor<108xf32> {
  // expected-remark @+2 {{cuDNN's GRU is linear-before-reset only: this GRU (linear_before_reset = false) is lowered to the cuBLAS fallback}}
  // expected-error @+1 {{'rnn.gru_grad' op is a backward with seq_lengths or time_major = false, which the cuBLAS fallback's training does not run yet (the cpu backend runs it)}}
  %dx, %dh_0, %dp = rnn.gru_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n, %lengths
      {num_layers = 1, num_units = 4, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<2xi32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
  return %dp : tensor<108xf32>
}
