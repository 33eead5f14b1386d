//===- ParamsLowering.cpp - rnn.pack_params/unpack_params to tensors ------===//
//
// Both follow rnnrt::ParamsLayout.
//
// - pack_params of run-time values becomes ONE call of the CPU runtime,
//     func.call @rnnrt_cpu_pack_params_<T>(%dst, %sources, %layout)
//   that copies every canonical tensor into a fresh buffer. %sources holds
//   the address of each operand's data (bufferization.to_buffer to an
//   identity-layout buffer, then memref.extract_aligned_pointer_as_index);
//   %layout is a constant [N, 2] table of (packed offset, element count).
//   GPU pipelines call the GPU runtime's pack instead (one batched
//   device copy). Without a runtime (runtime-pack=none) and for element types
//   without an entry point, pack keeps the portable form: one
//   tensor.insert_slice per canonical tensor.
// - unpack_params becomes slices of the packed buffer (views, no copies).
//
//===----------------------------------------------------------------------===//

#include "TensorBuilders.h"

#include "rnn/Conversion/RNNToLinalg/RNNToLinalg.h"
#include "rnn/Conversion/Utils/RuntimeFunctions.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// Canonical slots (matrices then biases) in operand/result order.
SmallVector<rnnrt::ParamSlot>
canonicalSlots(const rnnrt::ParamsLayout &layout) {
  SmallVector<rnnrt::ParamSlot> slots(layout.matrices().begin(),
                                      layout.matrices().end());
  slots.append(layout.biases().begin(), layout.biases().end());
  return slots;
}

/// The address (as i64) of the data of `tensor`. Its buffer has the identity
/// layout (contiguous, offset 0): bufferization copies a strided view first.
Value getDataAddress(OpBuilder &b, Location loc, Value tensor) {
  auto tensorType = cast<RankedTensorType>(tensor.getType());
  auto bufferType =
      MemRefType::get(tensorType.getShape(), tensorType.getElementType());
  Value buffer = bufferization::ToBufferOp::create(b, loc, bufferType, tensor,
                                                   /*read_only=*/true);
  Value address =
      memref::ExtractAlignedPointerAsIndexOp::create(b, loc, buffer);
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), address);
}

/// `tensor` as a buffer whose leading dimension is dynamic, as the runtime
/// takes it.
Value toRuntimeBuffer(OpBuilder &b, Location loc, Value tensor) {
  auto tensorType = cast<RankedTensorType>(tensor.getType());
  Type elementType = tensorType.getElementType();
  Value buffer = bufferization::ToBufferOp::create(
      b, loc, MemRefType::get(tensorType.getShape(), elementType), tensor,
      /*read_only=*/true);
  SmallVector<int64_t> shape(tensorType.getShape());
  shape.front() = ShapedType::kDynamic;
  return memref::CastOp::create(b, loc, MemRefType::get(shape, elementType),
                                buffer);
}

/// Run-time pack_params to one call of a runtime's fused pack (`pack`, a
/// row of rnn/Runtime/RuntimeABI.def).
struct PackParamsToRuntimeCall : public OpRewritePattern<PackParamsOp> {
  PackParamsToRuntimeCall(MLIRContext *context, RuntimeFunction pack)
      : OpRewritePattern(context, /*benefit=*/2), pack(pack) {}

  LogicalResult matchAndRewrite(PackParamsOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    if (!hasRuntimeFunction(pack, elementType))
      return rewriter.notifyMatchFailure(op, "no runtime pack for the type");
    auto module = op->getParentOfType<ModuleOp>();
    if (!module)
      return rewriter.notifyMatchFailure(op, "not inside a module");

    Location loc = op.getLoc();
    rnnrt::ParamsLayout layout = op.getParamsLayout();
    SmallVector<int64_t> table;
    SmallVector<Value> addresses;
    for (auto [slot, value] :
         llvm::zip(canonicalSlots(layout), op.getCanonical())) {
      table.append({slot.offset, slot.size()});
      addresses.push_back(getDataAddress(rewriter, loc, value));
    }
    auto count = static_cast<int64_t>(addresses.size());
    auto tableType = RankedTensorType::get({count, 2}, rewriter.getI64Type());
    Value tableConstant = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(tableType, ArrayRef(table)));
    Value sources = tensor::FromElementsOp::create(rewriter, loc, addresses);

    auto packedType = MemRefType::get({layout.size()}, elementType);
    Value packed = memref::AllocOp::create(rewriter, loc, packedType,
                                           rewriter.getI64IntegerAttr(64));
    Value packedArg = memref::CastOp::create(
        rewriter, loc, MemRefType::get({ShapedType::kDynamic}, elementType),
        packed);
    SmallVector<Value> args = {packedArg,
                               toRuntimeBuffer(rewriter, loc, sources),
                               toRuntimeBuffer(rewriter, loc, tableConstant)};
    FailureOr<func::FuncOp> callee =
        declareRuntimeFunction(op, pack, elementType);
    if (failed(callee))
      return failure();
    func::CallOp::create(rewriter, loc, *callee, args);

    Value result = bufferization::ToTensorOp::create(
        rewriter, loc, RankedTensorType::get({layout.size()}, elementType),
        packed, /*restrict=*/true, /*writable=*/true);
    if (result.getType() != resultType)
      result = tensor::CastOp::create(rewriter, loc, resultType, result);
    rewriter.replaceOp(op, result);
    return success();
  }

  RuntimeFunction pack;
};

/// The portable form of pack_params: one insert_slice per canonical tensor.
struct PackParamsToInsertSlices : public OpRewritePattern<PackParamsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(PackParamsOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    rnnrt::ParamsLayout layout = op.getParamsLayout();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value packed =
        createEmpty(rewriter, loc, {rewriter.getIndexAttr(layout.size())},
                    resultType.getElementType());
    for (auto [slot, value] :
         llvm::zip(canonicalSlots(layout), op.getCanonical())) {
      Value flat = value;
      if (slot.isMatrix())
        flat = tensor::CollapseShapeOp::create(
            rewriter, loc, value, ArrayRef<ReassociationIndices>{{0, 1}});
      packed = tensor::InsertSliceOp::create(
          rewriter, loc, flat, packed,
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(slot.offset)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(slot.size())},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
    }
    if (packed.getType() != resultType)
      packed = tensor::CastOp::create(rewriter, loc, resultType, packed);
    rewriter.replaceOp(op, packed);
    return success();
  }
};

struct UnpackParamsToTensor : public OpRewritePattern<UnpackParamsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(UnpackParamsOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    rnnrt::ParamsLayout layout = op.getParamsLayout();
    SmallVector<Value> results;
    for (const rnnrt::ParamSlot &slot : canonicalSlots(layout)) {
      SmallVector<int64_t, 2> shape = {slot.rows};
      if (slot.isMatrix())
        shape.push_back(slot.cols);
      results.push_back(
          sliceParams(rewriter, loc, op.getParams(), slot.offset, shape));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void mlir::rnn::populateParamsToTensorPatterns(
    RewritePatternSet &patterns, std::optional<RuntimeFunction> pack) {
  if (pack)
    patterns.add<PackParamsToRuntimeCall>(patterns.getContext(), *pack);
  patterns.add<PackParamsToInsertSlices, UnpackParamsToTensor>(
      patterns.getContext());
}
