// Requests the cuDNN backend cannot honour give one clear line and exit 1.
// REQUIRES: cuda
// (Training forwards are not an error any more: they run on the cuBLAS
// fallback, see cublas-fallback.mlir.)
// RUN: not rnn-run %S/Inputs/host-math.mlir --entry=host_math --backend=cudnn --random-inputs 2>&1 | FileCheck %s --check-prefix=HOST
// HOST: error: 'arith.addf' op is not supported by the GPU backends
// HOST: rnn-run: error: lowering for the 'cudnn' backend failed
// RUN: not rnn-run %S/Inputs/host-math.mlir --entry=host_math --backend=cublas --random-inputs 2>&1 | FileCheck %s --check-prefix=HOST-BLAS
// HOST-BLAS: error: 'arith.addf' op is not supported by the GPU backends
// HOST-BLAS: rnn-run: error: lowering for the 'cublas' backend failed
