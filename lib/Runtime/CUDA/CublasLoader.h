//===- CublasLoader.h - cuBLAS, loaded at run time --------------*- C++ -*-===//
//
// The cuBLAS fallback's GEMMs come from libcublas.so.13, opened with dlopen
// like cuDNN (see SharedLibrary.h): every function the runtime calls is in
// the one list RNNRT_CUBLAS_SYMBOLS.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_CUBLASLOADER_H
#define RNN_LIB_RUNTIME_CUDA_CUBLASLOADER_H

#include <cublas_api.h>

#include "Status.h"

#include <string>

/// Every cuBLAS function the runtime calls (the _v2 names are the exported
/// ones). X(name) is expanded once per function.
#define RNNRT_CUBLAS_SYMBOLS(X)                                                \
  X(cublasGetProperty)                                                         \
  X(cublasGetStatusName)                                                       \
  X(cublasGetStatusString)                                                     \
  X(cublasCreate_v2)                                                           \
  X(cublasDestroy_v2)                                                          \
  X(cublasSetStream_v2)                                                        \
  X(cublasSetWorkspace_v2)                                                     \
  X(cublasSetMathMode)

namespace rnnrt::cuda {

/// cublasGemmEx, the exported C function (C++ also sees a deprecated
/// overload taking cudaDataType_t for the compute type).
using CublasGemmExFn = cublasStatus_t (*)(
    cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int, int,
    const void *, const void *, cudaDataType_t, int, const void *,
    cudaDataType_t, int, const void *, void *, cudaDataType_t, int,
    cublasComputeType_t, cublasGemmAlgo_t);

/// The entry points of the loaded cuBLAS, one member per symbol.
struct CublasApi {
#define RNNRT_DECLARE_CUBLAS_SYMBOL(name) decltype(&::name) name = nullptr;
  RNNRT_CUBLAS_SYMBOLS(RNNRT_DECLARE_CUBLAS_SYMBOL)
#undef RNNRT_DECLARE_CUBLAS_SYMBOL
  CublasGemmExFn cublasGemmEx = nullptr;

  void *library = nullptr;
  std::string libraryName;
  /// major * 10000 + minor * 100 + patch.
  int version = 0;
};

/// Opens cuBLAS and resolves every symbol, once per process (thread-safe; a
/// failed attempt is retried on the next call). RNNRT_CUBLAS_LIBRARY names
/// another library. Returns false with the error recorded.
Status loadCublas();

/// The loaded functions; only valid after loadCublas() returned true.
const CublasApi &cublas();

/// Whether loadCublas() has succeeded.
bool isCublasLoaded();

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_CUBLASLOADER_H
