//===- Status.h - Status values of the CUDA runtime -------------*- C++ -*-===//
//
// Every internal function of the CUDA runtime returns a Status (IREE's
// style): success, or an error with its message, the configuration being
// worked on, and the status code of the CUDA/cuDNN/cuBLAS call that failed.
// Failures propagate by value with RNNRT_RETURN_IF_ERROR; nothing is kept in
// a global slot, so one thread's failure never changes another's work, and
// a decision such as "cuDNN refused this plan" is made from the status of
// the call that was refused, nothing older.
//
// Only the C ABI boundary stores a status: the entry points compiled code
// calls keep the first failure of their thread as that thread's pending
// error (rnnrt_cuda_take_error), see setThreadError.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_STATUS_H
#define RNN_LIB_RUNTIME_CUDA_STATUS_H

#include <cublas_api.h>
#include <cuda_runtime_api.h>
#include <cudnn.h>

#include <memory>
#include <string>

namespace rnnrt::cuda {

/// Success, or an error. Cheap to return on success (one null pointer).
class [[nodiscard]] Status {
public:
  /// Success.
  Status() = default;

  /// An error with `message`, the description of this thread's live
  /// ErrorContexts, and the status code of the failing library call (if
  /// any).
  static Status error(std::string message,
                      cudnnStatus_t cudnnStatus = CUDNN_STATUS_SUCCESS,
                      cudaError_t cudaStatus = cudaSuccess);

  bool ok() const { return !state; }

  /// The message without the configuration ("" on success).
  const std::string &message() const;
  /// The message followed by " [<configuration>]" when there is one.
  std::string fullMessage() const;
  /// The cuDNN status of the call that failed (success when the failure was
  /// not a cuDNN call).
  cudnnStatus_t cudnnStatus() const;
  cudaError_t cudaStatus() const;
  /// Whether the failing call was a cuDNN refusal
  /// (CUDNN_STATUS_NOT_SUPPORTED*, numbered 3000-3999 in cuDNN 9).
  bool isCudnnRefusal() const;

private:
  struct State {
    std::string message;
    std::string context;
    cudnnStatus_t cudnnStatus;
    cudaError_t cudaStatus;
  };
  std::shared_ptr<const State> state;
};

/// Success (reads better than `Status()` in a return statement).
inline Status success() { return Status(); }

/// printf-style Status::error.
Status errorf(const char *format, ...) __attribute__((format(printf, 1, 2)));

/// Whether a status means success.
inline bool isSuccess(cudaError_t status) { return status == cudaSuccess; }
inline bool isSuccess(cudnnStatus_t status) {
  return status == CUDNN_STATUS_SUCCESS;
}
inline bool isSuccess(cublasStatus_t status) {
  return status == CUBLAS_STATUS_SUCCESS;
}

/// The error of the call spelled `expression`: its function name, the
/// status name and description, and for cuDNN the library's own
/// explanation (cudnnGetLastErrorString).
Status failure(cudaError_t status, const char *expression);
/// The same, naming `what` and where (file, line) it failed.
Status failure(cudaError_t status, const char *expression, const char *what,
               const char *file, int line);
Status failure(cudnnStatus_t status, const char *expression);
Status failure(cublasStatus_t status, const char *expression);

/// The C ABI's per-thread pending error: compiled code's entry points store
/// a failure here (the first one stays; later ones are counted) and do
/// nothing while one is pending on their thread. Returns `status.ok()`.
bool setThreadError(const Status &status);
/// Whether this thread has a pending error.
bool hasThreadError();
/// Moves this thread's pending error into storage owned by the thread and
/// returns it ("" when none). Valid until the next takeThreadError().
const char *takeThreadError();

/// Reports a remark (not an error: the work goes on, e.g. on the cuBLAS
/// fallback) through the handler of rnnrt_cuda_set_remark_handler, by
/// default "rnnrt: remark: <message>" on stderr. Each distinct message is
/// reported once per process.
void remark(const std::string &message);

/// While alive, errors created on this thread name the configuration that
/// `describe(data, out)` appends to `out`. The description is only built
/// when an error is created, so a context costs nothing on success.
class ErrorContext {
public:
  using Describe = void (*)(const void *data, std::string &out);

  ErrorContext(Describe describe, const void *data);
  ~ErrorContext();
  ErrorContext(const ErrorContext &) = delete;
  ErrorContext &operator=(const ErrorContext &) = delete;

  /// Appends the description of every live context of this thread.
  static void describeCurrent(std::string &out);

private:
  Describe describe;
  const void *data;
  ErrorContext *outer;
};

} // namespace rnnrt::cuda

/// Checks a cudaError_t, cudnnStatus_t or cublasStatus_t: on failure
/// returns the error of that call from the enclosing function.
#define RNNRT_CHECK(expression)                                                \
  do {                                                                         \
    auto rnnrtCallStatus = (expression);                                       \
    if (!::rnnrt::cuda::isSuccess(rnnrtCallStatus))                            \
      return ::rnnrt::cuda::failure(rnnrtCallStatus, #expression);             \
  } while (false)

/// Like RNNRT_CHECK for a CUDA call, naming `what` (which copy, say) and the
/// call's source line in the error.
#define RNNRT_CHECK_CUDA_WHAT(expression, what)                                \
  do {                                                                         \
    cudaError_t rnnrtCudaStatus = (expression);                                \
    if (rnnrtCudaStatus != cudaSuccess)                                        \
      return ::rnnrt::cuda::failure(rnnrtCudaStatus, #expression, what,        \
                                    __FILE_NAME__, __LINE__);                  \
  } while (false)

/// Propagates the failure of an internal function returning Status.
#define RNNRT_RETURN_IF_ERROR(expression)                                      \
  do {                                                                         \
    ::rnnrt::cuda::Status rnnrtStatus = (expression);                          \
    if (!rnnrtStatus.ok())                                                     \
      return rnnrtStatus;                                                      \
  } while (false)

/// Returns a printf-style error unless `condition` holds.
#define RNNRT_REQUIRE(condition, ...)                                          \
  do {                                                                         \
    if (!(condition))                                                          \
      return ::rnnrt::cuda::errorf(__VA_ARGS__);                               \
  } while (false)

#endif // RNN_LIB_RUNTIME_CUDA_STATUS_H
