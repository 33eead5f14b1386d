//===- MemRefAlloc.cpp - Device memory for compiled code's memrefs --------===//
//
// The functions memref.alloc/dealloc/copy lower to (MLIR's generic
// allocation functions and memrefCopy), so that every buffer of a
// cuDNN-compiled function is device memory. Allocations are stream-ordered
// on the calling thread's stream: freeing a buffer that queued work still uses
// is safe, and repeated calls reuse the pool's memory without synchronizing.
//
//===----------------------------------------------------------------------===//

#include "../MemRefView.h"
#include "Context.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"

#include <cstdint>
#include <map>
#include <string>

namespace rnnrt::cuda {
namespace {

/// Device allocations are at least this aligned (cudaMalloc and the memory
/// pools both give 256 bytes).
constexpr size_t deviceAlignment = 256;

/// Over-aligned allocations: the pointer handed out -> the allocation.
std::mutex overAlignedMutex;

std::map<void *, void *> &overAligned() {
  static auto *map = new std::map<void *, void *>();
  return *map;
}

Status allocate(size_t bytes, void **result) {
  *result = nullptr;
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  return allocateDevice(call.ctx(), call.stream, bytes, result);
}

Status allocateAligned(size_t alignment, size_t bytes, void **result) {
  *result = nullptr;
  RNNRT_REQUIRE(alignment != 0 && (alignment & (alignment - 1)) == 0,
                "_mlir_memref_to_llvm_aligned_alloc: alignment %zu is not a "
                "power of two",
                alignment);
  if (alignment <= deviceAlignment)
    return allocate(bytes, result);
  void *base = nullptr;
  RNNRT_RETURN_IF_ERROR(allocate(bytes + alignment, &base));
  uintptr_t address = reinterpret_cast<uintptr_t>(base);
  uintptr_t aligned = (address + alignment - 1) & ~(uintptr_t(alignment) - 1);
  *result = reinterpret_cast<void *>(aligned);
  std::lock_guard<std::mutex> lock(overAlignedMutex);
  overAligned()[*result] = base;
  return success();
}

Status release(void *pointer) {
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  {
    std::lock_guard<std::mutex> lock(overAlignedMutex);
    auto found = overAligned().find(pointer);
    if (found != overAligned().end()) {
      pointer = found->second;
      overAligned().erase(found);
    }
  }
  return freeDevice(call.ctx(), call.stream, pointer);
}

using RankedView = rnnrt::RankedMemRefView;
using rnnrt::viewOf;

/// Whether the strides are row-major (dims of size 1 may have any stride).
bool isContiguous(const RankedView &view, int64_t rank) {
  int64_t expected = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    if (view.sizes[d] != 1 && view.strides[d] != expected)
      return false;
    expected *= view.sizes[d];
  }
  return true;
}

std::string formatDims(const int64_t *dims, int64_t rank) {
  std::string text = "[";
  for (int64_t d = 0; d < rank; ++d)
    text += (d ? ", " : "") + std::to_string(dims[d]);
  return text + "]";
}

Status copyMemRef(int64_t elementSize, const rnnrt_unranked_memref *src,
                  const rnnrt_unranked_memref *dst) {
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  RNNRT_REQUIRE(src && dst && src->descriptor && dst->descriptor,
                "memrefCopy: null memref descriptor");
  RNNRT_REQUIRE(src->rank == dst->rank && src->rank >= 0,
                "memrefCopy: ranks %lld and %lld differ",
                static_cast<long long>(src->rank),
                static_cast<long long>(dst->rank));
  const int64_t rank = src->rank;
  RankedView from = viewOf(src);
  RankedView to = viewOf(dst);
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d) {
    RNNRT_REQUIRE(from.sizes[d] == to.sizes[d],
                  "memrefCopy: shapes %s and %s differ",
                  formatDims(from.sizes, rank).c_str(),
                  formatDims(to.sizes, rank).c_str());
    count *= from.sizes[d];
  }
  if (count == 0)
    return success();
  RNNRT_REQUIRE(isContiguous(from, rank) && isContiguous(to, rank),
                "non-contiguous device memref copy is not supported (shape "
                "%s, source strides %s, destination strides %s)",
                formatDims(from.sizes, rank).c_str(),
                formatDims(from.strides, rank).c_str(),
                formatDims(to.strides, rank).c_str());
  // cudaMemcpyDefault: either side may also be host memory (unified
  // addressing tells which).
  RNNRT_CHECK(cudaMemcpyAsync(to.aligned + to.offset * elementSize,
                              from.aligned + from.offset * elementSize,
                              static_cast<size_t>(count * elementSize),
                              cudaMemcpyDefault, call.stream));
  return success();
}

} // namespace
} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

// Compiled code does nothing while an error is pending on its thread
// (allocations return null), except freeing, which never leaks.

extern "C" void *rnnrt_cuda_memref_alloc(size_t bytes) {
  if (hasThreadError())
    return nullptr;
  void *result = nullptr;
  setThreadError(allocate(bytes, &result));
  return result;
}

extern "C" void *rnnrt_cuda_memref_aligned_alloc(size_t alignment,
                                                 size_t bytes) {
  if (hasThreadError())
    return nullptr;
  void *result = nullptr;
  setThreadError(allocateAligned(alignment, bytes, &result));
  return result;
}

extern "C" void rnnrt_cuda_memref_free(void *devicePtr) {
  // Deallocation may be asked for buffers the compiled code got from the
  // constant cache (their ownership is unknown to it): those stay.
  if (devicePtr && !isDeviceConstant(devicePtr))
    setThreadError(release(devicePtr));
}

extern "C" void rnnrt_cuda_memref_copy(int64_t elementSize,
                                       rnnrt_unranked_memref *src,
                                       rnnrt_unranked_memref *dst) {
  if (hasThreadError())
    return;
  setThreadError(copyMemRef(elementSize, src, dst));
}
