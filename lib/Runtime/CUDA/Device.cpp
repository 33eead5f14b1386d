//===- Device.cpp - Initialization and the host API of the runtime --------===//
//
// rnnrt_cuda_init and the host API of rnn/Runtime/CUDARuntime.h: errors,
// device memory, copies, synchronization, timing with CUDA events. Every
// function works on the calling thread's device and stream (Context.h).
//
//===----------------------------------------------------------------------===//

#include "Context.h"
#include "CublasLoader.h"
#include "CudnnLoader.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"

#include <cstdio>

namespace rnnrt::cuda {
namespace {

/// The C API's return code: 0 on success, else 1 with the error pending on
/// this thread.
int toReturnCode(const Status &status) {
  return setThreadError(status) ? 0 : 1;
}

/// Counts the devices and loads cuDNN and cuBLAS.
Status initialize(Runtime &rt) {
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    (void)cudaGetLastError();
    return errorf("no CUDA GPU found (cudaGetDeviceCount: %s: %s)",
                  cudaGetErrorName(status), cudaGetErrorString(status));
  }
  RNNRT_REQUIRE(count > 0, "no CUDA GPU found (cudaGetDeviceCount reports 0 "
                           "devices)");
  // Either library will do: without cuDNN, forwards run on the cuBLAS
  // fallback; without cuBLAS, only on cuDNN.
  rt.cudnnUnavailable = loadCudnn().fullMessage();
  rt.cublasUnavailable = loadCublas().fullMessage();
  RNNRT_REQUIRE(rt.cudnnUnavailable.empty() || rt.cublasUnavailable.empty(),
                "neither cuDNN nor cuBLAS can be loaded: %s; %s",
                rt.cudnnUnavailable.c_str(), rt.cublasUnavailable.c_str());
  rt.deviceCount = count;

  cudaDeviceProp properties;
  RNNRT_CHECK(cudaGetDeviceProperties(&properties, 0));
  char text[512];
  std::string libraries;
  if (isCudnnLoaded()) {
    size_t version = cudnn().cudnnGetVersion();
    snprintf(text, sizeof(text), "cuDNN %zu.%zu.%zu", version / 10000,
             version % 10000 / 100, version % 100);
    libraries = text;
  }
  if (isCublasLoaded()) {
    int version = cublas().version;
    snprintf(text, sizeof(text), "cuBLAS %d.%d.%d", version / 10000,
             version % 10000 / 100, version % 100);
    libraries += (libraries.empty() ? "" : ", ") + std::string(text);
  }
  snprintf(text, sizeof(text), "%s (runtime), device %s", libraries.c_str(),
           properties.name);
  rt.description = text;
  return success();
}

/// cudaMemcpyKind of the API's copy kinds.
Status copyKind(int kind, cudaMemcpyKind *result) {
  switch (kind) {
  case 0:
    *result = cudaMemcpyHostToDevice;
    return success();
  case 1:
    *result = cudaMemcpyDeviceToHost;
    return success();
  case 2:
    *result = cudaMemcpyDeviceToDevice;
    return success();
  case 3:
    *result = cudaMemcpyDefault;
    return success();
  }
  return errorf("rnnrt_cuda_memcpy: unknown kind %d (expected 0 "
                "host->device, 1 device->host, 2 device->device or 3 "
                "inferred)",
                kind);
}

Status copy(void *dst, const void *src, int64_t bytes, int kind) {
  cudaMemcpyKind cudaKind;
  RNNRT_RETURN_IF_ERROR(copyKind(kind, &cudaKind));
  RNNRT_REQUIRE(bytes >= 0, "rnnrt_cuda_memcpy: negative size %lld",
                static_cast<long long>(bytes));
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  if (bytes == 0)
    return success();
  RNNRT_REQUIRE(dst && src, "rnnrt_cuda_memcpy: null %s pointer",
                dst ? "source" : "destination");
  RNNRT_CHECK(cudaMemcpyAsync(dst, src, static_cast<size_t>(bytes), cudaKind,
                              call.stream));
  RNNRT_CHECK(cudaStreamSynchronize(call.stream));
  return success();
}

Status allocate(int64_t bytes, void **result) {
  *result = nullptr;
  RNNRT_REQUIRE(bytes >= 0, "rnnrt_cuda_alloc: negative size %lld",
                static_cast<long long>(bytes));
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  RNNRT_RETURN_IF_ERROR(allocateDevice(call.ctx(), call.stream,
                                       static_cast<size_t>(bytes), result));
  // The host may hand the buffer to work on any stream: wait until the
  // stream-ordered allocation has happened.
  if (call.ctx().useMemoryPools)
    RNNRT_CHECK(cudaStreamSynchronize(call.stream));
  return success();
}

Status release(void *pointer) {
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  return freeDevice(call.ctx(), call.stream, pointer);
}

Status synchronize() {
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  RNNRT_CHECK(cudaStreamSynchronize(call.stream));
  return success();
}

Status timeCalls(void (*fn)(void *), void *arg, int64_t calls,
                 double *timesMs) {
  RNNRT_REQUIRE(fn, "rnnrt_cuda_time_calls: null function");
  RNNRT_REQUIRE(calls >= 0 && (calls == 0 || timesMs),
                "rnnrt_cuda_time_calls: %lld calls with %s times array",
                static_cast<long long>(calls), timesMs ? "a" : "a null");
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  // A pending error makes compiled code do nothing: timings would be noise.
  RNNRT_REQUIRE(!hasThreadError(), "rnnrt_cuda_time_calls: an error is "
                                   "pending on this thread");
  ExecutionContext &context = call.ctx();
  for (int64_t i = 0; i < calls; ++i) {
    RNNRT_CHECK(cudaEventRecord(context.timingStart, call.stream));
    fn(arg);
    if (hasThreadError())
      return success(); // the call's own error is pending
    RNNRT_CHECK(cudaEventRecord(context.timingStop, call.stream));
    RNNRT_CHECK(cudaEventSynchronize(context.timingStop));
    float milliseconds = 0;
    RNNRT_CHECK(cudaEventElapsedTime(&milliseconds, context.timingStart,
                                     context.timingStop));
    timesMs[i] = milliseconds;
  }
  return success();
}

} // namespace
} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" int rnnrt_cuda_init(void) {
  Runtime &rt = runtime();
  if (rt.initialized.load(std::memory_order_acquire))
    return 0;
  std::lock_guard<std::mutex> lock(rt.initMutex);
  if (rt.initialized.load(std::memory_order_relaxed))
    return 0;
  if (!setThreadError(initialize(rt)))
    return 1;
  rt.initialized.store(true, std::memory_order_release);
  return 0;
}

extern "C" const char *rnnrt_cuda_take_error(void) { return takeThreadError(); }

extern "C" int rnnrt_cuda_has_error(void) { return hasThreadError() ? 1 : 0; }

extern "C" void *rnnrt_cuda_alloc(int64_t bytes) {
  void *result = nullptr;
  setThreadError(allocate(bytes, &result));
  return result;
}

extern "C" void rnnrt_cuda_free(void *devicePtr) {
  if (devicePtr)
    setThreadError(release(devicePtr));
}

extern "C" int rnnrt_cuda_memcpy(void *dst, const void *src, int64_t bytes,
                                 int kind) {
  return toReturnCode(copy(dst, src, bytes, kind));
}

extern "C" int rnnrt_cuda_synchronize(void) {
  return toReturnCode(synchronize());
}

extern "C" int rnnrt_cuda_time_calls(void (*fn)(void *), void *arg,
                                     int64_t calls, double *timesMs) {
  int code = toReturnCode(timeCalls(fn, arg, calls, timesMs));
  return hasThreadError() ? 1 : code;
}

extern "C" const char *rnnrt_cuda_describe(void) {
  if (!setThreadError(requireInitialized()))
    return "error: the CUDA runtime is not initialized: call "
           "rnnrt_cuda_init() first";
  return runtime().description.c_str();
}

extern "C" const char *rnnrt_cuda_library_error(int library) {
  if (!setThreadError(requireInitialized()))
    return "the CUDA runtime is not initialized";
  if (library != RNNRT_LIBRARY_CUDNN && library != RNNRT_LIBRARY_CUBLAS)
    return "unknown library code";
  Runtime &rt = runtime();
  const std::string &reason = library == RNNRT_LIBRARY_CUDNN
                                  ? rt.cudnnUnavailable
                                  : rt.cublasUnavailable;
  return reason.empty() ? nullptr : reason.c_str();
}
