// rnn-run --backend=onednn runs the ops oneDNN can run with its RNN
// primitives and the others on the cpu path, with a remark; the results are
// those of the cpu backend. Repeated calls reuse the prepared weights.
// REQUIRES: numpy, onednn

// RUN: rnn-run %s --backend=onednn --random-inputs=5 --output=%t.d0.npy --output=%t.d1.npy --output=%t.d2.npy --output=%t.d3.npy 2>&1 | FileCheck %s --check-prefix=REMARK
// REMARK: remark: oneDNN has no identity input (skip_input): this op is lowered to the portable cpu path (linalg + BLAS)
// RUN: rnn-run %s --backend=cpu --random-inputs=5 --output=%t.c0.npy --output=%t.c1.npy --output=%t.c2.npy --output=%t.c3.npy
// RUN: %python %S/../../Inputs/compare_npy.py --tolerance 1e-5 %t.d0.npy:%t.c0.npy %t.d1.npy:%t.c1.npy %t.d2.npy:%t.c2.npy %t.d3.npy:%t.c3.npy | FileCheck %s
// CHECK: max relative difference

// RUN: rnn-run %s --backend=onednn --random-inputs=5 --benchmark=3 --heap-stats 2>/dev/null | FileCheck %s --check-prefix=HEAP
// HEAP: {{^heap: .* 0\.0 new large blocks, 0\.0 page faults per call$}}

// A batch of one takes the matrix-vector path, whose workspaces (here the
// 200 KiB of input projections) live with the thread: no page is faulted in
// per call either; its results are those of the cpu backend. Its products
// are OpenBLAS's, whose worker threads fault in their own buffers on the
// first calls that wake them: one OpenBLAS thread here, so that what is
// counted is this path's memory.
// RUN: env OPENBLAS_NUM_THREADS=1 rnn-run %s --entry=small --backend=onednn --random-inputs=5 --benchmark=3 --heap-stats 2>/dev/null | FileCheck %s --check-prefix=HEAP
// RUN: rnn-run %s --entry=small --backend=onednn --random-inputs=6 --output=%t.s0.npy --output=%t.s1.npy --output=%t.s2.npy
// RUN: rnn-run %s --entry=small --backend=cpu --random-inputs=6 --output=%t.r0.npy --output=%t.r1.npy --output=%t.r2.npy
// RUN: %python %S/../../Inputs/compare_npy.py --tolerance 1e-5 %t.s0.npy:%t.r0.npy %t.s1.npy:%t.r1.npy %t.s2.npy:%t.r2.npy | FileCheck %s

func.func @main(%x: tensor<6x3x5xf32>, %h: tensor<2x3x8xf32>, %c: tensor<2x3x8xf32>,
                %p: tensor<960xf32>, %h2: tensor<1x3x16xf32>, %p2: tensor<288xf32>)
    -> (tensor<6x3x16xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<6x3x16xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
      {num_layers = 1, num_units = 8, direction = #rnn.direction<bidirectional>}
      : (tensor<6x3x5xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<960xf32>)
     -> (tensor<6x3x16xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>)
  %y2, %hn2 = rnn.rnn_tanh %y, %h2, %p2
      {num_layers = 1, num_units = 16, input_mode = #rnn.input_mode<skip_input>}
      : (tensor<6x3x16xf32>, tensor<1x3x16xf32>, tensor<288xf32>)
     -> (tensor<6x3x16xf32>, tensor<1x3x16xf32>)
  return %y, %hn, %cn, %y2 : tensor<6x3x16xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<6x3x16xf32>
}

func.func @small(%x: tensor<200x1x16xf32>, %h: tensor<1x1x64xf32>, %c: tensor<1x1x64xf32>,
                 %p: tensor<20992xf32>)
    -> (tensor<200x1x64xf32>, tensor<1x1x64xf32>, tensor<1x1x64xf32>) {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 64}
      : (tensor<200x1x16xf32>, tensor<1x1x64xf32>, tensor<1x1x64xf32>, tensor<20992xf32>)
     -> (tensor<200x1x64xf32>, tensor<1x1x64xf32>, tensor<1x1x64xf32>)
  return %y, %hn, %cn : tensor<200x1x64xf32>, tensor<1x1x64xf32>, tensor<1x1x64xf32>
}
