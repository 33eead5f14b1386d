//===- StampABIVersion.cpp - Export the runtime ABI version ---------------===//

#include "rnn/Conversion/Passes.h"
#include "rnn/Runtime/RuntimeABI.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNSTAMPABIVERSION
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;

namespace {

struct RNNStampABIVersionPass
    : public rnn::impl::RNNStampABIVersionBase<RNNStampABIVersionPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (module.lookupSymbol(RNNRT_ABI_VERSION_SYMBOL))
      return;
    int64_t version = RNNRT_ABI_VERSION;
    if (auto requested =
            module->getAttrOfType<IntegerAttr>("rnnrt.abi_version"))
      version = requested.getInt();
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    Type i64 = b.getI64Type();
    LLVM::GlobalOp::create(b, module.getLoc(), i64, /*isConstant=*/true,
                           LLVM::Linkage::External, RNNRT_ABI_VERSION_SYMBOL,
                           b.getIntegerAttr(i64, version));
  }
};

} // namespace
