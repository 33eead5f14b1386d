//===- LayerBuilders.h - What the forward and backward lowerings share -*- C++
//-*-===//
//
// The per-op context of a recurrent lowering and the slicing helpers of its
// time loops, shared by the forward (RecurrentLayerLowering.cpp) and the
// backward (RecurrentGradLowering.cpp) of every mode.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_CONVERSION_RNNTOLINALG_LAYERBUILDERS_H
#define RNN_LIB_CONVERSION_RNNTOLINALG_LAYERBUILDERS_H

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::rnn {

/// What every (layer, direction) of one op shares.
struct LoweringContext {
  RecurrentOpInterface op;
  rnnrt::ParamsLayout layout;
  Mode mode;
  int64_t numGates;
  /// H, the width of the gates and of c.
  int64_t hidden;
  /// The width of h and of each direction's output: P with a projection
  /// (num_proj), else H.
  int64_t stateWidth;
  int64_t numDirections;
  Type elementType;
  /// GRU's reset placement (true for every other mode).
  bool linearBeforeReset;
  OpFoldResult time;
  OpFoldResult batch;
  Value params;
  /// The per-sequence lengths [B] (i32), or null: every sequence runs all T
  /// steps.
  Value lengths;
  /// Whether x and y are [T, B, *] (else [B, T, *]; the lowerings run
  /// time-major on transposed copies).
  bool timeMajor;

  /// The context of `op` with auto_select resolved, T and B taken from x
  /// (in either layout).
  static LoweringContext get(OpBuilder &b, RecurrentOpInterface op);

  const rnnrt::LayerConfig &config() const { return layout.config(); }
  int64_t gateWidth() const { return numGates * hidden; }
  /// Whether h' = W_proj (o * tanh(c')) (LSTM with num_proj).
  bool projects() const { return stateWidth != hidden; }
  /// Whether a step needs h scaled by the reset gate before the recurrent
  /// matmul of the n gate (GRU with linear_before_reset = false).
  bool resetsBeforeMatmul() const {
    return mode == Mode::gru && !linearBeforeReset;
  }
  RankedTensorType type(ArrayRef<int64_t> shape) const {
    return RankedTensorType::get(shape, elementType);
  }
  /// [T*B], static when both are.
  int64_t staticRows() const;
  /// T*B as a value / as a size (an attribute when static).
  Value rows(OpBuilder &b, Location loc) const;
  OpFoldResult rowsSize(OpBuilder &b, Location loc) const;
  /// [L*D, B, width] sizes (width = stateWidth for h, hidden for c).
  SmallVector<OpFoldResult> stateSizes(OpBuilder &b, int64_t width) const;
  /// [T, B, width] sizes.
  SmallVector<OpFoldResult> sequenceSizes(OpBuilder &b, int64_t width) const;
};

/// [B, G*H] -> [B, G, H] so that a cell reads gate k at (b, k, j).
Value splitGates(OpBuilder &b, Location loc, const LoweringContext &ctx,
                 Value gates);

/// sequence[t, :, column : column + width] of a [T, B, W] tensor as
/// [B, width] / the same slice overwritten by `value`.
Value extractStep(OpBuilder &b, Location loc, const LoweringContext &ctx,
                  Value sequence, OpFoldResult t, int64_t column,
                  int64_t width);
Value insertStep(OpBuilder &b, Location loc, const LoweringContext &ctx,
                 Value value, Value sequence, OpFoldResult t, int64_t column);

/// state[row] of a [L*D, B, W] state as [B, W] / state[row] = value: a step
/// of the state tensor (W = ctx.stateWidth for h, ctx.hidden for c).
inline Value extractStateRow(OpBuilder &b, Location loc,
                             const LoweringContext &ctx, Value state,
                             int64_t row, int64_t width) {
  return extractStep(b, loc, ctx, state, b.getIndexAttr(row), 0, width);
}
inline Value insertStateRow(OpBuilder &b, Location loc,
                            const LoweringContext &ctx, Value value,
                            Value state, int64_t row) {
  return insertStep(b, loc, ctx, value, state, b.getIndexAttr(row), 0);
}

/// Columns [first, first + count) of rows [N, W] / the same columns
/// overwritten by `value` [N, count].
Value sliceColumns(OpBuilder &b, Location loc, const LoweringContext &ctx,
                   Value rows, int64_t first, int64_t count);
Value insertColumns(OpBuilder &b, Location loc, Value value, Value rows,
                    int64_t first);

/// rows[t*B : (t+1)*B, column : column + width] of a [T*B, W] tensor as
/// [B, width] / the same block overwritten by `value`.
Value extractStepRows(OpBuilder &b, Location loc, const LoweringContext &ctx,
                      Value rows, Value t, int64_t column, int64_t width);
Value insertStepRows(OpBuilder &b, Location loc, const LoweringContext &ctx,
                     Value value, Value rows, Value t, int64_t column);

/// Rows [first, first + count) of a [N, K] tensor (a gate block of R) or
/// elements of a [N] one (of b_R).
Value sliceGateRows(OpBuilder &b, Location loc, const LoweringContext &ctx,
                    Value value, int64_t first, int64_t count);

/// [T, B, W] -> [T*B, W].
Value collapseSequence(OpBuilder &b, Location loc, const LoweringContext &ctx,
                       Value sequence);

/// [A, B, W] -> [B, A, W] (a copy): what the lowerings use to run a
/// batch-major x or y time-major and back.
Value transposeSequence(OpBuilder &b, Location loc, Value sequence);

/// Whether sequence b is inside its length at step t: t < lengths[b], with
/// `t` an i32 and `length` lengths[b] (i32), built in a step's body.
Value buildStepActive(OpBuilder &b, Location loc, Value t, Value length);

/// The step index `t` (index) as the i32 that buildStepActive compares.
Value stepAsI32(OpBuilder &b, Location loc, Value t);

/// Casts `value` to `type` where the two differ only in static information.
Value castTo(OpBuilder &b, Location loc, Value value, Type type);

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_RNNTOLINALG_LAYERBUILDERS_H
