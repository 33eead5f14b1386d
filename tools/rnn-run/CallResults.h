//===- CallResults.h - The results of one call of JIT code ------*- C++ -*-===//
//
// The memref descriptors one call returned, copied out into host tensors and
// freed by their owner (see docs/ABI.md, "Ownership of results").
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_CALLRESULTS_H
#define RNN_TOOLS_RNN_RUN_CALLRESULTS_H

#include "HostTensor.h"
#include "MemRefABI.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <utility>

namespace mlir::rnn::run {

class BufferSpace;

/// An input as the compiled code sees it (see JitSession::stageInputs).
struct StagedInput {
  void *data;
  llvm::SmallVector<int64_t> shape;
  size_t numBytes;
};

/// The results of one call, still in the memory the callee returned. The
/// destructor frees that memory (see release()).
class CallResults {
public:
  CallResults(PackedCall packedCall,
              llvm::ArrayRef<RankedTensorType> resultTypes,
              llvm::ArrayRef<StagedInput> inputs, BufferSpace &space);
  CallResults(CallResults &&other)
      : packedCall(std::move(other.packedCall)),
        resultTypes(std::move(other.resultTypes)),
        inputRanges(std::move(other.inputRanges)), space(other.space),
        released(other.released) {
    other.released = true;
  }
  CallResults &operator=(CallResults &&other) = delete;
  ~CallResults() { release(); }

  /// Waits for the call, then copies every result (honouring offsets and
  /// strides) into host tensors.
  llvm::Expected<llvm::SmallVector<HostTensor>> copyToHost() const;

  /// Frees each result's allocated pointer once, unless it is null, the
  /// 0xdeadbeef marker of memref.get_global, or inside an input buffer.
  void release();

private:
  PackedCall packedCall;
  llvm::SmallVector<RankedTensorType> resultTypes;
  /// [begin, end) byte ranges of the input buffers.
  llvm::SmallVector<std::pair<const uint8_t *, const uint8_t *>> inputRanges;
  BufferSpace *space;
  bool released = false;
};

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_CALLRESULTS_H
