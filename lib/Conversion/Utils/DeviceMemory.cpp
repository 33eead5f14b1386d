//===- DeviceMemory.cpp - Device-safe buffer operations for GPU code ------===//

#include "rnn/Conversion/Passes.h"
#include "rnn/Conversion/Utils/RuntimeFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNDEVICEMEMORY
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;

namespace {

/// Host bookkeeping buffers go on the stack, never in device memory: the
/// pointer/condition arrays of the lowered deallocation and the address
/// tables of the runtime's fused pack. In GPU-compiled functions (see
/// rnn-check-device-function) integer and index buffers are only these.
void moveBookkeepingToStack(ModuleOp module) {
  SmallVector<memref::AllocOp> allocs;
  module.walk([&](memref::AllocOp op) {
    Type elementType = op.getType().getElementType();
    if (elementType.isIntOrIndex())
      allocs.push_back(op);
  });
  for (memref::AllocOp op : allocs) {
    for (Operation *user : llvm::make_early_inc_range(op->getUsers()))
      if (isa<memref::DeallocOp>(user))
        user->erase();
    OpBuilder b(op);
    auto alloca = memref::AllocaOp::create(
        b, op.getLoc(), op.getType(), op.getDynamicSizes(),
        op.getSymbolOperands(), op.getAlignmentAttr());
    op.replaceAllUsesWith(alloca.getResult());
    op.erase();
  }
}

struct RNNDeviceMemoryPass
    : public rnn::impl::RNNDeviceMemoryBase<RNNDeviceMemoryPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    moveBookkeepingToStack(module);
    SmallVector<memref::CopyOp> copies;
    module.walk([&](memref::CopyOp op) { copies.push_back(op); });

    for (memref::CopyOp op : copies) {
      auto sourceType = cast<MemRefType>(op.getSource().getType());
      Type elementType = sourceType.getElementType();
      if (!elementType.isIntOrFloat()) {
        op.emitOpError() << "cannot copy elements of type " << elementType
                         << " in device memory";
        return signalPassFailure();
      }
      FailureOr<func::FuncOp> callee = rnn::declareRuntimeFunction(
          op, rnn::RuntimeFunction::CudaMemRefCopy, elementType);
      if (failed(callee))
        return signalPassFailure();
      auto unranked = UnrankedMemRefType::get(elementType, Attribute());
      OpBuilder b(op);
      Location loc = op.getLoc();
      int64_t elementBytes =
          llvm::divideCeil(elementType.getIntOrFloatBitWidth(), 8);
      Value size =
          arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(elementBytes));
      Value source = memref::CastOp::create(b, loc, unranked, op.getSource());
      Value target = memref::CastOp::create(b, loc, unranked, op.getTarget());
      func::CallOp::create(b, loc, *callee, ValueRange{size, source, target});
      op.erase();
    }
  }
};

} // namespace
