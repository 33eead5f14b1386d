// The split form of training on the CPU backend, as a framework runs it:
// @forward returns the reserve, rnn-run writes it to a .npy file (uint8),
// and a second rnn-run reads it back for @backward. The gradients are
// checked against PyTorch autograd (no dropout), against a central
// difference of the loss (dropout between layers, whose masks @backward
// takes from the reserve), and against the fused form (forward and grad in
// one function), bit for bit. A reserve that does not belong to the backward
// (cut short, zeros, another seed, another configuration of the same byte
// size, another T x B of the same byte size, one written with seq_lengths or
// by a batch-major forward) is one run-time error line and
// exit status 1, and no output is written. Each function is a file of its
// own (split-file), so that each rnn-run compiles only what it calls.
// REQUIRES: torch
// RUN: rm -rf %t && split-file %s %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(5); [np.save('%t/' + n + '.npy', (s * rng.standard_normal(d)).astype(np.float32)) for n, d, s in [('x', (5, 3, 4), 1), ('h_0', (2, 3, 8), 0.5), ('c_0', (2, 3, 8), 0.5), ('params', (1024,), 0.3), ('dy', (5, 3, 8), 1), ('dh_n', (2, 3, 8), 1), ('dc_n', (2, 3, 8), 1), ('v', (1024,), 1)]]; p, v = np.load('%t/params.npy'), np.load('%t/v.npy'); np.save('%t/params+.npy', p + np.float32(1e-3) * v); np.save('%t/params-.npy', p - np.float32(1e-3) * v)"

// Forward: the reserve comes back as a 1-D uint8 array.
// RUN: rnn-run %t/forward.mlir --backend=cpu --entry=forward --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --output=%t/y.npy --output=%t/h_n.npy --output=%t/c_n.npy --output=%t/reserve.npy
// RUN: %python -c "import numpy as np; r = np.load('%t/reserve.npy'); print(r.dtype, r.ndim, r.size > 0)" | FileCheck %s --check-prefix=RESERVE
// RESERVE: uint8 1 True

// Backward, in another process, from the files.
// RUN: rnn-run %t/backward.mlir --backend=cpu --entry=backward --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/y.npy --input=%t/reserve.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/dx.npy --output=%t/dh_0.npy --output=%t/dc_0.npy --output=%t/dparams.npy
// RUN: %python %S/Inputs/check_reserve_split.py reference %t 2 8 | FileCheck %s --check-prefix=TORCH
// TORCH:      OK y (5, 3, 8)
// TORCH-NEXT: OK dx (5, 3, 4)
// TORCH-NEXT: OK dh_0 (2, 3, 8)
// TORCH-NEXT: OK dc_0 (2, 3, 8)
// TORCH-NEXT: OK dparams (1024,)

// The fused form computes the same, bit for bit.
// RUN: rnn-run %t/step.mlir --backend=cpu --entry=step --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/fused-y.npy --output=%t/fused-dx.npy --output=%t/fused-dh_0.npy --output=%t/fused-dc_0.npy --output=%t/fused-dparams.npy
// RUN: %python %S/Inputs/check_reserve_split.py same y fused-y dx fused-dx dh_0 fused-dh_0 dc_0 fused-dc_0 dparams fused-dparams --in %t | FileCheck %s --check-prefix=SAME
// SAME: same

// With dropout 0.5 between the layers: split and fused agree bit for bit,
// and dL/dparams . v matches (L(p + eps v) - L(p - eps v)) / (2 eps) for
// L = sum(y * dy) + sum(h_n * dh_n) + sum(c_n * dc_n) (the masks depend on
// the seed only, so L is a smooth function of the params).
// RUN: rnn-run %t/forward_dropout.mlir --backend=cpu --entry=forward_dropout --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --output=%t/d-y.npy --output=%t/d-h_n.npy --output=%t/d-c_n.npy --output=%t/d-reserve.npy
// RUN: rnn-run %t/backward_dropout.mlir --backend=cpu --entry=backward_dropout --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/d-y.npy --input=%t/d-reserve.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/d-dx.npy --output=%t/d-dh_0.npy --output=%t/d-dc_0.npy --output=%t/d-dparams.npy
// RUN: rnn-run %t/step_dropout.mlir --backend=cpu --entry=step_dropout --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/df-y.npy --output=%t/df-dx.npy --output=%t/df-dh_0.npy --output=%t/df-dc_0.npy --output=%t/df-dparams.npy
// RUN: %python %S/Inputs/check_reserve_split.py same d-y df-y d-dx df-dx d-dh_0 df-dh_0 d-dc_0 df-dc_0 d-dparams df-dparams --in %t | FileCheck %s --check-prefix=SAME
// RUN: rnn-run %t/forward_dropout.mlir --backend=cpu --entry=forward_dropout --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params+.npy --output=%t/p-y.npy --output=%t/p-h_n.npy --output=%t/p-c_n.npy --output=%t/p-reserve.npy
// RUN: rnn-run %t/forward_dropout.mlir --backend=cpu --entry=forward_dropout --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params-.npy --output=%t/m-y.npy --output=%t/m-h_n.npy --output=%t/m-c_n.npy --output=%t/m-reserve.npy
// RUN: %python %S/Inputs/check_reserve_split.py central %t d-dparams 1e-3 | FileCheck %s --check-prefix=FD
// FD: central difference OK

// Reserves that do not belong to @backward. Each is one error line, exit
// status 1, and no result file.
// Equal forwards write equal reserves (every header byte is defined), so
// concurrent calls return bit-identical reserves.
// RUN: rnn-run %t/forward_dropout.mlir --backend=cpu --entry=forward_dropout --random-inputs --concurrency=4 --concurrency-calls=20 --outputs=%t/concurrent.npz | FileCheck %s --check-prefix=CONCURRENT
// CONCURRENT: every result bit-identical to the single-threaded call
// RUN: %python -c "import numpy as np; r = np.load('%t/reserve.npy'); np.save('%t/cut.npy', r[:-1]); np.save('%t/zeros.npy', np.zeros_like(r))"
// RUN: not rnn-run %t/backward.mlir --backend=cpu --entry=backward --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/y.npy --input=%t/cut.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/bad.npy 2>&1 | FileCheck %s --check-prefix=CUT
// CUT: {{^}}rnn-run: error: rnn.lstm_grad: the reserve has {{[0-9]+}} bytes, but this configuration's has {{[0-9]+}}{{$}}
// CUT-NOT: {{.}}
// RUN: not rnn-run %t/backward.mlir --backend=cpu --entry=backward --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/y.npy --input=%t/zeros.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/bad.npy 2>&1 | FileCheck %s --check-prefix=ZEROS
// ZEROS: {{^}}rnn-run: error: rnn.lstm_grad: the reserve ({{[0-9]+}} bytes) was not written by a training forward of the cpu backend{{$}}
// ZEROS-NOT: {{.}}

// Another seed: the same byte size, other dropout masks.
// RUN: rnn-run %t/forward_seed8.mlir --backend=cpu --entry=forward_seed8 --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --output=%t/s8-y.npy --output=%t/s8-h_n.npy --output=%t/s8-c_n.npy --output=%t/s8-reserve.npy
// RUN: %python %S/Inputs/check_reserve_split.py same-size s8-reserve d-reserve --in %t | FileCheck %s --check-prefix=SAMESIZE
// SAMESIZE: same size
// RUN: not rnn-run %t/backward_dropout.mlir --backend=cpu --entry=backward_dropout --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/s8-y.npy --input=%t/s8-reserve.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/bad.npy 2>&1 | FileCheck %s --check-prefix=SEED
// SEED: {{^}}rnn-run: error: rnn.lstm_grad: the reserve was written by a training forward of another configuration ({{.*}}seed{{.*}}){{$}}
// SEED-NOT: {{.}}

// A reserve of an LSTM with 8 units given to the backward of one with 4
// units in both directions: the same byte size. With its own reserve that
// backward runs.
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(6); np.save('%t/p8.npy', (0.3 * rng.standard_normal(448)).astype(np.float32)); np.save('%t/p4.npy', (0.3 * rng.standard_normal(320)).astype(np.float32)); np.save('%t/s8.npy', np.zeros((1, 3, 8), np.float32)); np.save('%t/s4.npy', np.zeros((2, 3, 4), np.float32))"
// RUN: rnn-run %t/forward_h8.mlir --backend=cpu --entry=forward_h8 --input=%t/x.npy --input=%t/s8.npy --input=%t/s8.npy --input=%t/p8.npy --output=%t/h8-y.npy --output=%t/h8-h_n.npy --output=%t/h8-c_n.npy --output=%t/h8-reserve.npy
// RUN: rnn-run %t/forward_h4.mlir --backend=cpu --entry=forward_h4 --input=%t/x.npy --input=%t/s4.npy --input=%t/s4.npy --input=%t/p4.npy --output=%t/h4-y.npy --output=%t/h4-h_n.npy --output=%t/h4-c_n.npy --output=%t/h4-reserve.npy
// RUN: %python %S/Inputs/check_reserve_split.py same-size h8-reserve h4-reserve --in %t | FileCheck %s --check-prefix=SAMESIZE
// RUN: rnn-run %t/backward_h4.mlir --backend=cpu --entry=backward_h4 --input=%t/x.npy --input=%t/s4.npy --input=%t/s4.npy --input=%t/p4.npy --input=%t/h4-y.npy --input=%t/h4-reserve.npy --input=%t/h4-y.npy --input=%t/s4.npy --input=%t/s4.npy --output=%t/h4-dx.npy
// RUN: not rnn-run %t/backward_h4.mlir --backend=cpu --entry=backward_h4 --input=%t/x.npy --input=%t/s4.npy --input=%t/s4.npy --input=%t/p4.npy --input=%t/h4-y.npy --input=%t/h8-reserve.npy --input=%t/h4-y.npy --input=%t/s4.npy --input=%t/s4.npy --output=%t/bad.npy 2>&1 | FileCheck %s --check-prefix=CONFIG
// CONFIG: {{^}}rnn-run: error: rnn.lstm_grad: the reserve was written by a training forward of another configuration ({{.*}}units{{.*}}){{$}}
// CONFIG-NOT: {{.}}

// T = 6, B = 2 given to the backward of T = 3, B = 4: the same byte size.
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(7); [np.save('%t/' + n + '.npy', rng.standard_normal(d).astype(np.float32)) for n, d in [('x62', (6, 2, 4)), ('s62', (2, 2, 8)), ('x34', (3, 4, 4)), ('s34', (2, 4, 8)), ('y34', (3, 4, 8))]]"
// RUN: rnn-run %t/forward.mlir --backend=cpu --entry=forward --input=%t/x62.npy --input=%t/s62.npy --input=%t/s62.npy --input=%t/params.npy --output=%t/62-y.npy --output=%t/62-h_n.npy --output=%t/62-c_n.npy --output=%t/62-reserve.npy
// RUN: rnn-run %t/forward.mlir --backend=cpu --entry=forward --input=%t/x34.npy --input=%t/s34.npy --input=%t/s34.npy --input=%t/params.npy --output=%t/34-y.npy --output=%t/34-h_n.npy --output=%t/34-c_n.npy --output=%t/34-reserve.npy
// RUN: %python %S/Inputs/check_reserve_split.py same-size 62-reserve 34-reserve --in %t | FileCheck %s --check-prefix=SAMESIZE
// RUN: not rnn-run %t/backward.mlir --backend=cpu --entry=backward --input=%t/x34.npy --input=%t/s34.npy --input=%t/s34.npy --input=%t/params.npy --input=%t/34-y.npy --input=%t/62-reserve.npy --input=%t/y34.npy --input=%t/s34.npy --input=%t/s34.npy --output=%t/bad.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: {{^}}rnn-run: error: rnn.lstm_grad: the reserve was written for T = 6, B = 2, but x has T = 3, B = 4{{$}}
// SHAPE-NOT: {{.}}
// A reserve of the same byte size written with seq_lengths, or by a
// batch-major forward (x [B, T, I] = [5, 3, 4]): the layout and the
// presence of lengths are part of the configuration.
// RUN: %python -c "import numpy as np; np.save('%t/lengths.npy', np.array([5, 2, 0], np.int32)); np.save('%t/s5.npy', np.zeros((2, 5, 8), np.float32))"
// RUN: rnn-run %t/forward_lengths.mlir --backend=cpu --entry=forward_lengths --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/lengths.npy --output=%t/l-y.npy --output=%t/l-h_n.npy --output=%t/l-c_n.npy --output=%t/l-reserve.npy
// RUN: rnn-run %t/forward_batch_major.mlir --backend=cpu --entry=forward_batch_major --input=%t/x.npy --input=%t/s5.npy --input=%t/s5.npy --input=%t/params.npy --output=%t/b-y.npy --output=%t/b-h_n.npy --output=%t/b-c_n.npy --output=%t/b-reserve.npy
// RUN: %python %S/Inputs/check_reserve_split.py same-size l-reserve reserve --in %t | FileCheck %s --check-prefix=SAMESIZE
// RUN: %python %S/Inputs/check_reserve_split.py same-size b-reserve reserve --in %t | FileCheck %s --check-prefix=SAMESIZE
// RUN: not rnn-run %t/backward.mlir --backend=cpu --entry=backward --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/y.npy --input=%t/l-reserve.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/bad.npy 2>&1 | FileCheck %s --check-prefix=LENGTHS
// LENGTHS: {{^}}rnn-run: error: rnn.lstm_grad: the reserve was written by a training forward of another configuration ({{.*}}seq_lengths{{.*}}){{$}}
// LENGTHS-NOT: {{.}}
// RUN: not rnn-run %t/backward.mlir --backend=cpu --entry=backward --input=%t/x.npy --input=%t/h_0.npy --input=%t/c_0.npy --input=%t/params.npy --input=%t/y.npy --input=%t/b-reserve.npy --input=%t/dy.npy --input=%t/dh_n.npy --input=%t/dc_n.npy --output=%t/bad.npy 2>&1 | FileCheck %s --check-prefix=LAYOUT
// LAYOUT: {{^}}rnn-run: error: rnn.lstm_grad: the reserve was written by a training forward of another configuration ({{.*}}layout{{.*}}){{$}}
// LAYOUT-NOT: {{.}}
// RUN: not ls %t/bad.npy

//--- forward.mlir
// The LSTM of the test: 2 layers of 8 units on 4 inputs, T and B dynamic.
func.func @forward(%x: tensor<?x?x4xf32>, %h_0: tensor<2x?x8xf32>,
                   %c_0: tensor<2x?x8xf32>, %params: tensor<1024xf32>)
    -> (tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
        tensor<?xi8>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 8, is_training = true}
      : (tensor<?x?x4xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
         tensor<1024xf32>)
     -> (tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
         tensor<?xi8>)
  return %y, %h_n, %c_n, %reserve
      : tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>, tensor<?xi8>
}
//--- backward.mlir
func.func @backward(%x: tensor<?x?x4xf32>, %h_0: tensor<2x?x8xf32>,
                    %c_0: tensor<2x?x8xf32>, %params: tensor<1024xf32>,
                    %y: tensor<?x?x8xf32>, %reserve: tensor<?xi8>,
                    %dy: tensor<?x?x8xf32>, %dh_n: tensor<2x?x8xf32>,
                    %dc_n: tensor<2x?x8xf32>)
    -> (tensor<?x?x4xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
        tensor<1024xf32>) {
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %dh_n, %dc_n {num_layers = 2, num_units = 8}
      : (tensor<?x?x4xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
         tensor<1024xf32>, tensor<?x?x8xf32>, tensor<?xi8>,
         tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>)
     -> (tensor<?x?x4xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
         tensor<1024xf32>)
  return %dx, %dh_0, %dc_0, %dparams
      : tensor<?x?x4xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
        tensor<1024xf32>
}
//--- step.mlir
func.func @step(%x: tensor<5x3x4xf32>, %h_0: tensor<2x3x8xf32>,
                %c_0: tensor<2x3x8xf32>, %params: tensor<1024xf32>,
                %dy: tensor<5x3x8xf32>, %dh_n: tensor<2x3x8xf32>,
                %dc_n: tensor<2x3x8xf32>)
    -> (tensor<5x3x8xf32>, tensor<5x3x4xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>, tensor<1024xf32>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 8, is_training = true}
      : (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>)
     -> (tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<?xi8>)
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %dh_n, %dc_n {num_layers = 2, num_units = 8}
      : (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>, tensor<5x3x8xf32>, tensor<?xi8>,
         tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>)
     -> (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>)
  return %y, %dx, %dh_0, %dc_0, %dparams
      : tensor<5x3x8xf32>, tensor<5x3x4xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>, tensor<1024xf32>
}
//--- forward_dropout.mlir
// The same LSTM with dropout 0.5 between the layers, seed 7 (and 8).
func.func @forward_dropout(%x: tensor<5x3x4xf32>, %h_0: tensor<2x3x8xf32>,
                           %c_0: tensor<2x3x8xf32>, %params: tensor<1024xf32>)
    -> (tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<?xi8>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 8, is_training = true, dropout = 0.5 : f32,
       seed = 7 : i64}
      : (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>)
     -> (tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<?xi8>)
  return %y, %h_n, %c_n, %reserve
      : tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<?xi8>
}
//--- backward_dropout.mlir
func.func @backward_dropout(%x: tensor<5x3x4xf32>, %h_0: tensor<2x3x8xf32>,
                            %c_0: tensor<2x3x8xf32>,
                            %params: tensor<1024xf32>, %y: tensor<5x3x8xf32>,
                            %reserve: tensor<?xi8>, %dy: tensor<5x3x8xf32>,
                            %dh_n: tensor<2x3x8xf32>,
                            %dc_n: tensor<2x3x8xf32>)
    -> (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<1024xf32>) {
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %dh_n, %dc_n
      {num_layers = 2, num_units = 8, dropout = 0.5 : f32, seed = 7 : i64}
      : (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>, tensor<5x3x8xf32>, tensor<?xi8>,
         tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>)
     -> (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>)
  return %dx, %dh_0, %dc_0, %dparams
      : tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<1024xf32>
}
//--- step_dropout.mlir
func.func @step_dropout(%x: tensor<5x3x4xf32>, %h_0: tensor<2x3x8xf32>,
                        %c_0: tensor<2x3x8xf32>, %params: tensor<1024xf32>,
                        %dy: tensor<5x3x8xf32>, %dh_n: tensor<2x3x8xf32>,
                        %dc_n: tensor<2x3x8xf32>)
    -> (tensor<5x3x8xf32>, tensor<5x3x4xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>, tensor<1024xf32>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 8, is_training = true, dropout = 0.5 : f32,
       seed = 7 : i64}
      : (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>)
     -> (tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<?xi8>)
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %dh_n, %dc_n
      {num_layers = 2, num_units = 8, dropout = 0.5 : f32, seed = 7 : i64}
      : (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>, tensor<5x3x8xf32>, tensor<?xi8>,
         tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>)
     -> (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>)
  return %y, %dx, %dh_0, %dc_0, %dparams
      : tensor<5x3x8xf32>, tensor<5x3x4xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>, tensor<1024xf32>
}
//--- forward_seed8.mlir
func.func @forward_seed8(%x: tensor<5x3x4xf32>, %h_0: tensor<2x3x8xf32>,
                         %c_0: tensor<2x3x8xf32>, %params: tensor<1024xf32>)
    -> (tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<?xi8>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 8, is_training = true, dropout = 0.5 : f32,
       seed = 8 : i64}
      : (tensor<5x3x4xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<1024xf32>)
     -> (tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
         tensor<?xi8>)
  return %y, %h_n, %c_n, %reserve
      : tensor<5x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<?xi8>
}
//--- forward_h8.mlir
// 1 layer of 8 units, and 1 bidirectional layer of 4 units, on 4 inputs.
func.func @forward_h8(%x: tensor<5x3x4xf32>, %h_0: tensor<1x3x8xf32>,
                      %c_0: tensor<1x3x8xf32>, %params: tensor<448xf32>)
    -> (tensor<5x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>,
        tensor<?xi8>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 8, is_training = true}
      : (tensor<5x3x4xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>,
         tensor<448xf32>)
     -> (tensor<5x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>,
         tensor<?xi8>)
  return %y, %h_n, %c_n, %reserve
      : tensor<5x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>, tensor<?xi8>
}
//--- forward_h4.mlir
func.func @forward_h4(%x: tensor<5x3x4xf32>, %h_0: tensor<2x3x4xf32>,
                      %c_0: tensor<2x3x4xf32>, %params: tensor<320xf32>)
    -> (tensor<5x3x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<?xi8>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 1, num_units = 4, is_training = true,
       direction = #rnn.direction<bidirectional>}
      : (tensor<5x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
         tensor<320xf32>)
     -> (tensor<5x3x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
         tensor<?xi8>)
  return %y, %h_n, %c_n, %reserve
      : tensor<5x3x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<?xi8>
}
//--- backward_h4.mlir
func.func @backward_h4(%x: tensor<5x3x4xf32>, %h_0: tensor<2x3x4xf32>,
                       %c_0: tensor<2x3x4xf32>, %params: tensor<320xf32>,
                       %y: tensor<5x3x8xf32>, %reserve: tensor<?xi8>,
                       %dy: tensor<5x3x8xf32>, %dh_n: tensor<2x3x4xf32>,
                       %dc_n: tensor<2x3x4xf32>)
    -> (tensor<5x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<320xf32>) {
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %dh_n, %dc_n
      {num_layers = 1, num_units = 4,
       direction = #rnn.direction<bidirectional>}
      : (tensor<5x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
         tensor<320xf32>, tensor<5x3x8xf32>, tensor<?xi8>,
         tensor<5x3x8xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>)
     -> (tensor<5x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
         tensor<320xf32>)
  return %dx, %dh_0, %dc_0, %dparams
      : tensor<5x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<320xf32>
}
//--- forward_lengths.mlir
// @forward with seq_lengths.
func.func @forward_lengths(%x: tensor<?x?x4xf32>, %h_0: tensor<2x?x8xf32>,
                           %c_0: tensor<2x?x8xf32>, %params: tensor<1024xf32>,
                           %lengths: tensor<?xi32>)
    -> (tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
        tensor<?xi8>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params, %lengths
      {num_layers = 2, num_units = 8, is_training = true}
      : (tensor<?x?x4xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
         tensor<1024xf32>, tensor<?xi32>)
     -> (tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
         tensor<?xi8>)
  return %y, %h_n, %c_n, %reserve
      : tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>, tensor<?xi8>
}
//--- forward_batch_major.mlir
// @forward with x [B, T, I].
func.func @forward_batch_major(%x: tensor<?x?x4xf32>, %h_0: tensor<2x?x8xf32>,
                               %c_0: tensor<2x?x8xf32>, %params: tensor<1024xf32>)
    -> (tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
        tensor<?xi8>) {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 8, is_training = true, time_major = false}
      : (tensor<?x?x4xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
         tensor<1024xf32>)
     -> (tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>,
         tensor<?xi8>)
  return %y, %h_n, %c_n, %reserve
      : tensor<?x?x8xf32>, tensor<2x?x8xf32>, tensor<2x?x8xf32>, tensor<?xi8>
}
