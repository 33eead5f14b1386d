//===- Symbols.cpp - The symbols GPU-compiled code resolves ---------------===//
//
// The CUDA rows of rnn/Runtime/RuntimeABI.def: the entry points the GPU
// conversions declare, and what MLIR's own lowerings call (memref.alloc and
// dealloc lower to MLIR's generic allocation functions, memref.copy of
// non-identity layouts to memrefCopy), all of which work on device memory.
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CUDARuntime.h"

#define RNNRT_SELECT_CPU(...)
#define RNNRT_SELECT_CUDA(...) __VA_ARGS__
#include "../RuntimeSymbols.inc"

extern "C" const rnnrt_symbol *rnnrt_cuda_symbols(size_t *count) {
  return runtimeSymbols().get(count);
}
