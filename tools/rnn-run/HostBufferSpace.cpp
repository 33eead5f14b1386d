//===- HostBufferSpace.cpp - Buffers in host memory -----------------------===//

#include "BufferSpace.h"

#include "rnn/Runtime/CPURuntime.h"

#include <chrono>
#include <cstdlib>
#include <cstring>

using namespace mlir::rnn::run;

namespace {

class HostBufferSpace : public BufferSpace {
public:
  llvm::Expected<void *> stage(const HostTensor &tensor) override {
    // Arguments are marked non-writable: the callee only reads them.
    return const_cast<void *>(tensor.getData());
  }

  llvm::Error copyToHost(void *destination, const void *source,
                         size_t bytes) override {
    std::memcpy(destination, source, bytes);
    return llvm::Error::success();
  }

  /// Results come from the compiled code's rnnrt_cpu_malloc.
  void freeResult(void *allocated) override { rnnrt_cpu_free(allocated); }

  llvm::Error finishCall() override { return llvm::Error::success(); }

  llvm::Expected<std::vector<double>> timeCalls(llvm::function_ref<void()> call,
                                                unsigned calls) override {
    using Clock = std::chrono::steady_clock;
    std::vector<double> milliseconds;
    for (unsigned i = 0; i < calls; ++i) {
      Clock::time_point start = Clock::now();
      call();
      Clock::time_point stop = Clock::now();
      milliseconds.push_back(
          std::chrono::duration<double, std::milli>(stop - start).count());
    }
    return milliseconds;
  }
};

} // namespace

std::unique_ptr<BufferSpace> mlir::rnn::run::createHostBufferSpace() {
  return std::make_unique<HostBufferSpace>();
}
