// Run-time pack_params on the GPU (one batched device copy) gives the same
// bytes as the CPU backend's pack, and a GRU on those packed weights agrees
// with the CPU backend.
// REQUIRES: cuda, numpy
// RUN: rnn-run %s --backend=cpu --random-inputs=11 --output=%t.cpu.p.npy --output=%t.cpu.y.npy
// RUN: rnn-run %s --backend=cudnn --random-inputs=11 --output=%t.gpu.p.npy --output=%t.gpu.y.npy
// RUN: %python -c "import numpy as np; p = np.array_equal(np.load('%t.cpu.p.npy').view(np.uint32), np.load('%t.gpu.p.npy').view(np.uint32)); y = np.allclose(np.load('%t.cpu.y.npy'), np.load('%t.gpu.y.npy'), rtol=1e-5, atol=1e-6); print('pack', p, 'gru', y)" | FileCheck %s
// CHECK: pack True gru True

func.func @main(%x: tensor<5x3x4xf32>, %h: tensor<1x3x2xf32>,
                %w0: tensor<2x4xf32>, %w1: tensor<2x4xf32>, %w2: tensor<2x4xf32>,
                %r0: tensor<2x2xf32>, %r1: tensor<2x2xf32>, %r2: tensor<2x2xf32>,
                %b0: tensor<2xf32>, %b1: tensor<2xf32>, %b2: tensor<2xf32>,
                %b3: tensor<2xf32>, %b4: tensor<2xf32>, %b5: tensor<2xf32>)
    -> (tensor<48xf32>, tensor<5x3x2xf32>) {
  %p = rnn.pack_params %w0, %w1, %w2, %r0, %r1, %r2, %b0, %b1, %b2, %b3, %b4, %b5
      {mode = #rnn.mode<gru>, num_layers = 1, num_units = 2, input_size = 4}
      : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>,
         tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>,
         tensor<2xf32>, tensor<2xf32>) -> tensor<48xf32>
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 2}
      : (tensor<5x3x4xf32>, tensor<1x3x2xf32>, tensor<48xf32>) -> (tensor<5x3x2xf32>, tensor<1x3x2xf32>)
  return %p, %y : tensor<48xf32>, tensor<5x3x2xf32>
}
