//===- Status.cpp - Status values of the CUDA runtime ---------------------===//

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

thread_local ErrorContext *innermostContext = nullptr;

/// This thread's pending error (the C ABI's "last error").
struct ThreadError {
  bool pending = false;
  std::string message;
  /// Errors of this thread while this one was pending.
  int64_t dropped = 0;
  /// What takeThreadError returned last.
  std::string taken;
};
thread_local ThreadError threadError;

/// The remark handler and the remarks already reported.
struct RemarkState {
  std::mutex mutex;
  rnnrt_remark_handler handler = nullptr;
  std::set<std::string> reported;
};

RemarkState &remarkState() {
  // Never destroyed: the runtime may be called from static destructors.
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

const std::string &emptyString() {
  static const std::string *empty = new std::string();
  return *empty;
}

} // namespace

Status Status::error(std::string message, cudnnStatus_t cudnnStatus,
                     cudaError_t cudaStatus) {
  auto state = std::make_shared<State>();
  state->message = std::move(message);
  ErrorContext::describeCurrent(state->context);
  state->cudnnStatus = cudnnStatus;
  state->cudaStatus = cudaStatus;
  Status result;
  result.state = std::move(state);
  return result;
}

const std::string &Status::message() const {
  return state ? state->message : emptyString();
}

std::string Status::fullMessage() const {
  if (!state)
    return "";
  if (state->context.empty())
    return state->message;
  return state->message + " [" + state->context + "]";
}

cudnnStatus_t Status::cudnnStatus() const {
  return state ? state->cudnnStatus : CUDNN_STATUS_SUCCESS;
}

cudaError_t Status::cudaStatus() const {
  return state ? state->cudaStatus : cudaSuccess;
}

bool Status::isCudnnRefusal() const {
  cudnnStatus_t status = cudnnStatus();
  return status >= CUDNN_STATUS_NOT_SUPPORTED &&
         status < CUDNN_STATUS_NOT_SUPPORTED + 1000;
}

Status errorf(const char *format, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, format);
  vsnprintf(buffer, sizeof(buffer), format, args);
  va_end(args);
  return Status::error(buffer);
}

Status failure(cudaError_t status, const char *expression) {
  // Clear CUDA's own sticky last-error slot of this thread: the failure is
  // reported by this status, and must not resurface in a later, unrelated
  // cudaGetLastError.
  (void)cudaGetLastError();
  char buffer[1024];
  snprintf(buffer, sizeof(buffer), "%s failed: %s (%s)",
           calledFunction(expression).c_str(), cudaGetErrorName(status),
           cudaGetErrorString(status));
  return Status::error(buffer, CUDNN_STATUS_SUCCESS, status);
}

Status failure(cudaError_t status, const char *expression, const char *what,
               const char *file, int line) {
  (void)cudaGetLastError();
  char buffer[1024];
  snprintf(buffer, sizeof(buffer), "%s (%s:%d): %s failed: %s (%s)", what, file,
           line, calledFunction(expression).c_str(), cudaGetErrorName(status),
           cudaGetErrorString(status));
  return Status::error(buffer, CUDNN_STATUS_SUCCESS, status);
}

Status failure(cudnnStatus_t status, const char *expression) {
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
  return Status::error(message, status);
}

Status failure(cublasStatus_t status, const char *expression) {
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
  return Status::error(message);
}

bool setThreadError(const Status &status) {
  if (status.ok())
    return true;
  ThreadError &error = threadError;
  if (error.pending) {
    ++error.dropped;
    return false;
  }
  error.pending = true;
  error.message = status.fullMessage();
  error.dropped = 0;
  return false;
}

bool hasThreadError() { return threadError.pending; }

const char *takeThreadError() {
  ThreadError &error = threadError;
  error.taken.clear();
  if (error.pending) {
    error.taken = std::move(error.message);
    if (error.dropped > 0)
      error.taken += " (and " + std::to_string(error.dropped) + " later error" +
                     (error.dropped > 1 ? "s" : "") + ")";
    error.pending = false;
    error.message.clear();
    error.dropped = 0;
  }
  return error.taken.c_str();
}

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
