//===- Backend.cpp - Which backend rnn-run lowers for ---------------------===//
//
// auto takes cudnn where a GPU and cuDNN are present, the cuBLAS fallback
// (with a remark saying why) where there is a GPU without cuDNN, else cpu.
// An explicitly requested GPU backend that cannot run is an error with the
// reason a user can act on: no GPU, no GPU library, or not in this build.
// cudnn without cuDNN runs on the fallback (the runtime's remark says so).
//
//===----------------------------------------------------------------------===//

#include "Backend.h"

#include "rnn/Runtime/OneDNNRuntime.h"

#ifdef RNN_RUN_HAVE_CUDA
#include "rnn/Runtime/CUDARuntime.h"
#endif

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/DynamicLibrary.h"

using namespace mlir::rnn::run;

llvm::StringRef mlir::rnn::run::getBackendName(Backend backend) {
  switch (backend) {
  case Backend::Auto:
    return "auto";
  case Backend::CPU:
    return "cpu";
  case Backend::OneDNN:
    return "onednn";
  case Backend::CuDNN:
    return "cudnn";
  case Backend::CuBLAS:
    return "cublas";
  }
  llvm_unreachable("unknown backend");
}

llvm::Expected<Backend> mlir::rnn::run::parseBackend(llvm::StringRef name) {
  std::optional<Backend> backend =
      llvm::StringSwitch<std::optional<Backend>>(name)
          .Case("auto", Backend::Auto)
          .Case("cpu", Backend::CPU)
          .Case("onednn", Backend::OneDNN)
          .Case("cudnn", Backend::CuDNN)
          .Case("cublas", Backend::CuBLAS)
          .Default(std::nullopt);
  if (!backend)
    return llvm::createStringError(
        "unknown backend '" + name +
        "' (expected auto, cpu, onednn, cudnn or cublas)");
  return *backend;
}

#ifdef RNN_RUN_HAVE_CUDA
/// The runtime's remarks, in rnn-run's format.
static void printRemark(const char *message) {
  llvm::errs() << "rnn-run: remark: " << message << "\n";
}

/// Whether the CUDA driver is installed and reports at least one GPU. The
/// driver library is opened at run time so that rnn-run never needs it.
static bool hasCudaGpu() {
  std::string error;
  llvm::sys::DynamicLibrary driver =
      llvm::sys::DynamicLibrary::getPermanentLibrary("libcuda.so.1", &error);
  if (!driver.isValid())
    return false;
  using CuInit = int (*)(unsigned);
  using CuDeviceGetCount = int (*)(int *);
  auto cuInit = reinterpret_cast<CuInit>(driver.getAddressOfSymbol("cuInit"));
  auto cuDeviceGetCount = reinterpret_cast<CuDeviceGetCount>(
      driver.getAddressOfSymbol("cuDeviceGetCount"));
  int count = 0;
  return cuInit && cuDeviceGetCount && cuInit(0) == 0 &&
         cuDeviceGetCount(&count) == 0 && count > 0;
}
#endif

llvm::Expected<Backend> mlir::rnn::run::resolveBackend(Backend requested) {
#ifdef RNN_RUN_HAVE_CUDA
  rnnrt_cuda_set_remark_handler(printRemark);
#endif
  switch (requested) {
  case Backend::Auto:
#ifdef RNN_RUN_HAVE_CUDA
    if (hasCudaGpu()) {
      if (rnnrt_cuda_init() == 0) {
        const char *cudnnError = rnnrt_cuda_library_error(RNNRT_LIBRARY_CUDNN);
        if (!cudnnError)
          return Backend::CuDNN;
        printRemark((llvm::Twine("cuDNN is not available (") + cudnnError +
                     "): using the cuBLAS fallback backend")
                        .str()
                        .c_str());
        return Backend::CuBLAS;
      }
      // Neither GPU library: fall back to the CPU silently, as documented.
      (void)rnnrt_cuda_take_error();
    }
#endif
    return Backend::CPU;
  case Backend::CPU:
    return Backend::CPU;
  case Backend::OneDNN:
    if (!rnnrt_onednn_available())
      return llvm::createStringError(
          "backend 'onednn' is not available in this build (oneDNN was not "
          "found: install libdnnl-dev and reconfigure)");
    return Backend::OneDNN;
  case Backend::CuDNN:
  case Backend::CuBLAS:
#ifdef RNN_RUN_HAVE_CUDA
    if (!hasCudaGpu())
      return llvm::createStringError("backend '" + getBackendName(requested) +
                                     "' needs a GPU: no CUDA GPU found");
    if (rnnrt_cuda_init())
      return llvm::createStringError(rnnrt_cuda_take_error());
    if (requested == Backend::CuBLAS) {
      if (const char *error = rnnrt_cuda_library_error(RNNRT_LIBRARY_CUBLAS))
        return llvm::createStringError(
            llvm::Twine("backend 'cublas' needs cuBLAS: ") + error);
    }
    return requested;
#else
    return llvm::createStringError("backend '" + getBackendName(requested) +
                                   "' is not available in this build "
                                   "(RNN_ENABLE_CUDA=OFF)");
#endif
  }
  llvm_unreachable("unknown backend");
}
