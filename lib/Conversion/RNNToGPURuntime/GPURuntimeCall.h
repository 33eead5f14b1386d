//===- GPURuntimeCall.h - rnn compute ops to GPU runtime calls --*- C++ -*-===//
//
// The lowering the cuDNN and the cuBLAS conversions share:
//   %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %p {...}
// becomes
//   %xb = bufferization.to_buffer %x read_only     (likewise h_0, c_0, p)
//   %yb = memref.alloc(T, B)                        (likewise h_n, c_n)
//   call @rnnrt_<library>_rnn_forward_f32(<config constants>, %xb, ...)
//   %y = bufferization.to_tensor %yb restrict writable
// The GPU pipelines lower memref.alloc to device allocations, so every
// buffer lives on the GPU. See rnn/Runtime/CUDARuntime.h for the ABI.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_CONVERSION_RNNTOGPURUNTIME_GPURUNTIMECALL_H
#define RNN_LIB_CONVERSION_RNNTOGPURUNTIME_GPURUNTIMECALL_H

#include "rnn/Dialect/RNN/IR/RNNOps.h"
#include "rnn/Runtime/CUDARuntime.h"

#include "mlir/IR/PatternMatch.h"

#include <optional>

namespace mlir::rnn {

/// What a forward call passes besides the configuration and the buffers.
struct GPUForwardOptions {
  rnnrt_library library = RNNRT_LIBRARY_CUDNN;
  /// f32 math (f16 always uses tensor cores, f64 is strict).
  rnnrt_math math = RNNRT_MATH_STRICT;
  /// cuDNN only: the algorithm; nullopt lets chooseAlgorithm decide.
  std::optional<rnnrt_algo> algo;
};

/// Parses the `math` option (strict, tf32).
std::optional<rnnrt_math> parseMathOption(StringRef math);

/// Whether the GPU runtime supports the element type (f16, f32, f64).
bool isSupportedByGPURuntime(RecurrentLayerOpInterface op);

/// Replaces `op` by the runtime call of `options.library`; `op` must have a
/// supported element type. cuBLAS calls pass is_training, dropout and seed.
void lowerToGPURuntimeCall(RecurrentLayerOpInterface op,
                           const GPUForwardOptions &options,
                           PatternRewriter &rewriter);

/// Lowers every recurrent op of `module` with `options` (`chooseLibrary`
/// may send an op elsewhere, e.g. to the cuBLAS fallback, and emits the
/// remark saying why); emits an error and fails on unsupported element
/// types.
LogicalResult lowerRecurrentOpsToGPURuntime(
    ModuleOp module, StringRef passName, const GPUForwardOptions &options,
    function_ref<rnnrt_library(RecurrentLayerOpInterface)> chooseLibrary);

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_RNNTOGPURUNTIME_GPURUNTIMECALL_H
