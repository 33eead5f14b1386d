//===- DimensionChecks.cpp - Run-time checks of shared dimensions ---------===//

#include "DimensionChecks.h"

#include "rnn/Runtime/ShapeCheckCodes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// A dimension of an operand or result that must equal x's `inputDim`, or
/// (inputDim < 0) the size `expected` the op's attributes fix.
struct SharedDim {
  rnnrt_operand_code code;
  Value value;
  int64_t dim;
  int64_t inputDim;
  bool isResult;
  int64_t expected = ShapedType::kDynamic;
};

SmallVector<SharedDim> getSharedDims(RecurrentLayerOpInterface op) {
  SmallVector<SharedDim> dims = {
      {RNNRT_OPERAND_H_0, op.getInitialHidden(), 1, 1, false}};
  if (op.getInitialCell())
    dims.push_back({RNNRT_OPERAND_C_0, op.getInitialCell(), 1, 1, false});
  // The operands' sizes the attributes fix: L*D and H of the states, the
  // packed size of the params.
  SmallVector<int64_t> stateShape = op.getStateShape();
  for (int64_t dim : {0, 2}) {
    dims.push_back({RNNRT_OPERAND_H_0, op.getInitialHidden(), dim, -1, false,
                    stateShape[dim]});
    if (op.getInitialCell())
      dims.push_back({RNNRT_OPERAND_C_0, op.getInitialCell(), dim, -1, false,
                      stateShape[dim]});
  }
  dims.push_back({RNNRT_OPERAND_PARAMS, op.getParams(), 0, -1, false,
                  op.getPackedParamsSize()});
  dims.push_back({RNNRT_OPERAND_Y, op.getOutput(), 0, 0, true});
  dims.push_back({RNNRT_OPERAND_Y, op.getOutput(), 1, 1, true});
  dims.push_back({RNNRT_OPERAND_H_N, op.getFinalHidden(), 1, 1, true});
  if (op.getFinalCell())
    dims.push_back({RNNRT_OPERAND_C_N, op.getFinalCell(), 1, 1, true});
  return dims;
}

/// Whether the pair needs a run-time check: static pairs are the verifier's,
/// and a dynamic result dimension is made from x's, so it always agrees.
bool needsCheck(const SharedDim &shared, ShapedType inputType) {
  auto type = cast<ShapedType>(shared.value.getType());
  if (shared.inputDim < 0)
    return type.isDynamicDim(shared.dim);
  if (shared.isResult)
    return !type.isDynamicDim(shared.dim) &&
           inputType.isDynamicDim(shared.inputDim);
  return type.isDynamicDim(shared.dim) ||
         inputType.isDynamicDim(shared.inputDim);
}

Value getSizeAsI64(OpBuilder &b, Location loc, Value value, int64_t dim) {
  auto type = cast<ShapedType>(value.getType());
  if (!type.isDynamicDim(dim))
    return arith::ConstantOp::create(b, loc,
                                     b.getI64IntegerAttr(type.getDimSize(dim)));
  Value size = tensor::DimOp::create(b, loc, value, dim);
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), size);
}

func::FuncOp getOrDeclareCheck(ModuleOp module) {
  constexpr StringLiteral name = "rnnrt_check_same_size";
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  SmallVector<Type> inputs(7, b.getI64Type());
  auto func = func::FuncOp::create(b, module.getLoc(), name,
                                   b.getFunctionType(inputs, {b.getI8Type()}));
  func.setPrivate();
  return func;
}

/// Emits one check call per shared dimension that needs one; returns their
/// conjunction, or null when none is needed.
Value buildChecks(OpBuilder &b, Location loc, RecurrentLayerOpInterface op) {
  auto inputType = cast<ShapedType>(op.getInput().getType());
  Value allOk;
  for (const SharedDim &shared : getSharedDims(op)) {
    if (!needsCheck(shared, inputType))
      continue;
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(value));
    };
    func::FuncOp check = getOrDeclareCheck(op->getParentOfType<ModuleOp>());
    bool fixed = shared.inputDim < 0;
    Value args[] = {
        constant(static_cast<int64_t>(op.getMode())),
        constant(shared.code),
        constant(shared.dim),
        getSizeAsI64(b, loc, shared.value, shared.dim),
        constant(fixed ? RNNRT_OPERAND_CONFIGURATION : RNNRT_OPERAND_X),
        constant(fixed ? 0 : shared.inputDim),
        fixed ? constant(shared.expected)
              : getSizeAsI64(b, loc, op.getInput(), shared.inputDim)};
    Value result = func::CallOp::create(b, loc, check, args).getResult(0);
    Value zero = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0));
    Value ok =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, result, zero);
    allOk = allOk ? arith::AndIOp::create(b, loc, allOk, ok) : ok;
  }
  return allOk;
}

} // namespace

static_assert(static_cast<int>(Mode::lstm) == RNNRT_OP_LSTM &&
                  static_cast<int>(Mode::gru) == RNNRT_OP_GRU &&
                  static_cast<int>(Mode::rnn_tanh) == RNNRT_OP_RNN_TANH &&
                  static_cast<int>(Mode::rnn_relu) == RNNRT_OP_RNN_RELU,
              "forward op codes must equal the mode values");

SmallVector<Value>
mlir::rnn::getResultDynamicSizes(OpBuilder &b, Location loc,
                                 RecurrentLayerOpInterface op, Value result) {
  auto type = cast<RankedTensorType>(result.getType());
  bool isOutput = result == op.getOutput();
  SmallVector<int64_t> expected =
      isOutput ? op.getOutputShape() : op.getStateShape();
  SmallVector<Value> sizes;
  for (int64_t dim = 0; dim < type.getRank(); ++dim) {
    if (!type.isDynamicDim(dim))
      continue;
    if (!ShapedType::isDynamic(expected[dim])) {
      sizes.push_back(arith::ConstantIndexOp::create(b, loc, expected[dim]));
      continue;
    }
    // y: dims 0, 1 follow x's T, B; states: dim 1 follows x's B.
    sizes.push_back(
        tensor::DimOp::create(b, loc, op.getInput(), isOutput ? dim : 1));
  }
  return sizes;
}

DimensionGuard::DimensionGuard(RewriterBase &rewriter,
                               RecurrentLayerOpInterface op, bool zeroFill)
    : rewriter(rewriter), op(op), zeroFill(zeroFill) {
  Location loc = op.getLoc();
  Value allOk = buildChecks(rewriter, loc, op);
  if (!allOk)
    return;
  auto guard = scf::IfOp::create(rewriter, loc, op->getResultTypes(), allOk,
                                 /*withElseRegion=*/true);
  ifOp = guard;
  rewriter.setInsertionPointToStart(&guard.getThenRegion().front());
}

SmallVector<Value> DimensionGuard::finish(ValueRange results) {
  if (!ifOp)
    return llvm::to_vector(results);
  auto guard = cast<scf::IfOp>(ifOp);
  Location loc = op.getLoc();
  scf::YieldOp::create(rewriter, loc, results);

  rewriter.setInsertionPointToStart(&guard.getElseRegion().front());
  SmallVector<Value> placeholders;
  for (Value result : op->getResults()) {
    auto type = cast<RankedTensorType>(result.getType());
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, type, getResultDynamicSizes(rewriter, loc, op, result));
    if (zeroFill) {
      Value zero = arith::ConstantOp::create(
          rewriter, loc, rewriter.getZeroAttr(type.getElementType()));
      empty = linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0);
    }
    placeholders.push_back(empty);
  }
  scf::YieldOp::create(rewriter, loc, placeholders);
  rewriter.setInsertionPointAfter(guard);
  return SmallVector<Value>(guard.getResults());
}
