//===- RNNCanonicalize.cpp - rnn folders and canonicalization patterns ----===//
//
// - auto_select is rewritten to the concrete input mode;
// - unpack_params(pack_params(ws)) folds to ws, pack_params(unpack_params(p))
//   to p;
// - unused inference ops and grad ops are erased by DCE (see getEffects in
//   RNNOps.cpp; grad ops are Pure).
//
//===----------------------------------------------------------------------===//

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// Rewrites input_mode = auto_select to skip_input when I == H, else to
/// linear_input. Shared by the compute ops and pack/unpack.
template <typename OpTy>
struct ResolveAutoSelect : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (op.getInputMode() != InputMode::auto_select)
      return rewriter.notifyMatchFailure(op, "input mode is already concrete");
    auto resolved =
        static_cast<InputMode>(op.getLayerConfig().resolvedInputMode());
    rewriter.modifyOpInPlace(op, [&] { op.setInputMode(resolved); });
    return success();
  }
};

} // namespace

/// Two configurations describe the same packed layout.
static bool haveSameLayout(const ::rnnrt::LayerConfig &a,
                           const ::rnnrt::LayerConfig &b) {
  return a.mode == b.mode && a.numLayers == b.numLayers &&
         a.numUnits == b.numUnits && a.inputSize == b.inputSize &&
         a.direction == b.direction && a.numProj == b.numProj &&
         a.resolvedInputMode() == b.resolvedInputMode();
}

void LSTMOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<ResolveAutoSelect<LSTMOp>>(context);
}
void GRUOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<ResolveAutoSelect<GRUOp>>(context);
}
void RNNTanhOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ResolveAutoSelect<RNNTanhOp>>(context);
}
void RNNReluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ResolveAutoSelect<RNNReluOp>>(context);
}
void LSTMGradOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                             MLIRContext *context) {
  results.add<ResolveAutoSelect<LSTMGradOp>>(context);
}
void GRUGradOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ResolveAutoSelect<GRUGradOp>>(context);
}
void RNNTanhGradOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                MLIRContext *context) {
  results.add<ResolveAutoSelect<RNNTanhGradOp>>(context);
}
void RNNReluGradOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                MLIRContext *context) {
  results.add<ResolveAutoSelect<RNNReluGradOp>>(context);
}
void PackParamsOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                               MLIRContext *context) {
  results.add<ResolveAutoSelect<PackParamsOp>>(context);
}
void UnpackParamsOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                 MLIRContext *context) {
  results.add<ResolveAutoSelect<UnpackParamsOp>>(context);
}

OpFoldResult PackParamsOp::fold(FoldAdaptor adaptor) {
  OperandRange canonical = getCanonical();
  if (canonical.empty())
    return {};
  auto unpack = canonical.front().getDefiningOp<UnpackParamsOp>();
  if (!unpack || unpack->getNumResults() != canonical.size())
    return {};
  for (auto [operand, result] : llvm::zip(canonical, unpack->getResults()))
    if (operand != result)
      return {};
  if (!haveSameLayout(getLayerConfig(), unpack.getLayerConfig()) ||
      unpack.getParams().getType() != getType())
    return {};
  return unpack.getParams();
}

LogicalResult UnpackParamsOp::fold(FoldAdaptor adaptor,
                                   SmallVectorImpl<OpFoldResult> &results) {
  auto pack = getParams().getDefiningOp<PackParamsOp>();
  if (!pack || !haveSameLayout(getLayerConfig(), pack.getLayerConfig()))
    return failure();
  if (pack.getCanonical().getTypes() != getResultTypes())
    return failure();
  results.append(pack.getCanonical().begin(), pack.getCanonical().end());
  return success();
}
