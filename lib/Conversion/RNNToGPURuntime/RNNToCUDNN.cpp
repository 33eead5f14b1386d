//===- RNNToCUDNN.cpp - rnn compute ops to cuDNN runtime calls ------------===//
//
// convert-rnn-to-cudnn: every recurrent op becomes a call of the cuDNN
// runtime (GPURuntimeCall.h): inference and training forwards, and the grad
// ops' backward. A GRU without linear-before-reset, which cuDNN cannot run,
// goes to the cuBLAS fallback with a remark saying so (or is an error with
// fallback=false).
//
//===----------------------------------------------------------------------===//

#include "GPURuntimeCall.h"

#include "rnn/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_CONVERTRNNTOCUDNN
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// Parses the `algo` option into `result` (nullopt for auto).
bool parseAlgoOption(StringRef algo, std::optional<rnnrt_algo> &result) {
  static constexpr std::pair<StringRef, rnnrt_algo> kAlgorithms[] = {
      {"standard", RNNRT_ALGO_STANDARD},
      {"persist-static", RNNRT_ALGO_PERSIST_STATIC},
      {"persist-static-small-h", RNNRT_ALGO_PERSIST_STATIC_SMALL_H},
      {"persist-dynamic", RNNRT_ALGO_PERSIST_DYNAMIC}};
  result = std::nullopt;
  if (algo == "auto")
    return true;
  for (auto [name, code] : kAlgorithms)
    if (algo == name) {
      result = code;
      return true;
    }
  return false;
}

/// What cuDNN cannot run: a GRU without linear-before-reset.
bool needsFallback(RecurrentOpInterface op) {
  return !op.getLinearBeforeReset();
}

struct ConvertRNNToCUDNNPass
    : public rnn::impl::ConvertRNNToCUDNNBase<ConvertRNNToCUDNNPass> {
  using Base::Base;

  void runOnOperation() override {
    std::optional<rnnrt_math> mathCode = parseMathOption(math);
    std::optional<rnnrt_algo> algoCode;
    if (!mathCode || !parseAlgoOption(algo, algoCode)) {
      getOperation().emitError()
          << "convert-rnn-to-cudnn: unknown math '" << math
          << "' (strict, tf32) or algo '" << algo
          << "' (auto, standard, persist-static, persist-static-small-h, "
             "persist-dynamic)";
      return signalPassFailure();
    }
    if (!fallback) {
      WalkResult refused = getOperation().walk([](RecurrentOpInterface op) {
        if (!needsFallback(op))
          return WalkResult::advance();
        op->emitOpError() << "with linear_before_reset = false cannot run on "
                             "cuDNN and the cuBLAS fallback is disabled "
                             "(fallback=false)";
        return WalkResult::interrupt();
      });
      if (refused.wasInterrupted())
        return signalPassFailure();
    }
    GPUForwardOptions options;
    options.math = *mathCode;
    options.algo = algoCode;
    auto chooseLibrary = [](RecurrentOpInterface op) {
      if (!needsFallback(op))
        return RNNRT_LIBRARY_CUDNN;
      op->emitRemark() << "cuDNN's GRU is linear-before-reset only: this "
                          "GRU (linear_before_reset = false) is lowered to "
                          "the cuBLAS fallback";
      return RNNRT_LIBRARY_CUBLAS;
    };
    if (failed(lowerRecurrentOpsToGPURuntime(
            getOperation(), "the cudnn backend", options, chooseLibrary)))
      return signalPassFailure();
  }
};

} // namespace
