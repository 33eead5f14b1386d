//===- ParamsLowering.cpp - rnn.pack_params/unpack_params to tensors ------===//
//
// Both follow rnnrt::ParamsLayout: pack writes each canonical tensor at its
// offset of the packed buffer, unpack reads it back.
//
//===----------------------------------------------------------------------===//

#include "TensorBuilders.h"

#include "rnn/Conversion/RNNToLinalg/RNNToLinalg.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// Canonical slots (matrices then biases) in operand/result order.
SmallVector<rnnrt::ParamSlot>
canonicalSlots(const rnnrt::ParamsLayout &layout) {
  SmallVector<rnnrt::ParamSlot> slots(layout.matrices().begin(),
                                      layout.matrices().end());
  slots.append(layout.biases().begin(), layout.biases().end());
  return slots;
}

struct PackParamsToTensor : public OpRewritePattern<PackParamsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(PackParamsOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    rnnrt::ParamsLayout layout = op.getParamsLayout();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value packed =
        createEmpty(rewriter, loc, {rewriter.getIndexAttr(layout.size())},
                    resultType.getElementType());
    for (auto [slot, value] :
         llvm::zip(canonicalSlots(layout), op.getCanonical())) {
      Value flat = value;
      if (slot.isMatrix())
        flat = tensor::CollapseShapeOp::create(
            rewriter, loc, value, ArrayRef<ReassociationIndices>{{0, 1}});
      packed = tensor::InsertSliceOp::create(
          rewriter, loc, flat, packed,
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(slot.offset)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(slot.size())},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
    }
    if (packed.getType() != resultType)
      packed = tensor::CastOp::create(rewriter, loc, resultType, packed);
    rewriter.replaceOp(op, packed);
    return success();
  }
};

struct UnpackParamsToTensor : public OpRewritePattern<UnpackParamsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(UnpackParamsOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    rnnrt::ParamsLayout layout = op.getParamsLayout();
    SmallVector<Value> results;
    for (const rnnrt::ParamSlot &slot : canonicalSlots(layout)) {
      SmallVector<int64_t, 2> shape = {slot.rows};
      if (slot.isMatrix())
        shape.push_back(slot.cols);
      results.push_back(
          sliceParams(rewriter, loc, op.getParams(), slot.offset, shape));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void mlir::rnn::populateParamsToTensorPatterns(RewritePatternSet &patterns) {
  patterns.add<PackParamsToTensor, UnpackParamsToTensor>(patterns.getContext());
}
