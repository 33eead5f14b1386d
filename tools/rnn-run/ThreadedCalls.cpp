//===- ThreadedCalls.cpp - rnn-run --concurrency: concurrent calls
//------------===//

#include "ThreadedCalls.h"

#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace mlir::rnn::run;

namespace {

/// The first failure of any thread.
class FirstFailure {
public:
  void record(const std::string &message) {
    std::lock_guard<std::mutex> lock(mutex);
    if (first.empty())
      first = message;
  }
  bool any() {
    std::lock_guard<std::mutex> lock(mutex);
    return !first.empty();
  }
  const std::string &message() const { return first; }

private:
  std::mutex mutex;
  std::string first;
};

/// Whether two results have the same type and bytes.
bool sameBits(const HostTensor &actual, const HostTensor &expected) {
  return actual.getTypeString() == expected.getTypeString() &&
         actual.getNumBytes() == expected.getNumBytes() &&
         std::memcmp(actual.getData(), expected.getData(),
                     actual.getNumBytes()) == 0;
}

void runThread(JitSession &session, llvm::ArrayRef<HostTensor> inputs,
               llvm::ArrayRef<HostTensor> expected, unsigned thread,
               unsigned calls, FirstFailure &failure) {
  std::string where = "thread " + std::to_string(thread);
  llvm::Expected<llvm::SmallVector<StagedInput>> staged =
      session.stageInputs(inputs);
  if (!staged)
    return failure.record(where + ": " + llvm::toString(staged.takeError()));
  for (unsigned call = 0; call < calls && !failure.any(); ++call) {
    std::string callWhere = where + ", call " + std::to_string(call) + ": ";
    llvm::Expected<CallResults> results = session.call(*staged);
    if (!results)
      return failure.record(callWhere + llvm::toString(results.takeError()));
    llvm::Expected<llvm::SmallVector<HostTensor>> tensors =
        results->copyToHost();
    if (!tensors)
      return failure.record(callWhere + llvm::toString(tensors.takeError()));
    for (size_t index = 0; index < expected.size(); ++index)
      if (!sameBits((*tensors)[index], expected[index]))
        return failure.record(callWhere + "result #" + std::to_string(index) +
                              " differs from the single-threaded call");
  }
}

} // namespace

llvm::Error mlir::rnn::run::checkConcurrentCalls(
    JitSession &session, llvm::ArrayRef<HostTensor> inputs,
    llvm::ArrayRef<HostTensor> expected, unsigned threads, unsigned calls) {
  FirstFailure failure;
  std::vector<std::thread> workers;
  for (unsigned thread = 0; thread < threads; ++thread)
    workers.emplace_back([&, thread] {
      runThread(session, inputs, expected, thread, calls, failure);
    });
  for (std::thread &worker : workers)
    worker.join();
  if (failure.any())
    return llvm::createStringError("--concurrency: " + failure.message());
  return llvm::Error::success();
}
