//===- Constants.cpp - Device copies of constant host buffers -------------===//
//
// rnnrt_cuda_constant: packed weights folded at compile time live in host
// globals of the compiled module; the first call uploads them, later calls
// return the cached device copy (keyed by host address).
//
//===----------------------------------------------------------------------===//

#include "Runtime.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"

#include <map>

namespace rnnrt::cuda {
namespace {

struct DeviceConstant {
  void *device;
  int64_t bytes;
};

std::mutex constantsMutex;

std::map<const void *, DeviceConstant> &constants() {
  static auto *cache = new std::map<const void *, DeviceConstant>();
  return *cache;
}

bool uploadConstant(const void *host, int64_t bytes, void **result) {
  *result = nullptr;
  RNNRT_REQUIRE(bytes >= 0, "rnnrt_cuda_constant: negative size %lld",
                static_cast<long long>(bytes));
  RNNRT_REQUIRE(host || bytes == 0, "rnnrt_cuda_constant: null host buffer");
  RNNRT_RETURN_IF_ERROR(requireInitialized());

  std::lock_guard<std::mutex> lock(constantsMutex);
  auto found = constants().find(host);
  if (found != constants().end()) {
    RNNRT_REQUIRE(found->second.bytes == bytes,
                  "rnnrt_cuda_constant: host buffer %p was uploaded with %lld "
                  "bytes, now requested with %lld",
                  host, static_cast<long long>(found->second.bytes),
                  static_cast<long long>(bytes));
    *result = found->second.device;
    return true;
  }
  void *device = nullptr;
  RNNRT_RETURN_IF_ERROR(allocateDevice(static_cast<size_t>(bytes), &device));
  if (bytes > 0) {
    // The host buffer is a global of the module: it outlives the copy.
    cudaError_t status =
        cudaMemcpyAsync(device, host, static_cast<size_t>(bytes),
                        cudaMemcpyHostToDevice, runtime().stream);
    if (status != cudaSuccess) {
      freeDevice(device);
      RNNRT_CHECK(status);
    }
  }
  constants()[host] = {device, bytes};
  *result = device;
  return true;
}

} // namespace
} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" void *rnnrt_cuda_constant(const void *hostData, int64_t bytes) {
  // Compiled code does nothing while an error is pending.
  if (hasError())
    return nullptr;
  void *result = nullptr;
  uploadConstant(hostData, bytes, &result);
  return result;
}

bool rnnrt::cuda::isDeviceConstant(const void *device) {
  std::lock_guard<std::mutex> lock(constantsMutex);
  for (const auto &entry : constants())
    if (entry.second.device == device)
      return true;
  return false;
}

/// The C-interface entry points the cuDNN lowering calls: the result
/// descriptor views the cached device copy of `host`'s data.
static void uploadConstantMemRef(rnnrt_memref1d *result,
                                 const rnnrt_memref1d *host,
                                 int64_t elementBytes) {
  *result = *host;
  char *data = static_cast<char *>(host->aligned) + host->offset * elementBytes;
  void *device = rnnrt_cuda_constant(data, host->sizes[0] * elementBytes);
  result->allocated = device;
  result->aligned = device;
  result->offset = 0;
  result->strides[0] = 1;
}

extern "C" void
_mlir_ciface_rnnrt_cuda_upload_constant_f16(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host) {
  uploadConstantMemRef(result, host, 2);
}
extern "C" void
_mlir_ciface_rnnrt_cuda_upload_constant_f32(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host) {
  uploadConstantMemRef(result, host, 4);
}
extern "C" void
_mlir_ciface_rnnrt_cuda_upload_constant_f64(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host) {
  uploadConstantMemRef(result, host, 8);
}
