// RUN: rnn-opt %s --convert-rnn-to-cudnn="algo=persist-static" --split-input-file -verify-diagnostics
// RUN: rnn-opt %s --convert-rnn-to-cudnn="algo=persist-dynamic" --split-input-file -verify-diagnostics

// cuDNN's persistent algorithms run only full-length, time-major
// sequences: asking for one with seq_lengths or the batch-major layout is
// an error, never a silent switch to another algorithm.

func.func @seq_lengths(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                       %params: tensor<36xf32>, %lengths: tensor<2xi32>)
    -> tensor<5x2x4xf32> {
  // expected-error @+1 {{'rnn.rnn_tanh' op with seq_lengths or time_major = false needs algo=standard or algo=auto on the cudnn backend (cuDNN's persistent algorithms run only full-length, time-major sequences)}}
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params, %lengths {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>, tensor<2xi32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

func.func @batch_major(%x: tensor<2x5x3xf32>, %h_0: tensor<1x2x4xf32>,
                       %c_0: tensor<1x2x4xf32>, %params: tensor<144xf32>)
    -> tensor<2x5x4xf32> {
  // expected-error @+1 {{'rnn.lstm' op with seq_lengths or time_major = false needs algo=standard or algo=auto on the cudnn backend}}
  %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, time_major = false}
      : (tensor<2x5x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<144xf32>)
     -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<2x5x4xf32>
}
