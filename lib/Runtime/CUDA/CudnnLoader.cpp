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

bool loadCudnn() {
  if (loaded.load(std::memory_order_acquire))
    return true;
  std::lock_guard<std::mutex> lock(loadMutex);
  if (loaded.load(std::memory_order_relaxed))
    return true;

  // libcudnn.so.9 is the library a cuDNN 9 install provides; libcudnn.so is
  // only there with the development package. RNNRT_CUDNN_LIBRARY names
  // another library (a specific install, or a missing one to test the
  // fallback).
  SharedLibrary library;
  RNNRT_RETURN_IF_ERROR(openSharedLibrary("cuDNN",
                                          {"libcudnn.so.9", "libcudnn.so"},
                                          "RNNRT_CUDNN_LIBRARY", library));

  // Check the version first: another major version may lack symbols.
  auto getVersion = reinterpret_cast<decltype(&::cudnnGetVersion)>(
      resolveSymbol("cuDNN", library, "cudnnGetVersion"));
  size_t version = getVersion ? getVersion() : 0;
  if (version / 10000 != 9) {
    (void)takeError();
    std::string name = library.name;
    closeSharedLibrary(library);
    RNNRT_REQUIRE(false, "cuDNN %zu.%zu.%zu at %s is not cuDNN 9",
                  version / 10000, version % 10000 / 100, version % 100,
                  name.c_str());
  }
  CudnnApi result;
#define RNNRT_RESOLVE_CUDNN_SYMBOL(symbol)                                     \
  result.symbol = reinterpret_cast<decltype(result.symbol)>(                   \
      resolveSymbol("cuDNN", library, #symbol));                               \
  if (!result.symbol) {                                                        \
    closeSharedLibrary(library);                                               \
    return false;                                                              \
  }
  RNNRT_CUDNN_SYMBOLS(RNNRT_RESOLVE_CUDNN_SYMBOL)
#undef RNNRT_RESOLVE_CUDNN_SYMBOL
  result.library = library.handle;
  result.libraryName = library.name;
  api = result;
  loaded.store(true, std::memory_order_release);
  return true;
}

const CudnnApi &cudnn() { return api; }

bool isCudnnLoaded() { return loaded.load(std::memory_order_acquire); }

} // namespace rnnrt::cuda
