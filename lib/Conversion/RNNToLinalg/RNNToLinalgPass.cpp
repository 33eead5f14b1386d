//===- RNNToLinalgPass.cpp - The convert-rnn-to-linalg pass ---------------===//

#include "rnn/Conversion/Passes.h"
#include "rnn/Conversion/RNNToLinalg/RNNToLinalg.h"
#include "rnn/Conversion/Utils/RuntimeFunctions.h"
#include "rnn/Dialect/RNN/IR/RNNDialect.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_CONVERTRNNTOLINALG
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;
using namespace mlir::rnn;

namespace {

struct ConvertRNNToLinalgPass
    : public rnn::impl::ConvertRNNToLinalgBase<ConvertRNNToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    using rnnrt::abi::Runtime;
    std::optional<RuntimeFunction> pack;
    if (runtimePack == "cpu")
      pack = getPackParamsFunction(Runtime::CPU);
    else if (runtimePack == "cuda")
      pack = getPackParamsFunction(Runtime::CUDA);
    else if (runtimePack != "none") {
      getOperation()->emitError()
          << "convert-rnn-to-linalg: unknown runtime-pack '" << runtimePack
          << "' (cpu, cuda or none)";
      return signalPassFailure();
    }

    RewritePatternSet patterns(&getContext());
    populatePromoteToF32Patterns(patterns);
    populateRecurrentLayerToLinalgPatterns(patterns);
    populateRecurrentGradToLinalgPatterns(patterns);
    populateParamsToTensorPatterns(patterns, pack);
    ConversionTarget target(getContext());
    target.addIllegalDialect<RNNDialect>();
    target.addLegalDialect<
        arith::ArithDialect, bufferization::BufferizationDialect,
        linalg::LinalgDialect, memref::MemRefDialect, math::MathDialect,
        scf::SCFDialect, tensor::TensorDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
