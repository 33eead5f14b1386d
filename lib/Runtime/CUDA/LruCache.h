//===- LruCache.h - A bounded least-recently-used cache ---------*- C++ -*-===//
//
// The plan caches of an execution context: at most `maxEntries` values and
// `maxBytes` bytes (as each value's `bytes()` reports); inserting beyond
// either limit destroys the least recently used values first. Not
// thread-safe: each execution context owns its caches.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_LRUCACHE_H
#define RNN_LIB_RUNTIME_CUDA_LRUCACHE_H

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <utility>

namespace rnnrt::cuda {

template <typename Key, typename Value> class LruCache {
public:
  /// The value of `key` (now the most recently used), or null.
  Value *find(const Key &key) {
    auto found = index.find(key);
    if (found == index.end())
      return nullptr;
    order.splice(order.begin(), order, found->second);
    return found->second->second.get();
  }

  /// Inserts `value` as the most recently used, then evicts the least
  /// recently used others until both limits hold (the new value stays even
  /// if it alone exceeds the byte limit).
  Value *insert(const Key &key, std::unique_ptr<Value> value) {
    totalBytes += value->bytes();
    order.emplace_front(key, std::move(value));
    index[key] = order.begin();
    Value *result = order.front().second.get();
    evict(maxEntries, maxBytes);
    return result;
  }

  /// Sets the limits and evicts down to them.
  void setLimits(int64_t entries, int64_t bytes) {
    maxEntries = entries < 1 ? 1 : static_cast<size_t>(entries);
    maxBytes = bytes < 0 ? 0 : static_cast<size_t>(bytes);
    evict(maxEntries, maxBytes);
  }

  /// Destroys every value.
  void clear() { evict(0, 0); }

  size_t size() const { return order.size(); }
  size_t bytes() const { return totalBytes; }

private:
  void evict(size_t entries, size_t bytes) {
    while (!order.empty() && (order.size() > entries ||
                              (totalBytes > bytes && order.size() > 1) ||
                              (entries == 0 && bytes == 0))) {
      auto &last = order.back();
      totalBytes -= last.second->bytes();
      index.erase(last.first);
      order.pop_back();
    }
  }

  using Entry = std::pair<Key, std::unique_ptr<Value>>;
  std::list<Entry> order;
  std::map<Key, typename std::list<Entry>::iterator> index;
  size_t totalBytes = 0;
  size_t maxEntries = 64;
  size_t maxBytes = size_t(1) << 30;
};

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_LRUCACHE_H
