// Constant states and inputs (what rnn-translate emits for an ONNX node
// without initial_h/initial_c: zeros) live in host memory as globals; the GPU
// backends upload them (flattened, once per module and device) like
// constant params, instead of handing the device a host pointer. Both
// backends agree with the cpu backend.
// REQUIRES: cuda, numpy
// RUN: rm -rf %t && mkdir -p %t
// RUN: rnn-run %s --backend=cpu --random-inputs=4 --output=%t/cpu.y.npy --output=%t/cpu.h.npy --output=%t/cpu.c.npy
// RUN: rnn-run %s --backend=cudnn --random-inputs=4 --output=%t/dnn.y.npy --output=%t/dnn.h.npy --output=%t/dnn.c.npy
// RUN: rnn-run %s --backend=cublas --random-inputs=4 --output=%t/blas.y.npy --output=%t/blas.h.npy --output=%t/blas.c.npy
// RUN: %python %S/../Inputs/compare_npy.py --tolerance 1e-5 %t/dnn.y.npy:%t/cpu.y.npy %t/dnn.h.npy:%t/cpu.h.npy %t/dnn.c.npy:%t/cpu.c.npy %t/blas.y.npy:%t/cpu.y.npy %t/blas.h.npy:%t/cpu.h.npy %t/blas.c.npy:%t/cpu.c.npy

func.func @main(%p: tensor<1960xf32>)
    -> (tensor<4x3x14xf32>, tensor<4x3x7xf32>, tensor<4x3x7xf32>) {
  %x = arith.constant dense<[[[0.5, -1.0, 0.25], [1.5, 0.0, -0.5], [0.75, 0.5, -2.0]],
                             [[-0.5, 1.0, 0.125], [0.0, 2.0, 1.0], [-1.5, -0.25, 0.5]],
                             [[1.0, 1.0, -1.0], [0.25, -0.75, 0.5], [2.0, 0.0, 0.0]],
                             [[-1.0, 0.5, 0.5], [0.5, 0.5, 0.5], [-0.25, 1.25, -1.0]]]> : tensor<4x3x3xf32>
  %h = arith.constant dense<0.0> : tensor<4x3x7xf32>
  %c = arith.constant dense<0.5> : tensor<4x3x7xf32>
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 2, num_units = 7,
                                          direction = #rnn.direction<bidirectional>}
      : (tensor<4x3x3xf32>, tensor<4x3x7xf32>, tensor<4x3x7xf32>, tensor<1960xf32>)
     -> (tensor<4x3x14xf32>, tensor<4x3x7xf32>, tensor<4x3x7xf32>)
  return %y, %hn, %cn : tensor<4x3x14xf32>, tensor<4x3x7xf32>, tensor<4x3x7xf32>
}
