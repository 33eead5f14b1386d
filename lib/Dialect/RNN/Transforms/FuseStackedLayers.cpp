//===- FuseStackedLayers.cpp - The rnn-fuse-stacked-layers pass -----------===//
//
// Folds the glue between single-layer recurrent ops, then joins each op
// that only feeds the next layer into it (Passes.td says when).
//
//===----------------------------------------------------------------------===//

#include "rnn/Dialect/RNN/IR/RNNOps.h"
#include "rnn/Dialect/RNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNFUSESTACKEDLAYERS
#include "rnn/Dialect/RNN/Transforms/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// Whether `value` is a static full slice source: a static shape.
bool isStatic(OpFoldResult value, int64_t *out) {
  std::optional<int64_t> constant = getConstantIntValue(value);
  if (!constant)
    return false;
  *out = *constant;
  return true;
}

/// concat(extract_slice(s)[a, a+n), extract_slice(s)[a+n, a+n+m), ...) on
/// dimension d, unit strides, full elsewhere -> extract_slice(s)[a, ...).
struct ConcatOfAdjacentSlices : OpRewritePattern<tensor::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    int64_t dim = op.getDim();
    Value source;
    int64_t first = 0, next = 0;
    for (auto [index, input] : llvm::enumerate(op.getInputs())) {
      auto slice = input.getDefiningOp<tensor::ExtractSliceOp>();
      if (!slice || !slice.hasUnitStride() ||
          slice.getSourceType().getRank() != slice.getResultType().getRank())
        return rewriter.notifyMatchFailure(op, "an input is not a slice");
      if (index == 0)
        source = slice.getSource();
      else if (slice.getSource() != source)
        return rewriter.notifyMatchFailure(op, "slices of different tensors");
      RankedTensorType sourceType = slice.getSourceType();
      for (int64_t d = 0; d < sourceType.getRank(); ++d) {
        int64_t offset, size;
        if (!isStatic(slice.getMixedOffsets()[d], &offset) ||
            !isStatic(slice.getMixedSizes()[d], &size))
          return rewriter.notifyMatchFailure(op, "dynamic slice");
        if (d != dim) {
          if (offset != 0 || size != sourceType.getDimSize(d))
            return rewriter.notifyMatchFailure(op, "partial slice");
          continue;
        }
        if (index == 0)
          first = next = offset;
        if (offset != next)
          return rewriter.notifyMatchFailure(op, "slices are not adjacent");
        next = offset + size;
      }
    }
    auto sourceType = cast<RankedTensorType>(source.getType());
    SmallVector<OpFoldResult> offsets(sourceType.getRank(),
                                      rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < sourceType.getRank(); ++d)
      sizes.push_back(rewriter.getIndexAttr(sourceType.getDimSize(d)));
    offsets[dim] = rewriter.getIndexAttr(first);
    sizes[dim] = rewriter.getIndexAttr(next - first);
    SmallVector<OpFoldResult> strides(sourceType.getRank(),
                                      rewriter.getIndexAttr(1));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, op.getResultType(), source, offsets, sizes, strides);
    return success();
  }
};

/// concat of splat constants of one value -> one splat constant.
struct ConcatOfSplats : OpRewritePattern<tensor::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getResultType().hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic result");
    Attribute element;
    for (Value input : op.getInputs()) {
      SplatElementsAttr splat;
      if (!matchPattern(input, m_Constant(&splat)))
        return rewriter.notifyMatchFailure(op, "an input is not a splat");
      if (element && splat.getSplatValue<Attribute>() != element)
        return rewriter.notifyMatchFailure(op, "different splat values");
      element = splat.getSplatValue<Attribute>();
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, SplatElementsAttr::get(op.getResultType(), element));
    return success();
  }
};

/// Folds the glue between layers.
LogicalResult foldGlue(Operation *root) {
  MLIRContext *context = root->getContext();
  RewritePatternSet patterns(context);
  tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
  tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
  tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, context);
  tensor::ConcatOp::getCanonicalizationPatterns(patterns, context);
  tensor::CastOp::getCanonicalizationPatterns(patterns, context);
  linalg::TransposeOp::getCanonicalizationPatterns(patterns, context);
  tensor::populateMergeConsecutiveInsertExtractSlicePatterns(patterns);
  patterns.add<ConcatOfAdjacentSlices, ConcatOfSplats>(context);
  return applyPatternsGreedily(root, std::move(patterns));
}

/// h_0 / c_0 of the joined op: `a` rows then `b` rows.
Value concatStates(OpBuilder &b, Location loc, Value first, Value second) {
  return tensor::ConcatOp::create(b, loc, /*dim=*/0, ValueRange{first, second});
}

/// Rows [offset, offset + rows) of the joined op's state `state`, typed as
/// `type` (the replaced op's state).
Value sliceState(OpBuilder &b, Location loc, Value state, int64_t offset,
                 int64_t rows, Type type) {
  auto stateType = cast<RankedTensorType>(state.getType());
  SmallVector<OpFoldResult> offsets = {b.getIndexAttr(offset),
                                       b.getIndexAttr(0), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(rows),
                                     tensor::getMixedSize(b, loc, state, 1),
                                     b.getIndexAttr(stateType.getDimSize(2))};
  SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
  Value slice =
      tensor::ExtractSliceOp::create(b, loc, state, offsets, sizes, strides);
  if (slice.getType() != type)
    slice = tensor::CastOp::create(b, loc, type, slice);
  return slice;
}

/// Whether `user` (of a lower op's state) is after `upper`, or is a slice
/// before it whose users all are (the slices of an earlier join): those
/// move after the joined op.
bool isMovableAfter(Operation *user, Operation *upper) {
  if (user->getBlock() != upper->getBlock())
    return false;
  if (upper->isBeforeInBlock(user))
    return true;
  if (!isa<tensor::ExtractSliceOp, tensor::CastOp>(user))
    return false;
  return llvm::all_of(user->getUsers(), [&](Operation *next) {
    return isMovableAfter(next, upper);
  });
}

/// Moves the users of `value` that are before `point` (slices, see
/// isMovableAfter) and theirs after it, keeping their order.
void moveUsersAfter(Value value, Operation *point) {
  SmallVector<Operation *> users(value.getUsers());
  llvm::sort(users,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  for (Operation *user : users) {
    if (!user->isBeforeInBlock(point))
      continue;
    user->moveAfter(point);
    point = user;
    for (Value result : user->getResults())
      moveUsersAfter(result, point);
  }
}

/// Whether `upper` can be joined into `lower` (Passes.td lists when).
bool canJoin(RecurrentLayerOpInterface lower, RecurrentLayerOpInterface upper) {
  if (lower->getName() != upper->getName() || lower.getIsTraining() ||
      upper.getIsTraining() || lower.getReserve() || upper.getReserve())
    return false;
  // Both or neither take sequence lengths, and then the same ones: the
  // joined op masks every layer with them, as the two ops did.
  if (lower.getSeqLengths() != upper.getSeqLengths())
    return false;
  // Every attribute but num_layers (linear_before_reset, ...) must agree.
  NamedAttrList lowerAttrs(lower->getAttrDictionary());
  NamedAttrList upperAttrs(upper->getAttrDictionary());
  lowerAttrs.erase("num_layers");
  upperAttrs.erase("num_layers");
  if (lowerAttrs.getDictionary(lower->getContext()) !=
      upperAttrs.getDictionary(upper->getContext()))
    return false;
  rnnrt::LayerConfig a = lower.getLayerConfig(), b = upper.getLayerConfig();
  if (a.numUnits != b.numUnits || a.direction != b.direction ||
      b.inputMode != RNNRT_INPUT_LINEAR || a.hasProjection())
    return false;
  if (!lower.getOutput().hasOneUse() || upper.getInput() != lower.getOutput())
    return false;
  if (lower.getOutput().getType() != upper.getOutput().getType())
    return false;
  if (!lower.getParams().getDefiningOp<PackParamsOp>() ||
      !upper.getParams().getDefiningOp<PackParamsOp>())
    return false;
  if (lower->getBlock() != upper->getBlock())
    return false;
  for (Operation *user : lower->getUsers())
    if (user != upper && !isMovableAfter(user, upper))
      return false;
  return true;
}

/// Replaces `lower` and `upper` by one op; returns it.
void join(RecurrentLayerOpInterface lower, RecurrentLayerOpInterface upper) {
  OpBuilder b(upper);
  Location loc = upper.getLoc();
  auto lowerPack = lower.getParams().getDefiningOp<PackParamsOp>();
  auto upperPack = upper.getParams().getDefiningOp<PackParamsOp>();
  rnnrt::LayerConfig lowerConfig = lowerPack.getLayerConfig();
  rnnrt::LayerConfig upperConfig = upperPack.getLayerConfig();
  size_t lowerMatrices = rnnrt::ParamsLayout(lowerConfig).matrices().size();
  size_t upperMatrices = rnnrt::ParamsLayout(upperConfig).matrices().size();
  int64_t layers = lowerConfig.numLayers + upperConfig.numLayers;

  SmallVector<Value> canonical;
  ValueRange lowerWeights = lowerPack.getCanonical();
  ValueRange upperWeights = upperPack.getCanonical();
  canonical.append(lowerWeights.begin(), lowerWeights.begin() + lowerMatrices);
  canonical.append(upperWeights.begin(), upperWeights.begin() + upperMatrices);
  canonical.append(lowerWeights.begin() + lowerMatrices, lowerWeights.end());
  canonical.append(upperWeights.begin() + upperMatrices, upperWeights.end());
  rnnrt::LayerConfig joined = lowerConfig;
  joined.numLayers = layers;
  int64_t size = rnnrt::ParamsLayout(joined).size();
  Type elementType = getElementTypeOrSelf(lowerPack.getType());
  auto pack = PackParamsOp::create(
      b, loc, RankedTensorType::get({size}, elementType), canonical,
      lowerPack.getModeAttr(), b.getI64IntegerAttr(layers),
      lowerPack.getNumUnitsAttr(), lowerPack.getInputSizeAttr(),
      lowerPack.getDirectionAttr(), lowerPack.getInputModeAttr(),
      lowerPack.getNumProjAttr());

  int64_t lowerRows = lowerConfig.numLayers * lowerConfig.numDirections();
  int64_t upperRows = upperConfig.numLayers * upperConfig.numDirections();
  SmallVector<Value> operands = {lower.getInput()};
  operands.push_back(
      concatStates(b, loc, lower.getInitialHidden(), upper.getInitialHidden()));
  if (lower.getInitialCell())
    operands.push_back(
        concatStates(b, loc, lower.getInitialCell(), upper.getInitialCell()));
  operands.push_back(pack);
  if (Value lengths = lower.getSeqLengths())
    operands.push_back(lengths);
  auto hiddenType = cast<RankedTensorType>(operands[1].getType());
  SmallVector<Type> resultTypes = {upper.getOutput().getType(), hiddenType};
  if (lower.getInitialCell())
    resultTypes.push_back(hiddenType);

  OperationState state(loc, lower->getName());
  state.addOperands(operands);
  state.addTypes(resultTypes);
  state.addAttributes(lower->getAttrs());
  Operation *fused = b.create(state);
  fused->setAttr("num_layers", b.getI64IntegerAttr(layers));
  auto fusedLayer = cast<RecurrentLayerOpInterface>(fused);

  upper.getOutput().replaceAllUsesWith(fusedLayer.getOutput());
  auto replaceState = [&](Value lowerState, Value upperState, Value joint) {
    if (!lowerState)
      return;
    b.setInsertionPointAfter(fused);
    Value lowerSlice =
        sliceState(b, loc, joint, 0, lowerRows, lowerState.getType());
    lowerState.replaceAllUsesWith(lowerSlice);
    moveUsersAfter(lowerSlice, lowerSlice.getDefiningOp());
    upperState.replaceAllUsesWith(
        sliceState(b, loc, joint, lowerRows, upperRows, upperState.getType()));
  };
  replaceState(lower.getFinalHidden(), upper.getFinalHidden(),
               fusedLayer.getFinalHidden());
  replaceState(lower.getFinalCell(), upper.getFinalCell(),
               fusedLayer.getFinalCell());
  upper->erase();
  lower->erase();
  if (upperPack->use_empty())
    upperPack->erase();
  if (lowerPack->use_empty())
    lowerPack->erase();
}

struct RNNFuseStackedLayersPass
    : public rnn::impl::RNNFuseStackedLayersBase<RNNFuseStackedLayersPass> {
  void runOnOperation() override {
    Operation *root = getOperation();
    (void)foldGlue(root);
    bool changed = true;
    while (changed) {
      changed = false;
      root->walk([&](RecurrentLayerOpInterface upper) {
        auto lower =
            upper.getInput().getDefiningOp<RecurrentLayerOpInterface>();
        if (!lower || !canJoin(lower, upper))
          return WalkResult::advance();
        join(lower, upper);
        changed = true;
        return WalkResult::interrupt();
      });
    }
    (void)foldGlue(root);
  }
};

} // namespace
