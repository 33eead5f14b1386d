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
    // Report the outermost offender only: its nested ops are its problem.
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<ModuleOp>(op) || isa<LLVM::LLVMDialect>(op->getDialect()))
        return WalkResult::advance();
      op->emitError() << "'" << op->getName()
                      << "' was not lowered to the llvm dialect";
      clean = false;
      return WalkResult::skip();
    });
    if (!clean)
      signalPassFailure();
  }
};

} // namespace
