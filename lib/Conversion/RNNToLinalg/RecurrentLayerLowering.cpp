//===- RecurrentLayerLowering.cpp - rnn.lstm/gru/rnn_* to linalg + scf ----===//
//
// One lowering for all four compute ops; only the scalar gate math differs
// (CellMath.cpp). Per layer l and direction d:
//   xg = [T*B, in] x W^T + b_W      one linalg.matmul, hoisted out of time
//   scf.for s in [0, T):            t = s forward, T-1-s backward
//     hg = h x R^T + b_R            linalg.matmul [B, H] x [H, G*H]
//     h, c = cell(xg[t], hg, h, c)  one fused linalg.generic over [B, H]
//     h = h x W_proj^T              with num_proj: linalg.matmul [B, H] x
//                                   [H, P] (then a [B, P] generic applies
//                                   seq_lengths' mask to h and y)
//     y[t, :, d*P:(d+1)*P] = h      (P = H without a projection)
// With seq_lengths the step's generic also reads lengths[b]: where
// t >= lengths[b] it keeps the carried state and writes a zero y row (a
// second output of the same generic), so the reverse direction holds h_0
// until each sequence's own last step. time_major = false runs on a
// transposed copy of x and transposes y back.
// skip_input replaces x W^T by x broadcast to every gate. Dropout (training
// only) is applied to each layer's output but the last. A training forward
// that returns the reserve also writes each step's saved cell values into
// saved planes and copies them and the inner layers' outputs into the
// reserve (ReserveLayout.h) for its grad op (RecurrentGradLowering.cpp).
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
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// The carried state of one direction's time loop.
struct DirectionState {
  Value hidden;
  Value cell;
  Value output;
  /// A training forward's saved planes [T, B, H] (CellMath.h), else empty.
  SmallVector<Value, 5> saved;
};

/// The per-step weights of one (layer, direction).
struct RecurrentWeights {
  Value matrices;   // R: [G*H, P] (P = H without a projection)
  Value biases;     // b_R: [G*H]
  Value projection; // W_proj: [P, H], or null without num_proj
};

/// x W^T + b_W for all T steps at once: [T*B, G*H], step t in rows
/// [t*B, (t+1)*B). (Kept 2-D: expanding a dynamic T*B back to [T, B] hits
/// llvm/llvm-project#186830 in expand-strided-metadata on MLIR 22.1.)
Value buildInputProjection(OpBuilder &b, Location loc,
                           const LoweringContext &ctx, Value layerInput,
                           int64_t layer, int64_t dir) {
  const rnnrt::LayerConfig &config = ctx.config();
  int64_t inputWidth = config.layerInputSize(layer);
  int64_t staticRows = ctx.staticRows();
  Value biases =
      sliceParams(b, loc, ctx.params, ctx.layout.inputBiasesOffset(layer, dir),
                  {ctx.gateWidth()});
  auto resultType = ctx.type({staticRows, ctx.gateWidth()});

  if (!config.hasInputMatrices(layer)) {
    // skip_input: every gate sees x itself, plus its b_W.
    Value biasGrid = tensor::ExpandShapeOp::create(
        b, loc, ctx.type({ctx.numGates, ctx.hidden}), biases,
        ArrayRef<ReassociationIndices>{{0, 1}});
    SmallVector<OpFoldResult> sizes = {ctx.time, ctx.batch,
                                       b.getIndexAttr(ctx.numGates),
                                       b.getIndexAttr(ctx.hidden)};
    Value init = createEmpty(b, loc, sizes, ctx.elementType);
    MLIRContext *mlirCtx = b.getContext();
    AffineExpr t, n, g, j;
    bindDims(mlirCtx, t, n, g, j);
    SmallVector<AffineMap> maps = {
        AffineMap::get(4, 0, {t, n, j}, mlirCtx),
        AffineMap::get(4, 0, {g, j}, mlirCtx),
        AffineMap::getMultiDimIdentityMap(4, mlirCtx)};
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    Value gates = buildAddGeneric(b, loc, ValueRange{layerInput, biasGrid},
                                  init, maps, iterators);
    return tensor::CollapseShapeOp::create(
        b, loc, resultType, gates,
        ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
  }

  Value weights = sliceParams(b, loc, ctx.params,
                              ctx.layout.inputMatricesOffset(layer, dir),
                              {ctx.gateWidth(), inputWidth});
  Value rows = tensor::CollapseShapeOp::create(
      b, loc, ctx.type({staticRows, inputWidth}), layerInput,
      ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  OpFoldResult numRows = tensor::getMixedSize(b, loc, rows, 0);
  Value acc = broadcastRows(b, loc, biases, numRows);
  return buildMatmulTransposedB(b, loc, rows, weights, acc);
}

/// One fused linalg.generic over [B, H]: reads the G input and G recurrent
/// gate pre-activations (and h, c where the cell needs them) and writes the
/// new h (and c), and the saved values into `savedSlices` (training). With
/// sequence lengths it also reads lengths[b]: where t >= lengths[b] the
/// state keeps its value, and when `outputSlice` is given it writes step
/// t's output rows there, 0 past the length (the result after the saved
/// values). With a projection `hidden` is a fresh [B, H] tensor that gets
/// o * tanh(c') unmasked (buildProjectedHidden masks the projected h).
SmallVector<Value> buildCellStep(OpBuilder &b, Location loc,
                                 const LoweringContext &ctx, Value inputGates,
                                 Value recurrentGates, Value hidden, Value cell,
                                 ValueRange savedSlices, Value t,
                                 Value outputSlice) {
  MLIRContext *mlirCtx = b.getContext();
  AffineExpr n, j;
  bindDims(mlirCtx, n, j);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, mlirCtx);
  auto gateMap = [&](int64_t gate) {
    return AffineMap::get(2, 0, {n, getAffineConstantExpr(gate, mlirCtx), j},
                          mlirCtx);
  };

  Value xg = splitGates(b, loc, ctx, inputGates);
  Value hg = splitGates(b, loc, ctx, recurrentGates);
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (Value gates : {xg, hg}) {
    for (int64_t gate = 0; gate < ctx.numGates; ++gate) {
      inputs.push_back(gates);
      maps.push_back(gateMap(gate));
    }
  }
  bool readsHidden = cellReadsHidden(ctx.mode);
  if (readsHidden) {
    inputs.push_back(hidden);
    maps.push_back(identity);
  }
  if (cell) {
    inputs.push_back(cell);
    maps.push_back(identity);
  }
  bool masked = static_cast<bool>(ctx.lengths);
  bool writesOutput = static_cast<bool>(outputSlice);
  Value stepI32;
  if (masked) {
    // lengths[b] broadcast over the H units: the step's [B, 1] mask.
    inputs.push_back(ctx.lengths);
    maps.push_back(AffineMap::get(2, 0, {n}, mlirCtx));
    stepI32 = stepAsI32(b, loc, t);
  }

  // The new state overwrites the carried one in place (element (b, j) is
  // read before it is written), so the time loop allocates nothing.
  SmallVector<Value> outputs = {hidden};
  if (cell)
    outputs.push_back(cell);
  llvm::append_range(outputs, savedSlices);
  if (writesOutput)
    outputs.push_back(outputSlice);
  maps.append(outputs.size(), identity);

  SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
  auto step = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(outputs)), inputs, outputs, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        CellInputs in;
        in.inputGates = args.take_front(ctx.numGates);
        in.recurrentGates = args.slice(ctx.numGates, ctx.numGates);
        size_t next = 2 * ctx.numGates;
        if (readsHidden)
          in.hidden = args[next++];
        if (cell)
          in.cell = args[next++];
        in.linearBeforeReset = ctx.linearBeforeReset;
        CellOutputs out = buildCellMath(nb, nloc, ctx.mode, in);
        SmallVector<Value> yielded = llvm::to_vector(out.states);
        if (!savedSlices.empty())
          llvm::append_range(yielded, out.saved);
        if (masked) {
          // Past its length a sequence keeps its state (the carried values,
          // the first output block arguments) and outputs zeros.
          Value active = buildStepActive(nb, nloc, stepI32, args[next]);
          ValueRange carried = args.drop_front(inputs.size());
          for (auto [index, state] : llvm::enumerate(out.states))
            if (index != 0 || !ctx.projects())
              yielded[index] = arith::SelectOp::create(nb, nloc, active, state,
                                                       carried[index]);
          Value zero = arith::ConstantOp::create(
              nb, nloc, nb.getZeroAttr(ctx.elementType));
          // Saved values are 0 at padded steps, so that the backward never
          // reads what padded (maybe non-finite) x gave.
          size_t numStates = out.states.size();
          for (size_t index = numStates; index < yielded.size(); ++index)
            yielded[index] =
                arith::SelectOp::create(nb, nloc, active, yielded[index], zero);
          if (writesOutput)
            yielded.push_back(
                arith::SelectOp::create(nb, nloc, active, yielded[0], zero));
        }
        linalg::YieldOp::create(nb, nloc, yielded);
      });
  return SmallVector<Value>(step->getResults());
}

/// The projected h of one step, (o * tanh(c')) W_proj^T [B, P], and the
/// step's output rows. With sequence lengths one [B, P] generic keeps the
/// carried `hidden` and writes zero output rows where t >= lengths[b].
std::pair<Value, Value>
buildProjectedHidden(OpBuilder &b, Location loc, const LoweringContext &ctx,
                     Value unprojected, Value projection, Value hidden,
                     Value output, int64_t dir, Value t) {
  int64_t P = ctx.stateWidth;
  Value projected = buildMatmulTransposedB(
      b, loc, unprojected, projection,
      createZeros(b, loc, {ctx.batch, b.getIndexAttr(P)}, ctx.elementType));
  if (!ctx.lengths)
    return {projected, projected};
  MLIRContext *mlirCtx = b.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, mlirCtx);
  Value outputSlice = extractStep(b, loc, ctx, output, t, dir * P, P);
  Value stepI32 = stepAsI32(b, loc, t);
  auto step = linalg::GenericOp::create(
      b, loc, TypeRange{hidden.getType(), outputSlice.getType()},
      ValueRange{projected, ctx.lengths}, ValueRange{hidden, outputSlice},
      SmallVector<AffineMap>{
          identity,
          AffineMap::get(2, 0, {getAffineDimExpr(0, mlirCtx)}, mlirCtx),
          identity, identity},
      SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value active = buildStepActive(nb, nloc, stepI32, args[1]);
        Value zero = arith::ConstantOp::create(nb, nloc,
                                               nb.getZeroAttr(ctx.elementType));
        linalg::YieldOp::create(
            nb, nloc,
            ValueRange{
                arith::SelectOp::create(nb, nloc, active, args[0], args[2]),
                arith::SelectOp::create(nb, nloc, active, args[0], zero)});
      });
  return {step->getResult(0), step->getResult(1)};
}

/// r * h with r = sigmoid(xg_r + hg_r), [B, H]: what the n gate's matmul
/// reads in a GRU without linear-before-reset.
Value buildResetHidden(OpBuilder &b, Location loc, const LoweringContext &ctx,
                       Value inputReset, Value recurrentReset, Value hidden) {
  MLIRContext *mlirCtx = b.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, mlirCtx);
  Value init = createEmpty(b, loc, {ctx.batch, b.getIndexAttr(ctx.hidden)},
                           ctx.elementType);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()},
             ValueRange{inputReset, recurrentReset, hidden}, ValueRange{init},
             SmallVector<AffineMap>(4, identity),
             SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nloc,
                   ValueRange{arith::MulFOp::create(
                       nb, nloc,
                       buildSigmoid(
                           nb, nloc,
                           arith::AddFOp::create(nb, nloc, args[0], args[1])),
                       args[2])});
             })
      ->getResult(0);
}

/// The recurrent gate pre-activations R h + b_R of one step, [B, G*H]; for
/// a GRU without linear-before-reset the n block is R_h (r h) + b_Rh, with
/// r from the step's r and z blocks (two matmuls).
Value buildRecurrentGates(OpBuilder &b, Location loc,
                          const LoweringContext &ctx, Value stepGates,
                          Value hidden, const RecurrentWeights &weights) {
  if (!ctx.resetsBeforeMatmul())
    return buildMatmulTransposedB(
        b, loc, hidden, weights.matrices,
        broadcastRows(b, loc, weights.biases, ctx.batch));
  int64_t H = ctx.hidden;
  Value resetUpdate = buildMatmulTransposedB(
      b, loc, hidden, sliceGateRows(b, loc, ctx, weights.matrices, 0, 2 * H),
      broadcastRows(b, loc,
                    sliceGateRows(b, loc, ctx, weights.biases, 0, 2 * H),
                    ctx.batch));
  Value resetHidden =
      buildResetHidden(b, loc, ctx, sliceColumns(b, loc, ctx, stepGates, 0, H),
                       sliceColumns(b, loc, ctx, resetUpdate, 0, H), hidden);
  Value candidate = buildMatmulTransposedB(
      b, loc, resetHidden,
      sliceGateRows(b, loc, ctx, weights.matrices, 2 * H, H),
      broadcastRows(b, loc,
                    sliceGateRows(b, loc, ctx, weights.biases, 2 * H, H),
                    ctx.batch));
  Value gates =
      createEmpty(b, loc, {ctx.batch, b.getIndexAttr(3 * H)}, ctx.elementType);
  return insertColumns(b, loc, candidate,
                       insertColumns(b, loc, resetUpdate, gates, 0), 2 * H);
}

/// The time loop of one (layer, direction). Writes h_t into
/// output[t, :, dir*P : (dir+1)*P] (and the saved values into the saved
/// planes at t) and returns the final state.
DirectionState buildTimeLoop(OpBuilder &b, Location loc,
                             const LoweringContext &ctx, Value inputGates,
                             const RecurrentWeights &weights, int64_t dir,
                             DirectionState initial) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value time = getValueOrCreateConstantIndexOp(b, loc, ctx.time);
  bool hasCell = static_cast<bool>(initial.cell);
  SmallVector<Value> iterArgs = {initial.hidden, initial.output};
  if (hasCell)
    iterArgs.push_back(initial.cell);
  size_t firstSaved = iterArgs.size();
  llvm::append_range(iterArgs, initial.saved);

  auto loop = scf::ForOp::create(
      b, loc, zero, time, one, iterArgs,
      [&](OpBuilder &nb, Location nloc, Value step, ValueRange carried) {
        Value hidden = carried[0];
        Value output = carried[1];
        Value cell = hasCell ? carried[2] : Value();
        ValueRange saved = carried.drop_front(firstSaved);
        Value t = step;
        if (dir == 1)
          t = arith::SubIOp::create(
              nb, nloc, arith::SubIOp::create(nb, nloc, time, one), step);

        Value stepGates =
            extractStepRows(nb, nloc, ctx, inputGates, t, 0, ctx.gateWidth());
        Value recurrentGates =
            buildRecurrentGates(nb, nloc, ctx, stepGates, hidden, weights);
        SmallVector<Value> savedSlices;
        for (Value plane : saved)
          savedSlices.push_back(
              extractStep(nb, nloc, ctx, plane, t, 0, ctx.hidden));
        // With a projection the cell writes o * tanh(c') into a fresh
        // [B, H] tensor and the projection (and its mask) follows.
        Value cellHidden =
            ctx.projects()
                ? createEmpty(nb, nloc,
                              {ctx.batch, nb.getIndexAttr(ctx.hidden)},
                              ctx.elementType)
                : hidden;
        Value outputSlice = ctx.lengths && !ctx.projects()
                                ? extractStep(nb, nloc, ctx, output, t,
                                              dir * ctx.hidden, ctx.hidden)
                                : Value();
        SmallVector<Value> next =
            buildCellStep(nb, nloc, ctx, stepGates, recurrentGates, cellHidden,
                          cell, savedSlices, t, outputSlice);

        // With lengths the step's output rows are the generic's last result
        // (zero past each length), else the new h itself.
        Value outputRows = outputSlice ? next.back() : next[0];
        if (ctx.projects())
          std::tie(next[0], outputRows) =
              buildProjectedHidden(nb, nloc, ctx, next[0], weights.projection,
                                   hidden, output, dir, t);
        SmallVector<Value> yielded = {
            next[0], insertStep(nb, nloc, ctx, outputRows, output, t,
                                dir * ctx.stateWidth)};
        if (hasCell)
          yielded.push_back(next[1]);
        for (auto [slice, plane] : llvm::zip(
                 ArrayRef<Value>(next).drop_front(hasCell ? 2 : 1), saved))
          yielded.push_back(insertStep(nb, nloc, ctx, slice, plane, t, 0));
        scf::YieldOp::create(nb, nloc, yielded);
      });
  DirectionState final;
  final.hidden = loop.getResult(0);
  final.output = loop.getResult(1);
  if (hasCell)
    final.cell = loop.getResult(2);
  for (Value plane : loop.getResults().drop_front(firstSaved))
    final.saved.push_back(plane);
  return final;
}

struct RecurrentLayerToLinalg
    : public OpInterfaceRewritePattern<RecurrentLayerOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(RecurrentLayerOpInterface op,
                                PatternRewriter &rewriter) const override {
    if (isPromotedToF32(op))
      return rewriter.notifyMatchFailure(op, "runs in f32 (PromoteToF32)");
    Location loc = op.getLoc();
    LoweringContext ctx = LoweringContext::get(rewriter, op);
    const rnnrt::LayerConfig &config = ctx.config();
    bool applyDropout = op.getIsTraining() && op.getDropoutRate() > 0.0;
    // Dropout is a CPU runtime call: fail before building anything when the
    // runtime lacks it for the element type.
    if (applyDropout && config.numLayers > 1 &&
        failed(declareRuntimeFunction(op, RuntimeFunction::CpuDropout,
                                      ctx.elementType)))
      return failure();

    DimensionGuard guard(rewriter, op, /*zeroFill=*/true);
    std::optional<ReserveLayout> reserveLayout;
    Value reserve;
    if (op.getReserve()) {
      reserveLayout.emplace(ctx);
      reserve = reserveLayout->create(rewriter, loc);
    }

    Value finalHidden =
        createEmpty(rewriter, loc, ctx.stateSizes(rewriter, ctx.stateWidth),
                    ctx.elementType);
    Value finalCell =
        op.getInitialCell()
            ? createEmpty(rewriter, loc, ctx.stateSizes(rewriter, ctx.hidden),
                          ctx.elementType)
            : Value();

    // Batch-major x runs time-major on a transposed copy (the input
    // projection GEMM reads [T*B, I] rows).
    Value layerInput = op.getInput();
    if (!ctx.timeMajor)
      layerInput = transposeSequence(rewriter, loc, layerInput);
    for (int64_t layer = 0; layer < config.numLayers; ++layer) {
      Value output = createEmpty(
          rewriter, loc,
          ctx.sequenceSizes(rewriter, ctx.numDirections * ctx.stateWidth),
          ctx.elementType);
      for (int64_t dir = 0; dir < ctx.numDirections; ++dir) {
        int64_t row = layer * ctx.numDirections + dir;
        Value inputGates =
            buildInputProjection(rewriter, loc, ctx, layerInput, layer, dir);
        RecurrentWeights weights{
            sliceParams(rewriter, loc, ctx.params,
                        ctx.layout.recurrentMatricesOffset(layer, dir),
                        {ctx.gateWidth(), ctx.stateWidth}),
            sliceParams(rewriter, loc, ctx.params,
                        ctx.layout.recurrentBiasesOffset(layer, dir),
                        {ctx.gateWidth()}),
            ctx.projects()
                ? sliceParams(rewriter, loc, ctx.params,
                              ctx.layout.projectionOffset(layer, dir),
                              {ctx.stateWidth, ctx.hidden})
                : Value()};
        DirectionState initial;
        initial.hidden = extractStateRow(
            rewriter, loc, ctx, op.getInitialHidden(), row, ctx.stateWidth);
        if (op.getInitialCell())
          initial.cell = extractStateRow(rewriter, loc, ctx,
                                         op.getInitialCell(), row, ctx.hidden);
        initial.output = output;
        if (reserve)
          for (int64_t plane = 0; plane < numSavedValues(ctx.mode); ++plane)
            initial.saved.push_back(createEmpty(
                rewriter, loc, ctx.sequenceSizes(rewriter, ctx.hidden),
                ctx.elementType));
        DirectionState final = buildTimeLoop(rewriter, loc, ctx, inputGates,
                                             weights, dir, initial);
        output = final.output;
        finalHidden =
            insertStateRow(rewriter, loc, ctx, final.hidden, finalHidden, row);
        if (finalCell)
          finalCell =
              insertStateRow(rewriter, loc, ctx, final.cell, finalCell, row);
        for (auto [plane, saved] : llvm::enumerate(final.saved))
          reserveLayout->store(rewriter, loc, reserve,
                               reserveLayout->planeUnit(layer, dir, plane),
                               saved);
      }
      bool isLast = layer + 1 == config.numLayers;
      if (reserve && !isLast)
        reserveLayout->store(rewriter, loc, reserve,
                             reserveLayout->layerOutputUnit(layer), output);
      if (applyDropout && !isLast) {
        FailureOr<Value> dropped =
            buildDropout(rewriter, op, output, op.getDropoutRate(),
                         op.getDropoutSeed(), layer);
        if (failed(dropped))
          return failure();
        output = *dropped;
      }
      layerInput = output;
    }

    if (!ctx.timeMajor)
      layerInput = transposeSequence(rewriter, loc, layerInput);
    SmallVector<Value> results = {
        castTo(rewriter, loc, layerInput, op.getOutput().getType()),
        castTo(rewriter, loc, finalHidden, op.getFinalHidden().getType())};
    if (finalCell)
      results.push_back(
          castTo(rewriter, loc, finalCell, op.getFinalCell().getType()));
    if (reserve)
      results.push_back(bufferization::ToTensorOp::create(
          rewriter, loc, op.getReserve().getType(), reserve,
          /*restrict=*/true, /*writable=*/true));
    rewriter.replaceOp(op, guard.finish(results));
    return success();
  }
};

} // namespace

void mlir::rnn::populateRecurrentLayerToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<RecurrentLayerToLinalg>(patterns.getContext());
}
