// Reading one reserve three times: the grad ops of one training forward
// with dy_a, then dy_b, then dy_a again (a separate argument, so CSE does
// not merge the first and the last) give the first result again, bit for
// bit, and the same as a function that runs only one grad op: no grad op
// clobbers the reserve another one reads. dy_b's result differs.
// REQUIRES: numpy
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(3); [np.save('%t/' + n + '.npy', (0.5 * rng.standard_normal(d)).astype(np.float64)) for n, d in [('x', (6, 3, 5)), ('h', (4, 3, 4)), ('p', (600,)), ('dya', (6, 3, 8)), ('dyb', (6, 3, 8)), ('dh', (4, 3, 4))]]"
// RUN: rnn-run %s --entry=three_grads --backend=cpu --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/dya.npy --input=%t/dyb.npy --input=%t/dya.npy --input=%t/dh.npy --output=%t/a.npy --output=%t/b.npy --output=%t/c.npy
// RUN: rnn-run %s --entry=one_grad --backend=cpu --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/dya.npy --input=%t/dh.npy --output=%t/single.npy
// RUN: %python -c "import numpy as np; l = lambda n: np.load('%t/' + n + '.npy'); print('first == last:', np.array_equal(l('a'), l('c'))); print('first == single:', np.array_equal(l('a'), l('single'))); print('dy_b differs:', not np.allclose(l('a'), l('b')))" | FileCheck %s
// CHECK: first == last: True
// CHECK: first == single: True
// CHECK: dy_b differs: True

// GRU, 2 layers, bidirectional, I = 5, H = 4, dropout between the layers.
func.func @three_grads(%x: tensor<6x3x5xf64>, %h: tensor<4x3x4xf64>, %p: tensor<600xf64>,
    %dya: tensor<6x3x8xf64>, %dyb: tensor<6x3x8xf64>, %dya2: tensor<6x3x8xf64>,
    %dh: tensor<4x3x4xf64>) -> (tensor<600xf64>, tensor<600xf64>, tensor<600xf64>) {
  %y, %hn, %r = rnn.gru %x, %h, %p {num_layers = 2, num_units = 4, is_training = true,
      dropout = 0.3 : f32, seed = 5, direction = #rnn.direction<bidirectional>}
      : (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>)
     -> (tensor<6x3x8xf64>, tensor<4x3x4xf64>, tensor<?xi8>)
  %dx1, %dh1, %dp1 = rnn.gru_grad %x, %h, %p, %y, %r, %dya, %dh {num_layers = 2, num_units = 4,
      dropout = 0.3 : f32, seed = 5, direction = #rnn.direction<bidirectional>}
      : (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>, tensor<6x3x8xf64>, tensor<?xi8>,
         tensor<6x3x8xf64>, tensor<4x3x4xf64>) -> (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>)
  %dx2, %dh2, %dp2 = rnn.gru_grad %x, %h, %p, %y, %r, %dyb, %dh {num_layers = 2, num_units = 4,
      dropout = 0.3 : f32, seed = 5, direction = #rnn.direction<bidirectional>}
      : (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>, tensor<6x3x8xf64>, tensor<?xi8>,
         tensor<6x3x8xf64>, tensor<4x3x4xf64>) -> (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>)
  %dx3, %dh3, %dp3 = rnn.gru_grad %x, %h, %p, %y, %r, %dya2, %dh {num_layers = 2, num_units = 4,
      dropout = 0.3 : f32, seed = 5, direction = #rnn.direction<bidirectional>}
      : (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>, tensor<6x3x8xf64>, tensor<?xi8>,
         tensor<6x3x8xf64>, tensor<4x3x4xf64>) -> (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>)
  return %dp1, %dp2, %dp3 : tensor<600xf64>, tensor<600xf64>, tensor<600xf64>
}

func.func @one_grad(%x: tensor<6x3x5xf64>, %h: tensor<4x3x4xf64>, %p: tensor<600xf64>,
    %dya: tensor<6x3x8xf64>, %dh: tensor<4x3x4xf64>) -> tensor<600xf64> {
  %y, %hn, %r = rnn.gru %x, %h, %p {num_layers = 2, num_units = 4, is_training = true,
      dropout = 0.3 : f32, seed = 5, direction = #rnn.direction<bidirectional>}
      : (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>)
     -> (tensor<6x3x8xf64>, tensor<4x3x4xf64>, tensor<?xi8>)
  %dx1, %dh1, %dp1 = rnn.gru_grad %x, %h, %p, %y, %r, %dya, %dh {num_layers = 2, num_units = 4,
      dropout = 0.3 : f32, seed = 5, direction = #rnn.direction<bidirectional>}
      : (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>, tensor<6x3x8xf64>, tensor<?xi8>,
         tensor<6x3x8xf64>, tensor<4x3x4xf64>) -> (tensor<6x3x5xf64>, tensor<4x3x4xf64>, tensor<600xf64>)
  return %dp1 : tensor<600xf64>
}
