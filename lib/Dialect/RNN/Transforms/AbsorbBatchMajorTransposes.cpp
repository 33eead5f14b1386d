//===- AbsorbBatchMajorTransposes.cpp - rnn-absorb-batch-major-transposes -===//
//
// Rebuilds a time-major forward op whose input is the [1, 0, 2] transpose
// of a batch-major tensor as a time_major = false op on that tensor
// (Passes.td says when).
//
//===----------------------------------------------------------------------===//

#include "rnn/Dialect/RNN/IR/RNNOps.h"
#include "rnn/Dialect/RNN/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNABSORBBATCHMAJORTRANSPOSES
#include "rnn/Dialect/RNN/Transforms/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// The permutation that swaps time and batch.
constexpr int64_t kSwapTimeAndBatch[] = {1, 0, 2};

/// `value` produced by a linalg.transpose swapping dimensions 0 and 1, or
/// null.
linalg::TransposeOp swapOfTimeAndBatch(Value value) {
  auto transpose = value.getDefiningOp<linalg::TransposeOp>();
  if (!transpose || transpose->getNumResults() != 1 ||
      transpose.getPermutation() != ArrayRef<int64_t>(kSwapTimeAndBatch))
    return nullptr;
  return transpose;
}

/// `type` ([T, B, N] or [B, T, N]) with its first two dimensions swapped.
RankedTensorType swapFirstTwo(Type type) {
  auto ranked = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape(ranked.getShape());
  std::swap(shape[0], shape[1]);
  return RankedTensorType::get(shape, ranked.getElementType());
}

/// `value` with its first two dimensions swapped, as a linalg.transpose.
Value transposeTimeAndBatch(OpBuilder &b, Location loc, Value value) {
  RankedTensorType type = swapFirstTwo(value.getType());
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(
          tensor::DimOp::create(b, loc, value, kSwapTimeAndBatch[d]));
  Value init = tensor::EmptyOp::create(b, loc, type.getShape(),
                                       type.getElementType(), dynamicSizes);
  return linalg::TransposeOp::create(b, loc, value, init, kSwapTimeAndBatch)
      ->getResult(0);
}

struct AbsorbInputTranspose
    : OpInterfaceRewritePattern<RecurrentLayerOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(RecurrentLayerOpInterface op,
                                PatternRewriter &rewriter) const override {
    if (!op.getTimeMajor() || op.getIsTraining() || op.getReserve())
      return rewriter.notifyMatchFailure(op, "not a time-major inference op");
    linalg::TransposeOp inputTranspose = swapOfTimeAndBatch(op.getInput());
    if (!inputTranspose)
      return rewriter.notifyMatchFailure(op, "x is not a [1, 0, 2] transpose");

    Location loc = op.getLoc();
    Operation *oldOp = op.getOperation();
    OperationState state(loc, oldOp->getName());
    SmallVector<Value> operands(oldOp->getOperands());
    operands[0] = inputTranspose.getInput();
    state.addOperands(operands);
    SmallVector<Type> resultTypes(oldOp->getResultTypes());
    resultTypes[0] = swapFirstTwo(resultTypes[0]);
    state.addTypes(resultTypes);
    state.addAttributes(oldOp->getAttrs());
    rewriter.setInsertionPoint(oldOp);
    Operation *newOp = rewriter.create(state);
    newOp->setAttr("time_major", rewriter.getBoolAttr(false));
    Value batchMajorOutput = cast<RecurrentLayerOpInterface>(newOp).getOutput();

    // Uses of y that transpose it back read the new y; the others read it
    // transposed to time-major, built once.
    Value timeMajorOutput;
    for (OpOperand &use :
         llvm::make_early_inc_range(op.getOutput().getUses())) {
      auto transpose = dyn_cast<linalg::TransposeOp>(use.getOwner());
      if (transpose && swapOfTimeAndBatch(transpose->getResult(0))) {
        Type resultType = transpose->getResult(0).getType();
        Value replacement = batchMajorOutput;
        if (replacement.getType() != resultType) {
          rewriter.setInsertionPointAfter(newOp);
          replacement = tensor::CastOp::create(rewriter, loc, resultType,
                                               batchMajorOutput);
        }
        rewriter.replaceOp(transpose, replacement);
        continue;
      }
      if (!timeMajorOutput) {
        rewriter.setInsertionPointAfter(newOp);
        timeMajorOutput =
            transposeTimeAndBatch(rewriter, loc, batchMajorOutput);
        if (timeMajorOutput.getType() != op.getOutput().getType())
          timeMajorOutput = tensor::CastOp::create(
              rewriter, loc, op.getOutput().getType(), timeMajorOutput);
      }
      rewriter.modifyOpInPlace(use.getOwner(),
                               [&] { use.set(timeMajorOutput); });
    }
    for (unsigned i = 1; i < oldOp->getNumResults(); ++i)
      rewriter.replaceAllUsesWith(oldOp->getResult(i), newOp->getResult(i));
    rewriter.eraseOp(oldOp);
    return success();
  }
};

struct RNNAbsorbBatchMajorTransposesPass
    : public rnn::impl::RNNAbsorbBatchMajorTransposesBase<
          RNNAbsorbBatchMajorTransposesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<AbsorbInputTranspose>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
