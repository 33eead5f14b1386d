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

/// Whether `buffer` may outlive the function: some use of it or of a view
/// of it is not one of the uses known to end within the function (loads,
/// stores into it, copies, metadata queries, calls of external (runtime)
/// functions, which do not keep their arguments, or of functions that return
/// no buffer (the deallocation helper), and deallocation). Returning, yielding
/// or branching with it, or any unknown use, counts as escaping.
bool mayEscape(Value buffer) {
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (isa<memref::CastOp, memref::SubViewOp, memref::ReinterpretCastOp,
              memref::CollapseShapeOp, memref::ExpandShapeOp>(user)) {
        worklist.push_back(user->getResult(0));
        continue;
      }
      if (isa<memref::LoadOp, memref::CopyOp, memref::DeallocOp, memref::DimOp,
              memref::ExtractAlignedPointerAsIndexOp,
              memref::ExtractStridedMetadataOp>(user))
        continue;
      if (auto call = dyn_cast<func::CallOp>(user)) {
        auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
            call, call.getCalleeAttr());
        bool returnsBuffers =
            llvm::any_of(call.getResultTypes(), llvm::IsaPred<BaseMemRefType>);
        if ((callee && callee.isExternal()) || !returnsBuffers)
          continue;
      }
      if (auto store = dyn_cast<memref::StoreOp>(user);
          store && use.get() == store.getMemRef())
        continue;
      return true;
    }
  }
  return false;
}

/// Host bookkeeping buffers go on the stack, never in device memory: the
/// pointer/condition arrays of the lowered deallocation and the address
/// tables of the runtime's fused pack. In GPU-compiled functions (see
/// rnn-check-device-function) integer and index buffers other than bytes
/// are only these and integer results; a buffer that may escape (a returned
/// tensor<4xi64>) stays a device allocation like every other result. Byte
/// buffers (i8) are training reserves, which the GPU runtime reads and
/// writes on the device.
void moveBookkeepingToStack(ModuleOp module) {
  SmallVector<memref::AllocOp> allocs;
  module.walk([&](memref::AllocOp op) {
    Type elementType = op.getType().getElementType();
    if (elementType.isIntOrIndex() && !elementType.isInteger(8) &&
        !mayEscape(op.getResult()))
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
