//===- DeviceBufferSpace.cpp - Buffers in GPU memory ----------------------===//
//
// Inputs are uploaded once (they stay resident across --benchmark calls),
// results are copied back with unified-addressing copies (a result may also
// be a host constant global), and every runtime error comes back as one line.
//
//===----------------------------------------------------------------------===//

#include "BufferSpace.h"

#ifdef RNN_RUN_HAVE_CUDA
#include "rnn/Runtime/CUDARuntime.h"
#endif

#include <mutex>
#include <vector>

using namespace mlir::rnn::run;

#ifdef RNN_RUN_HAVE_CUDA
namespace {

/// The runtime's pending error as an llvm::Error.
llvm::Error takeRuntimeError(llvm::StringRef context) {
  return llvm::createStringError(context + ": " + rnnrt_cuda_take_error());
}

class DeviceBufferSpace : public BufferSpace {
public:
  ~DeviceBufferSpace() override {
    for (void *buffer : staged)
      rnnrt_cuda_free(buffer);
  }

  llvm::Expected<void *> stage(const HostTensor &tensor) override {
    void *buffer = rnnrt_cuda_alloc(tensor.getNumBytes());
    if (!buffer)
      return takeRuntimeError("cannot allocate an input on the GPU");
    {
      // Threads of --threads stage their inputs concurrently.
      std::lock_guard<std::mutex> lock(stagedMutex);
      staged.push_back(buffer);
    }
    if (rnnrt_cuda_memcpy(buffer, tensor.getData(), tensor.getNumBytes(),
                          /*kind=host->device*/ 0))
      return takeRuntimeError("cannot copy an input to the GPU");
    return buffer;
  }

  llvm::Error copyToHost(void *destination, const void *source,
                         size_t bytes) override {
    if (rnnrt_cuda_memcpy(destination, source, bytes, /*kind=inferred*/ 3))
      return takeRuntimeError("cannot copy a result from the GPU");
    return llvm::Error::success();
  }

  void freeResult(void *allocated) override {
    rnnrt_cuda_memref_free(allocated);
  }

  llvm::Error finishCall() override {
    if (rnnrt_cuda_synchronize() || rnnrt_cuda_has_error())
      return takeRuntimeError("the GPU runtime failed");
    return llvm::Error::success();
  }

  llvm::Expected<std::vector<double>> timeCalls(llvm::function_ref<void()> call,
                                                unsigned calls) override {
    std::vector<double> milliseconds(calls);
    auto trampoline = [](void *callable) {
      (*static_cast<llvm::function_ref<void()> *>(callable))();
    };
    if (rnnrt_cuda_time_calls(trampoline, &call, calls, milliseconds.data()))
      return takeRuntimeError("timing on the GPU failed");
    if (llvm::Error error = finishCall())
      return std::move(error);
    return milliseconds;
  }

private:
  std::mutex stagedMutex;
  std::vector<void *> staged;
};

} // namespace
#endif

llvm::Expected<std::unique_ptr<BufferSpace>>
mlir::rnn::run::createDeviceBufferSpace() {
#ifdef RNN_RUN_HAVE_CUDA
  if (rnnrt_cuda_init())
    return llvm::createStringError(rnnrt_cuda_take_error());
  return std::make_unique<DeviceBufferSpace>();
#else
  return llvm::createStringError(
      "this rnn-run was built without the GPU runtime (RNN_ENABLE_CUDA=OFF)");
#endif
}
