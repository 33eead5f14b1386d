//===- RecurrentGradLowering.cpp - rnn.*_grad to linalg + scf -------------===//
//
// One backward for all four grad ops; only the scalar gate math differs
// (buildCellGradMath in CellMath.cpp). Layers run from the last to the
// first; per layer l and direction d:
//   scf.for s in [0, T):           t = T-1-s forward, s backward (reverse
//                                  of the forward's order)
//     dA[t], dh, dc = cell_grad(saved[t], dy[t] + dh, dc)
//                                  one fused linalg.generic over [B, H]
//     dh = dA_R[t] x R + dh_direct linalg.matmul [B, G*H] x [G*H, H]
// With num_proj a step first forms dhp = dy[t] + dh ([B, P], kept for
// dW_proj = dHP^T (o tanh(c'))) and gives the cell dhp x W_proj; dh stays
// [B, P] (the R matmul's result).
//   dW  = dA^T X_l                 whole-sequence GEMMs, hoisted out of time
//   dR  = dA_R^T H_prev
//   db  = column sums of dA, dA_R
//   dX_l = sum_d dA W              the next lower layer's dy (through the
//                                  forward's dropout mask)
// dA_R is dA except for GRU's n gate. With seq_lengths the step's generic
// zeroes dA where t >= lengths[b] and passes dh, dc through there (so dx is
// 0 at padded steps), and the reverse direction's previous states are h_0
// (c_0) up to each sequence's last step. time_major = false transposes x, y
// and dy to time-major copies and dx back. The saved cell values and the inner
// layers' outputs come from the reserve (ReserveLayout.h), which is checked
// before anything is read.
//
//===----------------------------------------------------------------------===//

#include "../Utils/DimensionChecks.h"
#include "CellMath.h"
#include "LayerBuilders.h"
#include "ReserveLayout.h"
#include "TensorBuilders.h"

#include "rnn/Conversion/RNNToLinalg/RNNToLinalg.h"
#include "rnn/Conversion/Utils/RuntimeFunctions.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// What the backward of one (layer, direction) reads.
struct DirectionInputs {
  /// The forward's saved planes [T, B, H].
  SmallVector<Value, 5> saved;
  /// The layer's output [T, B, D*H] (before dropout).
  Value layerOutput;
  /// h_{t-1} (and c_{t-1}) in forward order, [T+1, B, H]: step t reads
  /// row t + previousOffset (see buildPreviousStates).
  Value previousHidden;
  Value previousCell;
  int64_t previousOffset;
  /// dL/d(layer output) [T*B, D*H].
  Value outputGradRows;
  /// R [G*H, P] (P = H without a projection).
  Value recurrentMatrices;
  /// W_proj [P, H], or null without num_proj.
  Value projection;
};

/// What the reverse time loop of one (layer, direction) returns.
struct DirectionGrads {
  Value initialHiddenGrad;  // [B, H]
  Value initialCellGrad;    // [B, H] (LSTM)
  Value inputGateGrads;     // dA [T*B, G*H]
  Value recurrentGateGrads; // dA_R [T*B, G*H]
  Value projectedGrads;     // dHP [T*B, P] (num_proj), else null
};

/// Steps [first, first + T) of `sequence` ([T or more, B, W]), columns
/// [column, column + width), as [T, B, width].
Value sliceSteps(OpBuilder &b, Location loc, const LoweringContext &ctx,
                 Value sequence, int64_t first, int64_t column, int64_t width) {
  return tensor::ExtractSliceOp::create(
      b, loc,
      ctx.type({getStaticSize(ctx.time), getStaticSize(ctx.batch), width}),
      sequence,
      ArrayRef<OpFoldResult>{b.getIndexAttr(first), b.getIndexAttr(0),
                             b.getIndexAttr(column)},
      ArrayRef<OpFoldResult>{ctx.time, ctx.batch, b.getIndexAttr(width)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1),
                             b.getIndexAttr(1)});
}

/// sequence [S, B, W] with step s of row b replaced by fill[b] ([B, W])
/// where s >= lengths[b]: one generic over the sequence (outside the time
/// loop).
Value selectPastLengths(OpBuilder &b, Location loc, const LoweringContext &ctx,
                        Value sequence, Value fill) {
  MLIRContext *mlirCtx = b.getContext();
  AffineExpr s, n, j;
  bindDims(mlirCtx, s, n, j);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(3, mlirCtx);
  return linalg::GenericOp::create(
             b, loc, TypeRange{sequence.getType()},
             ValueRange{sequence, fill, ctx.lengths},
             ValueRange{createEmpty(b, loc,
                                    tensor::getMixedSizes(b, loc, sequence),
                                    ctx.elementType)},
             SmallVector<AffineMap>{
                 identity, AffineMap::get(3, 0, {n, j}, mlirCtx),
                 AffineMap::get(3, 0, {n}, mlirCtx), identity},
             SmallVector<utils::IteratorType>(3, utils::IteratorType::parallel),
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               Value step =
                   stepAsI32(nb, nloc, linalg::IndexOp::create(nb, nloc, 0));
               Value active = buildStepActive(nb, nloc, step, args[2]);
               linalg::YieldOp::create(
                   nb, nloc,
                   ValueRange{arith::SelectOp::create(nb, nloc, active, args[0],
                                                      args[1])});
             })
      ->getResult(0);
}

/// The states a direction's steps start from, [T+1, B, H] in forward time
/// order: forward, row 0 is the initial state and row t+1 the state after
/// step t; reverse, row t is the state after step t and row T the initial
/// one. Step t starts from row t + offset (offset 0 forward, 1 reverse).
Value buildPreviousStates(OpBuilder &b, Location loc,
                          const LoweringContext &ctx, Value states,
                          int64_t column, Value initial, int64_t dir) {
  Value time = getValueOrCreateConstantIndexOp(b, loc, ctx.time);
  Value extendedTime = arith::AddIOp::create(
      b, loc, time, arith::ConstantIndexOp::create(b, loc, 1));
  int64_t width = cast<ShapedType>(initial.getType()).getDimSize(1);
  Value extended =
      createEmpty(b, loc, {extendedTime, ctx.batch, b.getIndexAttr(width)},
                  ctx.elementType);
  Value steps = sliceSteps(b, loc, ctx, states, 0, column, width);
  OpFoldResult stepsAt = dir == 0 ? b.getIndexAttr(1) : b.getIndexAttr(0);
  OpFoldResult initialAt =
      dir == 0 ? OpFoldResult(b.getIndexAttr(0)) : OpFoldResult(time);
  extended = tensor::InsertSliceOp::create(
      b, loc, steps, extended,
      ArrayRef<OpFoldResult>{stepsAt, b.getIndexAttr(0), b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{ctx.time, ctx.batch, b.getIndexAttr(width)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1),
                             b.getIndexAttr(1)});
  extended = insertStep(b, loc, ctx, initial, extended, initialAt, 0);
  if (!ctx.lengths || dir == 0)
    return extended;
  // Reverse with lengths: sequence b starts at its own last step len_b - 1
  // from the initial state, so row s (s < T) holds the state after step s
  // only where s < len_b (y is 0 past it) and the initial state elsewhere.
  return selectPastLengths(b, loc, ctx, extended, initial);
}

/// One fused linalg.generic over [B, H] for step t: reads the saved values,
/// the states the cell needs, dy[t] and the carried dh (dc); writes the gate
/// gradients into `gateSlices` (G input ones, then G recurrent ones for
/// GRU) and the direct parts of dh_{t-1} and dc_{t-1} in place of the
/// carried ones. Returns the generic's results in that order. With sequence
/// lengths, where t >= lengths[b] the gate gradients are 0 and dh, dc pass
/// through unchanged (the forward kept the state there; dy of a zero output
/// row is ignored).
SmallVector<Value>
buildCellGradStep(OpBuilder &b, Location loc, const LoweringContext &ctx,
                  ValueRange savedSlices, Value hidden, Value previousHidden,
                  Value previousCell, Value outputGrad, Value hiddenGrad,
                  Value cellGrad, ValueRange gateSlices, Value t) {
  SmallVector<Value> inputs(savedSlices);
  for (Value value : {hidden, previousHidden, previousCell})
    if (value)
      inputs.push_back(value);
  inputs.push_back(outputGrad);
  bool masked = static_cast<bool>(ctx.lengths);
  Value stepI32;
  if (masked) {
    inputs.push_back(ctx.lengths);
    stepI32 = stepAsI32(b, loc, t);
  }
  SmallVector<Value> outputs(gateSlices);
  outputs.push_back(hiddenGrad);
  if (cellGrad)
    outputs.push_back(cellGrad);

  MLIRContext *mlirCtx = b.getContext();
  SmallVector<AffineMap> maps(inputs.size() + outputs.size(),
                              AffineMap::getMultiDimIdentityMap(2, mlirCtx));
  if (masked) // lengths[b] broadcast over the H units: the step's mask.
    maps[inputs.size() - 1] =
        AffineMap::get(2, 0, {getAffineDimExpr(0, mlirCtx)}, mlirCtx);
  SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
  bool separateRecurrent =
      cellHasSeparateRecurrentGrads(ctx.mode, ctx.linearBeforeReset);
  auto step = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(outputs)), inputs, outputs, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        CellGradInputs in;
        size_t next = savedSlices.size();
        in.saved = args.take_front(next);
        if (hidden)
          in.hidden = args[next++];
        if (previousHidden)
          in.previousHidden = args[next++];
        if (previousCell)
          in.previousCell = args[next++];
        Value dy = args[next++];
        Value length = masked ? args[next++] : Value();
        next += gateSlices.size();
        Value carriedHiddenGrad = args[next++];
        in.hiddenGrad = arith::AddFOp::create(nb, nloc, dy, carriedHiddenGrad);
        if (cellGrad)
          in.cellGrad = args[next++];
        in.linearBeforeReset = ctx.linearBeforeReset;
        CellGradOutputs out = buildCellGradMath(nb, nloc, ctx.mode, in);
        SmallVector<Value> yielded = llvm::to_vector(out.inputGateGrads);
        if (separateRecurrent)
          llvm::append_range(yielded, out.recurrentGateGrads);
        yielded.push_back(out.previousHiddenGrad);
        if (cellGrad)
          yielded.push_back(out.previousCellGrad);
        if (masked) {
          Value active = buildStepActive(nb, nloc, stepI32, length);
          Value zero = arith::ConstantOp::create(
              nb, nloc, nb.getZeroAttr(ctx.elementType));
          size_t numGateGrads = gateSlices.size();
          for (size_t index = 0; index < numGateGrads; ++index)
            yielded[index] =
                arith::SelectOp::create(nb, nloc, active, yielded[index], zero);
          yielded[numGateGrads] = arith::SelectOp::create(
              nb, nloc, active, yielded[numGateGrads], carriedHiddenGrad);
          if (cellGrad)
            yielded.back() = arith::SelectOp::create(
                nb, nloc, active, yielded.back(), in.cellGrad);
        }
        linalg::YieldOp::create(nb, nloc, yielded);
      });
  return SmallVector<Value>(step->getResults());
}

/// The second half of a GRU-without-linear-before-reset step's backward:
/// dn's matmul with R_h, then one generic that writes r's gradient into
/// step t of `gateGrads` and adds the path through r h to the direct part of
/// dh_{t-1}. Returns the updated {gateGrads, directHiddenGrad}.
std::pair<Value, Value>
buildResetGateGradStep(OpBuilder &b, Location loc, const LoweringContext &ctx,
                       const DirectionInputs &in, Value t, Value reset,
                       Value previousHidden, Value gateGrads,
                       Value directHiddenGrad) {
  int64_t H = ctx.hidden;
  Value candidateGrad = buildMatmul(
      b, loc, MatmulLayout::Plain,
      extractStepRows(b, loc, ctx, gateGrads, t, 2 * H, H),
      sliceGateRows(b, loc, ctx, in.recurrentMatrices, 2 * H, H),
      createZeros(b, loc, {ctx.batch, b.getIndexAttr(H)}, ctx.elementType));
  Value resetGrad = extractStepRows(b, loc, ctx, gateGrads, t, 0, H);
  MLIRContext *mlirCtx = b.getContext();
  auto step = linalg::GenericOp::create(
      b, loc, TypeRange{resetGrad.getType(), directHiddenGrad.getType()},
      ValueRange{reset, previousHidden, candidateGrad},
      ValueRange{resetGrad, directHiddenGrad},
      SmallVector<AffineMap>(5, AffineMap::getMultiDimIdentityMap(2, mlirCtx)),
      SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
      [](OpBuilder &nb, Location nloc, ValueRange args) {
        SmallVector<Value, 2> grads =
            buildResetGateGradMath(nb, nloc, args[0], args[1], args[2]);
        linalg::YieldOp::create(
            nb, nloc,
            ValueRange{grads[0],
                       arith::AddFOp::create(nb, nloc, args[4], grads[1])});
      });
  return {insertStepRows(b, loc, ctx, step->getResult(0), gateGrads, t, 0),
          step->getResult(1)};
}

/// The projection's part of a step's backward, [B, P]: {dhp, direct} with
/// dhp = dy[t] + dh, the gradient of the projected h (0 past each length),
/// and direct, what dh_{t-1} gets besides dA_R R (the carried dh past each
/// length, else 0).
std::pair<Value, Value> buildProjectedGradStep(OpBuilder &b, Location loc,
                                               const LoweringContext &ctx,
                                               Value outputGrad,
                                               Value hiddenGrad, Value t) {
  MLIRContext *mlirCtx = b.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, mlirCtx);
  SmallVector<Value> inputs = {outputGrad, hiddenGrad};
  SmallVector<AffineMap> maps = {identity, identity};
  Value stepI32;
  if (ctx.lengths) {
    inputs.push_back(ctx.lengths);
    maps.push_back(
        AffineMap::get(2, 0, {getAffineDimExpr(0, mlirCtx)}, mlirCtx));
    stepI32 = stepAsI32(b, loc, t);
  }
  maps.append(2, identity);
  SmallVector<OpFoldResult> sizes = {ctx.batch, b.getIndexAttr(ctx.stateWidth)};
  auto step = linalg::GenericOp::create(
      b, loc, TypeRange{hiddenGrad.getType(), hiddenGrad.getType()}, inputs,
      ValueRange{createEmpty(b, loc, sizes, ctx.elementType),
                 createEmpty(b, loc, sizes, ctx.elementType)},
      maps, SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value total = arith::AddFOp::create(nb, nloc, args[0], args[1]);
        Value zero = arith::ConstantOp::create(nb, nloc,
                                               nb.getZeroAttr(ctx.elementType));
        Value direct = zero;
        if (ctx.lengths) {
          Value active = buildStepActive(nb, nloc, stepI32, args[2]);
          total = arith::SelectOp::create(nb, nloc, active, total, zero);
          direct = arith::SelectOp::create(nb, nloc, active, zero, args[1]);
        }
        linalg::YieldOp::create(nb, nloc, ValueRange{total, direct});
      });
  return {step->getResult(0), step->getResult(1)};
}

/// o * tanh(c') of every step, [T*B, H], from the saved o and c' planes:
/// what the projection multiplied.
Value buildUnprojectedRows(OpBuilder &b, Location loc,
                           const LoweringContext &ctx, ArrayRef<Value> saved) {
  Value outputGate = collapseSequence(b, loc, ctx, saved[3]);
  Value cell = collapseSequence(b, loc, ctx, saved[4]);
  auto type = cast<RankedTensorType>(outputGate.getType());
  MLIRContext *mlirCtx = b.getContext();
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{outputGate, cell},
             ValueRange{createEmpty(b, loc,
                                    tensor::getMixedSizes(b, loc, outputGate),
                                    ctx.elementType)},
             SmallVector<AffineMap>(
                 3, AffineMap::getMultiDimIdentityMap(2, mlirCtx)),
             SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nloc,
                   ValueRange{arith::MulFOp::create(
                       nb, nloc, args[0],
                       math::TanhOp::create(nb, nloc, args[1]))});
             })
      ->getResult(0);
}

/// The reverse time loop of one (layer, direction).
DirectionGrads buildReverseTimeLoop(OpBuilder &b, Location loc,
                                    const LoweringContext &ctx,
                                    const DirectionInputs &in, int64_t dir,
                                    Value finalHiddenGrad,
                                    Value finalCellGrad) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value time = getValueOrCreateConstantIndexOp(b, loc, ctx.time);
  bool hasCell = static_cast<bool>(finalCellGrad);
  bool separateRecurrent =
      cellHasSeparateRecurrentGrads(ctx.mode, ctx.linearBeforeReset);
  SmallVector<OpFoldResult> gateSizes = {ctx.rowsSize(b, loc),
                                         b.getIndexAttr(ctx.gateWidth())};
  Value inputGateGrads = createEmpty(b, loc, gateSizes, ctx.elementType);
  SmallVector<Value> iterArgs = {finalHiddenGrad, inputGateGrads};
  if (separateRecurrent)
    iterArgs.push_back(createEmpty(b, loc, gateSizes, ctx.elementType));
  size_t projectedAt = iterArgs.size();
  if (ctx.projects())
    iterArgs.push_back(createEmpty(
        b, loc, {ctx.rowsSize(b, loc), b.getIndexAttr(ctx.stateWidth)},
        ctx.elementType));
  if (hasCell)
    iterArgs.push_back(finalCellGrad);

  auto loop = scf::ForOp::create(
      b, loc, zero, time, one, iterArgs,
      [&](OpBuilder &nb, Location nloc, Value step, ValueRange carried) {
        Value hiddenGrad = carried[0];
        SmallVector<Value, 2> gateGrads = {carried[1]};
        if (separateRecurrent)
          gateGrads.push_back(carried[2]);
        Value cellGrad = hasCell ? carried.back() : Value();
        Value t = step;
        if (dir == 0)
          t = arith::SubIOp::create(
              nb, nloc, arith::SubIOp::create(nb, nloc, time, one), step);
        Value previousAt =
            in.previousOffset == 0
                ? t
                : arith::AddIOp::create(nb, nloc, t, one).getResult();

        SmallVector<Value> savedSlices;
        for (Value plane : in.saved)
          savedSlices.push_back(
              extractStep(nb, nloc, ctx, plane, t, 0, ctx.hidden));
        Value hidden = numSavedValues(ctx.mode) == 0
                           ? extractStep(nb, nloc, ctx, in.layerOutput, t,
                                         dir * ctx.hidden, ctx.hidden)
                           : Value();
        auto previous = [&](Value states) -> Value {
          return states ? extractStep(
                              nb, nloc, ctx, states, previousAt, 0,
                              cast<ShapedType>(states.getType()).getDimSize(2))
                        : Value();
        };
        Value outputGrad =
            extractStepRows(nb, nloc, ctx, in.outputGradRows, t,
                            dir * ctx.stateWidth, ctx.stateWidth);
        // With a projection the cell sees dhp W_proj as its dy and no
        // carried dh (dh_{t-1} is dA_R R plus what passes a padded step).
        Value projectedRows, projectedDirect;
        Value cellHiddenGrad = hiddenGrad;
        if (ctx.projects()) {
          Value projectedGrad;
          std::tie(projectedGrad, projectedDirect) =
              buildProjectedGradStep(nb, nloc, ctx, outputGrad, hiddenGrad, t);
          projectedRows = insertStepRows(nb, nloc, ctx, projectedGrad,
                                         carried[projectedAt], t, 0);
          SmallVector<OpFoldResult> sizes = {ctx.batch,
                                             nb.getIndexAttr(ctx.hidden)};
          outputGrad = buildMatmul(
              nb, nloc, MatmulLayout::Plain, projectedGrad, in.projection,
              createZeros(nb, nloc, sizes, ctx.elementType));
          cellHiddenGrad = createZeros(nb, nloc, sizes, ctx.elementType);
        }
        SmallVector<Value> gateSlices;
        for (Value grads : gateGrads)
          for (int64_t gate = 0; gate < ctx.numGates; ++gate)
            gateSlices.push_back(extractStepRows(
                nb, nloc, ctx, grads, t, gate * ctx.hidden, ctx.hidden));
        SmallVector<Value> results = buildCellGradStep(
            nb, nloc, ctx, savedSlices, hidden,
            cellReadsHidden(ctx.mode) ? previous(in.previousHidden) : Value(),
            hasCell ? previous(in.previousCell) : Value(), outputGrad,
            cellHiddenGrad, cellGrad, gateSlices, t);

        SmallVector<Value> newGateGrads;
        for (auto [index, grads] : llvm::enumerate(gateGrads)) {
          for (int64_t gate = 0; gate < ctx.numGates; ++gate)
            grads = insertStepRows(nb, nloc, ctx,
                                   results[index * ctx.numGates + gate], grads,
                                   t, gate * ctx.hidden);
          newGateGrads.push_back(grads);
        }
        Value directHiddenGrad =
            ctx.projects() ? projectedDirect : results[gateSlices.size()];
        // The gates whose recurrent input is R h (all but a reset-before-
        // matmul GRU's n gate, which reads R_h (r h)).
        int64_t matmulGates = ctx.numGates;
        if (ctx.resetsBeforeMatmul()) {
          matmulGates = 2;
          std::tie(newGateGrads[0], directHiddenGrad) = buildResetGateGradStep(
              nb, nloc, ctx, in, t, savedSlices[0], previous(in.previousHidden),
              newGateGrads[0], directHiddenGrad);
        }
        Value stepRecurrentGrads = extractStepRows(
            nb, nloc, ctx, newGateGrads.back(), t, 0, matmulGates * ctx.hidden);
        SmallVector<Value> yielded = {
            buildMatmul(nb, nloc, MatmulLayout::Plain, stepRecurrentGrads,
                        sliceGateRows(nb, nloc, ctx, in.recurrentMatrices, 0,
                                      matmulGates * ctx.hidden),
                        directHiddenGrad)};
        llvm::append_range(yielded, newGateGrads);
        if (projectedRows)
          yielded.push_back(projectedRows);
        if (hasCell)
          yielded.push_back(results.back());
        scf::YieldOp::create(nb, nloc, yielded);
      });
  DirectionGrads grads;
  grads.initialHiddenGrad = loop.getResult(0);
  grads.inputGateGrads = loop.getResult(1);
  grads.recurrentGateGrads = loop.getResult(separateRecurrent ? 2 : 1);
  if (ctx.projects())
    grads.projectedGrads = loop.getResult(projectedAt);
  if (hasCell)
    grads.initialCellGrad = loop.getResults().back();
  return grads;
}

/// dparams[offset : offset + size(value)] = value (rank 1 or 2).
Value insertParamsGrad(OpBuilder &b, Location loc, Value paramsGrad,
                       Value value, int64_t offset) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() == 2)
    value = tensor::CollapseShapeOp::create(
        b, loc, value, ArrayRef<ReassociationIndices>{{0, 1}});
  int64_t size = type.getNumElements();
  return tensor::InsertSliceOp::create(
      b, loc, value, paramsGrad, ArrayRef<OpFoldResult>{b.getIndexAttr(offset)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(size)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
}

/// dR = dA_R^T H_prev into dparams at `offset`; for a reset-before-matmul
/// GRU the n gate's block reads r h instead: dR_h = dA_n^T (r H_prev), with
/// r from the saved planes.
Value insertRecurrentMatricesGrad(OpBuilder &b, Location loc,
                                  const LoweringContext &ctx, Value paramsGrad,
                                  Value gateGrads, Value previousHiddenRows,
                                  ArrayRef<Value> saved, int64_t offset) {
  int64_t H = ctx.hidden;
  auto zeros = [&](int64_t rows) {
    return createZeros(b, loc,
                       {b.getIndexAttr(rows), b.getIndexAttr(ctx.stateWidth)},
                       ctx.elementType);
  };
  if (!ctx.resetsBeforeMatmul())
    return insertParamsGrad(b, loc, paramsGrad,
                            buildMatmul(b, loc, MatmulLayout::TransposedA,
                                        gateGrads, previousHiddenRows,
                                        zeros(ctx.gateWidth())),
                            offset);
  paramsGrad = insertParamsGrad(
      b, loc, paramsGrad,
      buildMatmul(b, loc, MatmulLayout::TransposedA,
                  sliceColumns(b, loc, ctx, gateGrads, 0, 2 * H),
                  previousHiddenRows, zeros(2 * H)),
      offset);
  Value resetRows = collapseSequence(b, loc, ctx, saved[0]);
  auto rowsType = cast<RankedTensorType>(resetRows.getType());
  MLIRContext *mlirCtx = b.getContext();
  Value resetHidden =
      linalg::GenericOp::create(
          b, loc, TypeRange{rowsType},
          ValueRange{resetRows, previousHiddenRows},
          ValueRange{createEmpty(b, loc,
                                 tensor::getMixedSizes(b, loc, resetRows),
                                 ctx.elementType)},
          SmallVector<AffineMap>(3,
                                 AffineMap::getMultiDimIdentityMap(2, mlirCtx)),
          SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
          [](OpBuilder &nb, Location nloc, ValueRange args) {
            linalg::YieldOp::create(
                nb, nloc,
                ValueRange{arith::MulFOp::create(nb, nloc, args[0], args[1])});
          })
          ->getResult(0);
  return insertParamsGrad(
      b, loc, paramsGrad,
      buildMatmul(b, loc, MatmulLayout::TransposedA,
                  sliceColumns(b, loc, ctx, gateGrads, 2 * H, H), resetHidden,
                  zeros(H)),
      offset + 2 * H * H);
}

/// acc + sum over gates k of gates[:, k*H : (k+1)*H]: the gradient of a
/// skip_input layer's x, which every gate reads.
Value addGateSums(OpBuilder &b, Location loc, const LoweringContext &ctx,
                  Value gates, Value acc) {
  auto split = tensor::ExpandShapeOp::create(
      b, loc, ctx.type({ctx.staticRows(), ctx.numGates, ctx.hidden}), gates,
      ArrayRef<ReassociationIndices>{{0}, {1, 2}},
      ArrayRef<OpFoldResult>{tensor::getMixedSize(b, loc, gates, 0),
                             b.getIndexAttr(ctx.numGates),
                             b.getIndexAttr(ctx.hidden)});
  MLIRContext *mlirCtx = b.getContext();
  AffineExpr r, g, j;
  bindDims(mlirCtx, r, g, j);
  SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {r, g, j}, mlirCtx),
                                 AffineMap::get(3, 0, {r, j}, mlirCtx)};
  SmallVector<utils::IteratorType> iterators = {utils::IteratorType::parallel,
                                                utils::IteratorType::reduction,
                                                utils::IteratorType::parallel};
  return buildAddGeneric(b, loc, ValueRange{split}, acc, maps, iterators);
}

struct RecurrentGradToLinalg
    : public OpInterfaceRewritePattern<RecurrentGradOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(RecurrentGradOpInterface op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto recurrent = cast<RecurrentOpInterface>(op.getOperation());
    if (isPromotedToF32(recurrent))
      return rewriter.notifyMatchFailure(op, "runs in f32 (PromoteToF32)");
    LoweringContext ctx = LoweringContext::get(rewriter, recurrent);
    const rnnrt::LayerConfig &config = ctx.config();
    bool applyDropout =
        recurrent.getDropoutRate() > 0.0 && config.numLayers > 1;
    if (applyDropout && failed(declareRuntimeFunction(
                            op, RuntimeFunction::CpuDropout, ctx.elementType)))
      return failure();

    ReserveLayout reserveLayout(ctx);
    Value reserve = bufferization::ToBufferOp::create(
        rewriter, loc,
        MemRefType::get({ShapedType::kDynamic}, rewriter.getI8Type()),
        op.getReserve(), /*read_only=*/true);
    Value reserveOk =
        reserveLayout.buildCheck(rewriter, loc, reserve, getOpCode(recurrent));
    DimensionGuard guard(rewriter, recurrent, /*zeroFill=*/true, reserveOk);

    int64_t outputWidth = ctx.numDirections * ctx.stateWidth;
    auto sequenceType = [&](int64_t width) {
      return ctx.type(
          {getStaticSize(ctx.time), getStaticSize(ctx.batch), width});
    };
    auto castState = [&](Value state, int64_t width) {
      if (!state)
        return Value();
      return castTo(rewriter, loc, state,
                    ctx.type({config.numLayers * ctx.numDirections,
                              getStaticSize(ctx.batch), width}));
    };
    // Batch-major x, y and dy run time-major on transposed copies; dx is
    // transposed back.
    auto timeMajor = [&](Value sequence) {
      return ctx.timeMajor ? sequence
                           : transposeSequence(rewriter, loc, sequence);
    };
    Value input = timeMajor(recurrent.getInput());
    Value forwardOutput = timeMajor(op.getForwardOutput());
    Value initialHidden =
        castState(recurrent.getInitialHidden(), ctx.stateWidth);
    Value initialCell = castState(recurrent.getInitialCell(), ctx.hidden);
    Value finalHiddenGrad = castState(op.getFinalHiddenGrad(), ctx.stateWidth);
    Value finalCellGrad = castState(op.getFinalCellGrad(), ctx.hidden);
    Value outputGradRows =
        collapseSequence(rewriter, loc, ctx,
                         castTo(rewriter, loc, timeMajor(op.getOutputGrad()),
                                sequenceType(outputWidth)));

    Value paramsGrad =
        createZeros(rewriter, loc, {rewriter.getIndexAttr(ctx.layout.size())},
                    ctx.elementType);
    Value initialHiddenGrad =
        createEmpty(rewriter, loc, ctx.stateSizes(rewriter, ctx.stateWidth),
                    ctx.elementType);
    Value initialCellGrad =
        initialCell
            ? createEmpty(rewriter, loc, ctx.stateSizes(rewriter, ctx.hidden),
                          ctx.elementType)
            : Value();

    auto layerOutput = [&](int64_t layer) -> Value {
      if (layer + 1 == config.numLayers)
        return castTo(rewriter, loc, forwardOutput, sequenceType(outputWidth));
      return reserveLayout.load(rewriter, loc, reserve,
                                reserveLayout.layerOutputUnit(layer),
                                outputWidth);
    };

    Value inputGradRows;
    for (int64_t layer = config.numLayers - 1; layer >= 0; --layer) {
      // The layer's input as the forward saw it: x, or the layer below's
      // output through its dropout mask.
      Value layerInput = input;
      if (layer > 0) {
        layerInput = layerOutput(layer - 1);
        if (applyDropout) {
          FailureOr<Value> dropped =
              buildDropout(rewriter, op, layerInput, recurrent.getDropoutRate(),
                           recurrent.getDropoutSeed(), layer - 1);
          if (failed(dropped))
            return failure();
          layerInput = *dropped;
        }
      }
      int64_t inputWidth = config.layerInputSize(layer);
      // Padded steps of x are never read (PyTorch's PackedSequence): dW's
      // GEMM multiplies them by zero gate gradients, so zero them first in
      // case they are not finite. Deeper layers read y, 0 there.
      if (layer == 0 && ctx.lengths && config.hasInputMatrices(layer))
        layerInput = selectPastLengths(
            rewriter, loc, ctx,
            castTo(rewriter, loc, layerInput, sequenceType(inputWidth)),
            createZeros(rewriter, loc,
                        {ctx.batch, rewriter.getIndexAttr(inputWidth)},
                        ctx.elementType));
      Value inputRows = collapseSequence(
          rewriter, loc, ctx,
          castTo(rewriter, loc, layerInput, sequenceType(inputWidth)));
      Value output = layerOutput(layer);
      inputGradRows = createZeros(
          rewriter, loc,
          {ctx.rowsSize(rewriter, loc), rewriter.getIndexAttr(inputWidth)},
          ctx.elementType);

      for (int64_t dir = 0; dir < ctx.numDirections; ++dir) {
        int64_t row = layer * ctx.numDirections + dir;
        DirectionInputs in;
        for (int64_t plane = 0; plane < numSavedValues(ctx.mode); ++plane)
          in.saved.push_back(reserveLayout.load(
              rewriter, loc, reserve,
              reserveLayout.planeUnit(layer, dir, plane), ctx.hidden));
        in.layerOutput = output;
        in.previousOffset = dir == 0 ? 0 : 1;
        in.previousHidden = buildPreviousStates(
            rewriter, loc, ctx, output, dir * ctx.stateWidth,
            extractStateRow(rewriter, loc, ctx, initialHidden, row,
                            ctx.stateWidth),
            dir);
        if (initialCell)
          in.previousCell = buildPreviousStates(
              rewriter, loc, ctx, in.saved.back(), 0,
              extractStateRow(rewriter, loc, ctx, initialCell, row, ctx.hidden),
              dir);
        in.outputGradRows = outputGradRows;
        in.recurrentMatrices =
            sliceParams(rewriter, loc, ctx.params,
                        ctx.layout.recurrentMatricesOffset(layer, dir),
                        {ctx.gateWidth(), ctx.stateWidth});
        if (ctx.projects())
          in.projection = sliceParams(rewriter, loc, ctx.params,
                                      ctx.layout.projectionOffset(layer, dir),
                                      {ctx.stateWidth, ctx.hidden});

        DirectionGrads grads = buildReverseTimeLoop(
            rewriter, loc, ctx, in, dir,
            extractStateRow(rewriter, loc, ctx, finalHiddenGrad, row,
                            ctx.stateWidth),
            finalCellGrad ? extractStateRow(rewriter, loc, ctx, finalCellGrad,
                                            row, ctx.hidden)
                          : Value());
        initialHiddenGrad =
            insertStateRow(rewriter, loc, ctx, grads.initialHiddenGrad,
                           initialHiddenGrad, row);
        if (initialCellGrad)
          initialCellGrad = insertStateRow(
              rewriter, loc, ctx, grads.initialCellGrad, initialCellGrad, row);

        // The weight gradients, whole-sequence GEMMs.
        auto zeros = [&](int64_t rows, int64_t cols) {
          return createZeros(
              rewriter, loc,
              {rewriter.getIndexAttr(rows), rewriter.getIndexAttr(cols)},
              ctx.elementType);
        };
        Value previousHiddenRows =
            collapseSequence(rewriter, loc, ctx,
                             sliceSteps(rewriter, loc, ctx, in.previousHidden,
                                        in.previousOffset, 0, ctx.stateWidth));
        paramsGrad = insertRecurrentMatricesGrad(
            rewriter, loc, ctx, paramsGrad, grads.recurrentGateGrads,
            previousHiddenRows, in.saved,
            ctx.layout.recurrentMatricesOffset(layer, dir));
        if (ctx.projects())
          paramsGrad = insertParamsGrad(
              rewriter, loc, paramsGrad,
              buildMatmul(rewriter, loc, MatmulLayout::TransposedA,
                          grads.projectedGrads,
                          buildUnprojectedRows(rewriter, loc, ctx, in.saved),
                          zeros(ctx.stateWidth, ctx.hidden)),
              ctx.layout.projectionOffset(layer, dir));
        paramsGrad = insertParamsGrad(
            rewriter, loc, paramsGrad,
            buildColumnSums(rewriter, loc, grads.inputGateGrads),
            ctx.layout.inputBiasesOffset(layer, dir));
        paramsGrad = insertParamsGrad(
            rewriter, loc, paramsGrad,
            buildColumnSums(rewriter, loc, grads.recurrentGateGrads),
            ctx.layout.recurrentBiasesOffset(layer, dir));
        if (!config.hasInputMatrices(layer)) {
          inputGradRows = addGateSums(rewriter, loc, ctx, grads.inputGateGrads,
                                      inputGradRows);
          continue;
        }
        paramsGrad = insertParamsGrad(
            rewriter, loc, paramsGrad,
            buildMatmul(rewriter, loc, MatmulLayout::TransposedA,
                        grads.inputGateGrads, inputRows,
                        zeros(ctx.gateWidth(), inputWidth)),
            ctx.layout.inputMatricesOffset(layer, dir));
        Value inputMatrices =
            sliceParams(rewriter, loc, ctx.params,
                        ctx.layout.inputMatricesOffset(layer, dir),
                        {ctx.gateWidth(), inputWidth});
        inputGradRows =
            buildMatmul(rewriter, loc, MatmulLayout::Plain,
                        grads.inputGateGrads, inputMatrices, inputGradRows);
      }

      // The layer below's output gradient, through the forward's mask.
      outputGradRows = inputGradRows;
      if (layer > 0 && applyDropout) {
        FailureOr<Value> dropped = buildDropout(
            rewriter, op, outputGradRows, recurrent.getDropoutRate(),
            recurrent.getDropoutSeed(), layer - 1);
        if (failed(dropped))
          return failure();
        outputGradRows = *dropped;
      }
    }

    Value inputGrad = timeMajor(reshapeRowsToSequence(
        rewriter, loc, inputGradRows, ctx.time, ctx.batch));
    SmallVector<Value> results = {
        castTo(rewriter, loc, inputGrad, op.getInputGrad().getType()),
        castTo(rewriter, loc, initialHiddenGrad,
               op.getInitialHiddenGrad().getType())};
    if (initialCellGrad)
      results.push_back(castTo(rewriter, loc, initialCellGrad,
                               op.getInitialCellGrad().getType()));
    results.push_back(
        castTo(rewriter, loc, paramsGrad, op.getParamsGrad().getType()));
    rewriter.replaceOp(op, guard.finish(results));
    return success();
  }
};

} // namespace

void mlir::rnn::populateRecurrentGradToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<RecurrentGradToLinalg>(patterns.getContext());
}
