//===- ReleaseModuleConstants.cpp - A destructor for module constants -----===//
//
// rnn-release-module-constants: a global destructor calling
// rnnrt_cuda_release_module on the module's constant slot (see
// ModuleConstantSlot.h), so the module's device constants go with it.
//
//===----------------------------------------------------------------------===//

#include "rnn/Conversion/ModuleConstantSlot.h"
#include "rnn/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNRELEASEMODULECONSTANTS
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kDestructorName =
    "__rnnrt_release_module_constants";
constexpr llvm::StringLiteral kReleaseFunction = "rnnrt_cuda_release_module";

struct RNNReleaseModuleConstantsPass
    : public rnn::impl::RNNReleaseModuleConstantsBase<
          RNNReleaseModuleConstantsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto slot =
        module.lookupSymbol<LLVM::GlobalOp>(rnn::kModuleConstantSlotName);
    if (!slot || module.lookupSymbol(kDestructorName))
      return;
    MLIRContext *context = &getContext();
    Location loc = slot.getLoc();
    auto pointerType = LLVM::LLVMPointerType::get(context);
    auto voidType = LLVM::LLVMVoidType::get(context);
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());

    auto release = module.lookupSymbol<LLVM::LLVMFuncOp>(kReleaseFunction);
    if (!release)
      release = LLVM::LLVMFuncOp::create(
          b, loc, kReleaseFunction,
          LLVM::LLVMFunctionType::get(voidType, {pointerType}));

    auto destructor = LLVM::LLVMFuncOp::create(
        b, loc, kDestructorName, LLVM::LLVMFunctionType::get(voidType, {}));
    destructor.setLinkage(LLVM::Linkage::Internal);
    OpBuilder body = OpBuilder::atBlockBegin(destructor.addEntryBlock(b));
    Value address = LLVM::AddressOfOp::create(body, loc, slot);
    LLVM::CallOp::create(body, loc, release, ValueRange{address});
    LLVM::ReturnOp::create(body, loc, ValueRange{});

    LLVM::GlobalDtorsOp::create(
        b, loc, b.getArrayAttr({FlatSymbolRefAttr::get(destructor)}),
        b.getI32ArrayAttr({0}), b.getArrayAttr({LLVM::ZeroAttr::get(context)}));
  }
};

} // namespace
