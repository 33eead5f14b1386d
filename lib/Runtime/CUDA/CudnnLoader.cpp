//===- CudnnLoader.cpp - cuDNN, loaded at run time ------------------------===//
//
// libcudnn.so.9 (or libcudnn.so), every symbol of RNNRT_CUDNN_SYMBOLS.
//
//===----------------------------------------------------------------------===//

#include "CudnnLoader.h"
#include "SharedLibrary.h"
#include "Status.h"

#include <atomic>
#include <mutex>
#include <string>

namespace rnnrt::cuda {

namespace {

CudnnApi api;
std::atomic<bool> loaded{false};
std::mutex loadMutex;

} // namespace

Status loadCudnn() {
  if (loaded.load(std::memory_order_acquire))
    return success();
  std::lock_guard<std::mutex> lock(loadMutex);
  if (loaded.load(std::memory_order_relaxed))
    return success();

  // libcudnn.so.9 is the library a cuDNN 9 install provides; libcudnn.so is
  // only there with the development package. RNNRT_CUDNN_LIBRARY names
  // another library (a specific install, or a missing one to test the
  // fallback).
  SharedLibrary library;
  RNNRT_RETURN_IF_ERROR(openSharedLibrary("cuDNN",
                                          {"libcudnn.so.9", "libcudnn.so"},
                                          "RNNRT_CUDNN_LIBRARY", library));

  // Check the version first: another major version may lack symbols.
  void *versionSymbol = nullptr;
  size_t version = 0;
  if (resolveSymbol("cuDNN", library, "cudnnGetVersion", &versionSymbol).ok())
    version = reinterpret_cast<decltype(&::cudnnGetVersion)>(versionSymbol)();
  if (version / 10000 != 9) {
    std::string name = library.name;
    closeSharedLibrary(library);
    RNNRT_REQUIRE(false, "cuDNN %zu.%zu.%zu at %s is not cuDNN 9",
                  version / 10000, version % 10000 / 100, version % 100,
                  name.c_str());
  }
  CudnnApi result;
#define RNNRT_RESOLVE_CUDNN_SYMBOL(symbol)                                     \
  RNNRT_RESOLVE_SYMBOL("cuDNN", library, result, symbol);
  RNNRT_CUDNN_SYMBOLS(RNNRT_RESOLVE_CUDNN_SYMBOL)
#undef RNNRT_RESOLVE_CUDNN_SYMBOL
  result.library = library.handle;
  result.libraryName = library.name;
  api = result;
  loaded.store(true, std::memory_order_release);
  return success();
}

const CudnnApi &cudnn() { return api; }

bool isCudnnLoaded() { return loaded.load(std::memory_order_acquire); }

} // namespace rnnrt::cuda
