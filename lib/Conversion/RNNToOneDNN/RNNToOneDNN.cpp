//===- RNNToOneDNN.cpp - rnn compute ops to oneDNN runtime calls ----------===//
//
// convert-rnn-to-onednn: every recurrent op oneDNN can run becomes
//   %xb = bufferization.to_buffer %x read_only     (likewise h_0, c_0, p)
//   %yb = memref.alloc(T, B)                        (likewise h_n, c_n)
//   call @rnnrt_onednn_rnn_forward_<T>(<config constants>, %xb, ...)
//   %y = bufferization.to_tensor %yb restrict writable
// inside the run-time dimension checks (DimensionGuard). The others are
// left to convert-rnn-to-linalg with a remark.
//
//===----------------------------------------------------------------------===//

#include "../Utils/DimensionChecks.h"

#include "rnn/Conversion/Passes.h"
#include "rnn/Conversion/Utils/RuntimeFunctions.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_CONVERTRNNTOONEDNN
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// memref<?x...x?xT>: the ABI type of a rank-r buffer argument.
MemRefType getAbiType(int64_t rank, Type elementType) {
  return MemRefType::get(SmallVector<int64_t>(rank, ShapedType::kDynamic),
                         elementType);
}

/// Why oneDNN cannot run `op`, or "" when it can.
std::string whyNotOneDNN(RecurrentLayerOpInterface op) {
  // The runtime's entries (RuntimeABI.def) are the element types oneDNN
  // runs: f32 and bf16 (oneDNN 2.6 has no f16 RNN on the CPU).
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  if (!hasRuntimeFunction(RuntimeFunction::OneDnnRnnForward,
                          inputType.getElementType()))
    return "the onednn backend runs f32 and bf16 only";
  if (op.getIsTraining() || op.getReserve())
    return "the onednn backend runs inference only (is_training = true)";
  rnnrt::LayerConfig config = op.getLayerConfig();
  if (config.resolvedInputMode() == RNNRT_INPUT_SKIP)
    return "oneDNN has no identity input (skip_input)";
  if (op.getSeqLengths())
    return "the onednn backend does not take seq_lengths";
  if (!op.getTimeMajor())
    return "the onednn backend does not support time_major = false";
  // oneDNN 2.6's LSTM has a projection, but its weight layout differs:
  // the linalg lowering runs it.
  if (op.getLayerConfig().hasProjection())
    return "the onednn backend does not support 'num_proj'";
  return "";
}

/// A read-only buffer view of `tensor` with the ABI type.
Value getInputBuffer(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto bufferType = MemRefType::get(type.getShape(), type.getElementType());
  Value buffer = bufferization::ToBufferOp::create(b, loc, bufferType, tensor,
                                                   /*read_only=*/true);
  return memref::CastOp::create(
      b, loc, getAbiType(type.getRank(), type.getElementType()), buffer);
}

void lowerToOneDNNCall(RecurrentLayerOpInterface op, func::FuncOp forward,
                       PatternRewriter &rewriter) {
  Location loc = op.getLoc();
  DimensionGuard guard(rewriter, op, /*zeroFill=*/true);
  rnnrt::LayerConfig config = op.getLayerConfig();
  Type elementType =
      cast<RankedTensorType>(op.getInput().getType()).getElementType();
  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantOp::create(rewriter, loc,
                                     rewriter.getI64IntegerAttr(value));
  };
  SmallVector<Value> args = {
      constant(config.mode),
      constant(config.numLayers),
      constant(config.numUnits),
      constant(config.inputSize),
      constant(config.direction),
      constant(op.getLinearBeforeReset() ? 1 : 0),
      constant(matchPattern(op.getParams(), m_Constant()) ? 1 : 0)};
  Value x = getInputBuffer(rewriter, loc, op.getInput());
  Value hx = getInputBuffer(rewriter, loc, op.getInitialHidden());
  Value cx = op.getInitialCell()
                 ? getInputBuffer(rewriter, loc, op.getInitialCell())
                 : hx;
  Value w = getInputBuffer(rewriter, loc, op.getParams());

  SmallVector<Value> resultBuffers;
  for (Value result : op->getResults()) {
    auto type = cast<RankedTensorType>(result.getType());
    resultBuffers.push_back(memref::AllocOp::create(
        rewriter, loc, MemRefType::get(type.getShape(), elementType),
        getResultDynamicSizes(rewriter, loc, op, result)));
  }
  auto abi = [&](Value buffer) -> Value {
    auto type = cast<MemRefType>(buffer.getType());
    return memref::CastOp::create(
        rewriter, loc, getAbiType(type.getRank(), elementType), buffer);
  };
  Value y = abi(resultBuffers[0]);
  Value hy = abi(resultBuffers[1]);
  Value cy = op.getFinalCell() ? abi(resultBuffers[2]) : hy;
  args.append({x, hx, cx, w, y, hy, cy});
  func::CallOp::create(rewriter, loc, forward, args);

  SmallVector<Value> results;
  for (auto [result, buffer] : llvm::zip(op->getResults(), resultBuffers))
    results.push_back(bufferization::ToTensorOp::create(
        rewriter, loc, result.getType(), buffer, /*restrict=*/true,
        /*writable=*/true));
  rewriter.replaceOp(op, guard.finish(results));
}

struct ConvertRNNToOneDNNPass
    : public rnn::impl::ConvertRNNToOneDNNBase<ConvertRNNToOneDNNPass> {
  using Base::Base;

  void runOnOperation() override {
    // Collect first: the rewrite declares functions in the module.
    SmallVector<RecurrentLayerOpInterface> ops;
    getOperation().walk(
        [&](RecurrentLayerOpInterface op) { ops.push_back(op); });
    for (RecurrentLayerOpInterface op : ops) {
      std::string why = whyNotOneDNN(op);
      if (!why.empty()) {
        op->emitRemark() << why
                         << ": this op is lowered to the portable "
                            "cpu path (linalg + BLAS)";
        continue;
      }
      FailureOr<func::FuncOp> forward = declareRuntimeFunction(
          op, RuntimeFunction::OneDnnRnnForward,
          cast<RankedTensorType>(op.getInput().getType()).getElementType());
      if (failed(forward))
        return signalPassFailure();
      PatternRewriter rewriter(op->getContext());
      rewriter.setInsertionPoint(op);
      lowerToOneDNNCall(op, *forward, rewriter);
    }
  }
};

} // namespace
