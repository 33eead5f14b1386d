//===- Pipelines.h - rnn-to-LLVM pass pipelines -----------------*- C++ -*-===//
//
// One pipeline per backend, from the tensor-level rnn dialect to the LLVM
// dialect, ending with the rnn-verify-lowered contract check.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_PIPELINES_PIPELINES_H
#define RNN_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
class DialectRegistry;
} // namespace mlir

namespace mlir::rnn {

/// Options of the CPU pipeline (`rnn-cpu-pipeline`).
struct CPUPipelineOptions : public PassPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<bool> useBlas{
      *this, "use-blas",
      llvm::cl::desc("Call the runtime's BLAS for matmuls (else linalg "
                     "codegen)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> approximateMath{
      *this, "approximate-math",
      llvm::cl::desc("Polynomial tanh/exp (vectorizable) instead of libm"),
      llvm::cl::init(true)};
};

/// Options of the cuDNN pipeline (`rnn-cudnn-pipeline`).
struct CUDNNPipelineOptions : public PassPipelineOptions<CUDNNPipelineOptions> {
  PassOptions::Option<std::string> math{
      *this, "math",
      llvm::cl::desc("f32 math: strict (IEEE) or tf32 (tensor cores)"),
      llvm::cl::init("strict")};
  PassOptions::Option<std::string> algo{
      *this, "algo",
      llvm::cl::desc("cuDNN algorithm: auto, standard, persist-static, "
                     "persist-static-small-h, persist-dynamic"),
      llvm::cl::init("auto")};
  PassOptions::Option<bool> fallback{
      *this, "fallback",
      llvm::cl::desc("Lower what cuDNN cannot run (training) to the cuBLAS "
                     "fallback, with a remark, instead of failing"),
      llvm::cl::init(true)};
};

/// Options of the cuBLAS-fallback pipeline (`rnn-cublas-pipeline`).
struct CUBLASPipelineOptions
    : public PassPipelineOptions<CUBLASPipelineOptions> {
  PassOptions::Option<std::string> math{
      *this, "math",
      llvm::cl::desc("f32 math: strict (IEEE) or tf32 (tensor cores)"),
      llvm::cl::init("strict")};
};

/// Tensor-level rnn to the LLVM dialect with calls into the GPU runtime
/// (rnn/Runtime/CUDARuntime.h). Every buffer of the function, its arguments
/// and results included, is device memory (see docs/ABI.md).
void buildCUDNNPipeline(OpPassManager &pm, const CUDNNPipelineOptions &options);

/// The same with calls of the cuBLAS fallback (GEMMs plus the runtime's
/// fused cell kernels) instead of cuDNN; same ABI and buffers.
void buildCUBLASPipeline(OpPassManager &pm,
                         const CUBLASPipelineOptions &options);

/// Tensor-level rnn (func.func with tensor arguments and results) to the
/// LLVM dialect for the CPU. Function arguments and results become memrefs
/// with the identity layout (see docs/ABI.md).
void buildCPUPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// The CPU pipeline with the recurrent ops oneDNN can run lowered to calls
/// of its RNN primitives (convert-rnn-to-onednn) first; the rest, and all
/// other ops, take the CPU pipeline. Same ABI as the CPU pipeline.
void buildOneDNNPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// Registers the pipelines with the pass registry (for rnn-opt).
void registerRNNPipelines();

/// Registers the dialects the pipelines produce or need, and their
/// interface/translation extensions, so a tool can parse, lower and
/// translate to LLVM IR.
void registerPipelineDialects(DialectRegistry &registry);

} // namespace mlir::rnn

#endif // RNN_PIPELINES_PIPELINES_H
