//===- MemRefABI.h - Calling lowered functions with memrefs -----*- C++ -*-===//
//
// The calling convention between rnn-run and a function lowered by the CPU
// pipeline (func-to-llvm, default convention; see docs/ABI.md):
//
//  * A tensor argument of rank R became a memref with the identity layout and
//    is passed as 3 + 2R scalar LLVM arguments:
//      allocated ptr, aligned ptr, offset (i64), sizes[R] (i64), strides[R]
//  * The results are returned as one LLVM value: the descriptor struct
//      {ptr, ptr, i64, [R x i64], [R x i64]}
//    of the single result, or a struct of such structs for several results.
//  * ExecutionEngine::invokePacked calls the generated wrapper
//    `_mlir_<name>(void **args)`: args[k] points to the k-th scalar argument,
//    and the last pointer is where the wrapper stores the returned struct.
//    Every field is 8 bytes, so the struct is sum(3 + 2R_i) int64 words with
//    no padding.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_MEMREFABI_H
#define RNN_TOOLS_RNN_RUN_MEMREFABI_H

#include "HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace mlir::rnn::run {

/// Number of scalar arguments (= int64 words) of a rank-`rank` descriptor.
inline int64_t getDescriptorWordCount(int64_t rank) { return 3 + 2 * rank; }

/// A memref descriptor as the callee returned it.
struct StridedMemRefView {
  void *allocated = nullptr;
  void *aligned = nullptr;
  int64_t offset = 0;
  llvm::SmallVector<int64_t, 4> sizes;
  llvm::SmallVector<int64_t, 4> strides;
};

/// The packed-argument array of one call: the scalars of every argument
/// descriptor followed by the result slot. It owns the storage the pointers
/// point to, so it must outlive the call.
class PackedCall {
public:
  /// A call whose results have the given ranks.
  explicit PackedCall(llvm::ArrayRef<int64_t> resultRanks);

  /// Appends a memref argument viewing the row-major buffer `data` of shape
  /// `shape` (identity layout: offset 0, strides of a C-order array).
  void addArgument(void *data, llvm::ArrayRef<int64_t> shape);

  /// The array to pass to ExecutionEngine::invokePacked. Valid until the next
  /// addArgument.
  llvm::MutableArrayRef<void *> getPackedArguments();

  /// The descriptor the callee returned for result `index`.
  StridedMemRefView getResult(unsigned index) const;

private:
  llvm::SmallVector<int64_t> argumentWords;
  llvm::SmallVector<int64_t> resultRanks;
  llvm::SmallVector<int64_t> resultWords;
  llvm::SmallVector<void *> packedArguments;
};

/// Checks that the LLVM function `entry` in the lowered `module` has the
/// signature of this ABI for arguments and results of the given ranks, so
/// that a mismatch is an error instead of a crash in JIT code.
llvm::Error verifyLoweredSignature(ModuleOp module, llvm::StringRef entry,
                                   llvm::ArrayRef<int64_t> argumentRanks,
                                   llvm::ArrayRef<int64_t> resultRanks);

/// Copies the strided memref `view` (any offset and strides) of elements of
/// type `elementType` into a new row-major HostTensor.
llvm::Expected<HostTensor> copyToHostTensor(const StridedMemRefView &view,
                                            ElementType elementType);

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_MEMREFABI_H
