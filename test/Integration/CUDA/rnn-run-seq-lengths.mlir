// The GPU twin of CPU/rnn-run-seq-lengths.mlir, on both GPU backends:
// seq_lengths stay in device memory, so the runtime call checks them
// (after its one copy to the host) and reports a length outside [0, T]
// exactly as host code does: one line naming the op, the index and the
// value, exit 1, no output file written; a lengths vector whose size is
// not B fails the dimension check before any call. Valid lengths (0, 1
// and T among them) run and zero y past each length.
// REQUIRES: cuda, numpy

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../CPU/Inputs/rnn_run_npy.py make %t/x.npy --dtype f32 --shape 5x3x2 --fill random --seed 1
// RUN: %python %S/../CPU/Inputs/rnn_run_npy.py make %t/h.npy --dtype f32 --shape 1x3x4 --fill random --seed 2
// RUN: %python %S/../CPU/Inputs/rnn_run_npy.py make %t/p.npy --dtype f32 --shape 32 --fill random --seed 3
// RUN: %python %S/../CPU/Inputs/rnn_run_npy.py make %t/ok.npy --dtype i32 --shape 3 --values 5,0,1
// RUN: %python %S/../CPU/Inputs/rnn_run_npy.py make %t/neg.npy --dtype i32 --shape 3 --values 2,-1,5
// RUN: %python %S/../CPU/Inputs/rnn_run_npy.py make %t/long.npy --dtype i32 --shape 3 --values 5,3,6
// RUN: %python %S/../CPU/Inputs/rnn_run_npy.py make %t/two.npy --dtype i32 --shape 2 --values 1,2

// RUN: rnn-run %s --backend=cudnn --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/ok.npy --output=%t/cudnn-y.npy --output=%t/cudnn-hn.npy
// RUN: %python -c "import numpy as n; y = n.load('%t/cudnn-y.npy'); h = n.load('%t/cudnn-hn.npy'); h0 = n.load('%t/h.npy'); assert y.dtype == n.float32 and y.shape == (5, 3, 4); assert (y[:, 1] == 0).all() and (y[1:, 2] == 0).all() and (y[:, 0] != 0).all() and (y[0, 2] != 0).all(); assert (h[0, 1] == h0[0, 1]).all() and (h[0, 2] == y[0, 2]).all() and (h[0, 0] == y[4, 0]).all(); print('ok')" | FileCheck %s --check-prefix=OK
// RUN: not rnn-run %s --backend=cudnn --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/neg.npy --output=%t/cudnn-y1.npy --output=%t/cudnn-hn1.npy 2>&1 | FileCheck %s --check-prefix=NEG
// RUN: not test -e %t/cudnn-y1.npy
// RUN: not test -e %t/cudnn-hn1.npy
// RUN: not rnn-run %s --backend=cudnn --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/long.npy --output=%t/cudnn-y2.npy --output=%t/cudnn-hn2.npy 2>&1 | FileCheck %s --check-prefix=LONG
// RUN: not test -e %t/cudnn-y2.npy
// RUN: not rnn-run %s --backend=cudnn --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/two.npy --output=%t/cudnn-y3.npy 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not test -e %t/cudnn-y3.npy

// RUN: rnn-run %s --backend=cublas --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/ok.npy --output=%t/cublas-y.npy --output=%t/cublas-hn.npy
// RUN: %python -c "import numpy as n; y = n.load('%t/cublas-y.npy'); h = n.load('%t/cublas-hn.npy'); h0 = n.load('%t/h.npy'); assert y.dtype == n.float32 and y.shape == (5, 3, 4); assert (y[:, 1] == 0).all() and (y[1:, 2] == 0).all() and (y[:, 0] != 0).all() and (y[0, 2] != 0).all(); assert (h[0, 1] == h0[0, 1]).all() and (h[0, 2] == y[0, 2]).all() and (h[0, 0] == y[4, 0]).all(); print('ok')" | FileCheck %s --check-prefix=OK
// RUN: not rnn-run %s --backend=cublas --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/neg.npy --output=%t/cublas-y1.npy --output=%t/cublas-hn1.npy 2>&1 | FileCheck %s --check-prefix=NEG
// RUN: not test -e %t/cublas-y1.npy
// RUN: not test -e %t/cublas-hn1.npy
// RUN: not rnn-run %s --backend=cublas --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/long.npy --output=%t/cublas-y2.npy --output=%t/cublas-hn2.npy 2>&1 | FileCheck %s --check-prefix=LONG
// RUN: not test -e %t/cublas-y2.npy
// RUN: not rnn-run %s --backend=cublas --input=%t/x.npy --input=%t/h.npy --input=%t/p.npy --input=%t/two.npy --output=%t/cublas-y3.npy 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not test -e %t/cublas-y3.npy

// OK: ok
// NEG-NOT: {{.}}
// NEG:     {{^}}rnn-run: error: rnn.rnn_tanh: seq_lengths[1] is -1, but every length must be in [0, T] = [0, 5]{{$}}
// NEG-NOT: {{.}}
// LONG-NOT: {{.}}
// LONG:     {{^}}rnn-run: error: rnn.rnn_tanh: seq_lengths[2] is 6, but every length must be in [0, T] = [0, 5]{{$}}
// LONG-NOT: {{.}}
// SIZE-NOT: {{.}}
// SIZE:     {{^}}rnn-run: error: rnn.rnn_tanh: dimension 0 of seq_lengths is 2, but dimension 1 of x is 3 (they must match){{$}}
// SIZE-NOT: {{.}}

func.func @main(%x: tensor<?x?x2xf32>, %h_0: tensor<1x?x4xf32>, %params: tensor<32xf32>,
                %lengths: tensor<?xi32>) -> (tensor<?x?x4xf32>, tensor<1x?x4xf32>) {
  %y, %h_n = rnn.rnn_tanh %x, %h_0, %params, %lengths {num_layers = 1, num_units = 4}
      : (tensor<?x?x2xf32>, tensor<1x?x4xf32>, tensor<32xf32>, tensor<?xi32>)
     -> (tensor<?x?x4xf32>, tensor<1x?x4xf32>)
  return %y, %h_n : tensor<?x?x4xf32>, tensor<1x?x4xf32>
}
