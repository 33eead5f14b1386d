// GRU without linear-before-reset (ONNX's default) on the GPU: the cublas
// backend runs it (two recurrent GEMMs per step around the r * h kernel)
// and the cudnn backend sends it to that fallback with a remark; both agree
// with the cpu backend (checked against ONNX's reference evaluator in
// test/Integration/CPU/gru-onnx-reference.test) on the same random inputs:
// a 2-layer bidirectional f32 stack with B = 3 (below the fused-step batch)
// and B = 24, and an f64 layer.
// REQUIRES: cuda, numpy
// RUN: rm -rf %t && mkdir -p %t
// RUN: rnn-run %s --entry=small --backend=cpu --random-inputs=5 --output=%t/cpu.s.y.npy --output=%t/cpu.s.h.npy
// RUN: rnn-run %s --entry=small --backend=cublas --random-inputs=5 --output=%t/gpu.s.y.npy --output=%t/gpu.s.h.npy
// RUN: rnn-run %s --entry=small --backend=cudnn --random-inputs=5 --output=%t/dnn.s.y.npy --output=%t/dnn.s.h.npy 2>&1 | FileCheck %s --check-prefix=REMARK
// REMARK: remark: cuDNN's GRU is linear-before-reset only: this GRU (linear_before_reset = false) is lowered to the cuBLAS fallback
// RUN: rnn-run %s --entry=large --backend=cpu --random-inputs=6 --output=%t/cpu.l.y.npy --output=%t/cpu.l.h.npy
// RUN: rnn-run %s --entry=large --backend=cublas --random-inputs=6 --output=%t/gpu.l.y.npy --output=%t/gpu.l.h.npy
// RUN: rnn-run %s --entry=double --backend=cpu --random-inputs=7 --output=%t/cpu.d.y.npy --output=%t/cpu.d.h.npy
// RUN: rnn-run %s --entry=double --backend=cublas --random-inputs=7 --output=%t/gpu.d.y.npy --output=%t/gpu.d.h.npy
// RUN: %python %S/../Inputs/compare_npy.py --tolerance 1e-5 %t/gpu.s.y.npy:%t/cpu.s.y.npy %t/gpu.s.h.npy:%t/cpu.s.h.npy %t/dnn.s.y.npy:%t/cpu.s.y.npy %t/gpu.l.y.npy:%t/cpu.l.y.npy %t/gpu.l.h.npy:%t/cpu.l.h.npy
// RUN: %python %S/../Inputs/compare_npy.py --tolerance 1e-10 %t/gpu.d.y.npy:%t/cpu.d.y.npy %t/gpu.d.h.npy:%t/cpu.d.h.npy
// A cuDNN GRU on the same inputs differs: the placement is not ignored.
// RUN: rnn-run %s --entry=small_cudnn_gru --backend=cudnn --random-inputs=5 --output=%t/lbr.y.npy --output=%t/lbr.h.npy
// RUN: not %python %S/../Inputs/compare_npy.py --tolerance 1e-3 %t/lbr.y.npy:%t/cpu.s.y.npy

func.func @small(%x: tensor<9x3x5xf32>, %h: tensor<4x3x6xf32>, %p: tensor<1188xf32>)
    -> (tensor<9x3x12xf32>, tensor<4x3x6xf32>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 2, num_units = 6, linear_before_reset = false,
                                direction = #rnn.direction<bidirectional>}
      : (tensor<9x3x5xf32>, tensor<4x3x6xf32>, tensor<1188xf32>) -> (tensor<9x3x12xf32>, tensor<4x3x6xf32>)
  return %y, %hn : tensor<9x3x12xf32>, tensor<4x3x6xf32>
}

func.func @small_cudnn_gru(%x: tensor<9x3x5xf32>, %h: tensor<4x3x6xf32>, %p: tensor<1188xf32>)
    -> (tensor<9x3x12xf32>, tensor<4x3x6xf32>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 2, num_units = 6,
                                direction = #rnn.direction<bidirectional>}
      : (tensor<9x3x5xf32>, tensor<4x3x6xf32>, tensor<1188xf32>) -> (tensor<9x3x12xf32>, tensor<4x3x6xf32>)
  return %y, %hn : tensor<9x3x12xf32>, tensor<4x3x6xf32>
}

func.func @large(%x: tensor<7x24x16xf32>, %h: tensor<1x24x32xf32>, %p: tensor<4800xf32>)
    -> (tensor<7x24x32xf32>, tensor<1x24x32xf32>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 32, linear_before_reset = false}
      : (tensor<7x24x16xf32>, tensor<1x24x32xf32>, tensor<4800xf32>) -> (tensor<7x24x32xf32>, tensor<1x24x32xf32>)
  return %y, %hn : tensor<7x24x32xf32>, tensor<1x24x32xf32>
}

func.func @double(%x: tensor<6x5x4xf64>, %h: tensor<1x5x8xf64>, %p: tensor<336xf64>)
    -> (tensor<6x5x8xf64>, tensor<1x5x8xf64>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 8, linear_before_reset = false}
      : (tensor<6x5x4xf64>, tensor<1x5x8xf64>, tensor<336xf64>) -> (tensor<6x5x8xf64>, tensor<1x5x8xf64>)
  return %y, %hn : tensor<6x5x8xf64>, tensor<1x5x8xf64>
}
