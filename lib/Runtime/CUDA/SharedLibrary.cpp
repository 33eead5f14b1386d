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

bool openSharedLibrary(const char *what, std::vector<std::string> candidates,
                       const char *overrideVariable, SharedLibrary &result) {
  if (const char *name = std::getenv(overrideVariable))
    candidates = {name};
  std::string firstError;
  for (const std::string &name : candidates) {
    void *handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle) {
      result.handle = handle;
      result.name = name;
      return true;
    }
    if (firstError.empty())
      firstError = lastDlError();
  }
  recordErrorf("%s not found: dlopen(%s) failed: %s", what,
               candidates.empty() ? "" : candidates.front().c_str(),
               firstError.c_str());
  return false;
}

void *resolveSymbol(const char *what, const SharedLibrary &library,
                    const char *symbol) {
  dlerror();
  void *address = dlsym(library.handle, symbol);
  if (!address)
    recordErrorf("%s at %s lacks %s: %s", what, library.name.c_str(), symbol,
                 lastDlError().c_str());
  return address;
}

void closeSharedLibrary(SharedLibrary &library) {
  if (library.handle)
    dlclose(library.handle);
  library = SharedLibrary();
}

} // namespace rnnrt::cuda
