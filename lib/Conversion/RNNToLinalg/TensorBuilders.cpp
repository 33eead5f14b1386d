//===- TensorBuilders.cpp - Tensor-level building blocks ------------------===//

#include "TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
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

Value mlir::rnn::buildMatmulTransposedB(OpBuilder &b, Location loc, Value lhs,
                                        Value rhs, Value acc) {
  MLIRContext *ctx = b.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  SmallVector<Attribute> maps = {
      AffineMapAttr::get(AffineMap::get(3, 0, {m, k}, ctx)),
      AffineMapAttr::get(AffineMap::get(3, 0, {n, k}, ctx)),
      AffineMapAttr::get(AffineMap::get(3, 0, {m, n}, ctx))};
  NamedAttribute indexingMaps(b.getStringAttr("indexing_maps"),
                              b.getArrayAttr(maps));
  return linalg::MatmulOp::create(b, loc, TypeRange{acc.getType()},
                                  ValueRange{lhs, rhs}, ValueRange{acc},
                                  ArrayRef<NamedAttribute>{indexingMaps})
      ->getResult(0);
}

/// splitmix64's finalizer: a strong 64-bit mix.
static Value mix64(OpBuilder &b, Location loc, Value x) {
  auto constant = [&](uint64_t value) {
    return arith::ConstantOp::create(
        b, loc, b.getI64IntegerAttr(static_cast<int64_t>(value)));
  };
  auto xorShift = [&](Value v, int64_t shift) {
    return arith::XOrIOp::create(
        b, loc, v, arith::ShRUIOp::create(b, loc, v, constant(shift)));
  };
  x = xorShift(x, 30);
  x = arith::MulIOp::create(b, loc, x, constant(0xbf58476d1ce4e5b9ULL));
  x = xorShift(x, 27);
  x = arith::MulIOp::create(b, loc, x, constant(0x94d049bb133111ebULL));
  return xorShift(x, 31);
}

Value mlir::rnn::buildDropout(OpBuilder &b, Location loc, Value input,
                              double rate, uint64_t seed, uint64_t stream) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, input);
  Value init = createEmpty(b, loc, sizes, type.getElementType());
  SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  // Row-major linear index of the element, computed in the body.
  SmallVector<Value> dims;
  for (int64_t d = 0; d < rank; ++d)
    dims.push_back(getValueOrCreateConstantIndexOp(b, loc, sizes[d]));
  uint64_t key = seed * 0x9e3779b97f4a7c15ULL + stream;
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{type}, ValueRange{input}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value linear = linalg::IndexOp::create(nb, nloc, 0);
        for (int64_t d = 1; d < rank; ++d)
          linear = arith::AddIOp::create(
              nb, nloc, arith::MulIOp::create(nb, nloc, linear, dims[d]),
              linalg::IndexOp::create(nb, nloc, d));
        Value counter =
            arith::IndexCastUIOp::create(nb, nloc, nb.getI64Type(), linear);
        Value keyed = arith::AddIOp::create(
            nb, nloc, counter,
            arith::ConstantOp::create(
                nb, nloc, nb.getI64IntegerAttr(static_cast<int64_t>(key))));
        Value hash = mix64(nb, nloc, keyed);
        // Keep iff the top 24 bits, as a fraction in [0, 1), are >= rate.
        Value top = arith::ShRUIOp::create(
            nb, nloc, hash,
            arith::ConstantOp::create(nb, nloc, nb.getI64IntegerAttr(40)));
        auto threshold = static_cast<int64_t>(rate * double(1 << 24));
        Value keep = arith::CmpIOp::create(
            nb, nloc, arith::CmpIPredicate::uge, top,
            arith::ConstantOp::create(nb, nloc,
                                      nb.getI64IntegerAttr(threshold)));
        Type elementType = args[0].getType();
        Value scaled = arith::MulFOp::create(
            nb, nloc, args[0],
            arith::ConstantOp::create(
                nb, nloc, nb.getFloatAttr(elementType, 1.0 / (1.0 - rate))));
        Value zero = arith::ConstantOp::create(
            nb, nloc, nb.getFloatAttr(elementType, 0.0));
        Value result = arith::SelectOp::create(nb, nloc, keep, scaled, zero);
        linalg::YieldOp::create(nb, nloc, result);
      });
  return generic->getResult(0);
}
