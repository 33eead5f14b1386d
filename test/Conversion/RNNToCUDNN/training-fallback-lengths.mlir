// RUN: rnn-opt %s --convert-rnn-to-cudnn -verify-diagnostics | FileCheck %s

// A GRU without linear-before-reset trains on the cuBLAS fallback, with
// seq_lengths too: after the remark its grad op calls the fallback's
// backward with the lengths buffer last.

// CHECK-LABEL: func.func @grad_lengths
// CHECK-SAME:    %[[L:[^:]+]]: tensor<2xi32>)
// CHECK:         %[[LB:.+]] = bufferization.to_buffer %[[L]] read_only : tensor<2xi32> to memref<2xi32>
// CHECK:         %[[LD:.+]] = memref.cast %[[LB]] : memref<2xi32> to memref<?xi32>
// CHECK:         call @rnnrt_cublas_rnn_backward_f32({{([^,]+, ){26} ?}}%[[LD]])
func.func @grad_lengths(%x: tensor<5x2x3xf32>, %h_0: tensor<1x2x4xf32>,
                        %params: tensor<108xf32>, %y: tensor<5x2x4xf32>,
                        %reserve: tensor<?xi8>, %dy: tensor<5x2x4xf32>,
                        %dh_n: tensor<1x2x4xf32>, %lengths: tensor<2xi32>)
    -> tensor<108xf32> {
  // expected-remark @+1 {{cuDNN's GRU is linear-before-reset only: this GRU (linear_before_reset = false) is lowered to the cuBLAS fallback}}
  %dx, %dh_0, %dp = rnn.gru_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n, %lengths
      {num_layers = 1, num_units = 4, linear_before_reset = false}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>, tensor<5x2x4xf32>,
         tensor<?xi8>, tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<2xi32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
  return %dp : tensor<108xf32>
}
