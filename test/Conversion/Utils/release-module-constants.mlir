// RUN: rnn-opt %s --rnn-release-module-constants --split-input-file | FileCheck %s

// A module that uploads constants (it has the slot global) gets a global
// destructor releasing them.

// CHECK:       llvm.mlir.global private @__rnnrt_module_slot
// CHECK:       llvm.func @rnnrt_cuda_release_module(!llvm.ptr)
// CHECK-LABEL: llvm.func internal @__rnnrt_release_module_constants()
// CHECK:         %[[SLOT:.+]] = llvm.mlir.addressof @__rnnrt_module_slot : !llvm.ptr
// CHECK:         llvm.call @rnnrt_cuda_release_module(%[[SLOT]]) : (!llvm.ptr) -> ()
// CHECK:         llvm.return
// CHECK:       llvm.mlir.global_dtors dtors = [@__rnnrt_release_module_constants], priorities = [0 : i32]
llvm.mlir.global private @__rnnrt_module_slot(dense<0> : tensor<1xi64>) : !llvm.array<1 x i64>

// -----

// Without uploads, nothing is added.

// CHECK-LABEL: llvm.func @no_constants
// CHECK-NOT:     global_dtors
llvm.func @no_constants() {
  llvm.return
}
