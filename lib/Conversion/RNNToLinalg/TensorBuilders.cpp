//===- TensorBuilders.cpp - Tensor-level building blocks ------------------===//

#include "TensorBuilders.h"

#include "rnn/Conversion/Utils/RuntimeFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

int64_t mlir::rnn::getStaticSize(OpFoldResult size) {
  std::optional<int64_t> constant = getConstantIntValue(size);
  return constant ? *constant : ShapedType::kDynamic;
}

Value mlir::rnn::sliceParams(OpBuilder &b, Location loc, Value params,
                             int64_t offset, ArrayRef<int64_t> shape) {
  int64_t size = 1;
  for (int64_t dim : shape)
    size *= dim;
  Type elementType = cast<ShapedType>(params.getType()).getElementType();
  auto flatType = RankedTensorType::get({size}, elementType);
  Value flat = tensor::ExtractSliceOp::create(
      b, loc, flatType, params, ArrayRef<OpFoldResult>{b.getIndexAttr(offset)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(size)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
  if (shape.size() == 1)
    return flat;
  auto shapedType = RankedTensorType::get(shape, elementType);
  return tensor::ExpandShapeOp::create(b, loc, shapedType, flat,
                                       ArrayRef<ReassociationIndices>{{0, 1}});
}

Value mlir::rnn::createEmpty(OpBuilder &b, Location loc,
                             ArrayRef<OpFoldResult> sizes, Type elementType) {
  return tensor::EmptyOp::create(b, loc, sizes, elementType);
}

Value mlir::rnn::broadcastRows(OpBuilder &b, Location loc, Value vector,
                               OpFoldResult rows) {
  auto vectorType = cast<RankedTensorType>(vector.getType());
  Value init =
      createEmpty(b, loc, {rows, b.getIndexAttr(vectorType.getDimSize(0))},
                  vectorType.getElementType());
  return linalg::BroadcastOp::create(b, loc, vector, init, ArrayRef<int64_t>{0})
      ->getResult(0);
}

Value mlir::rnn::buildMatmul(OpBuilder &b, Location loc, MatmulLayout layout,
                             Value lhs, Value rhs, Value acc) {
  MLIRContext *ctx = b.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  auto map = [&](AffineExpr row, AffineExpr col) {
    return AffineMapAttr::get(AffineMap::get(3, 0, {row, col}, ctx));
  };
  SmallVector<Attribute> maps = {
      layout == MatmulLayout::TransposedA ? map(k, m) : map(m, k),
      layout == MatmulLayout::TransposedB ? map(n, k) : map(k, n), map(m, n)};
  NamedAttribute indexingMaps(b.getStringAttr("indexing_maps"),
                              b.getArrayAttr(maps));
  return linalg::MatmulOp::create(b, loc, TypeRange{acc.getType()},
                                  ValueRange{lhs, rhs}, ValueRange{acc},
                                  ArrayRef<NamedAttribute>{indexingMaps})
      ->getResult(0);
}

Value mlir::rnn::createZeros(OpBuilder &b, Location loc,
                             ArrayRef<OpFoldResult> sizes, Type elementType) {
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
  return linalg::FillOp::create(b, loc, zero,
                                createEmpty(b, loc, sizes, elementType))
      .getResult(0);
}

Value mlir::rnn::buildColumnSums(OpBuilder &b, Location loc, Value rows) {
  auto type = cast<RankedTensorType>(rows.getType());
  MLIRContext *ctx = b.getContext();
  AffineExpr i, j;
  bindDims(ctx, i, j);
  Value init = createZeros(b, loc, {b.getIndexAttr(type.getDimSize(1))},
                           type.getElementType());
  SmallVector<AffineMap> maps = {AffineMap::get(2, 0, {i, j}, ctx),
                                 AffineMap::get(2, 0, {j}, ctx)};
  SmallVector<utils::IteratorType> iterators = {utils::IteratorType::reduction,
                                                utils::IteratorType::parallel};
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{rows},
             ValueRange{init}, maps, iterators,
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc,
                                       ValueRange{arith::AddFOp::create(
                                           nb, nloc, args[0], args[1])});
             })
      ->getResult(0);
}

Value mlir::rnn::reshapeRowsToSequence(OpBuilder &b, Location loc, Value rows,
                                       OpFoldResult time, OpFoldResult batch) {
  auto type = cast<RankedTensorType>(rows.getType());
  int64_t width = type.getDimSize(1);
  auto resultType =
      RankedTensorType::get({getStaticSize(time), getStaticSize(batch), width},
                            type.getElementType());
  if (resultType.hasStaticShape())
    return tensor::ExpandShapeOp::create(
        b, loc, resultType, rows, ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  SmallVector<Value> sizes = {getValueOrCreateConstantIndexOp(b, loc, time),
                              getValueOrCreateConstantIndexOp(b, loc, batch),
                              arith::ConstantIndexOp::create(b, loc, width)};
  Value shape = tensor::FromElementsOp::create(b, loc, sizes);
  return tensor::ReshapeOp::create(b, loc, resultType, rows, shape);
}

FailureOr<Value> mlir::rnn::buildDropout(OpBuilder &b, Operation *op,
                                         Value input, double rate,
                                         uint64_t seed, uint64_t layer) {
  Location loc = op->getLoc();
  auto type = cast<RankedTensorType>(input.getType());
  Type elementType = type.getElementType();
  FailureOr<func::FuncOp> callee =
      declareRuntimeFunction(op, RuntimeFunction::CpuDropout, elementType);
  if (failed(callee))
    return failure();

  // The runtime works on the row-major flattened tensor, whose linear index
  // is the one rnn/Support/DropoutMask.h defines the mask on.
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, input);
  ReassociationIndices all =
      llvm::to_vector(llvm::seq<int64_t>(type.getRank()));
  Value flat = tensor::CollapseShapeOp::create(
      b, loc, input, ArrayRef<ReassociationIndices>{all});
  auto flatType = cast<RankedTensorType>(flat.getType());
  auto bufferType = MemRefType::get(flatType.getShape(), elementType);
  Value source = bufferization::ToBufferOp::create(b, loc, bufferType, flat,
                                                   /*read_only=*/true);
  SmallVector<Value> dynamicSizes;
  if (flatType.isDynamicDim(0))
    dynamicSizes.push_back(tensor::DimOp::create(b, loc, flat, 0));
  Value target = memref::AllocOp::create(b, loc, bufferType, dynamicSizes,
                                         b.getI64IntegerAttr(64));
  Type abiType = callee->getFunctionType().getInput(0);
  auto i64 = [&](uint64_t value) -> Value {
    return arith::ConstantOp::create(
        b, loc, b.getI64IntegerAttr(static_cast<int64_t>(value)));
  };
  func::CallOp::create(
      b, loc, *callee,
      ValueRange{memref::CastOp::create(b, loc, abiType, source),
                 memref::CastOp::create(b, loc, abiType, target), i64(seed),
                 i64(layer),
                 arith::ConstantOp::create(b, loc, b.getF64FloatAttr(rate))});
  Value result = bufferization::ToTensorOp::create(
      b, loc, flatType, target, /*restrict=*/true, /*writable=*/true);
  return tensor::ExpandShapeOp::create(
             b, loc, type, result, ArrayRef<ReassociationIndices>{all}, sizes)
      .getResult();
}
