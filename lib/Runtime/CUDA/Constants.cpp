//===- Constants.cpp - Device copies of a module's constant buffers -------===//
//
// Packed weights folded at compile time live in host globals of the
// compiled module. The module passes, with each upload, the address of its
// own slot (a private global the lowering emits): the first upload gives
// the module a fresh id there, and every device copy is keyed by (module
// id, device, host address, size), so a later module whose constant lands
// at a freed address gets its own copy, never a stale one. The module's
// destructor (rnnrt_cuda_release_module) frees its copies.
//
//===----------------------------------------------------------------------===//

#include "Context.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_set>

namespace rnnrt::cuda {
namespace {

struct ConstantKey {
  int64_t module;
  int device;
  const void *host;
  int64_t bytes;
  bool operator<(const ConstantKey &other) const {
    return std::tie(module, device, host, bytes) <
           std::tie(other.module, other.device, other.host, other.bytes);
  }
};

struct DeviceConstant {
  /// Held while uploading, so that concurrent first calls upload once.
  std::mutex mutex;
  void *device = nullptr;
};

struct ConstantTable {
  std::mutex mutex;
  std::map<ConstantKey, std::shared_ptr<DeviceConstant>> entries;
  std::unordered_set<const void *> devicePointers;
};

ConstantTable &constants() {
  static auto *table = new ConstantTable();
  return *table;
}

std::atomic<int64_t> nextModuleId{1};

/// The module id in `slot`, assigning a fresh one on first use.
int64_t moduleId(int64_t *slot) {
  int64_t id = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (id != 0)
    return id;
  int64_t fresh = nextModuleId.fetch_add(1);
  int64_t expected = 0;
  if (__atomic_compare_exchange_n(slot, &expected, fresh, false,
                                  __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
    return fresh;
  return expected; // another thread assigned it first
}

Status uploadConstant(int64_t *slot, const void *host, int64_t bytes,
                      void **result) {
  *result = nullptr;
  RNNRT_REQUIRE(slot, "rnnrt_cuda_constant: null module slot");
  RNNRT_REQUIRE(bytes >= 0, "rnnrt_cuda_constant: negative size %lld",
                static_cast<long long>(bytes));
  RNNRT_REQUIRE(host || bytes == 0, "rnnrt_cuda_constant: null host buffer");
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));

  ConstantTable &table = constants();
  ConstantKey key{moduleId(slot), call.ctx().device, host, bytes};
  std::shared_ptr<DeviceConstant> entry;
  {
    std::lock_guard<std::mutex> lock(table.mutex);
    std::shared_ptr<DeviceConstant> &found = table.entries[key];
    if (!found)
      found = std::make_shared<DeviceConstant>();
    entry = found;
  }
  std::lock_guard<std::mutex> uploading(entry->mutex);
  if (!entry->device) {
    void *device = nullptr;
    RNNRT_RETURN_IF_ERROR(allocateDevice(call.ctx(), call.stream,
                                         static_cast<size_t>(bytes), &device));
    Status copied = [&]() -> Status {
      if (bytes > 0)
        RNNRT_CHECK(cudaMemcpyAsync(device, host, static_cast<size_t>(bytes),
                                    cudaMemcpyHostToDevice, call.stream));
      // Other threads' streams use the copy: let it land first (once).
      RNNRT_CHECK(cudaStreamSynchronize(call.stream));
      return success();
    }();
    if (!copied.ok()) {
      (void)freeDevice(call.ctx(), call.stream, device);
      return copied;
    }
    {
      std::lock_guard<std::mutex> lock(table.mutex);
      table.devicePointers.insert(device);
    }
    entry->device = device;
  }
  *result = entry->device;
  return success();
}

Status releaseModule(int64_t *slot) {
  int64_t id = __atomic_exchange_n(slot, int64_t(0), __ATOMIC_ACQ_REL);
  if (id == 0)
    return success();
  std::vector<void *> released;
  {
    ConstantTable &table = constants();
    std::lock_guard<std::mutex> lock(table.mutex);
    for (auto it = table.entries.begin(); it != table.entries.end();) {
      if (it->first.module != id) {
        ++it;
        continue;
      }
      if (it->second->device) {
        released.push_back(it->second->device);
        table.devicePointers.erase(it->second->device);
      }
      it = table.entries.erase(it);
    }
  }
  if (released.empty())
    return success();
  // The module is going away: no work of it may still be queued.
  RNNRT_CHECK(cudaDeviceSynchronize());
  for (void *device : released)
    RNNRT_CHECK(cudaFree(device));
  return success();
}

} // namespace

bool isDeviceConstant(const void *device) {
  ConstantTable &table = constants();
  std::lock_guard<std::mutex> lock(table.mutex);
  return table.devicePointers.count(device) != 0;
}

} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" void *rnnrt_cuda_constant(int64_t *moduleSlot, const void *hostData,
                                     int64_t bytes) {
  // Compiled code does nothing while an error is pending on its thread.
  if (hasThreadError())
    return nullptr;
  void *result = nullptr;
  setThreadError(uploadConstant(moduleSlot, hostData, bytes, &result));
  return result;
}

extern "C" void rnnrt_cuda_release_module(int64_t *moduleSlot) {
  if (moduleSlot)
    setThreadError(releaseModule(moduleSlot));
}

extern "C" int64_t rnnrt_cuda_constant_count(void) {
  ConstantTable &table = constants();
  std::lock_guard<std::mutex> lock(table.mutex);
  return static_cast<int64_t>(table.devicePointers.size());
}

/// The C-interface entry points the GPU lowerings call: the result
/// descriptor views the module's device copy of `host`'s data.
static void uploadConstantMemRef(rnnrt_memref1d *result,
                                 const rnnrt_memref1d *host,
                                 rnnrt_memref1d_i64 *moduleSlot,
                                 int64_t elementBytes) {
  *result = *host;
  char *data = static_cast<char *>(host->aligned) + host->offset * elementBytes;
  int64_t *slot = moduleSlot->aligned + moduleSlot->offset;
  void *device = rnnrt_cuda_constant(slot, data, host->sizes[0] * elementBytes);
  result->allocated = device;
  result->aligned = device;
  result->offset = 0;
  result->strides[0] = 1;
}

extern "C" void
_mlir_ciface_rnnrt_cuda_upload_constant_f16(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host,
                                            rnnrt_memref1d_i64 *moduleSlot) {
  uploadConstantMemRef(result, host, moduleSlot, 2);
}
extern "C" void
_mlir_ciface_rnnrt_cuda_upload_constant_f32(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host,
                                            rnnrt_memref1d_i64 *moduleSlot) {
  uploadConstantMemRef(result, host, moduleSlot, 4);
}
extern "C" void
_mlir_ciface_rnnrt_cuda_upload_constant_f64(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host,
                                            rnnrt_memref1d_i64 *moduleSlot) {
  uploadConstantMemRef(result, host, moduleSlot, 8);
}
extern "C" void
_mlir_ciface_rnnrt_cuda_upload_constant_i32(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host,
                                            rnnrt_memref1d_i64 *moduleSlot) {
  uploadConstantMemRef(result, host, moduleSlot, 4);
}
