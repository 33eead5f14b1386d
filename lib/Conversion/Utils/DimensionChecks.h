//===- DimensionChecks.h - Run-time checks of shared dimensions -*- C++ -*-===//
//
// Every lowering of a recurrent layer op checks, before it reads anything,
// that the dynamic dimensions its operands and results must share (B of x,
// h_0, c_0, y, h_n, c_n; T of x and y) agree at run time, through the
// runtime's rnnrt_check_same_size, and runs the computation only when all
// agree (scf.if); otherwise it yields placeholder results of the right
// shapes and the runtime holds the error for the caller.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_CONVERSION_UTILS_DIMENSIONCHECKS_H
#define RNN_LIB_CONVERSION_UTILS_DIMENSIONCHECKS_H

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::rnn {

/// The dynamic sizes of `result`, a result of `op`, in order: x's T or B
/// where the result shares them, the configuration's L*D, H or D*H else.
SmallVector<Value> getResultDynamicSizes(OpBuilder &b, Location loc,
                                         RecurrentLayerOpInterface op,
                                         Value result);

/// Guards the lowering of `op` by its run-time dimension checks. Create it
/// at the insertion point of the lowering: when some shared dimension is
/// dynamic it emits the checks and an scf.if and moves the insertion point
/// into the then-branch. finish() then yields the lowered results and
/// returns the values that replace `op`.
class DimensionGuard {
public:
  /// `zeroFill`: the else-branch yields zero-filled tensors (host code);
  /// without it, fresh uninitialized ones (device memory, which host code
  /// must not write; the caller reads no result after an error).
  DimensionGuard(RewriterBase &rewriter, RecurrentLayerOpInterface op,
                 bool zeroFill);

  /// Closes the guard around `results` (the lowering's, of the op's result
  /// types) and returns the replacement values.
  SmallVector<Value> finish(ValueRange results);

private:
  RewriterBase &rewriter;
  RecurrentLayerOpInterface op;
  bool zeroFill;
  Operation *ifOp = nullptr;
};

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_UTILS_DIMENSIONCHECKS_H
