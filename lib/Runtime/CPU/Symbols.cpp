//===- Symbols.cpp - The symbols CPU-compiled code resolves ---------------===//
//
// The CPU rows of rnn/Runtime/RuntimeABI.def.
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Runtime/OneDNNRuntime.h"

#define RNNRT_SELECT_CPU(...) __VA_ARGS__
#define RNNRT_SELECT_CUDA(...)
#include "../RuntimeSymbols.inc"

extern "C" const rnnrt_symbol *rnnrt_cpu_symbols(size_t *count) {
  return runtimeSymbols().get(count);
}
