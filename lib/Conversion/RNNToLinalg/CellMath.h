//===- CellMath.h - The per-mode gate math of one time step -----*- C++ -*-===//
//
// The only mode-specific part of the recurrent lowering: scalar arithmetic
// built inside the fused pointwise linalg.generic of one time step.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_CONVERSION_RNNTOLINALG_CELLMATH_H
#define RNN_LIB_CONVERSION_RNNTOLINALG_CELLMATH_H

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::rnn {

/// Scalar operands of one element of a time step.
struct CellInputs {
  /// W x + b_W for each gate (G values).
  ValueRange inputGates;
  /// R h + b_R for each gate (G values).
  ValueRange recurrentGates;
  /// h_{t-1} (used by GRU).
  Value hidden;
  /// c_{t-1} (LSTM only, else null).
  Value cell;
};

/// Builds the new h (and c for LSTM) of one element, as cuDNN defines them.
/// Returns {h'} or {h', c'}.
SmallVector<Value, 2> buildCellMath(OpBuilder &b, Location loc, Mode mode,
                                    const CellInputs &in);

/// Whether the cell math reads h_{t-1} directly (GRU) besides R h.
bool cellReadsHidden(Mode mode);

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_RNNTOLINALG_CELLMATH_H
