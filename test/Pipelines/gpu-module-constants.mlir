// RUN: rnn-opt %s --rnn-cudnn-pipeline | FileCheck %s
// RUN: rnn-opt %s --rnn-cublas-pipeline | FileCheck %s

// Constant packed params are uploaded once per module: the upload passes
// the module's own slot, and a global destructor releases the module's
// device copies when it is unloaded.

// CHECK-DAG:   llvm.mlir.global private @__rnnrt_module_slot(dense<0> : tensor<1xi64>)
// CHECK-DAG:   llvm.func @_mlir_ciface_rnnrt_cuda_upload_constant_f32(!llvm.ptr, !llvm.ptr, !llvm.ptr)
// CHECK-LABEL: llvm.func @main
// CHECK:         llvm.mlir.addressof @__rnnrt_module_slot
// CHECK:         llvm.call @rnnrt_cuda_upload_constant_f32(
// CHECK-LABEL: llvm.func internal @__rnnrt_release_module_constants()
// CHECK:         llvm.call @rnnrt_cuda_release_module(
// CHECK:       llvm.mlir.global_dtors dtors = [@__rnnrt_release_module_constants]
func.func @main(%x: tensor<5x2x3xf32>, %h: tensor<1x2x3xf32>)
    -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>) {
  %p = arith.constant dense<0.25> : tensor<24xf32>
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3}
      : (tensor<5x2x3xf32>, tensor<1x2x3xf32>, tensor<24xf32>)
     -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>)
  return %y, %hn : tensor<5x2x3xf32>, tensor<1x2x3xf32>
}
