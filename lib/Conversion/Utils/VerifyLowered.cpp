//===- VerifyLowered.cpp - The end-of-pipeline contract check -------------===//

#include "rnn/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNVERIFYLOWERED
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;

namespace {

struct RNNVerifyLoweredPass
    : public rnn::impl::RNNVerifyLoweredBase<RNNVerifyLoweredPass> {
  void runOnOperation() override {
    bool clean = true;
    getOperation()->walk([&](Operation *op) {
      if (isa<ModuleOp>(op) || isa<LLVM::LLVMDialect>(op->getDialect()))
        return;
      op->emitError() << "'" << op->getName()
                      << "' was not lowered to the llvm dialect";
      clean = false;
    });
    if (!clean)
      signalPassFailure();
  }
};

} // namespace
