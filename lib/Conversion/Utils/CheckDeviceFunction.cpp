//===- CheckDeviceFunction.cpp - Only device-safe ops on tensors ----------===//

#include "rnn/Conversion/Passes.h"
#include "rnn/Dialect/RNN/IR/RNNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNCHECKDEVICEFUNCTION
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;

namespace {

/// Ops that never read tensor elements on the host: they compute on the
/// device (rnn), produce constants, or only forward/reshape/slice tensors
/// (which bufferize to views or device copies).
bool isDeviceSafe(Operation *op) {
  if (isa<rnn::RNNDialect>(op->getDialect()))
    return true;
  if (isa<ModuleOp, func::FuncOp, func::ReturnOp, func::CallOp>(op))
    return true;
  if (isa<tensor::CastOp, tensor::CollapseShapeOp, tensor::ExpandShapeOp,
          tensor::ExtractSliceOp, tensor::InsertSliceOp, tensor::EmptyOp,
          tensor::DimOp>(op))
    return true;
  // Scalar arithmetic (sizes, indices) and tensor constants are fine; other
  // arith ops on tensors would run elementwise on the host.
  if (isa<arith::ConstantOp>(op))
    return true;
  if (isa<arith::ArithDialect>(op->getDialect()))
    return llvm::none_of(op->getResultTypes(), llvm::IsaPred<ShapedType>);
  return false;
}

struct RNNCheckDeviceFunctionPass
    : public rnn::impl::RNNCheckDeviceFunctionBase<RNNCheckDeviceFunctionPass> {
  void runOnOperation() override {
    bool ok = true;
    getOperation().walk(
        [&](Operation *op) {
          if (isDeviceSafe(op))
            return;
          op->emitOpError()
              << "is not supported by the GPU backends: it would touch device "
                 "tensors on the host (supported: rnn ops, constants, tensor "
                 "reshapes/slices/casts, func.call/return)";
          ok = false;
        });
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
