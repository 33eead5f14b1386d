//===- ImportWeights.cpp - The rnn-import-weights pass --------------------===//
//
// Replaces calls of marker declarations (@import_keras_lstm, ...) by the
// canonical weights the import helpers build. See Passes.td for the
// protocol.
//
//===----------------------------------------------------------------------===//

#include "rnn/Dialect/RNN/Transforms/Passes.h"
#include "rnn/Dialect/RNN/Utils/WeightImport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNIMPORTWEIGHTS
#include "rnn/Dialect/RNN/Transforms/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// Size `dim` of `value`'s static type, or 0 (the helper then reports the
/// operand).
int64_t getDimSize(Value value, int64_t dim) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || dim >= type.getRank() || type.isDynamicDim(dim))
    return 0;
  return type.getDimSize(dim);
}

/// The canonical weights for a call of an import marker; std::nullopt when
/// the callee is not one.
std::optional<FailureOr<CanonicalWeights>> importCall(OpBuilder &b,
                                                      func::CallOp call) {
  StringRef name = call.getCallee();
  // @import_keras_lstm.layer1 and @import_keras_lstm are the same helper.
  StringRef callee = name.split('.').first;
  Location loc = call.getLoc();
  OperandRange args = call.getOperands();
  auto expectOperands = [&](unsigned count, StringRef names) {
    if (args.size() == count)
      return true;
    call.emitOpError() << "@" << name << " takes " << count << " operands ("
                       << names << ")";
    return false;
  };

  if (callee.consume_front("import_pytorch_")) {
    std::optional<Mode> mode = symbolizeMode(callee);
    if (!mode)
      return std::nullopt;
    // An LSTM with proj_size takes weight_hr [P, H] as a fifth operand
    // (importPyTorch rejects it for the other modes).
    if (args.size() == 5)
      return importPyTorch(b, loc, *mode, args[0], args[1], args[2], args[3],
                           getDimSize(args[4], 1), args[4]);
    if (!expectOperands(4, "weight_ih, weight_hh, bias_ih, bias_hh"))
      return FailureOr<CanonicalWeights>(failure());
    return importPyTorch(b, loc, *mode, args[0], args[1], args[2], args[3],
                         getDimSize(args[1], 1));
  }
  if (callee == "import_keras_lstm") {
    if (!expectOperands(3, "kernel, recurrent_kernel, bias"))
      return FailureOr<CanonicalWeights>(failure());
    return importKerasLSTM(b, loc, args[0], args[1], args[2],
                           getDimSize(args[1], 0));
  }
  if (callee == "import_keras_gru") {
    if (!expectOperands(3, "kernel, recurrent_kernel, bias"))
      return FailureOr<CanonicalWeights>(failure());
    return importKerasGRU(b, loc, args[0], args[1], args[2],
                          getDimSize(args[1], 0));
  }
  if (callee == "import_onnx_lstm" || callee == "import_onnx_gru") {
    if (!expectOperands(3, "W, R, B"))
      return FailureOr<CanonicalWeights>(failure());
    int64_t units = getDimSize(args[1], 2);
    if (callee == "import_onnx_lstm")
      return importONNXLSTM(b, loc, args[0], args[1], args[2], units);
    auto linearBeforeReset =
        call->getAttrOfType<IntegerAttr>("linear_before_reset");
    return importONNXGRU(b, loc, args[0], args[1], args[2], units,
                         linearBeforeReset && linearBeforeReset.getInt() != 0);
  }
  return std::nullopt;
}

struct RNNImportWeightsPass
    : public rnn::impl::RNNImportWeightsBase<RNNImportWeightsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::CallOp> calls;
    module.walk([&](func::CallOp call) { calls.push_back(call); });

    bool ok = true;
    SetVector<StringRef> callees;
    for (func::CallOp call : calls) {
      OpBuilder b(call);
      std::optional<FailureOr<CanonicalWeights>> weights = importCall(b, call);
      if (!weights)
        continue;
      if (failed(*weights)) {
        ok = false;
        continue;
      }
      SmallVector<Value> operands = (*weights)->getOperands();
      if (TypeRange(ValueRange(operands)) != call.getResultTypes()) {
        std::string types;
        llvm::raw_string_ostream os(types);
        llvm::interleaveComma(ValueRange(operands).getTypes(), os);
        call.emitOpError() << "must return the " << operands.size()
                           << " canonical weights (" << types << ")";
        ok = false;
        continue;
      }
      callees.insert(call.getCallee());
      call.replaceAllUsesWith(operands);
      call.erase();
    }
    for (StringRef name : callees) {
      auto func = module.lookupSymbol<func::FuncOp>(name);
      if (func && func.isDeclaration() &&
          SymbolTable::symbolKnownUseEmpty(func, module))
        func.erase();
    }
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
