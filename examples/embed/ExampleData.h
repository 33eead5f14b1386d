//===- ExampleData.h - What the embedding examples share --------*- C++ -*-===//
//
// Deterministic data, MLIR's memref descriptors over std::vector and the CPU
// runtime's symbols for a JIT, for the example programs in this folder
// (main.cpp, train.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef RNN_EXAMPLES_EMBED_EXAMPLEDATA_H
#define RNN_EXAMPLES_EMBED_EXAMPLEDATA_H

#include "rnn/Runtime/CPURuntime.h"

#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace rnn_example {

/// Deterministic values in [-scale, scale] (a linear congruential
/// generator, the same on every platform).
inline std::vector<float> makeData(int64_t size, uint32_t seed, float scale) {
  std::vector<float> data(size);
  uint32_t state = seed;
  for (float &value : data) {
    state = state * 1664525u + 1013904223u;
    value = scale * (2.0f * static_cast<float>(state >> 8) / (1 << 24) - 1.0f);
  }
  return data;
}

/// A row-major rank-R descriptor over `data` (MLIR's memref ABI).
template <typename T, int Rank>
StridedMemRefType<T, Rank> describe(std::vector<T> &data,
                                    const int64_t (&shape)[Rank]) {
  StridedMemRefType<T, Rank> memref;
  memref.basePtr = memref.data = data.data();
  memref.offset = 0;
  int64_t stride = 1;
  for (int d = Rank - 1; d >= 0; --d) {
    memref.sizes[d] = shape[d];
    memref.strides[d] = stride;
    stride *= shape[d];
  }
  return memref;
}

/// Frees a result buffer the caller owns (docs/ABI.md), unless it is the
/// marker of a constant global.
inline void freeResult(void *allocated) {
  if (reinterpret_cast<uintptr_t>(allocated) != 0xdeadbeef)
    std::free(allocated);
}

/// Hands `engine` the CPU runtime's symbols (rnnrt_cpu_symbols), which the
/// compiled code calls.
inline void registerRuntimeSymbols(mlir::ExecutionEngine &engine) {
  engine.registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    size_t count = 0;
    const rnnrt_symbol *table = rnnrt_cpu_symbols(&count);
    for (size_t i = 0; i < count; ++i)
      symbols[interner(table[i].name)] = {
          llvm::orc::ExecutorAddr::fromPtr(table[i].address),
          llvm::JITSymbolFlags::Exported};
    return symbols;
  });
}

} // namespace rnn_example

#endif // RNN_EXAMPLES_EMBED_EXAMPLEDATA_H
