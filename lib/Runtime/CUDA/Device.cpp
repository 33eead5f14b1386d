//===- Device.cpp - Device, stream, memory and timing of the runtime ------===//
//
// rnnrt_cuda_init and the host API of rnn/Runtime/CUDARuntime.h: errors,
// device memory, copies, synchronization, timing with CUDA events.
//
//===----------------------------------------------------------------------===//

#include "CublasLoader.h"
#include "CudnnLoader.h"
#include "Runtime.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"

#include <cstdio>
#include <limits>

namespace rnnrt::cuda {

Runtime &runtime() {
  // Never destroyed: compiled code and static destructors may still call in
  // at exit, and the CUDA driver tears down its own state.
  static Runtime *state = new Runtime();
  return *state;
}

bool requireInitialized() {
  if (runtime().initialized.load(std::memory_order_acquire))
    return true;
  recordError("the CUDA runtime is not initialized: call rnnrt_cuda_init() "
              "first");
  return false;
}

bool allocateDevice(size_t bytes, void **result) {
  Runtime &rt = runtime();
  *result = nullptr;
  size_t request = bytes == 0 ? 1 : bytes;
  if (rt.useMemoryPools)
    RNNRT_CHECK(cudaMallocAsync(result, request, rt.stream));
  else
    RNNRT_CHECK(cudaMalloc(result, request));
  return true;
}

bool freeDevice(void *pointer) {
  Runtime &rt = runtime();
  if (rt.useMemoryPools)
    RNNRT_CHECK(cudaFreeAsync(pointer, rt.stream));
  else
    RNNRT_CHECK(cudaFree(pointer));
  return true;
}

namespace {

/// The C API's return code for an internal result.
int toReturnCode(bool succeeded) { return succeeded ? 0 : 1; }

/// Selects device 0 and creates the stream, the cuDNN handle and the timing
/// events. Resources created before a failure are kept and reused by the
/// next attempt.
bool initialize(Runtime &rt) {
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    // Clear the runtime's last-error slot: this failure is reported here.
    (void)cudaGetLastError();
    RNNRT_REQUIRE(false, "no CUDA GPU found (cudaGetDeviceCount: %s: %s)",
                  cudaGetErrorName(status), cudaGetErrorString(status));
  }
  RNNRT_REQUIRE(count > 0, "no CUDA GPU found (cudaGetDeviceCount reports 0 "
                           "devices)");
  // Either library will do: without cuDNN, forwards run on the cuBLAS
  // fallback; without cuBLAS, only on cuDNN.
  rt.cudnnUnavailable = loadCudnn() ? "" : takeError();
  rt.cublasUnavailable = loadCublas() ? "" : takeError();
  RNNRT_REQUIRE(rt.cudnnUnavailable.empty() || rt.cublasUnavailable.empty(),
                "neither cuDNN nor cuBLAS can be loaded: %s; %s",
                rt.cudnnUnavailable.c_str(), rt.cublasUnavailable.c_str());

  rt.device = 0;
  RNNRT_CHECK(cudaSetDevice(rt.device));
  int poolsSupported = 0;
  RNNRT_CHECK(cudaDeviceGetAttribute(
      &poolsSupported, cudaDevAttrMemoryPoolsSupported, rt.device));
  if (poolsSupported) {
    // Keep freed blocks in the pool instead of returning them to the driver
    // at every synchronization: compiled code allocates on every call.
    cudaMemPool_t pool;
    RNNRT_CHECK(cudaDeviceGetDefaultMemPool(&pool, rt.device));
    uint64_t threshold = std::numeric_limits<uint64_t>::max();
    RNNRT_CHECK(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold,
                                        &threshold));
  }
  rt.useMemoryPools = poolsSupported != 0;

  if (!rt.stream)
    RNNRT_CHECK(cudaStreamCreateWithFlags(&rt.stream, cudaStreamNonBlocking));
  if (isCudnnLoaded()) {
    if (!rt.handle)
      RNNRT_CHECK(cudnn().cudnnCreate(&rt.handle));
    RNNRT_CHECK(cudnn().cudnnSetStream(rt.handle, rt.stream));
  }
  if (!rt.startEvent)
    RNNRT_CHECK(cudaEventCreate(&rt.startEvent));
  if (!rt.stopEvent)
    RNNRT_CHECK(cudaEventCreate(&rt.stopEvent));

  cudaDeviceProp properties;
  RNNRT_CHECK(cudaGetDeviceProperties(&properties, rt.device));
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
  return true;
}

/// cudaMemcpyKind of the API's copy kinds.
bool copyKind(int kind, cudaMemcpyKind *result) {
  switch (kind) {
  case 0:
    *result = cudaMemcpyHostToDevice;
    return true;
  case 1:
    *result = cudaMemcpyDeviceToHost;
    return true;
  case 2:
    *result = cudaMemcpyDeviceToDevice;
    return true;
  case 3:
    *result = cudaMemcpyDefault;
    return true;
  }
  recordErrorf("rnnrt_cuda_memcpy: unknown kind %d (expected 0 host->device, "
               "1 device->host, 2 device->device or 3 inferred)",
               kind);
  return false;
}

bool copy(void *dst, const void *src, int64_t bytes, int kind) {
  cudaMemcpyKind cudaKind;
  RNNRT_RETURN_IF_ERROR(copyKind(kind, &cudaKind));
  RNNRT_REQUIRE(bytes >= 0, "rnnrt_cuda_memcpy: negative size %lld",
                static_cast<long long>(bytes));
  RNNRT_RETURN_IF_ERROR(requireInitialized());
  if (bytes == 0)
    return true;
  RNNRT_REQUIRE(dst && src, "rnnrt_cuda_memcpy: null %s pointer",
                dst ? "source" : "destination");
  Runtime &rt = runtime();
  RNNRT_CHECK(cudaMemcpyAsync(dst, src, static_cast<size_t>(bytes), cudaKind,
                              rt.stream));
  RNNRT_CHECK(cudaStreamSynchronize(rt.stream));
  return true;
}

bool allocate(int64_t bytes, void **result) {
  *result = nullptr;
  RNNRT_REQUIRE(bytes >= 0, "rnnrt_cuda_alloc: negative size %lld",
                static_cast<long long>(bytes));
  RNNRT_RETURN_IF_ERROR(requireInitialized());
  RNNRT_RETURN_IF_ERROR(allocateDevice(static_cast<size_t>(bytes), result));
  // The host may hand the buffer to work on any stream: wait until the
  // stream-ordered allocation has happened.
  if (runtime().useMemoryPools)
    RNNRT_CHECK(cudaStreamSynchronize(runtime().stream));
  return true;
}

bool synchronize() {
  RNNRT_RETURN_IF_ERROR(requireInitialized());
  RNNRT_CHECK(cudaStreamSynchronize(runtime().stream));
  return true;
}

/// Serializes rnnrt_cuda_time_calls, which share the two events.
std::mutex timingMutex;

bool timeCalls(void (*fn)(void *), void *arg, int64_t calls, double *timesMs) {
  RNNRT_REQUIRE(fn, "rnnrt_cuda_time_calls: null function");
  RNNRT_REQUIRE(calls >= 0 && (calls == 0 || timesMs),
                "rnnrt_cuda_time_calls: %lld calls with %s times array",
                static_cast<long long>(calls), timesMs ? "a" : "a null");
  RNNRT_RETURN_IF_ERROR(requireInitialized());
  // A pending error makes compiled code do nothing: timings would be noise.
  if (hasError())
    return false;
  Runtime &rt = runtime();
  std::lock_guard<std::mutex> lock(timingMutex);
  for (int64_t call = 0; call < calls; ++call) {
    RNNRT_CHECK(cudaEventRecord(rt.startEvent, rt.stream));
    fn(arg);
    if (hasError())
      return false;
    RNNRT_CHECK(cudaEventRecord(rt.stopEvent, rt.stream));
    RNNRT_CHECK(cudaEventSynchronize(rt.stopEvent));
    float milliseconds = 0;
    RNNRT_CHECK(
        cudaEventElapsedTime(&milliseconds, rt.startEvent, rt.stopEvent));
    timesMs[call] = milliseconds;
  }
  return true;
}

} // namespace
} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" int rnnrt_cuda_init(void) {
  Runtime &rt = runtime();
  if (rt.initialized.load(std::memory_order_acquire))
    return 0;
  std::lock_guard<std::mutex> lock(rt.mutex);
  if (rt.initialized.load(std::memory_order_relaxed))
    return 0;
  if (!initialize(rt))
    return 1;
  rt.initialized.store(true, std::memory_order_release);
  return 0;
}

extern "C" const char *rnnrt_cuda_take_error(void) { return takeError(); }

extern "C" int rnnrt_cuda_has_error(void) { return hasError() ? 1 : 0; }

extern "C" void *rnnrt_cuda_alloc(int64_t bytes) {
  void *result = nullptr;
  allocate(bytes, &result);
  return result;
}

extern "C" void rnnrt_cuda_free(void *devicePtr) {
  if (!devicePtr || !requireInitialized())
    return;
  freeDevice(devicePtr);
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
  return toReturnCode(timeCalls(fn, arg, calls, timesMs));
}

extern "C" const char *rnnrt_cuda_describe(void) {
  if (!requireInitialized())
    return "error: the CUDA runtime is not initialized: call "
           "rnnrt_cuda_init() first";
  return runtime().description.c_str();
}

extern "C" const char *rnnrt_cuda_library_error(int library) {
  if (!requireInitialized())
    return "the CUDA runtime is not initialized";
  Runtime &rt = runtime();
  const std::string &reason = library == RNNRT_LIBRARY_CUDNN
                                  ? rt.cudnnUnavailable
                                  : rt.cublasUnavailable;
  if (library != RNNRT_LIBRARY_CUDNN && library != RNNRT_LIBRARY_CUBLAS)
    return "unknown library code";
  return reason.empty() ? nullptr : reason.c_str();
}
