//===- FuseWeightPacking.cpp - The rnn-fuse-weight-packing pass -----------===//

#include "rnn/Dialect/RNN/Transforms/Passes.h"
#include "rnn/Dialect/RNN/Transforms/WeightPacking.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNFUSEWEIGHTPACKING
#include "rnn/Dialect/RNN/Transforms/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// Hoists pack_params (and the constants feeding it) out of every loop
/// where its operands are loop-invariant, innermost loops first.
void hoistLoopInvariantPacking(Operation *root) {
  root->walk([](LoopLikeOpInterface loop) {
    moveLoopInvariantCode(
        loop.getLoopRegions(),
        [&](Value value, Region *) {
          return loop.isDefinedOutsideOfLoop(value);
        },
        [](Operation *op, Region *) {
          return isa<PackParamsOp>(op) || op->hasTrait<OpTrait::ConstantLike>();
        },
        [&](Operation *op, Region *) { loop.moveOutOfLoop(op); });
  });
}

/// Replaces each pack_params by an earlier equivalent one (same operands and
/// attributes) that dominates it, so shared weights are packed once.
void mergeEquivalentPacking(Operation *root) {
  DominanceInfo dominance(root);
  SmallVector<PackParamsOp> kept;
  root->walk([&](PackParamsOp op) {
    for (PackParamsOp earlier : kept) {
      if (OperationEquivalence::isEquivalentTo(
              earlier, op, OperationEquivalence::IgnoreLocations) &&
          dominance.properlyDominates(earlier.getOperation(), op)) {
        op.replaceAllUsesWith(earlier.getResult());
        op.erase();
        return;
      }
    }
    kept.push_back(op);
  });
}

/// Replaces a pack of constants by one packed constant and erases the
/// operand constants nothing else uses (their data may be large).
void foldConstantPack(PackParamsOp op, int64_t resourceThreshold) {
  FailureOr<ElementsAttr> packed =
      foldConstantPacking(op, resourceThreshold, "rnn_packed_params");
  if (failed(packed))
    return;
  OpBuilder builder(op);
  Value constant =
      arith::ConstantOp::create(builder, op.getLoc(), op.getType(), *packed);
  SetVector<Operation *> operands;
  for (Value operand : op.getCanonical())
    operands.insert(operand.getDefiningOp());
  op.replaceAllUsesWith(constant);
  op.erase();
  for (Operation *operand : operands)
    if (operand->use_empty())
      operand->erase();
}

struct RNNFuseWeightPackingPass
    : public rnn::impl::RNNFuseWeightPackingBase<RNNFuseWeightPackingPass> {
  using Base::Base;

  void runOnOperation() override {
    hoistLoopInvariantPacking(getOperation());
    mergeEquivalentPacking(getOperation());

    SmallVector<PackParamsOp> packs;
    getOperation()->walk([&](PackParamsOp op) { packs.push_back(op); });
    for (PackParamsOp op : packs)
      foldConstantPack(op, resourceThreshold);
  }
};

} // namespace
