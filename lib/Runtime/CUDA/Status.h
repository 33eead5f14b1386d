//===- Status.h - Sticky error state of the CUDA runtime --------*- C++ -*-===//
//
// The CUDA runtime never aborts: a failing CUDA or cuDNN call, or a bad
// argument, records one error message (which call, which status, which
// configuration) and the failing function returns early. The first error
// stays pending until the host takes it with rnnrt_cuda_take_error(); while
// it is pending, the functions compiled code calls do nothing.
//
// Internal functions return `bool` (true on success) and propagate failures
// with RNNRT_RETURN_IF_ERROR; every CUDA runtime and cuDNN status is checked
// with the one macro RNNRT_CHECK.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_STATUS_H
#define RNN_LIB_RUNTIME_CUDA_STATUS_H

#include <cublas_api.h>
#include <cuda_runtime_api.h>
#include <cudnn.h>

#include <string>

namespace rnnrt::cuda {

/// Records `message` as the pending error, with the configuration of the
/// innermost ErrorContext of this thread appended. The first error stays
/// pending; later ones are only counted. Thread-safe.
void recordError(const std::string &message);

/// printf-style recordError.
void recordErrorf(const char *format, ...)
    __attribute__((format(printf, 1, 2)));

/// Whether an error is pending.
bool hasError();

/// Moves the pending error into storage owned by this thread and returns it
/// ("" when none). The pointer stays valid until the next takeError() call
/// of this thread.
const char *takeError();

/// Whether a status means success.
inline bool isSuccess(cudaError_t status) { return status == cudaSuccess; }
inline bool isSuccess(cudnnStatus_t status) {
  return status == CUDNN_STATUS_SUCCESS;
}
inline bool isSuccess(cublasStatus_t status) {
  return status == CUBLAS_STATUS_SUCCESS;
}

/// Records the failure of the call spelled `expression`: its function name,
/// the status name and description, and for cuDNN the library's own
/// explanation (cudnnGetLastErrorString).
void recordFailure(cudaError_t status, const char *expression);
void recordFailure(cudnnStatus_t status, const char *expression);
void recordFailure(cublasStatus_t status, const char *expression);

/// The status of the last cuDNN call that failed on this thread (success
/// when none): callers that can work around a refusal (the cuBLAS fallback)
/// ask whether it was CUDNN_STATUS_NOT_SUPPORTED*.
cudnnStatus_t lastCudnnFailure();
void clearLastCudnnFailure();

/// Reports a remark (not an error: the work goes on, e.g. on the cuBLAS
/// fallback) through the handler of rnnrt_cuda_set_remark_handler, by
/// default "rnnrt: remark: <message>" on stderr. Each distinct message is
/// reported once per process.
void remark(const std::string &message);

/// While alive, errors recorded on this thread name the configuration that
/// `describe(data, out)` appends to `out`. The description is only built
/// when an error is recorded, so a context costs nothing on success.
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

/// Checks a cudaError_t or cudnnStatus_t: on failure records the call and
/// its status, and returns false from the enclosing function.
#define RNNRT_CHECK(expression)                                                \
  do {                                                                         \
    auto rnnrtStatus = (expression);                                           \
    if (!::rnnrt::cuda::isSuccess(rnnrtStatus)) {                              \
      ::rnnrt::cuda::recordFailure(rnnrtStatus, #expression);                  \
      return false;                                                            \
    }                                                                          \
  } while (false)

/// Propagates the failure of an internal function returning bool (the error
/// is already recorded).
#define RNNRT_RETURN_IF_ERROR(expression)                                      \
  do {                                                                         \
    if (!(expression))                                                         \
      return false;                                                            \
  } while (false)

/// Records a printf-style error and returns false unless `condition` holds.
#define RNNRT_REQUIRE(condition, ...)                                          \
  do {                                                                         \
    if (!(condition)) {                                                        \
      ::rnnrt::cuda::recordErrorf(__VA_ARGS__);                                \
      return false;                                                            \
    }                                                                          \
  } while (false)

#endif // RNN_LIB_RUNTIME_CUDA_STATUS_H
