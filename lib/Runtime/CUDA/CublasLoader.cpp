//===- CublasLoader.cpp - cuBLAS, loaded at run time ----------------------===//
//
// libcublas.so.13 from the loader's path, else from the CUDA toolkit's
// lib64 (where the GPU machine keeps it); its libcublasLt sibling is opened
// first so that the toolkit copy resolves without LD_LIBRARY_PATH.
//
//===----------------------------------------------------------------------===//

#include "CublasLoader.h"
#include "SharedLibrary.h"
#include "Status.h"

#include <atomic>
#include <dlfcn.h>
#include <mutex>

namespace rnnrt::cuda {

namespace {

CublasApi api;
std::atomic<bool> loaded{false};
std::mutex loadMutex;

constexpr const char *kToolkitLibraryDir = "/usr/local/cuda/lib64/";

} // namespace

Status loadCublas() {
  if (loaded.load(std::memory_order_acquire))
    return success();
  std::lock_guard<std::mutex> lock(loadMutex);
  if (loaded.load(std::memory_order_relaxed))
    return success();

  // Kept open for the process: libcublas needs it (ignored when absent, the
  // loader then finds it on its path or reports it).
  static void *toolkitLt =
      dlopen((std::string(kToolkitLibraryDir) + "libcublasLt.so.13").c_str(),
             RTLD_NOW | RTLD_GLOBAL);
  (void)toolkitLt;
  SharedLibrary library;
  RNNRT_RETURN_IF_ERROR(openSharedLibrary(
      "cuBLAS",
      {"libcublas.so.13", std::string(kToolkitLibraryDir) + "libcublas.so.13"},
      "RNNRT_CUBLAS_LIBRARY", library));

  CublasApi result;
#define RNNRT_RESOLVE_CUBLAS_SYMBOL(symbol)                                    \
  RNNRT_RESOLVE_SYMBOL("cuBLAS", library, result, symbol);
  RNNRT_CUBLAS_SYMBOLS(RNNRT_RESOLVE_CUBLAS_SYMBOL)
  RNNRT_RESOLVE_CUBLAS_SYMBOL(cublasGemmEx)
#undef RNNRT_RESOLVE_CUBLAS_SYMBOL

  int major = 0, minor = 0, patch = 0;
  result.cublasGetProperty(MAJOR_VERSION, &major);
  result.cublasGetProperty(MINOR_VERSION, &minor);
  result.cublasGetProperty(PATCH_LEVEL, &patch);
  if (major < 12) {
    std::string name = library.name;
    closeSharedLibrary(library);
    RNNRT_REQUIRE(false, "cuBLAS %d.%d.%d at %s is older than 12", major, minor,
                  patch, name.c_str());
  }
  result.version = major * 10000 + minor * 100 + patch;
  result.library = library.handle;
  result.libraryName = library.name;
  api = result;
  loaded.store(true, std::memory_order_release);
  return success();
}

const CublasApi &cublas() { return api; }

bool isCublasLoaded() { return loaded.load(std::memory_order_acquire); }

} // namespace rnnrt::cuda
