// Packed params folded at compile time are uploaded once and used from the
// device: a constant-weight GRU agrees with the CPU backend, and repeated
// calls (--benchmark) reuse the upload and give the same results.
// REQUIRES: cuda, numpy
// RUN: rnn-run %s --backend=cpu --random-inputs=7 --output=%t.cpu.npy
// RUN: rnn-run %s --backend=cudnn --random-inputs=7 --benchmark=20 --output=%t.gpu.npy | FileCheck %s --check-prefix=BENCH
// BENCH: over 20 calls
// RUN: %python -c "import numpy as np; a = np.load('%t.cpu.npy'); b = np.load('%t.gpu.npy'); print('close' if np.allclose(a, b, rtol=1e-5, atol=1e-6) and np.abs(a).max() > 0.05 else 'differ')" | FileCheck %s
// CHECK: close

func.func @main(%x: tensor<6x2x3xf32>, %h: tensor<1x2x4xf32>) -> tensor<6x2x4xf32> {
  %w0 = arith.constant dense<[[-0.317, -0.476, -0.125], [-0.414, -0.520, -0.118], [0.502, 0.361, 0.318], [-0.334, 0.044, -0.268]]> : tensor<4x3xf32>
  %w1 = arith.constant dense<[[-0.393, -0.473, -0.343], [0.513, 0.395, 0.368], [0.361, -0.368, -0.228], [0.152, 0.278, 0.426]]> : tensor<4x3xf32>
  %w2 = arith.constant dense<[[0.456, -0.496, 0.127], [0.206, 0.007, -0.387], [-0.032, -0.493, 0.522], [0.439, 0.057, -0.240]]> : tensor<4x3xf32>
  %r0 = arith.constant dense<[[0.491, 0.087, 0.459, 0.418], [0.010, -0.103, 0.119, -0.083], [-0.406, -0.234, 0.375, -0.548], [-0.544, 0.152, -0.263, 0.042]]> : tensor<4x4xf32>
  %r1 = arith.constant dense<[[-0.035, -0.189, 0.597, -0.365], [-0.105, -0.357, 0.159, -0.268], [-0.173, 0.296, -0.215, 0.070], [0.485, -0.479, -0.526, -0.325]]> : tensor<4x4xf32>
  %r2 = arith.constant dense<[[0.318, 0.139, -0.315, -0.203], [-0.387, -0.049, -0.549, 0.237], [0.475, 0.546, 0.282, 0.552], [-0.578, -0.253, 0.559, 0.330]]> : tensor<4x4xf32>
  %b0 = arith.constant dense<[-0.054, 0.266, 0.072, 0.191]> : tensor<4xf32>
  %b1 = arith.constant dense<[-0.124, -0.185, -0.034, -0.218]> : tensor<4xf32>
  %b2 = arith.constant dense<[-0.071, 0.277, -0.101, -0.294]> : tensor<4xf32>
  %b3 = arith.constant dense<[-0.273, -0.198, 0.170, -0.082]> : tensor<4xf32>
  %b4 = arith.constant dense<[-0.126, -0.242, 0.289, -0.046]> : tensor<4xf32>
  %b5 = arith.constant dense<[-0.175, -0.264, -0.267, -0.199]> : tensor<4xf32>
  %p = rnn.pack_params %w0, %w1, %w2, %r0, %r1, %r2, %b0, %b1, %b2, %b3, %b4, %b5
      {mode = #rnn.mode<gru>, num_layers = 1, num_units = 4, input_size = 3}
      : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<108xf32>
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<6x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>) -> (tensor<6x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<6x2x4xf32>
}
