// The run-time dimension checks cover the grad ops' operands: a dy, dh_n or
// y whose dynamic T or B differs from x's is one error line naming both
// (rnn.gru_grad), exit 1, no output written; matching shapes run.
// REQUIRES: numpy

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(8); [np.save('%t/' + n + '.npy', rng.standard_normal(d).astype(np.float32)) for n, d in [('x', (5, 2, 3)), ('h', (1, 2, 4)), ('p', (108,)), ('dy', (5, 2, 4)), ('dy4', (4, 2, 4)), ('dh3', (1, 3, 4))]]"
// RUN: rnn-run %s --entry=forward --backend=cpu --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --output=%t/y.npy --output=%t/r.npy
// RUN: rnn-run %s --entry=backward --backend=cpu --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/y.npy --input=%t/r.npy --input=%t/dy.npy --input=%t/h.npy --output=%t/dx.npy --output=%t/dh0.npy --output=%t/dp.npy
// RUN: test -e %t/dp.npy

// T of dy differs from x's.
// RUN: not rnn-run %s --entry=backward --backend=cpu --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/y.npy --input=%t/r.npy --input=%t/dy4.npy --input=%t/h.npy --output=%t/bad1.npy 2>&1 | FileCheck %s --check-prefix=DY
// DY-NOT: {{.}}
// DY:     {{^}}rnn-run: error: rnn.gru_grad: dimension 0 of dy is 4, but dimension 0 of x is 5 (they must match){{$}}
// DY-NOT: {{.}}
// RUN: not test -e %t/bad1.npy

// B of dh_n differs from x's.
// RUN: not rnn-run %s --entry=backward --backend=cpu --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/y.npy --input=%t/r.npy --input=%t/dy.npy --input=%t/dh3.npy --output=%t/bad2.npy 2>&1 | FileCheck %s --check-prefix=DHN
// DHN: {{^}}rnn-run: error: rnn.gru_grad: dimension 1 of dh_n is 3, but dimension 1 of x is 2 (they must match){{$}}
// RUN: not test -e %t/bad2.npy

func.func @forward(%x: tensor<?x?x3xf32>, %h: tensor<1x?x4xf32>, %p: tensor<108xf32>)
    -> (tensor<?x?x4xf32>, tensor<?xi8>) {
  %y, %hn, %r = rnn.gru %x, %h, %p {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<108xf32>)
     -> (tensor<?x?x4xf32>, tensor<1x?x4xf32>, tensor<?xi8>)
  return %y, %r : tensor<?x?x4xf32>, tensor<?xi8>
}

func.func @backward(%x: tensor<?x?x3xf32>, %h: tensor<1x?x4xf32>, %p: tensor<108xf32>,
    %y: tensor<?x?x4xf32>, %r: tensor<?xi8>, %dy: tensor<?x?x4xf32>, %dhn: tensor<1x?x4xf32>)
    -> (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<108xf32>) {
  %dx, %dh0, %dp = rnn.gru_grad %x, %h, %p, %y, %r, %dy, %dhn {num_layers = 1, num_units = 4}
      : (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<108xf32>, tensor<?x?x4xf32>, tensor<?xi8>,
         tensor<?x?x4xf32>, tensor<1x?x4xf32>)
     -> (tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<108xf32>)
  return %dx, %dh0, %dp : tensor<?x?x3xf32>, tensor<1x?x4xf32>, tensor<108xf32>
}
