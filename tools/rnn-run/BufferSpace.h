//===- BufferSpace.h - Where a backend's buffers live -----------*- C++ -*-===//
//
// The CPU backend's compiled code reads host memory; the GPU backends' code
// reads device memory. A BufferSpace stages inputs, copies results back,
// frees them, times calls and reports the runtime's errors for one of them.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_BUFFERSPACE_H
#define RNN_TOOLS_RNN_RUN_BUFFERSPACE_H

#include "HostTensor.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <vector>

namespace mlir::rnn::run {

class BufferSpace {
public:
  virtual ~BufferSpace() = default;

  /// A buffer with `tensor`'s bytes that compiled code may read (the host
  /// space returns the tensor's own storage). Freed by the space.
  virtual llvm::Expected<void *> stage(const HostTensor &tensor) = 0;

  /// Copies `bytes` bytes of a buffer the callee returned to host memory.
  virtual llvm::Error copyToHost(void *destination, const void *source,
                                 size_t bytes) = 0;

  /// Frees the allocated pointer of a returned buffer.
  virtual void freeResult(void *allocated) = 0;

  /// After a call: waits for its work and turns a pending runtime error into
  /// an llvm::Error.
  virtual llvm::Error finishCall() = 0;

  /// Runs `call` `calls` times and returns each call's time in ms (host
  /// clock on the CPU, CUDA events on the GPU).
  virtual llvm::Expected<std::vector<double>>
  timeCalls(llvm::function_ref<void()> call, unsigned calls) = 0;
};

/// Host memory (the CPU backend).
std::unique_ptr<BufferSpace> createHostBufferSpace();

/// Device memory through the GPU runtime; initializes it (fails without a
/// GPU or cuDNN, with the runtime's message).
llvm::Expected<std::unique_ptr<BufferSpace>> createDeviceBufferSpace();

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_BUFFERSPACE_H
