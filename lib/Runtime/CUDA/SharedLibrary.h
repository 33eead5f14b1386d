//===- SharedLibrary.h - Opening a GPU library at run time ------*- C++ -*-===//
//
// The runtime links neither cuDNN nor cuBLAS: it opens them with dlopen and
// resolves the functions it calls, so that a binary built here runs
// wherever the driver is installed and reports a clear error where a
// library is missing. One helper opens the first of several candidate names
// and one resolves a symbol; each library's loader lists its names and
// symbols.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_SHAREDLIBRARY_H
#define RNN_LIB_RUNTIME_CUDA_SHAREDLIBRARY_H

#include "Status.h"

#include <string>
#include <vector>

namespace rnnrt::cuda {

/// An opened library.
struct SharedLibrary {
  void *handle = nullptr;
  /// The name it was opened by.
  std::string name;
};

/// Opens the first loadable of `candidates`, or the one library named by the
/// environment variable `overrideVariable` when it is set. Fails with
/// "<what> not found: dlopen(<first candidate>) failed: <dlerror>".
Status openSharedLibrary(const char *what, std::vector<std::string> candidates,
                         const char *overrideVariable, SharedLibrary &result);

/// Looks up `symbol` in `library`; fails with "<what> at <name> lacks
/// <symbol>" when it is absent.
Status resolveSymbol(const char *what, const SharedLibrary &library,
                     const char *symbol, void **address);

/// Closes `library` (after a failed load).
void closeSharedLibrary(SharedLibrary &library);

} // namespace rnnrt::cuda

/// Resolves `symbol` of `library` into `api.symbol` (typed like the
/// function it points to); on failure closes the library and returns the
/// error from the enclosing function.
#define RNNRT_RESOLVE_SYMBOL(what, library, api, symbol)                       \
  do {                                                                         \
    void *rnnrtAddress = nullptr;                                              \
    ::rnnrt::cuda::Status rnnrtResolved =                                      \
        ::rnnrt::cuda::resolveSymbol(what, library, #symbol, &rnnrtAddress);   \
    if (!rnnrtResolved.ok()) {                                                 \
      ::rnnrt::cuda::closeSharedLibrary(library);                              \
      return rnnrtResolved;                                                    \
    }                                                                          \
    (api).symbol = reinterpret_cast<decltype((api).symbol)>(rnnrtAddress);     \
  } while (false)

#endif // RNN_LIB_RUNTIME_CUDA_SHAREDLIBRARY_H
