//===- Context.h - Execution contexts of the CUDA runtime -------*- C++ -*-===//
//
// The threading model (see also docs/Runtime.md):
// - The process-wide Runtime holds what never changes after
//   rnnrt_cuda_init: the loaded libraries, the device count, the
//   description. It is read without locks.
// - An ExecutionContext is the state one thread uses on one device: its own
//   non-blocking stream (used when the host set none), a private stream for
//   CUDA-graph capture, its cuDNN handle, the cuBLAS fallback's lanes, the
//   timing events, and its bounded plan caches. A thread takes a context
//   from its device's pool on first use and gives it back when the thread
//   exits, so a pool of server threads reuses warm plans; contexts are
//   never shared by two threads at once, so nothing in them is locked.
// - Each thread chooses its device (rnnrt_cuda_set_device, default 0) and
//   stream (rnnrt_cuda_set_stream, default: the context's own stream), like
//   CUDA's "current" device. Compiled code runs on the calling thread's
//   device and stream; two threads on different streams run concurrently.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_CONTEXT_H
#define RNN_LIB_RUNTIME_CUDA_CONTEXT_H

#include "CublasPlan.h"
#include "ForwardCall.h"
#include "LruCache.h"
#include "RNNPlan.h"
#include "Status.h"

#include <cuda_runtime_api.h>
#include <cudnn.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace rnnrt::cuda {

/// What rnnrt_cuda_init establishes once for the process.
struct Runtime {
  std::mutex initMutex;
  /// Set once initialization has fully succeeded; never reset.
  std::atomic<bool> initialized{false};
  int deviceCount = 0;
  /// rnnrt_cuda_describe's answer (device 0).
  std::string description;
  /// Why cuDNN / cuBLAS could not be loaded ("" when loaded).
  std::string cudnnUnavailable;
  std::string cublasUnavailable;
};

/// The process-wide runtime (never destroyed).
Runtime &runtime();

/// Success when rnnrt_cuda_init() has succeeded.
Status requireInitialized();

/// The state one thread uses on one device. See the file comment.
struct ExecutionContext {
  int device = 0;
  /// Whether cudaMallocAsync/cudaFreeAsync may be used on this device.
  bool useMemoryPools = false;
  cudaStream_t ownStream = nullptr;
  /// Graph capture happens here: no other thread's work can be captured,
  /// and the host's stream is never put in capture mode.
  cudaStream_t captureStream = nullptr;
  /// The stream the previous call ran on (null before the first call);
  /// switching streams orders the new one after it (handoff event), so
  /// the context's buffers are never used by two streams at once.
  cudaStream_t lastStream = nullptr;
  cudaEvent_t handoff = nullptr;
  /// Created on first use; bound to `cudnnStream`.
  cudnnHandle_t cudnn = nullptr;
  cudaStream_t cudnnStream = nullptr;
  /// The rate-0 dropout descriptor of inference plans and its states.
  cudnnDropoutDescriptor_t inferenceDropout = nullptr;
  void *dropoutStates = nullptr;
  /// The cuBLAS fallback's lanes and its fork event.
  std::vector<Lane> lanes;
  cudaEvent_t fork = nullptr;
  cudaEvent_t timingStart = nullptr;
  cudaEvent_t timingStop = nullptr;
  LruCache<PlanKey, RNNPlan> cudnnPlans;
  LruCache<PlanKey, CublasPlan> cublasPlans;

  /// The cuDNN handle bound to `stream`.
  Status cudnnHandle(cudaStream_t stream, cudnnHandle_t &result);
  /// At least `count` lanes (at most kMaxLanes).
  Status ensureLanes(size_t count);
  /// Applies the process's cache limits (rnnrt_cuda_set_cache_limits).
  void applyCacheLimits();
};

/// The calling thread's context and stream for its current device,
/// ordering the stream after the context's previous one. Fails when the
/// runtime is not initialized or the device cannot be used.
Status beginCall(CallContext &call);

/// Device memory ordered on `stream`, usable by later work on it;
/// zero-byte requests get a unique pointer. Honors the thread's injected
/// allocation faults (rnnrt_cuda_inject_fault).
Status allocateDevice(const ExecutionContext &context, cudaStream_t stream,
                      size_t bytes, void **result);
/// Frees memory of allocateDevice once `stream`'s prior work is done.
Status freeDevice(const ExecutionContext &context, cudaStream_t stream,
                  void *pointer);

/// Whether the calling thread asked for its next cuDNN plan creation to be
/// refused (rnnrt_cuda_inject_fault); consumes the request.
bool takeInjectedCudnnRefusal();

/// Whether `device` is a device copy of a constant (rnnrt_cuda_constant);
/// compiled code must never free those.
bool isDeviceConstant(const void *device);

/// The process's cache limits: entries per plan cache and bytes per
/// context.
void cacheLimits(int64_t &maxEntries, int64_t &maxBytes);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_CONTEXT_H
