// RUN: rnn-opt %s --rnn-cpu-pipeline | FileCheck %s
// RUN: rnn-opt %s --rnn-cudnn-pipeline | FileCheck %s
// RUN: rnn-opt %s --rnn-cublas-pipeline | FileCheck %s
// RUN: rnn-opt %s --rnn-stamp-abi-version -split-input-file | FileCheck %s --check-prefix=STAMP

// Every pipeline exports the runtime ABI version it compiled for
// (RNNRT_ABI_VERSION, rnn/Runtime/RuntimeABI.h) for the loader to check.

// CHECK: llvm.mlir.global external constant @__rnnrt_abi_version(5 : i64)

// STAMP: llvm.mlir.global external constant @__rnnrt_abi_version(5 : i64)
func.func @gru(%x: tensor<5x2x3xf32>, %h: tensor<1x2x4xf32>, %p: tensor<108xf32>)
    -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %hn = rnn.gru %x, %h, %p {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<108xf32>)
     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %hn : tensor<5x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// A module compiled for another runtime carries that runtime's version.
// STAMP: llvm.mlir.global external constant @__rnnrt_abi_version(7 : i64)
module attributes {rnnrt.abi_version = 7 : i64} {
}
