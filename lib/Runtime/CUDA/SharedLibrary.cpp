//===- SharedLibrary.cpp - Opening a GPU library at run time --------------===//

#include "SharedLibrary.h"
#include "Status.h"

#include <cstdlib>
#include <dlfcn.h>

namespace rnnrt::cuda {

namespace {
/// The text of the last dlerror(), never null.
std::string lastDlError() {
  const char *text = dlerror();
  return text ? text : "unknown error";
}
} // namespace

Status openSharedLibrary(const char *what, std::vector<std::string> candidates,
                         const char *overrideVariable, SharedLibrary &result) {
  if (const char *name = std::getenv(overrideVariable))
    candidates = {name};
  std::string firstError;
  for (const std::string &name : candidates) {
    void *handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle) {
      result.handle = handle;
      result.name = name;
      return success();
    }
    if (firstError.empty())
      firstError = lastDlError();
  }
  return errorf("%s not found: dlopen(%s) failed: %s", what,
                candidates.empty() ? "" : candidates.front().c_str(),
                firstError.c_str());
}

Status resolveSymbol(const char *what, const SharedLibrary &library,
                     const char *symbol, void **address) {
  dlerror();
  *address = dlsym(library.handle, symbol);
  RNNRT_REQUIRE(*address, "%s at %s lacks %s: %s", what, library.name.c_str(),
                symbol, lastDlError().c_str());
  return success();
}

void closeSharedLibrary(SharedLibrary &library) {
  if (library.handle)
    dlclose(library.handle);
  library = SharedLibrary();
}

} // namespace rnnrt::cuda
