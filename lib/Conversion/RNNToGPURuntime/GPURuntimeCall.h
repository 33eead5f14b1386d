//===- GPURuntimeCall.h - rnn compute ops to GPU runtime calls --*- C++ -*-===//
//
// The lowering the cuDNN and the cuBLAS conversions share:
//   %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %p {...}
// becomes
//   %xb = bufferization.to_buffer %x read_only     (likewise h_0, c_0, p)
//   %yb = memref.alloc(T, B)                        (likewise h_n, c_n)
//   call @rnnrt_<library>_rnn_forward_f32(<config constants>, %xb, ...,
//                                         time_major, %seq_lengths)
//   %y = bufferization.to_tensor %yb restrict writable
// A training forward that returns a reserve allocates it with the size the
// runtime gives (rnnrt_<library>_rnn_reserve_size) and calls the library's
// training forward (cuDNN runs every training forward through it); a grad
// op calls the library's backward with the forward's operands, y, the
// reserve and the incoming gradients.
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
bool isSupportedByGPURuntime(RecurrentOpInterface op);

/// Whether `op` runs on cuDNN's padded I/O (seq_lengths or the batch-major
/// layout), which only CUDNN_RNN_ALGO_STANDARD supports.
bool needsPaddedIO(RecurrentOpInterface op);

/// Replaces `op` by the runtime call of `options.library`; `op` must have a
/// supported element type. cuBLAS forwards pass is_training, dropout and
/// seed; a cuDNN training forward calls rnnrt_cudnn_rnn_training_forward,
/// after rnnrt_cudnn_rnn_reserve_size for the reserve it returns, and a
/// cuBLAS training forward that returns a reserve likewise calls
/// rnnrt_cublas_rnn_training_forward after rnnrt_cublas_rnn_reserve_size.
void lowerToGPURuntimeCall(RecurrentLayerOpInterface op,
                           const GPUForwardOptions &options,
                           PatternRewriter &rewriter);

/// Whether the cuDNN backward of `op` must work on a copy of its reserve
/// (cuDNN's backward overwrites it): unless the reserve comes straight from
/// a training forward of the same function and this is its only use. Ask
/// before the forward is rewritten. (The fallback's backward only reads
/// its reserve.)
bool needsReserveCopy(RecurrentGradOpInterface op);

/// Replaces the grad op `op` by rnnrt_cudnn_rnn_backward, which works on a
/// copy of the reserve when `copyReserve` is set, or by
/// rnnrt_cublas_rnn_backward.
void lowerGradToGPURuntimeCall(RecurrentGradOpInterface op,
                               const GPUForwardOptions &options,
                               bool copyReserve, PatternRewriter &rewriter);

/// Lowers every recurrent op and grad op of `module` with `options`
/// (`chooseLibrary` may send an op elsewhere, e.g. to the cuBLAS fallback,
/// and emits the remark saying why); emits an error and fails, rewriting
/// nothing, on unsupported element types, on training the chosen library
/// cannot run (the fallback's training is time-major without seq_lengths,
/// and has no projection or bf16) and on a persistent cuDNN
/// algorithm asked for padded I/O. seq_lengths and time_major pass through
/// to the runtime, which checks the lengths against T (they are in device
/// memory).
LogicalResult lowerRecurrentOpsToGPURuntime(
    ModuleOp module, StringRef passName, const GPUForwardOptions &options,
    function_ref<rnnrt_library(RecurrentOpInterface)> chooseLibrary);

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_RNNTOGPURUNTIME_GPURUNTIMECALL_H
