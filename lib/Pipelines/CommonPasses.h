//===- CommonPasses.h - Pipeline stages shared by every backend -*- C++ -*-===//

#ifndef RNN_LIB_PIPELINES_COMMONPASSES_H
#define RNN_LIB_PIPELINES_COMMONPASSES_H

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::rnn {

/// One-shot bufferization with identity-layout function boundaries, buffer
/// hoisting and ownership-based deallocation.
void addBufferizationPasses(OpPassManager &pm);

/// Loops, scalar code and the LLVM dialect, ending with the
/// rnn-verify-lowered contract check. With `genericAllocationFunctions`,
/// memref.alloc/dealloc call _mlir_memref_to_llvm_alloc/free, which the GPU
/// runtime maps to device memory.
void addLLVMLoweringPasses(OpPassManager &pm, bool genericAllocationFunctions);

} // namespace mlir::rnn

#endif // RNN_LIB_PIPELINES_COMMONPASSES_H
