//===- TensorOps.cpp - Upstream tensor ops the importer emits -------------===//

#include "TensorOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;
using namespace mlir::rnn::onnx_import;

RankedTensorType mlir::rnn::onnx_import::getTensorType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

Value mlir::rnn::onnx_import::getDimSize(OpBuilder &b, Location loc,
                                         Value value, int64_t dim) {
  int64_t size = getTensorType(value).getDimSize(dim);
  if (!ShapedType::isDynamic(size))
    return arith::ConstantIndexOp::create(b, loc, size);
  return tensor::DimOp::create(b, loc, value, dim);
}

SmallVector<Value> mlir::rnn::onnx_import::getDynamicSizes(OpBuilder &b,
                                                           Location loc,
                                                           Value value) {
  SmallVector<Value> sizes;
  RankedTensorType type = getTensorType(value);
  for (int64_t dim = 0; dim < type.getRank(); ++dim)
    if (type.isDynamicDim(dim))
      sizes.push_back(tensor::DimOp::create(b, loc, value, dim));
  return sizes;
}

Value mlir::rnn::onnx_import::reshape(OpBuilder &b, Location loc, Value value,
                                      ArrayRef<int64_t> shape) {
  RankedTensorType type = getTensorType(value);
  auto target = RankedTensorType::get(shape, type.getElementType());
  if (type == target)
    return value;
  if (target.getRank() < type.getRank()) {
    if (auto reassociation = getReassociationIndicesForReshape(type, target))
      return tensor::CollapseShapeOp::create(b, loc, target, value,
                                             *reassociation);
  } else if (target.getRank() > type.getRank()) {
    if (auto reassociation = getReassociationIndicesForReshape(type, target))
      return tensor::ExpandShapeOp::create(b, loc, target, value,
                                           *reassociation);
  }
  if (type.hasStaticShape() && target.hasStaticShape()) {
    // Through a 1-D tensor.
    auto flat =
        RankedTensorType::get({type.getNumElements()}, type.getElementType());
    ReassociationIndices all =
        llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
    ReassociationIndices allTarget =
        llvm::to_vector(llvm::seq<int64_t>(0, target.getRank()));
    Value collapsed =
        type.getRank() == 1
            ? value
            : tensor::CollapseShapeOp::create(
                  b, loc, flat, value, ArrayRef<ReassociationIndices>{all});
    if (target.getRank() == 1)
      return collapsed;
    return tensor::ExpandShapeOp::create(
        b, loc, target, collapsed, ArrayRef<ReassociationIndices>{allTarget});
  }
  // The general case: a shape operand (dynamic sizes from the source are not
  // known here, so only a static target shape reaches this).
  SmallVector<int64_t> sizes(shape);
  auto shapeType = RankedTensorType::get({target.getRank()}, b.getI64Type());
  Value shapeValue = arith::ConstantOp::create(
      b, loc, DenseIntElementsAttr::get(shapeType, sizes));
  return tensor::ReshapeOp::create(b, loc, target, value, shapeValue);
}

Value mlir::rnn::onnx_import::transpose(OpBuilder &b, Location loc, Value value,
                                        ArrayRef<int64_t> perm) {
  RankedTensorType type = getTensorType(value);
  bool identity = true;
  for (auto [index, p] : llvm::enumerate(perm))
    identity &= static_cast<int64_t>(index) == p;
  if (identity)
    return value;
  SmallVector<OpFoldResult> sizes;
  for (int64_t p : perm)
    sizes.push_back(
        type.isDynamicDim(p)
            ? OpFoldResult(tensor::DimOp::create(b, loc, value, p).getResult())
            : OpFoldResult(b.getIndexAttr(type.getDimSize(p))));
  Value init = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
  return linalg::TransposeOp::create(b, loc, value, init, perm).getResult()[0];
}

Value mlir::rnn::onnx_import::reverse(OpBuilder &b, Location loc, Value value,
                                      int64_t dim, Value lengths) {
  RankedTensorType type = getTensorType(value);
  SmallVector<Value> dynamicSizes = getDynamicSizes(b, loc, value);
  Value size = getDimSize(b, loc, value, dim);
  auto generate = tensor::GenerateOp::create(b, loc, type, dynamicSizes);
  Block *body = b.createBlock(&generate.getBody());
  SmallVector<Value> indices;
  for (int64_t i = 0; i < type.getRank(); ++i)
    indices.push_back(body->addArgument(b.getIndexType(), loc));
  OpBuilder inner = OpBuilder::atBlockEnd(body);
  Value one = arith::ConstantIndexOp::create(inner, loc, 1);
  Value step = indices[dim];
  if (lengths) {
    // Step t of a sequence of length n comes from n - 1 - t while t < n.
    Value length =
        tensor::ExtractOp::create(inner, loc, lengths, ValueRange{indices[1]});
    size = arith::IndexCastOp::create(inner, loc, inner.getIndexType(), length);
  }
  Value last = arith::SubIOp::create(inner, loc, size, one);
  indices[dim] = arith::SubIOp::create(inner, loc, last, step);
  if (lengths) {
    Value inside = arith::CmpIOp::create(inner, loc, arith::CmpIPredicate::slt,
                                         step, size);
    indices[dim] =
        arith::SelectOp::create(inner, loc, inside, indices[dim], step);
  }
  Value element = tensor::ExtractOp::create(inner, loc, value, indices);
  tensor::YieldOp::create(inner, loc, element);
  b.setInsertionPointAfter(generate);
  return generate;
}

Value mlir::rnn::onnx_import::splat(OpBuilder &b, Location loc,
                                    RankedTensorType type,
                                    ValueRange dynamicSizes, double fill) {
  Type elementType = type.getElementType();
  TypedAttr scalar;
  if (isa<FloatType>(elementType))
    scalar = b.getFloatAttr(elementType, fill);
  else
    scalar = b.getIntegerAttr(elementType, static_cast<int64_t>(fill));
  if (type.hasStaticShape())
    return arith::ConstantOp::create(b, loc,
                                     SplatElementsAttr::get(type, scalar));
  Value element = arith::ConstantOp::create(b, loc, scalar);
  return tensor::SplatOp::create(b, loc, type, element, dynamicSizes);
}

Value mlir::rnn::onnx_import::insertUnitDim(OpBuilder &b, Location loc,
                                            Value value, int64_t dim) {
  RankedTensorType type = getTensorType(value);
  int64_t rank = type.getRank();
  SmallVector<int64_t> shape(type.getShape());
  shape.insert(shape.begin() + dim, 1);
  auto target = RankedTensorType::get(shape, type.getElementType());
  // Source dimension i is result dimension i (i < dim) or i + 1; the unit
  // dimension joins the group of its right neighbour, or of the last one.
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < rank; ++i)
    groups.push_back({i < dim ? i : i + 1});
  if (rank > 0 && dim < rank)
    groups[dim].insert(groups[dim].begin(), dim);
  else if (rank > 0)
    groups.back().push_back(dim);
  return tensor::ExpandShapeOp::create(b, loc, target, value, groups);
}

Value mlir::rnn::onnx_import::dropUnitDim(OpBuilder &b, Location loc,
                                          Value value, int64_t dim) {
  RankedTensorType type = getTensorType(value);
  int64_t rank = type.getRank();
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + dim);
  auto target = RankedTensorType::get(shape, type.getElementType());
  // The unit dimension joins the group of its left neighbour, or of the
  // first one.
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < rank; ++i)
    if (i != dim)
      groups.push_back({i});
  if (!groups.empty() && dim == 0)
    groups.front().insert(groups.front().begin(), 0);
  else if (!groups.empty())
    groups[dim - 1].push_back(dim);
  return tensor::CollapseShapeOp::create(b, loc, target, value, groups);
}

Value mlir::rnn::onnx_import::sliceDim(OpBuilder &b, Location loc, Value value,
                                       int64_t dim, int64_t offset,
                                       int64_t size) {
  RankedTensorType type = getTensorType(value);
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    sizes.push_back(
        type.isDynamicDim(i)
            ? OpFoldResult(tensor::DimOp::create(b, loc, value, i).getResult())
            : OpFoldResult(b.getIndexAttr(type.getDimSize(i))));
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  offsets[dim] = b.getIndexAttr(offset);
  sizes[dim] = b.getIndexAttr(size);
  return tensor::ExtractSliceOp::create(b, loc, value, offsets, sizes, strides);
}

FailureOr<int64_t> mlir::rnn::onnx_import::normalizeAxis(int64_t axis,
                                                         int64_t rank) {
  if (axis < -rank || axis >= rank)
    return failure();
  return axis < 0 ? axis + rank : axis;
}
