//===- PromoteToF32.cpp - f16 and bf16 ops computed in f32 ----------------===//
//
// The CPU backend stores f16 and bf16 and computes in f32: an rnn compute or
// grad op of a 16-bit float type becomes one elementwise extension of each
// float operand (a linalg.generic of arith.extf, which vectorizes), the same
// op in f32 (lowered by the f32 patterns), and one arith.truncf generic per
// float result. seq_lengths and the reserve (bytes) pass through unchanged,
// so a training forward and its grad op both run in f32 and share the f32
// reserve layout.
//
//===----------------------------------------------------------------------===//

#include "TensorBuilders.h"

#include "rnn/Conversion/RNNToLinalg/RNNToLinalg.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

bool isLowPrecision(Type type) {
  Type element = getElementTypeOrSelf(type);
  return element.isF16() || element.isBF16();
}

/// `value` (a ranked float tensor) with its elements converted to `element`
/// by one elementwise linalg.generic (arith.extf or arith.truncf).
Value convertElements(OpBuilder &b, Location loc, Value value, Type element) {
  auto type = cast<RankedTensorType>(value.getType());
  auto converted = type.clone(element);
  Value init =
      createEmpty(b, loc, tensor::getMixedSizes(b, loc, value), element);
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
  bool widens = element.getIntOrFloatBitWidth() >
                type.getElementType().getIntOrFloatBitWidth();
  return linalg::GenericOp::create(
             b, loc, TypeRange{converted}, ValueRange{value}, ValueRange{init},
             SmallVector<AffineMap>(2, identity),
             SmallVector<utils::IteratorType>(type.getRank(),
                                              utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               Value result =
                   widens ? arith::ExtFOp::create(nb, nloc, element, args[0])
                                .getResult()
                          : arith::TruncFOp::create(nb, nloc, element, args[0])
                                .getResult();
               linalg::YieldOp::create(nb, nloc, result);
             })
      ->getResult(0);
}

struct PromoteRecurrentOpToF32
    : public OpInterfaceRewritePattern<RecurrentOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(RecurrentOpInterface op,
                                PatternRewriter &rewriter) const override {
    Type storage = getElementTypeOrSelf(op.getInput().getType());
    if (!isLowPrecision(storage))
      return rewriter.notifyMatchFailure(op, "not f16 or bf16");
    Location loc = op.getLoc();
    Type f32 = rewriter.getF32Type();
    OperationState state(loc, op->getName());
    for (Value operand : op->getOperands())
      state.addOperands(isLowPrecision(operand.getType())
                            ? convertElements(rewriter, loc, operand, f32)
                            : operand);
    for (Type type : op->getResultTypes())
      state.addTypes(isLowPrecision(type)
                         ? cast<RankedTensorType>(type).clone(f32)
                         : type);
    state.addAttributes(op->getAttrs());
    Operation *promoted = rewriter.create(state);
    SmallVector<Value> results;
    for (OpResult result : promoted->getResults())
      results.push_back(
          isLowPrecision(op->getResult(result.getResultNumber()).getType())
              ? convertElements(rewriter, loc, result, storage)
              : Value(result));
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

bool mlir::rnn::isPromotedToF32(Operation *op) {
  auto recurrent = dyn_cast<RecurrentOpInterface>(op);
  return recurrent && isLowPrecision(recurrent.getInput().getType());
}

void mlir::rnn::populatePromoteToF32Patterns(RewritePatternSet &patterns) {
  patterns.add<PromoteRecurrentOpToF32>(patterns.getContext());
}
