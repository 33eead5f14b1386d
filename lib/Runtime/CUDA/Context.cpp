//===- Context.cpp - Execution contexts of the CUDA runtime ---------------===//
//
// The per-device pools of execution contexts, each thread's device, stream
// and contexts, stream-ordered device memory, the cache limits and the
// fault-injection hooks of rnn/Runtime/CUDARuntime.h.
//
//===----------------------------------------------------------------------===//

#include "Context.h"
#include "CublasLoader.h"
#include "CudnnLoader.h"
#include "ReserveHeader.h"

#include "rnn/Runtime/CUDARuntime.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>

namespace rnnrt::cuda {

Runtime &runtime() {
  // Never destroyed: compiled code and static destructors may still call in
  // at exit, and the CUDA driver tears down its own state.
  static Runtime *state = new Runtime();
  return *state;
}

Status requireInitialized() {
  if (runtime().initialized.load(std::memory_order_acquire))
    return success();
  return Status::error("the CUDA runtime is not initialized: call "
                       "rnnrt_cuda_init() first");
}

namespace {

//===--- Cache limits -----------------------------------------------------===//

int64_t limitFromEnvironment(const char *name, int64_t fallback) {
  const char *value = std::getenv(name);
  if (!value || !*value)
    return fallback;
  char *end = nullptr;
  long long parsed = std::strtoll(value, &end, 10);
  return end && *end == '\0' && parsed >= 0 ? parsed : fallback;
}

std::atomic<int64_t> maxCacheEntries{
    limitFromEnvironment("RNNRT_CACHE_MAX_PLANS", 64)};
constexpr const char *kCacheBytesVariable = "RNNRT_CACHE_MAX_BYTES";
std::atomic<int64_t> maxCacheBytes{
    limitFromEnvironment(kCacheBytesVariable, int64_t(1) << 30)};
/// Whether RNNRT_CACHE_MAX_BYTES holds a valid limit (then it is also the
/// device pool's release threshold).
const bool cacheBytesFromEnvironment =
    limitFromEnvironment(kCacheBytesVariable, -1) >= 0;
/// Bumped by rnnrt_cuda_set_cache_limits; contexts re-apply when it moves.
std::atomic<int64_t> limitsGeneration{0};

//===--- Device pools -----------------------------------------------------===//

/// The contexts of one device: all ever created (never destroyed) and the
/// idle ones.
struct DevicePool {
  std::mutex mutex;
  bool prepared = false;
  bool useMemoryPools = false;
  std::vector<std::unique_ptr<ExecutionContext>> all;
  std::vector<ExecutionContext *> idle;
};

DevicePool &devicePool(int device) {
  static std::mutex mutex;
  static auto *pools = new std::map<int, std::unique_ptr<DevicePool>>();
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<DevicePool> &pool = (*pools)[device];
  if (!pool)
    pool = std::make_unique<DevicePool>();
  return *pool;
}

/// First use of a device: memory-pool support and its release threshold
/// (freed blocks stay reserved for the next call instead of going back to
/// the driver at every synchronization). The threshold is the cache byte
/// limit when RNNRT_CACHE_MAX_BYTES sets it, else at least a quarter of
/// the device's memory: a training step whose buffers exceed the
/// threshold would map its memory anew on every call (a 4-layer
/// bidirectional LSTM step of 2 GB on an H200: 30 ms a call instead of 11).
Status prepareDevice(int device, DevicePool &pool) {
  if (pool.prepared)
    return success();
  int poolsSupported = 0;
  RNNRT_CHECK(cudaDeviceGetAttribute(&poolsSupported,
                                     cudaDevAttrMemoryPoolsSupported, device));
  if (poolsSupported) {
    cudaMemPool_t memPool;
    RNNRT_CHECK(cudaDeviceGetDefaultMemPool(&memPool, device));
    uint64_t threshold = static_cast<uint64_t>(maxCacheBytes.load());
    cudaDeviceProp properties;
    if (!cacheBytesFromEnvironment &&
        cudaGetDeviceProperties(&properties, device) == cudaSuccess)
      threshold = std::max<uint64_t>(threshold, properties.totalGlobalMem / 4);
    RNNRT_CHECK(cudaMemPoolSetAttribute(
        memPool, cudaMemPoolAttrReleaseThreshold, &threshold));
  }
  pool.useMemoryPools = poolsSupported != 0;
  pool.prepared = true;
  return success();
}

Status createContext(int device, bool useMemoryPools,
                     std::unique_ptr<ExecutionContext> &result) {
  auto context = std::make_unique<ExecutionContext>();
  context->device = device;
  context->useMemoryPools = useMemoryPools;
  RNNRT_CHECK(
      cudaStreamCreateWithFlags(&context->ownStream, cudaStreamNonBlocking));
  RNNRT_CHECK(cudaStreamCreateWithFlags(&context->captureStream,
                                        cudaStreamNonBlocking));
  RNNRT_CHECK(
      cudaEventCreateWithFlags(&context->handoff, cudaEventDisableTiming));
  RNNRT_CHECK(cudaEventCreateWithFlags(&context->fork, cudaEventDisableTiming));
  RNNRT_CHECK(cudaEventCreate(&context->timingStart));
  RNNRT_CHECK(cudaEventCreate(&context->timingStop));
  context->applyCacheLimits();
  result = std::move(context);
  return success();
}

Status acquireContext(int device, ExecutionContext *&result) {
  DevicePool &pool = devicePool(device);
  std::lock_guard<std::mutex> lock(pool.mutex);
  RNNRT_RETURN_IF_ERROR(prepareDevice(device, pool));
  if (!pool.idle.empty()) {
    result = pool.idle.back();
    pool.idle.pop_back();
    return success();
  }
  std::unique_ptr<ExecutionContext> context;
  RNNRT_RETURN_IF_ERROR(createContext(device, pool.useMemoryPools, context));
  result = context.get();
  pool.all.push_back(std::move(context));
  return success();
}

void releaseContext(ExecutionContext *context) {
  DevicePool &pool = devicePool(context->device);
  std::lock_guard<std::mutex> lock(pool.mutex);
  pool.idle.push_back(context);
}

//===--- Thread state -----------------------------------------------------===//

/// A thread's current device and stream, and the contexts it holds (given
/// back to their pools when the thread exits).
struct ThreadState {
  int device = 0;
  /// The host's stream for `device`; null: the context's own stream.
  cudaStream_t stream = nullptr;
  std::map<int, ExecutionContext *> contexts;
  int64_t limitsGeneration = -1;

  ~ThreadState() {
    for (auto &entry : contexts)
      releaseContext(entry.second);
  }
};
thread_local ThreadState threadState;

/// Injected faults of this thread (rnnrt_cuda_inject_fault).
thread_local int64_t failingAllocations = 0;
thread_local int64_t refusedCudnnPlans = 0;

Status checkDevice(int device) {
  RNNRT_RETURN_IF_ERROR(requireInitialized());
  int count = runtime().deviceCount;
  RNNRT_REQUIRE(device >= 0 && device < count,
                "device %d does not exist: this machine has %d CUDA device%s "
                "(0..%d)",
                device, count, count == 1 ? "" : "s", count - 1);
  return success();
}

} // namespace

void cacheLimits(int64_t &entries, int64_t &bytes) {
  entries = maxCacheEntries.load();
  bytes = maxCacheBytes.load();
}

void ExecutionContext::applyCacheLimits() {
  int64_t entries, bytes;
  cacheLimits(entries, bytes);
  cudnnPlans.setLimits(entries, bytes);
  cublasPlans.setLimits(entries, bytes);
}

Status ExecutionContext::cudnnHandle(cudaStream_t stream,
                                     cudnnHandle_t &result) {
  if (!cudnn)
    RNNRT_CHECK(::rnnrt::cuda::cudnn().cudnnCreate(&cudnn));
  if (cudnnStream != stream) {
    RNNRT_CHECK(::rnnrt::cuda::cudnn().cudnnSetStream(cudnn, stream));
    cudnnStream = stream;
  }
  result = cudnn;
  return success();
}

Status ExecutionContext::ensureLanes(size_t count) {
  while (lanes.size() < std::min(count, kMaxLanes)) {
    Lane lane;
    RNNRT_RETURN_IF_ERROR(createLane(lane));
    lanes.push_back(lane);
  }
  return success();
}

Status beginCall(CallContext &call) {
  ThreadState &state = threadState;
  RNNRT_RETURN_IF_ERROR(checkDevice(state.device));
  int current = -1;
  RNNRT_CHECK(cudaGetDevice(&current));
  if (current != state.device)
    RNNRT_CHECK(cudaSetDevice(state.device));
  ExecutionContext *&context = state.contexts[state.device];
  if (!context) {
    Status acquired = acquireContext(state.device, context);
    if (!acquired.ok()) {
      state.contexts.erase(state.device);
      return acquired;
    }
  }
  int64_t generation = limitsGeneration.load(std::memory_order_acquire);
  if (state.limitsGeneration != generation) {
    for (auto &entry : state.contexts)
      entry.second->applyCacheLimits();
    state.limitsGeneration = generation;
  }
  cudaStream_t stream = state.stream ? state.stream : context->ownStream;
  if (context->lastStream && context->lastStream != stream) {
    RNNRT_CHECK(cudaEventRecord(context->handoff, context->lastStream));
    RNNRT_CHECK(cudaStreamWaitEvent(stream, context->handoff, 0));
  }
  context->lastStream = stream;
  call.context = context;
  call.stream = stream;
  return success();
}

Status allocateDevice(const ExecutionContext &context, cudaStream_t stream,
                      size_t bytes, void **result) {
  *result = nullptr;
  if (failingAllocations > 0) {
    --failingAllocations;
    return errorf("cudaMallocAsync failed: cudaErrorMemoryAllocation (out of "
                  "memory; injected by rnnrt_cuda_inject_fault) for %zu bytes",
                  bytes);
  }
  size_t request = bytes == 0 ? 1 : bytes;
  if (context.useMemoryPools)
    RNNRT_CHECK(cudaMallocAsync(result, request, stream));
  else
    RNNRT_CHECK(cudaMalloc(result, request));
  return success();
}

Status freeDevice(const ExecutionContext &context, cudaStream_t stream,
                  void *pointer) {
  // A training reserve in this memory is gone (ReserveHeader.h).
  forgetReserves(pointer);
  if (context.useMemoryPools)
    RNNRT_CHECK(cudaFreeAsync(pointer, stream));
  else
    RNNRT_CHECK(cudaFree(pointer));
  return success();
}

bool takeInjectedCudnnRefusal() {
  if (refusedCudnnPlans <= 0)
    return false;
  --refusedCudnnPlans;
  return true;
}

} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" int rnnrt_cuda_set_device(int device) {
  if (!setThreadError(checkDevice(device)))
    return 1;
  if (threadState.device != device) {
    threadState.device = device;
    threadState.stream = nullptr;
  }
  return 0;
}

extern "C" int rnnrt_cuda_get_device(void) { return threadState.device; }

extern "C" int rnnrt_cuda_set_stream(void *stream) {
  cudaStream_t cudaStream = static_cast<cudaStream_t>(stream);
  Status status = [&]() -> Status {
    RNNRT_RETURN_IF_ERROR(requireInitialized());
    if (!cudaStream)
      return success();
    int device = -1;
    RNNRT_CHECK(cudaStreamGetDevice(cudaStream, &device));
    RNNRT_REQUIRE(device == threadState.device,
                  "rnnrt_cuda_set_stream: the stream belongs to device %d, "
                  "the thread's device is %d (call rnnrt_cuda_set_device "
                  "first)",
                  device, threadState.device);
    return success();
  }();
  if (!setThreadError(status))
    return 1;
  threadState.stream = cudaStream;
  return 0;
}

extern "C" void *rnnrt_cuda_get_stream(void) {
  CallContext call;
  if (!setThreadError(beginCall(call)))
    return nullptr;
  return call.stream;
}

extern "C" void rnnrt_cuda_set_cache_limits(int64_t maxPlans,
                                            int64_t maxBytes) {
  if (maxPlans > 0)
    maxCacheEntries.store(maxPlans);
  if (maxBytes >= 0)
    maxCacheBytes.store(maxBytes);
  limitsGeneration.fetch_add(1, std::memory_order_release);
}

extern "C" int rnnrt_cuda_cache_stats(rnnrt_cache_stats *stats) {
  if (!stats)
    return 1;
  CallContext call;
  if (!setThreadError(beginCall(call)))
    return 1;
  ExecutionContext &context = call.ctx();
  stats->cudnn_plans = static_cast<int64_t>(context.cudnnPlans.size());
  stats->cublas_plans = static_cast<int64_t>(context.cublasPlans.size());
  stats->cudnn_bytes = static_cast<int64_t>(context.cudnnPlans.bytes());
  stats->cublas_bytes = static_cast<int64_t>(context.cublasPlans.bytes());
  stats->plan_bytes = stats->cudnn_bytes + stats->cublas_bytes;
  cacheLimits(stats->max_plans, stats->max_bytes);
  return 0;
}

extern "C" void rnnrt_cuda_inject_fault(int kind, int64_t count) {
  if (kind == RNNRT_FAULT_ALLOCATION)
    failingAllocations = count;
  else if (kind == RNNRT_FAULT_CUDNN_REFUSAL)
    refusedCudnnPlans = count;
}
