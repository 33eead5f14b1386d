// Run-time pack_params on the GPU (one gather-copy kernel) gives the same
// bytes as the CPU backend's pack, and a GRU on those packed weights agrees
// with the CPU backend.
// REQUIRES: cuda, numpy
// RUN: rnn-run %s --backend=cpu --random-inputs=11 --output=%t.cpu.p.npy --output=%t.cpu.y.npy
// RUN: rnn-run %s --backend=cudnn --random-inputs=11 --output=%t.gpu.p.npy --output=%t.gpu.y.npy
// RUN: %python -c "import numpy as np; p = np.array_equal(np.load('%t.cpu.p.npy').view(np.uint32), np.load('%t.gpu.p.npy').view(np.uint32)); y = np.allclose(np.load('%t.cpu.y.npy'), np.load('%t.gpu.y.npy'), rtol=1e-5, atol=1e-6); print('pack', p, 'gru', y)" | FileCheck %s
// CHECK: pack True gru True
// Every copy of one launch (GatherCopyKernel.h) takes the widest word its
// alignment allows: f16 tensors of 15 and 9 elements at odd offsets (2-byte
// words), and f32 tensors of 78000 and 67600 elements (16-byte words, many
// blocks per copy).
// RUN: rnn-run %s --entry=half --backend=cpu --random-inputs=12 --output=%t.cpu.half.npy
// RUN: rnn-run %s --entry=half --backend=cudnn --random-inputs=12 --output=%t.gpu.half.npy
// RUN: rnn-run %s --entry=large --backend=cpu --random-inputs=13 --output=%t.cpu.large.npy
// RUN: rnn-run %s --entry=large --backend=cudnn --random-inputs=13 --output=%t.gpu.large.npy
// RUN: %python -c "import numpy as np; same = lambda n, t: np.array_equal(np.load('%t.cpu.' + n + '.npy').view(t), np.load('%t.gpu.' + n + '.npy').view(t)); print('half', same('half', np.uint16), 'large', same('large', np.uint32))" | FileCheck %s --check-prefix=GATHER
// GATHER: half True large True

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

func.func @half(%w0: tensor<3x5xf16>, %w1: tensor<3x5xf16>, %w2: tensor<3x5xf16>, %w3: tensor<3x5xf16>,
                %r0: tensor<3x3xf16>, %r1: tensor<3x3xf16>, %r2: tensor<3x3xf16>, %r3: tensor<3x3xf16>,
                %b0: tensor<3xf16>, %b1: tensor<3xf16>, %b2: tensor<3xf16>, %b3: tensor<3xf16>,
                %b4: tensor<3xf16>, %b5: tensor<3xf16>, %b6: tensor<3xf16>, %b7: tensor<3xf16>)
    -> tensor<120xf16> {
  %p = rnn.pack_params %w0, %w1, %w2, %w3, %r0, %r1, %r2, %r3, %b0, %b1, %b2, %b3, %b4, %b5, %b6, %b7
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 3, input_size = 5}
      : (tensor<3x5xf16>, tensor<3x5xf16>, tensor<3x5xf16>, tensor<3x5xf16>,
         tensor<3x3xf16>, tensor<3x3xf16>, tensor<3x3xf16>, tensor<3x3xf16>,
         tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>,
         tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<120xf16>
  return %p : tensor<120xf16>
}

func.func @large(%w0: tensor<260x300xf32>, %w1: tensor<260x300xf32>, %w2: tensor<260x300xf32>, %w3: tensor<260x300xf32>,
                 %r0: tensor<260x260xf32>, %r1: tensor<260x260xf32>, %r2: tensor<260x260xf32>, %r3: tensor<260x260xf32>,
                 %b0: tensor<260xf32>, %b1: tensor<260xf32>, %b2: tensor<260xf32>, %b3: tensor<260xf32>,
                 %b4: tensor<260xf32>, %b5: tensor<260xf32>, %b6: tensor<260xf32>, %b7: tensor<260xf32>)
    -> tensor<584480xf32> {
  %p = rnn.pack_params %w0, %w1, %w2, %w3, %r0, %r1, %r2, %r3, %b0, %b1, %b2, %b3, %b4, %b5, %b6, %b7
      {mode = #rnn.mode<lstm>, num_layers = 1, num_units = 260, input_size = 300}
      : (tensor<260x300xf32>, tensor<260x300xf32>, tensor<260x300xf32>, tensor<260x300xf32>,
         tensor<260x260xf32>, tensor<260x260xf32>, tensor<260x260xf32>, tensor<260x260xf32>,
         tensor<260xf32>, tensor<260xf32>, tensor<260xf32>, tensor<260xf32>,
         tensor<260xf32>, tensor<260xf32>, tensor<260xf32>, tensor<260xf32>) -> tensor<584480xf32>
  return %p : tensor<584480xf32>
}
