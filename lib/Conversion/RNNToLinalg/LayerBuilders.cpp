//===- LayerBuilders.cpp - What the forward and backward lowerings share --===//

#include "LayerBuilders.h"
#include "TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::rnn;

LoweringContext LoweringContext::get(OpBuilder &b, RecurrentOpInterface op) {
  Location loc = op.getLoc();
  Value input = op.getInput();
  rnnrt::LayerConfig config = op.getLayerConfig();
  config.inputMode = config.resolvedInputMode();
  return LoweringContext{
      op,
      rnnrt::ParamsLayout(config),
      op.getMode(),
      config.numGates(),
      config.numUnits,
      config.hiddenSize(),
      config.numDirections(),
      cast<RankedTensorType>(input.getType()).getElementType(),
      op.getLinearBeforeReset(),
      tensor::getMixedSize(b, loc, input, op.getTimeDim()),
      tensor::getMixedSize(b, loc, input, op.getBatchDim()),
      op.getParams(),
      op.getSeqLengths(),
      op.getTimeMajor()};
}

int64_t LoweringContext::staticRows() const {
  int64_t t = getStaticSize(time), n = getStaticSize(batch);
  return ShapedType::isDynamic(t) || ShapedType::isDynamic(n)
             ? ShapedType::kDynamic
             : t * n;
}

Value LoweringContext::rows(OpBuilder &b, Location loc) const {
  return arith::MulIOp::create(b, loc,
                               getValueOrCreateConstantIndexOp(b, loc, time),
                               getValueOrCreateConstantIndexOp(b, loc, batch));
}

OpFoldResult LoweringContext::rowsSize(OpBuilder &b, Location loc) const {
  if (!ShapedType::isDynamic(staticRows()))
    return b.getIndexAttr(staticRows());
  return rows(b, loc);
}

SmallVector<OpFoldResult> LoweringContext::stateSizes(OpBuilder &b,
                                                      int64_t width) const {
  return {b.getIndexAttr(config().numLayers * numDirections), batch,
          b.getIndexAttr(width)};
}

SmallVector<OpFoldResult> LoweringContext::sequenceSizes(OpBuilder &b,
                                                         int64_t width) const {
  return {time, batch, b.getIndexAttr(width)};
}

Value mlir::rnn::splitGates(OpBuilder &b, Location loc,
                            const LoweringContext &ctx, Value gates) {
  auto type = ctx.type({getStaticSize(ctx.batch), ctx.numGates, ctx.hidden});
  return tensor::ExpandShapeOp::create(
      b, loc, type, gates, ArrayRef<ReassociationIndices>{{0}, {1, 2}},
      ArrayRef<OpFoldResult>{ctx.batch, b.getIndexAttr(ctx.numGates),
                             b.getIndexAttr(ctx.hidden)});
}

static SmallVector<OpFoldResult> unitStrides(OpBuilder &b, int64_t rank) {
  return SmallVector<OpFoldResult>(rank, b.getIndexAttr(1));
}

Value mlir::rnn::extractStep(OpBuilder &b, Location loc,
                             const LoweringContext &ctx, Value sequence,
                             OpFoldResult t, int64_t column, int64_t width) {
  return tensor::ExtractSliceOp::create(
      b, loc, ctx.type({getStaticSize(ctx.batch), width}), sequence,
      ArrayRef<OpFoldResult>{t, b.getIndexAttr(0), b.getIndexAttr(column)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), ctx.batch,
                             b.getIndexAttr(width)},
      unitStrides(b, 3));
}

Value mlir::rnn::insertStep(OpBuilder &b, Location loc,
                            const LoweringContext &ctx, Value value,
                            Value sequence, OpFoldResult t, int64_t column) {
  int64_t width = cast<RankedTensorType>(value.getType()).getDimSize(1);
  return tensor::InsertSliceOp::create(
      b, loc, value, sequence,
      ArrayRef<OpFoldResult>{t, b.getIndexAttr(0), b.getIndexAttr(column)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), ctx.batch,
                             b.getIndexAttr(width)},
      unitStrides(b, 3));
}

static Value firstRowOfStep(OpBuilder &b, Location loc,
                            const LoweringContext &ctx, Value t) {
  return arith::MulIOp::create(
      b, loc, t, getValueOrCreateConstantIndexOp(b, loc, ctx.batch));
}

Value mlir::rnn::extractStepRows(OpBuilder &b, Location loc,
                                 const LoweringContext &ctx, Value rows,
                                 Value t, int64_t column, int64_t width) {
  return tensor::ExtractSliceOp::create(
      b, loc, ctx.type({getStaticSize(ctx.batch), width}), rows,
      ArrayRef<OpFoldResult>{firstRowOfStep(b, loc, ctx, t),
                             b.getIndexAttr(column)},
      ArrayRef<OpFoldResult>{ctx.batch, b.getIndexAttr(width)},
      unitStrides(b, 2));
}

Value mlir::rnn::insertStepRows(OpBuilder &b, Location loc,
                                const LoweringContext &ctx, Value value,
                                Value rows, Value t, int64_t column) {
  int64_t width = cast<RankedTensorType>(value.getType()).getDimSize(1);
  return tensor::InsertSliceOp::create(
      b, loc, value, rows,
      ArrayRef<OpFoldResult>{firstRowOfStep(b, loc, ctx, t),
                             b.getIndexAttr(column)},
      ArrayRef<OpFoldResult>{ctx.batch, b.getIndexAttr(width)},
      unitStrides(b, 2));
}

Value mlir::rnn::sliceGateRows(OpBuilder &b, Location loc,
                               const LoweringContext &ctx, Value value,
                               int64_t first, int64_t count) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[0] = count;
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  offsets[0] = b.getIndexAttr(first);
  SmallVector<OpFoldResult> sizes;
  for (int64_t size : shape)
    sizes.push_back(b.getIndexAttr(size));
  return tensor::ExtractSliceOp::create(
      b, loc, ctx.type(shape), value, offsets, sizes,
      SmallVector<OpFoldResult>(type.getRank(), b.getIndexAttr(1)));
}

Value mlir::rnn::sliceColumns(OpBuilder &b, Location loc,
                              const LoweringContext &ctx, Value rows,
                              int64_t first, int64_t count) {
  auto type = cast<RankedTensorType>(rows.getType());
  return tensor::ExtractSliceOp::create(
      b, loc, ctx.type({type.getDimSize(0), count}), rows,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(first)},
      ArrayRef<OpFoldResult>{tensor::getMixedSize(b, loc, rows, 0),
                             b.getIndexAttr(count)},
      unitStrides(b, 2));
}

Value mlir::rnn::insertColumns(OpBuilder &b, Location loc, Value value,
                               Value rows, int64_t first) {
  return tensor::InsertSliceOp::create(
      b, loc, value, rows,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(first)},
      tensor::getMixedSizes(b, loc, value), unitStrides(b, 2));
}

Value mlir::rnn::collapseSequence(OpBuilder &b, Location loc,
                                  const LoweringContext &ctx, Value sequence) {
  auto type = cast<RankedTensorType>(sequence.getType());
  return tensor::CollapseShapeOp::create(
      b, loc, ctx.type({ctx.staticRows(), type.getDimSize(2)}), sequence,
      ArrayRef<ReassociationIndices>{{0, 1}, {2}});
}

Value mlir::rnn::transposeSequence(OpBuilder &b, Location loc, Value sequence) {
  auto type = cast<RankedTensorType>(sequence.getType());
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, sequence);
  std::swap(sizes[0], sizes[1]);
  Value init = createEmpty(b, loc, sizes, type.getElementType());
  return linalg::TransposeOp::create(b, loc, sequence, init,
                                     ArrayRef<int64_t>{1, 0, 2})
      ->getResult(0);
}

Value mlir::rnn::stepAsI32(OpBuilder &b, Location loc, Value t) {
  return arith::IndexCastOp::create(b, loc, b.getI32Type(), t);
}

Value mlir::rnn::buildStepActive(OpBuilder &b, Location loc, Value t,
                                 Value length) {
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, t, length);
}

Value mlir::rnn::castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}
