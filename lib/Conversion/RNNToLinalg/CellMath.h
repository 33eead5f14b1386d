//===- CellMath.h - The per-mode gate math of one time step -----*- C++ -*-===//
//
// The only mode-specific part of the recurrent lowerings: scalar arithmetic
// built inside the fused pointwise linalg.generic of one time step, forward
// (the new state, and what the backward needs saved) and backward (the
// gradients of the gate pre-activations and of the previous state).
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_CONVERSION_RNNTOLINALG_CELLMATH_H
#define RNN_LIB_CONVERSION_RNNTOLINALG_CELLMATH_H

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::rnn {

/// Scalar operands of one element of a forward time step.
struct CellInputs {
  /// W x + b_W for each gate (G values).
  ValueRange inputGates;
  /// R h + b_R for each gate (G values).
  ValueRange recurrentGates;
  /// h_{t-1} (used by GRU).
  Value hidden;
  /// c_{t-1} (LSTM only, else null).
  Value cell;
  /// GRU: whether the reset gate scales the n gate's recurrent input
  /// (linear-before-reset) or was applied to h before it (false).
  bool linearBeforeReset = true;
};

/// The results of one element of a forward time step.
struct CellOutputs {
  /// {h'} or {h', c'}.
  SmallVector<Value, 2> states;
  /// What the backward reads at this step (numSavedValues(mode) values):
  /// LSTM i, f, g, o, c'; GRU r, z, n, R_h h + b_Rh; RNN nothing (h' is in
  /// the layer's output).
  SmallVector<Value, 5> saved;
};

/// Builds the new h (and c for LSTM) of one element, as cuDNN defines them,
/// and the values a training forward saves.
CellOutputs buildCellMath(OpBuilder &b, Location loc, Mode mode,
                          const CellInputs &in);

/// 1 / (1 + exp(-x)), as the cells compute it.
Value buildSigmoid(OpBuilder &b, Location loc, Value x);

/// Whether the cell math reads h_{t-1} directly (GRU) besides R h.
bool cellReadsHidden(Mode mode);

/// How many values per element and step a training forward saves.
int64_t numSavedValues(Mode mode);

/// Scalar operands of one element of a backward time step.
struct CellGradInputs {
  /// The forward's saved values at this step.
  ValueRange saved;
  /// h_t, the step's output (read by RNN).
  Value hidden;
  /// h_{t-1} (read by GRU).
  Value previousHidden;
  /// c_{t-1} (read by LSTM).
  Value previousCell;
  /// dL/dh_t.
  Value hiddenGrad;
  /// dL/dc_t (LSTM).
  Value cellGrad;
  /// GRU's reset placement (see CellInputs).
  bool linearBeforeReset = true;
};

/// The results of one element of a backward time step.
struct CellGradOutputs {
  /// dL/d(W_k x + b_Wk) per gate (G values).
  SmallVector<Value, 4> inputGateGrads;
  /// dL/d(R_k h + b_Rk) per gate (G values); the input ones except for
  /// GRU's n gate, which the reset gate scales.
  SmallVector<Value, 4> recurrentGateGrads;
  /// The part of dL/dh_{t-1} that does not flow through R h (GRU: z dh').
  Value previousHiddenGrad;
  /// dL/dc_{t-1} (LSTM).
  Value previousCellGrad;
};

/// Builds the backward of buildCellMath for one element. For a GRU without
/// linear-before-reset the r gradient needs R_h^T dn first: it is 0 here and
/// buildResetGateGradMath completes it.
CellGradOutputs buildCellGradMath(OpBuilder &b, Location loc, Mode mode,
                                  const CellGradInputs &in);

/// The rest of a GRU-without-linear-before-reset step's backward, given
/// candidateGrad = (dL/d(R_h (r h) + b_Rh)) R_h: returns {dL/d(r's
/// pre-activation), the part of dL/dh_{t-1} through r h}.
SmallVector<Value, 2> buildResetGateGradMath(OpBuilder &b, Location loc,
                                             Value reset, Value previousHidden,
                                             Value candidateGrad);

/// Whether buildCellGradMath's recurrent gate gradients differ from its
/// input gate gradients (cuDNN's GRU, where r scales R_h h + b_Rh).
bool cellHasSeparateRecurrentGrads(Mode mode, bool linearBeforeReset);

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_RNNTOLINALG_CELLMATH_H
