//===- CudnnLoader.cpp - cuDNN, loaded at run time ------------------------===//
//
// dlopen("libcudnn.so.9"), then "libcudnn.so", and dlsym of every symbol of
// RNNRT_CUDNN_SYMBOLS.
//
//===----------------------------------------------------------------------===//

#include "CudnnLoader.h"
#include "Status.h"

#include <atomic>
#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <string>
#include <vector>

namespace rnnrt::cuda {

namespace {

CudnnApi api;
std::atomic<bool> loaded{false};
std::mutex loadMutex;

/// The text of the last dlerror(), never null.
std::string lastDlError() {
  const char *text = dlerror();
  return text ? text : "unknown error";
}

/// Resolves every symbol of `library` into `result`.
bool resolveSymbols(void *library, const std::string &name, CudnnApi &result) {
#define RNNRT_RESOLVE_CUDNN_SYMBOL(symbol)                                     \
  dlerror();                                                                   \
  result.symbol =                                                              \
      reinterpret_cast<decltype(result.symbol)>(dlsym(library, #symbol));      \
  RNNRT_REQUIRE(result.symbol, "cuDNN at %s lacks %s: %s", name.c_str(),       \
                #symbol, lastDlError().c_str());
  RNNRT_CUDNN_SYMBOLS(RNNRT_RESOLVE_CUDNN_SYMBOL)
#undef RNNRT_RESOLVE_CUDNN_SYMBOL
  return true;
}

} // namespace

bool loadCudnn() {
  if (loaded.load(std::memory_order_acquire))
    return true;
  std::lock_guard<std::mutex> lock(loadMutex);
  if (loaded.load(std::memory_order_relaxed))
    return true;

  // libcudnn.so.9 is the library a cuDNN 9 install provides; libcudnn.so is
  // only there with the development package.
  // RNNRT_CUDNN_LIBRARY names another library (a specific install, or a
  // missing one to test the error path).
  std::vector<const char *> names = {"libcudnn.so.9", "libcudnn.so"};
  if (const char *override = std::getenv("RNNRT_CUDNN_LIBRARY"))
    names = {override};
  std::string firstError;
  void *library = nullptr;
  std::string libraryName;
  for (const char *name : names) {
    library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library) {
      libraryName = name;
      break;
    }
    if (firstError.empty())
      firstError = lastDlError();
  }
  RNNRT_REQUIRE(library, "cuDNN not found: dlopen(%s) failed: %s", names[0],
                firstError.c_str());

  // Check the version first: another major version may lack symbols.
  auto getVersion = reinterpret_cast<decltype(&::cudnnGetVersion)>(
      dlsym(library, "cudnnGetVersion"));
  size_t version = getVersion ? getVersion() : 0;
  if (version / 10000 != 9) {
    dlclose(library);
    RNNRT_REQUIRE(false, "cuDNN %zu.%zu.%zu at %s is not cuDNN 9",
                  version / 10000, version % 10000 / 100, version % 100,
                  libraryName.c_str());
  }
  CudnnApi result;
  if (!resolveSymbols(library, libraryName, result)) {
    dlclose(library);
    return false;
  }
  result.library = library;
  result.libraryName = libraryName;
  api = result;
  loaded.store(true, std::memory_order_release);
  return true;
}

const CudnnApi &cudnn() { return api; }

bool isCudnnLoaded() { return loaded.load(std::memory_order_acquire); }

} // namespace rnnrt::cuda
