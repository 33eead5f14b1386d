//===- DimensionChecks.cpp - Run-time checks of shared dimensions ---------===//

#include "DimensionChecks.h"

#include "rnn/Runtime/ShapeCheckCodes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// What a checked tensor stands for, which fixes its expected shape.
enum class TensorRole {
  Sequence, // x, dx: [T, B, I]
  Output,   // y, dy: [T, B, D*P] (D*H without a projection)
  Hidden,   // h_0, h_n, dh_n, dh_0: [L*D, B, P] (or H)
  Cell,     // c_0, c_n, dc_n, dc_0: [L*D, B, H]
  Params,   // params, dparams: [packed size]
  Lengths,  // seq_lengths: [B]
};

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

struct CheckedTensor {
  rnnrt_operand_code code;
  Value value;
  TensorRole role;
  bool isResult;
};

SmallVector<int64_t> getExpectedShape(RecurrentOpInterface op,
                                      TensorRole role) {
  switch (role) {
  case TensorRole::Sequence:
    return llvm::to_vector(
        cast<ShapedType>(op.getInput().getType()).getShape());
  case TensorRole::Output:
    return op.getOutputShape();
  case TensorRole::Hidden:
    return op.getHiddenStateShape();
  case TensorRole::Cell:
    return op.getCellStateShape();
  case TensorRole::Params:
    return {op.getPackedParamsSize()};
  case TensorRole::Lengths:
    return {op.getStaticBatch()};
  }
  llvm_unreachable("unknown tensor role");
}

/// The dimension of x that dimension `dim` of a `role` tensor follows, or -1
/// when the attributes fix it. (y and dx keep x's layout; B is x's dim 1
/// time-major, 0 batch-major.)
int64_t getFollowedInputDim(RecurrentOpInterface op, TensorRole role,
                            int64_t dim) {
  switch (role) {
  case TensorRole::Sequence:
  case TensorRole::Output:
    return dim < 2 ? dim : -1;
  case TensorRole::Hidden:
  case TensorRole::Cell:
    return dim == 1 ? op.getBatchDim() : -1;
  case TensorRole::Params:
    return -1;
  case TensorRole::Lengths:
    return op.getBatchDim();
  }
  llvm_unreachable("unknown tensor role");
}

/// Every operand and result of `op` with a checked shape, besides x.
SmallVector<CheckedTensor> getCheckedTensors(RecurrentOpInterface op) {
  SmallVector<CheckedTensor> tensors = {
      {RNNRT_OPERAND_H_0, op.getInitialHidden(), TensorRole::Hidden, false},
      {RNNRT_OPERAND_C_0, op.getInitialCell(), TensorRole::Cell, false},
      {RNNRT_OPERAND_PARAMS, op.getParams(), TensorRole::Params, false},
      {RNNRT_OPERAND_SEQ_LENGTHS, op.getSeqLengths(), TensorRole::Lengths,
       false}};
  if (auto layer = dyn_cast<RecurrentLayerOpInterface>(op.getOperation())) {
    tensors.append(
        {{RNNRT_OPERAND_Y, layer.getOutput(), TensorRole::Output, true},
         {RNNRT_OPERAND_H_N, layer.getFinalHidden(), TensorRole::Hidden, true},
         {RNNRT_OPERAND_C_N, layer.getFinalCell(), TensorRole::Cell, true}});
  } else {
    auto grad = cast<RecurrentGradOpInterface>(op.getOperation());
    tensors.append(
        {{RNNRT_OPERAND_Y, grad.getForwardOutput(), TensorRole::Output, false},
         {RNNRT_OPERAND_DY, grad.getOutputGrad(), TensorRole::Output, false},
         {RNNRT_OPERAND_DH_N, grad.getFinalHiddenGrad(), TensorRole::Hidden,
          false},
         {RNNRT_OPERAND_DC_N, grad.getFinalCellGrad(), TensorRole::Cell, false},
         {RNNRT_OPERAND_DX, grad.getInputGrad(), TensorRole::Sequence, true},
         {RNNRT_OPERAND_DH_0, grad.getInitialHiddenGrad(), TensorRole::Hidden,
          true},
         {RNNRT_OPERAND_DC_0, grad.getInitialCellGrad(), TensorRole::Cell,
          true},
         {RNNRT_OPERAND_DPARAMS, grad.getParamsGrad(), TensorRole::Params,
          true}});
  }
  llvm::erase_if(tensors, [](const CheckedTensor &t) { return !t.value; });
  return tensors;
}

SmallVector<SharedDim> getSharedDims(RecurrentOpInterface op) {
  SmallVector<SharedDim> dims;
  for (const CheckedTensor &tensor : getCheckedTensors(op)) {
    SmallVector<int64_t> expected = getExpectedShape(op, tensor.role);
    for (int64_t dim = 0, e = expected.size(); dim < e; ++dim) {
      int64_t inputDim = getFollowedInputDim(op, tensor.role, dim);
      // A result's attribute-fixed dimension is made from the attributes.
      if (inputDim < 0 && tensor.isResult)
        continue;
      dims.push_back({tensor.code, tensor.value, dim, inputDim, tensor.isResult,
                      inputDim < 0 ? expected[dim] : ShapedType::kDynamic});
    }
  }
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

/// Emits one check call per shared dimension that needs one; returns their
/// conjunction, or null when none is needed.
Value buildChecks(OpBuilder &b, Location loc, RecurrentOpInterface op) {
  auto inputType = cast<ShapedType>(op.getInput().getType());
  Value allOk;
  for (const SharedDim &shared : getSharedDims(op)) {
    if (!needsCheck(shared, inputType))
      continue;
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(value));
    };
    func::FuncOp check = getOrDeclareCheckFunction(
        op->getParentOfType<ModuleOp>(), "rnnrt_check_same_size", 7);
    bool fixed = shared.inputDim < 0;
    Value args[] = {
        constant(getOpCode(op)),
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

/// Emits the check of every seq_lengths value against T; returns its i1
/// result, or null without lengths.
Value buildLengthsCheck(OpBuilder &b, Location loc, RecurrentOpInterface op) {
  Value lengths = op.getSeqLengths();
  if (!lengths)
    return {};
  func::FuncOp check = getOrDeclareCheckFunction(
      op->getParentOfType<ModuleOp>(), "rnnrt_check_sequence_length", 4);
  Value opCode =
      arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(getOpCode(op)));
  Value steps = getSizeAsI64(b, loc, op.getInput(), op.getTimeDim());
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value count = tensor::DimOp::create(b, loc, lengths, 0);
  Value initial = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));
  auto loop = scf::ForOp::create(
      b, loc, zero, count, one, ValueRange{initial},
      [&](OpBuilder &nb, Location nloc, Value index, ValueRange carried) {
        Value length = tensor::ExtractOp::create(nb, nloc, lengths, index);
        Value args[] = {
            opCode,
            arith::IndexCastOp::create(nb, nloc, nb.getI64Type(), index),
            arith::ExtSIOp::create(nb, nloc, nb.getI64Type(), length), steps};
        Value result = func::CallOp::create(nb, nloc, check, args).getResult(0);
        Value ok = arith::CmpIOp::create(
            nb, nloc, arith::CmpIPredicate::ne, result,
            arith::ConstantOp::create(nb, nloc, nb.getI8IntegerAttr(0)));
        scf::YieldOp::create(
            nb, nloc,
            ValueRange{arith::AndIOp::create(nb, nloc, carried[0], ok)});
      });
  return loop.getResult(0);
}

} // namespace

func::FuncOp mlir::rnn::getOrDeclareCheckFunction(ModuleOp module,
                                                  StringRef name,
                                                  unsigned numArgs) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  SmallVector<Type> inputs(numArgs, b.getI64Type());
  auto func = func::FuncOp::create(b, module.getLoc(), name,
                                   b.getFunctionType(inputs, {b.getI8Type()}));
  func.setPrivate();
  return func;
}

int64_t mlir::rnn::getOpCode(RecurrentOpInterface op) {
  int64_t mode = static_cast<int64_t>(op.getMode());
  return isa<RecurrentGradOpInterface>(op.getOperation()) ? mode + RNNRT_OP_GRAD
                                                          : mode;
}

static_assert(static_cast<int>(Mode::lstm) == RNNRT_OP_LSTM &&
                  static_cast<int>(Mode::gru) == RNNRT_OP_GRU &&
                  static_cast<int>(Mode::rnn_tanh) == RNNRT_OP_RNN_TANH &&
                  static_cast<int>(Mode::rnn_relu) == RNNRT_OP_RNN_RELU,
              "forward op codes must equal the mode values");

SmallVector<Value> mlir::rnn::getResultDynamicSizes(OpBuilder &b, Location loc,
                                                    RecurrentOpInterface op,
                                                    Value result) {
  auto type = cast<RankedTensorType>(result.getType());
  SmallVector<Value> sizes;
  const CheckedTensor *checked = nullptr;
  SmallVector<CheckedTensor> tensors = getCheckedTensors(op);
  for (const CheckedTensor &tensor : tensors)
    if (tensor.value == result)
      checked = &tensor;
  if (!checked) {
    // The reserve: its placeholder is empty.
    if (type.isDynamicDim(0))
      sizes.push_back(arith::ConstantIndexOp::create(b, loc, 0));
    return sizes;
  }
  SmallVector<int64_t> expected = getExpectedShape(op, checked->role);
  for (int64_t dim = 0; dim < type.getRank(); ++dim) {
    if (!type.isDynamicDim(dim))
      continue;
    if (!ShapedType::isDynamic(expected[dim])) {
      sizes.push_back(arith::ConstantIndexOp::create(b, loc, expected[dim]));
      continue;
    }
    sizes.push_back(tensor::DimOp::create(
        b, loc, op.getInput(), getFollowedInputDim(op, checked->role, dim)));
  }
  return sizes;
}

DimensionGuard::DimensionGuard(RewriterBase &rewriter, RecurrentOpInterface op,
                               bool zeroFill, Value alsoRequired)
    : rewriter(rewriter), op(op), zeroFill(zeroFill) {
  Location loc = op.getLoc();
  Value allOk = buildChecks(rewriter, loc, op);
  // The lengths loop reads seq_lengths over its own size, and the runtime
  // keeps the first error: a lengths tensor of the wrong size is reported as
  // such.
  if (Value lengthsOk =
          zeroFill ? buildLengthsCheck(rewriter, loc, op) : Value())
    allOk = allOk ? arith::AndIOp::create(rewriter, loc, allOk, lengthsOk)
                  : lengthsOk;
  if (alsoRequired)
    allOk = allOk ? arith::AndIOp::create(rewriter, loc, allOk, alsoRequired)
                  : alsoRequired;
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
    SmallVector<Value> sizes = getResultDynamicSizes(rewriter, loc, op, result);
    if (!zeroFill) {
      // A fresh buffer, as the then-branch yields: both branches then have
      // the same (identity-layout) buffer type, so bufferization needs no
      // copy of the if's results.
      Value buffer = memref::AllocOp::create(
          rewriter, loc,
          MemRefType::get(type.getShape(), type.getElementType()), sizes);
      placeholders.push_back(bufferization::ToTensorOp::create(
          rewriter, loc, type, buffer, /*restrict=*/true, /*writable=*/true));
      continue;
    }
    Value zero = arith::ConstantOp::create(
        rewriter, loc, rewriter.getZeroAttr(type.getElementType()));
    Value empty = tensor::EmptyOp::create(rewriter, loc, type, sizes);
    placeholders.push_back(
        linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0));
  }
  scf::YieldOp::create(rewriter, loc, placeholders);
  rewriter.setInsertionPointAfter(guard);
  return SmallVector<Value>(guard.getResults());
}
