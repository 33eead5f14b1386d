// RUN: rnn-opt %s --convert-rnn-to-cublas --split-input-file -verify-diagnostics

// The cuBLAS fallback runs seq_lengths and batch-major forwards, but its
// training is time-major without seq_lengths for now: a grad op or a
// reserve-returning forward with seq_lengths (or batch-major) is an error
// naming the op, and nothing of the module is rewritten.

func.func @grad_lengths(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                        %params: tensor<36xf32>, %y: tensor<5x2x4xf32>,
                        %reserve: tensor<?xi8>, %dy: tensor<5x2x4xf32>,
                        %dh_n: tensor<1x2x4xf32>, %lengths: tensor<2xi32>)
    -> tensor<36xf32> {
  // expected-error @+1 {{'rnn.rnn_tanh_grad' op is a backward with seq_lengths or time_major = false, which the cuBLAS fallback's training does not run yet (the cpu backend runs it, and the cudnn backend)}}
  %dx, %dh_0, %dp = rnn.rnn_tanh_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n, %lengths
      {num_layers = 1, num_units = 4, is_training = true, time_major = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<2xi32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return %dp : tensor<36xf32>
}

// -----

func.func @grad_batch_major(%x: tensor<2x5x3xf32>, %h_0: tensor<1x2x4xf32>,
                            %params: tensor<36xf32>, %y: tensor<2x5x4xf32>,
                            %reserve: tensor<?xi8>, %dy: tensor<2x5x4xf32>,
                            %dh_n: tensor<1x2x4xf32>) -> tensor<36xf32> {
  // expected-error @+1 {{'rnn.rnn_relu_grad' op is a backward with seq_lengths or time_major = false, which the cuBLAS fallback's training does not run yet (the cpu backend runs it, and the cudnn backend)}}
  %dx, %dh_0, %dp = rnn.rnn_relu_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4, is_training = true, time_major = false}
      : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<2x5x4xf32>,
         tensor<?xi8>, tensor<2x5x4xf32>, tensor<1x2x4xf32>)
     -> (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
  return %dp : tensor<36xf32>
}

// -----

func.func @reserve_lengths(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                           %params: tensor<36xf32>, %lengths: tensor<2xi32>)
    -> tensor<?xi8> {
  // expected-error @+1 {{'rnn.rnn_tanh' op returns a reserve with seq_lengths or time_major = false, which the cuBLAS fallback's training does not run yet (the cpu backend runs it, and the cudnn backend)}}
  %y, %h_n, %reserve = rnn.rnn_tanh %x, %h_0, %params, %lengths
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<2xi32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<?xi8>)
  return %reserve : tensor<?xi8>
}
