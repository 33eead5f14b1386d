// RUN: rnn-opt %s --convert-rnn-to-cudnn 2>&1 | FileCheck %s
// RUN: rnn-opt %s --convert-rnn-to-cublas | FileCheck %s --check-prefix=CUBLAS
// RUN: not rnn-opt %s --convert-rnn-to-cudnn="fallback=false" 2>&1 | FileCheck %s --check-prefix=NOFALLBACK

// cuDNN's GRU is linear-before-reset only: a GRU with
// linear_before_reset = false goes to the cuBLAS fallback with a remark,
// which receives the placement as its linear_before_reset argument (0);
// without the fallback it is an error.

// CHECK: remark: cuDNN's GRU is linear-before-reset only: this GRU (linear_before_reset = false) is lowered to the cuBLAS fallback
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK: call @rnnrt_cublas_rnn_forward_f32({{.*}}, %[[ZERO]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}})
// CUBLAS: call @rnnrt_cublas_rnn_forward_f32(
// NOFALLBACK: error: 'rnn.gru' op with linear_before_reset = false cannot run on cuDNN and the cuBLAS fallback is disabled (fallback=false)
func.func @gru(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>, %params: tensor<108xf32>)
    -> tensor<5x2x4xf32> {
  %y, %h_n = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 4, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %y : tensor<5x2x4xf32>
}
