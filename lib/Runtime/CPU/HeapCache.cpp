//===- HeapCache.cpp - Allocation functions for compiled CPU code ---------===//
//
// Compiled code allocates its workspaces, the run-time packed params and its
// results on every call and frees them at the end. glibc hands blocks of
// 128 KiB and more to mmap/munmap (or grows and trims the heap with brk) on
// each of those calls, so every call paid system calls and page faults for
// memory it had a moment ago. These functions keep freed large blocks in a
// cache keyed by their size and hand them out again: a steady stream of calls
// of one shape allocates from the system once. Small blocks go to malloc,
// whose bins reuse them without system calls.
//
// The three functions must be used together: a pointer from
// rnnrt_cpu_malloc/aligned_alloc is freed with rnnrt_cpu_free (which also
// takes pointers from malloc).
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CPURuntime.h"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <map>
#include <mutex>
#include <unordered_map>

namespace {

/// Blocks from this size up are cached (glibc's default mmap threshold).
constexpr size_t kMinCachedBytes = size_t(128) << 10;
/// Cached blocks are this aligned (a cache line, and what memref.alloc asks
/// for at most in the CPU pipeline) and rounded up to whole pages.
constexpr size_t kBlockAlignment = 64;
constexpr size_t kBlockGranule = size_t(4) << 10;
/// At most this many bytes wait in the cache; beyond, blocks are freed.
constexpr size_t kMaxCachedBytes = size_t(2) << 30;

struct HeapCache {
  std::mutex mutex;
  /// Every large block handed out and not freed, with its rounded size.
  std::unordered_map<void *, size_t> live;
  /// Freed large blocks by rounded size.
  std::multimap<size_t, void *> idle;
  size_t idleBytes = 0;
  std::atomic<uint64_t> allocations{0};
  std::atomic<uint64_t> systemAllocations{0};
  std::atomic<uint64_t> frees{0};
};

/// Never destroyed: compiled code may free after static destructors ran.
HeapCache &getCache() {
  static HeapCache *cache = new HeapCache();
  return *cache;
}

void *allocate(size_t alignment, size_t bytes) {
  HeapCache &cache = getCache();
  cache.allocations.fetch_add(1, std::memory_order_relaxed);
  if (bytes < kMinCachedBytes || alignment > kBlockAlignment) {
    if (alignment <= alignof(std::max_align_t))
      return std::malloc(bytes);
    return std::aligned_alloc(alignment,
                              (bytes + alignment - 1) / alignment * alignment);
  }
  const size_t rounded =
      (bytes + kBlockGranule - 1) / kBlockGranule * kBlockGranule;
  std::lock_guard<std::mutex> lock(cache.mutex);
  void *block = nullptr;
  auto found = cache.idle.find(rounded);
  if (found != cache.idle.end()) {
    block = found->second;
    cache.idle.erase(found);
    cache.idleBytes -= rounded;
  } else {
    cache.systemAllocations.fetch_add(1, std::memory_order_relaxed);
    block = std::aligned_alloc(kBlockAlignment, rounded);
    if (!block)
      return nullptr;
  }
  cache.live.emplace(block, rounded);
  return block;
}

} // namespace

extern "C" {

void *rnnrt_cpu_malloc(size_t bytes) {
  return allocate(alignof(std::max_align_t), bytes);
}

void *rnnrt_cpu_aligned_alloc(size_t alignment, size_t bytes) {
  return allocate(alignment, bytes);
}

void rnnrt_cpu_free(void *pointer) {
  if (!pointer)
    return;
  HeapCache &cache = getCache();
  cache.frees.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(cache.mutex);
    auto found = cache.live.find(pointer);
    if (found != cache.live.end()) {
      size_t rounded = found->second;
      cache.live.erase(found);
      if (cache.idleBytes + rounded <= kMaxCachedBytes) {
        cache.idle.emplace(rounded, pointer);
        cache.idleBytes += rounded;
        return;
      }
    }
  }
  std::free(pointer);
}

void rnnrt_cpu_heap_stats(rnnrt_cpu_heap_stats_t *stats) {
  HeapCache &cache = getCache();
  stats->allocations = cache.allocations.load(std::memory_order_relaxed);
  stats->system_allocations =
      cache.systemAllocations.load(std::memory_order_relaxed);
  stats->frees = cache.frees.load(std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(cache.mutex);
  stats->cached_bytes = static_cast<int64_t>(cache.idleBytes);
}

void rnnrt_cpu_heap_release(void) {
  HeapCache &cache = getCache();
  std::lock_guard<std::mutex> lock(cache.mutex);
  for (auto &[size, block] : cache.idle)
    std::free(block);
  cache.idle.clear();
  cache.idleBytes = 0;
}

} // extern "C"
