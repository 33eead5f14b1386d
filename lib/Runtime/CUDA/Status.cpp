//===- Status.cpp - Sticky error state of the CUDA runtime ----------------===//

#include "Status.h"
#include "CublasLoader.h"
#include "CudnnLoader.h"

#include "rnn/Runtime/CUDARuntime.h"

#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <set>

namespace rnnrt::cuda {

namespace {

/// The pending error, shared by all threads.
struct ErrorState {
  std::mutex mutex;
  bool pending = false;
  std::string message;
  /// Errors recorded while this one was pending.
  int64_t dropped = 0;
};

ErrorState &errorState() {
  // Never destroyed: the runtime may be called from static destructors.
  static ErrorState *state = new ErrorState();
  return *state;
}

thread_local ErrorContext *innermostContext = nullptr;
thread_local std::string takenMessage;
thread_local cudnnStatus_t lastCudnnStatus = CUDNN_STATUS_SUCCESS;

/// The remark handler and the remarks already reported.
struct RemarkState {
  std::mutex mutex;
  rnnrt_remark_handler handler = nullptr;
  std::set<std::string> reported;
};

RemarkState &remarkState() {
  static RemarkState *state = new RemarkState();
  return *state;
}

/// The function name of a call expression such as
/// "api.cudnnRNNForward(handle, ...)": the identifier before the first '('.
std::string calledFunction(const char *expression) {
  std::string text(expression);
  size_t paren = text.find('(');
  if (paren == std::string::npos)
    return text;
  size_t begin = paren;
  while (begin > 0 && (isalnum(static_cast<unsigned char>(text[begin - 1])) ||
                       text[begin - 1] == '_'))
    --begin;
  return text.substr(begin, paren - begin);
}

} // namespace

void recordError(const std::string &message) {
  std::string full = message;
  std::string context;
  ErrorContext::describeCurrent(context);
  if (!context.empty())
    full += " [" + context + "]";

  ErrorState &state = errorState();
  std::lock_guard<std::mutex> lock(state.mutex);
  if (state.pending) {
    ++state.dropped;
    return;
  }
  state.pending = true;
  state.message = std::move(full);
  state.dropped = 0;
}

void recordErrorf(const char *format, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, format);
  vsnprintf(buffer, sizeof(buffer), format, args);
  va_end(args);
  recordError(buffer);
}

bool hasError() {
  ErrorState &state = errorState();
  std::lock_guard<std::mutex> lock(state.mutex);
  return state.pending;
}

const char *takeError() {
  ErrorState &state = errorState();
  std::lock_guard<std::mutex> lock(state.mutex);
  takenMessage.clear();
  if (state.pending) {
    takenMessage = std::move(state.message);
    if (state.dropped > 0)
      takenMessage += " (and " + std::to_string(state.dropped) +
                      " later error" + (state.dropped > 1 ? "s" : "") + ")";
    state.pending = false;
    state.message.clear();
    state.dropped = 0;
  }
  return takenMessage.c_str();
}

void recordFailure(cudaError_t status, const char *expression) {
  recordErrorf("%s failed: %s (%s)", calledFunction(expression).c_str(),
               cudaGetErrorName(status), cudaGetErrorString(status));
}

void recordFailure(cudnnStatus_t status, const char *expression) {
  lastCudnnStatus = status;
  std::string name = "CUDNN_STATUS " + std::to_string(status);
  std::string detail;
  if (isCudnnLoaded()) {
    name = cudnn().cudnnGetErrorString(status);
    char buffer[512] = {0};
    cudnn().cudnnGetLastErrorString(buffer, sizeof(buffer));
    detail = buffer;
  }
  std::string message = calledFunction(expression) + " failed: " + name + " (" +
                        std::to_string(static_cast<int>(status)) + ")";
  if (!detail.empty())
    message += ": " + detail;
  recordError(message);
}

void recordFailure(cublasStatus_t status, const char *expression) {
  std::string name = "CUBLAS_STATUS " + std::to_string(status);
  std::string detail;
  if (isCublasLoaded()) {
    name = cublas().cublasGetStatusName(status);
    detail = cublas().cublasGetStatusString(status);
  }
  std::string message = calledFunction(expression) + " failed: " + name + " (" +
                        std::to_string(static_cast<int>(status)) + ")";
  if (!detail.empty())
    message += ": " + detail;
  recordError(message);
}

cudnnStatus_t lastCudnnFailure() { return lastCudnnStatus; }

void clearLastCudnnFailure() { lastCudnnStatus = CUDNN_STATUS_SUCCESS; }

void remark(const std::string &message) {
  RemarkState &state = remarkState();
  rnnrt_remark_handler handler;
  {
    std::lock_guard<std::mutex> lock(state.mutex);
    if (!state.reported.insert(message).second)
      return;
    handler = state.handler;
  }
  if (handler)
    handler(message.c_str());
  else
    fprintf(stderr, "rnnrt: remark: %s\n", message.c_str());
}

ErrorContext::ErrorContext(Describe describe, const void *data)
    : describe(describe), data(data), outer(innermostContext) {
  innermostContext = this;
}

ErrorContext::~ErrorContext() { innermostContext = outer; }

void ErrorContext::describeCurrent(std::string &out) {
  for (ErrorContext *context = innermostContext; context;
       context = context->outer) {
    if (!out.empty())
      out += "; ";
    context->describe(context->data, out);
  }
}

} // namespace rnnrt::cuda

extern "C" void rnnrt_cuda_set_remark_handler(rnnrt_remark_handler handler) {
  using namespace rnnrt::cuda;
  std::lock_guard<std::mutex> lock(remarkState().mutex);
  remarkState().handler = handler;
}
