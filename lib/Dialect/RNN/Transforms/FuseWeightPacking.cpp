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

struct RNNFuseWeightPackingPass
    : public rnn::impl::RNNFuseWeightPackingBase<RNNFuseWeightPackingPass> {
  using Base::Base;

  void runOnOperation() override {
    hoistLoopInvariantPacking(getOperation());
    mergeEquivalentPacking(getOperation());

    SmallVector<PackParamsOp> packs;
    getOperation()->walk([&](PackParamsOp op) { packs.push_back(op); });
    for (PackParamsOp op : packs) {
      FailureOr<std::vector<char>> bytes = packConstantOperands(op);
      if (failed(bytes))
        continue;
      auto type = cast<ShapedType>(op.getType());
      ElementsAttr packed =
          makePackedAttr(type, *bytes, resourceThreshold, "rnn_packed_params");
      OpBuilder builder(op);
      Value constant =
          arith::ConstantOp::create(builder, op.getLoc(), type, packed);
      op.replaceAllUsesWith(constant);
      op.erase();
    }
  }
};

} // namespace
