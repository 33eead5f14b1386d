//===- Symbols.cpp - The symbols cuDNN-compiled code resolves -------------===//

#include "rnn/Runtime/CUDARuntime.h"

namespace {

/// Names as the lowered code references them. memref.alloc/dealloc lower to
/// MLIR's generic allocation functions (use-generic-functions) and
/// memref.copy of non-identity layouts to memrefCopy; all of them work on
/// device memory here.
/// Entry points the compiler declares once per element type: the C
/// interface passes descriptor pointers, so one implementation serves all.
#define RNNRT_TYPED_ALIASES(name, function)                                    \
  {"_mlir_ciface_" name "_f16", reinterpret_cast<void *>(&function)},          \
      {"_mlir_ciface_" name "_f32", reinterpret_cast<void *>(&function)}, {    \
    "_mlir_ciface_" name "_f64", reinterpret_cast<void *>(&function)           \
  }

const rnnrt_symbol cudaSymbols[] = {
    {"_mlir_ciface_rnnrt_cudnn_rnn_forward",
     reinterpret_cast<void *>(&_mlir_ciface_rnnrt_cudnn_rnn_forward)},
    RNNRT_TYPED_ALIASES("rnnrt_cudnn_rnn_forward",
                        _mlir_ciface_rnnrt_cudnn_rnn_forward),
    {"_mlir_ciface_rnnrt_cublas_rnn_forward",
     reinterpret_cast<void *>(&_mlir_ciface_rnnrt_cublas_rnn_forward)},
    RNNRT_TYPED_ALIASES("rnnrt_cublas_rnn_forward",
                        _mlir_ciface_rnnrt_cublas_rnn_forward),
    RNNRT_TYPED_ALIASES("rnnrt_cuda_memref_copy", rnnrt_cuda_memref_copy),
    {"_mlir_ciface_rnnrt_cuda_pack_params_f16",
     reinterpret_cast<void *>(&_mlir_ciface_rnnrt_cuda_pack_params_f16)},
    {"_mlir_ciface_rnnrt_cuda_pack_params_f32",
     reinterpret_cast<void *>(&_mlir_ciface_rnnrt_cuda_pack_params_f32)},
    {"_mlir_ciface_rnnrt_cuda_pack_params_f64",
     reinterpret_cast<void *>(&_mlir_ciface_rnnrt_cuda_pack_params_f64)},
    {"_mlir_ciface_rnnrt_cuda_upload_constant_f16",
     reinterpret_cast<void *>(&_mlir_ciface_rnnrt_cuda_upload_constant_f16)},
    {"_mlir_ciface_rnnrt_cuda_upload_constant_f32",
     reinterpret_cast<void *>(&_mlir_ciface_rnnrt_cuda_upload_constant_f32)},
    {"_mlir_ciface_rnnrt_cuda_upload_constant_f64",
     reinterpret_cast<void *>(&_mlir_ciface_rnnrt_cuda_upload_constant_f64)},
    {"rnnrt_cuda_constant", reinterpret_cast<void *>(&rnnrt_cuda_constant)},
    {"rnnrt_cuda_release_module",
     reinterpret_cast<void *>(&rnnrt_cuda_release_module)},
    {"_mlir_memref_to_llvm_alloc",
     reinterpret_cast<void *>(&rnnrt_cuda_memref_alloc)},
    {"_mlir_memref_to_llvm_aligned_alloc",
     reinterpret_cast<void *>(&rnnrt_cuda_memref_aligned_alloc)},
    {"_mlir_memref_to_llvm_free",
     reinterpret_cast<void *>(&rnnrt_cuda_memref_free)},
    {"memrefCopy", reinterpret_cast<void *>(&rnnrt_cuda_memref_copy)},
};

} // namespace

extern "C" const rnnrt_symbol *rnnrt_cuda_symbols(size_t *count) {
  if (count)
    *count = sizeof(cudaSymbols) / sizeof(cudaSymbols[0]);
  return cudaSymbols;
}
