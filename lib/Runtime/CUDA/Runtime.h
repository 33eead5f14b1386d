//===- Runtime.h - The process-wide state of the CUDA runtime ---*- C++ -*-===//
//
// One device (0), one non-blocking stream and one cuDNN handle bound to it
// (when cuDNN is installed), created by rnnrt_cuda_init() and kept for the
// life of the process. All
// device work of the runtime is ordered on that stream; device memory comes
// from the stream-ordered allocator (cudaMallocAsync) on it where the device
// supports memory pools.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_RUNTIME_H
#define RNN_LIB_RUNTIME_CUDA_RUNTIME_H

#include <cuda_runtime_api.h>
#include <cudnn.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace rnnrt::cuda {

/// The runtime's device, stream and cuDNN handle.
struct Runtime {
  /// Serializes every use of the handle and of the state below (cuDNN
  /// handles are not thread-safe).
  std::mutex mutex;
  /// Set once initialization has fully succeeded; never reset.
  std::atomic<bool> initialized{false};
  int device = 0;
  cudaStream_t stream = nullptr;
  cudnnHandle_t handle = nullptr;
  /// Whether cudaMallocAsync/cudaFreeAsync may be used.
  bool useMemoryPools = false;
  /// Events used by rnnrt_cuda_time_calls.
  cudaEvent_t startEvent = nullptr;
  cudaEvent_t stopEvent = nullptr;
  /// rnnrt_cuda_describe's answer.
  std::string description;
  /// Why cuDNN / cuBLAS could not be loaded at initialization ("" when
  /// loaded). At least one of them is.
  std::string cudnnUnavailable;
  std::string cublasUnavailable;
};

/// The process-wide runtime (never destroyed).
Runtime &runtime();

/// Returns true when rnnrt_cuda_init() has succeeded; records "the CUDA
/// runtime is not initialized" and returns false otherwise.
bool requireInitialized();

/// Device memory ordered on the runtime's stream: usable by every later
/// operation on the stream. Zero-byte requests get a unique pointer.
bool allocateDevice(size_t bytes, void **result);
/// Frees memory of allocateDevice once the stream's prior work is done.
bool freeDevice(void *pointer);

/// Whether `device` is a cached device copy of a constant
/// (rnnrt_cuda_constant); compiled code must never free those.
bool isDeviceConstant(const void *device);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_RUNTIME_H
