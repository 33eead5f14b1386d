//===- CudnnLoader.h - cuDNN, loaded at run time ----------------*- C++ -*-===//
//
// The runtime never links libcudnn: it opens libcudnn.so.9 with dlopen and
// looks up every function it calls from the one list RNNRT_CUDNN_SYMBOLS, so
// that a binary built here runs wherever the driver is installed and reports
// a clear error where cuDNN is not. libcudnn.so.9 is the cuDNN 9 shim: it
// exports the cudnnRNN* functions and loads libcudnn_adv etc. itself.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_CUDNNLOADER_H
#define RNN_LIB_RUNTIME_CUDA_CUDNNLOADER_H

#include <cudnn.h>

#include "Status.h"

#include <string>

/// Every cuDNN function the runtime calls. X(name) is expanded once per
/// function; the declaration in cudnn.h gives its type.
#define RNNRT_CUDNN_SYMBOLS(X)                                                 \
  X(cudnnGetVersion)                                                           \
  X(cudnnGetErrorString)                                                       \
  X(cudnnGetLastErrorString)                                                   \
  X(cudnnCreate)                                                               \
  X(cudnnDestroy)                                                              \
  X(cudnnSetStream)                                                            \
  X(cudnnCreateTensorDescriptor)                                               \
  X(cudnnDestroyTensorDescriptor)                                              \
  X(cudnnSetTensorNdDescriptor)                                                \
  X(cudnnGetTensorNdDescriptor)                                                \
  X(cudnnCreateDropoutDescriptor)                                              \
  X(cudnnDestroyDropoutDescriptor)                                             \
  X(cudnnDropoutGetStatesSize)                                                 \
  X(cudnnSetDropoutDescriptor)                                                 \
  X(cudnnCreateRNNDescriptor)                                                  \
  X(cudnnDestroyRNNDescriptor)                                                 \
  X(cudnnSetRNNDescriptor_v8)                                                  \
  X(cudnnBuildRNNDynamic)                                                      \
  X(cudnnGetRNNWeightSpaceSize)                                                \
  X(cudnnGetRNNTempSpaceSizes)                                                 \
  X(cudnnGetRNNWeightParams)                                                   \
  X(cudnnCreateRNNDataDescriptor)                                              \
  X(cudnnDestroyRNNDataDescriptor)                                             \
  X(cudnnSetRNNDataDescriptor)                                                 \
  X(cudnnRNNForward)                                                           \
  X(cudnnRNNBackwardData_v8)                                                   \
  X(cudnnRNNBackwardWeights_v8)

namespace rnnrt::cuda {

/// The entry points of the loaded cuDNN, one member per symbol of
/// RNNRT_CUDNN_SYMBOLS, named like the function it points to.
struct CudnnApi {
#define RNNRT_DECLARE_CUDNN_SYMBOL(name) decltype(&::name) name = nullptr;
  RNNRT_CUDNN_SYMBOLS(RNNRT_DECLARE_CUDNN_SYMBOL)
#undef RNNRT_DECLARE_CUDNN_SYMBOL

  /// The dlopen handle and the name it was opened by.
  void *library = nullptr;
  std::string libraryName;
};

/// Opens cuDNN and resolves every symbol, once per process (thread-safe;
/// a failed attempt is retried on the next call). Returns false with the
/// error recorded, e.g. "cuDNN not found: dlopen(libcudnn.so.9) failed: ...".
Status loadCudnn();

/// The loaded functions; only valid after loadCudnn() returned true.
const CudnnApi &cudnn();

/// Whether loadCudnn() has succeeded.
bool isCudnnLoaded();

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_CUDNNLOADER_H
