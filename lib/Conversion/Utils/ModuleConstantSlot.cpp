//===- ModuleConstantSlot.cpp - A module's identity for its constants -----===//

#include "rnn/Conversion/ModuleConstantSlot.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

Value mlir::rnn::getModuleConstantSlot(OpBuilder &b, Location loc,
                                       ModuleOp module) {
  auto slotType = MemRefType::get({1}, b.getI64Type());
  if (!module.lookupSymbol<memref::GlobalOp>(kModuleConstantSlotName)) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    auto initial = DenseElementsAttr::get(
        RankedTensorType::get({1}, b.getI64Type()), b.getI64IntegerAttr(0));
    memref::GlobalOp::create(b, loc, kModuleConstantSlotName,
                             b.getStringAttr("private"), slotType, initial,
                             /*constant=*/false, /*alignment=*/nullptr);
  }
  Value slot =
      memref::GetGlobalOp::create(b, loc, slotType, kModuleConstantSlotName);
  return memref::CastOp::create(
      b, loc, MemRefType::get({ShapedType::kDynamic}, b.getI64Type()), slot);
}
