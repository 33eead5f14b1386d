//===- DimensionChecks.h - Run-time checks of shared dimensions -*- C++ -*-===//
//
// Every lowering of a recurrent layer op checks, before it reads anything,
// that the dynamic dimensions its operands and results must share (B of x,
// h_0, c_0, y, h_n, c_n, seq_lengths; T of x and y) agree at run time,
// through the runtime's rnnrt_check_same_size, and that every sequence
// length is in [0, T] (rnnrt_check_sequence_length), and runs the computation
// only when all agree (scf.if); otherwise it yields placeholder results of the
// right shapes and the runtime holds the error for the caller.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_CONVERSION_UTILS_DIMENSIONCHECKS_H
#define RNN_LIB_CONVERSION_UTILS_DIMENSIONCHECKS_H

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::rnn {

/// The dynamic sizes of `result`, a result of `op`, in order: x's T or B
/// where the result shares them, the configuration's L*D, H, D*H or packed
/// size else (0 for a reserve).
SmallVector<Value> getResultDynamicSizes(OpBuilder &b, Location loc,
                                         RecurrentOpInterface op, Value result);

/// The code that names `op` in run-time errors (ShapeCheckCodes.h).
int64_t getOpCode(RecurrentOpInterface op);

/// The declaration of a runtime check `name` taking `numArgs` i64 and
/// returning i8 (1 = ok), e.g. rnnrt_check_same_size.
func::FuncOp getOrDeclareCheckFunction(ModuleOp module, StringRef name,
                                       unsigned numArgs);

/// Guards the lowering of `op` by its run-time dimension checks. Create it
/// at the insertion point of the lowering: when some shared dimension is
/// dynamic it emits the checks and an scf.if and moves the insertion point
/// into the then-branch. finish() then yields the lowered results and
/// returns the values that replace `op`.
class DimensionGuard {
public:
  /// `zeroFill`: the else-branch yields zero-filled tensors (host code);
  /// without it, fresh uninitialized ones (device memory, which host code
  /// must not write; the caller reads no result after an error), and the
  /// seq_lengths values, which host code must not read either, are left to
  /// the GPU runtime's call (it copies them to the host and reports a bad
  /// one through rnnrt_check_sequence_length, as host code would).
  /// `alsoRequired`: an i1 the computation also needs (a check of the
  /// reserve), or null.
  DimensionGuard(RewriterBase &rewriter, RecurrentOpInterface op, bool zeroFill,
                 Value alsoRequired = {});

  /// Closes the guard around `results` (the lowering's, of the op's result
  /// types) and returns the replacement values.
  SmallVector<Value> finish(ValueRange results);

private:
  RewriterBase &rewriter;
  RecurrentOpInterface op;
  bool zeroFill;
  Operation *ifOp = nullptr;
};

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_UTILS_DIMENSIONCHECKS_H
