//===- DeviceMemRefCopy.cpp - memref.copy through the GPU runtime ---------===//

#include "rnn/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNDEVICEMEMREFCOPY
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;

namespace {

/// "f32", "f64", "f16", "i64", ...: the suffix of the runtime entry point.
std::string getTypeSuffix(Type type) {
  std::string suffix;
  llvm::raw_string_ostream os(suffix);
  os << type;
  return suffix;
}

struct RNNDeviceMemRefCopyPass
    : public rnn::impl::RNNDeviceMemRefCopyBase<RNNDeviceMemRefCopyPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
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
      auto unranked = UnrankedMemRefType::get(elementType, Attribute());
      std::string name = "rnnrt_cuda_memref_copy_" + getTypeSuffix(elementType);
      auto callee = module.lookupSymbol<func::FuncOp>(name);
      if (!callee) {
        OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
        callee = func::FuncOp::create(
            b, module.getLoc(), name,
            b.getFunctionType({b.getI64Type(), unranked, unranked}, {}));
        callee.setPrivate();
        callee->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                        b.getUnitAttr());
      }
      OpBuilder b(op);
      Location loc = op.getLoc();
      int64_t elementBytes =
          llvm::divideCeil(elementType.getIntOrFloatBitWidth(), 8);
      Value size =
          arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(elementBytes));
      Value source = memref::CastOp::create(b, loc, unranked, op.getSource());
      Value target = memref::CastOp::create(b, loc, unranked, op.getTarget());
      func::CallOp::create(b, loc, callee, ValueRange{size, source, target});
      op.erase();
    }
  }
};

} // namespace
