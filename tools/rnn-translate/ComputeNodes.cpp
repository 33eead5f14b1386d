//===- ComputeNodes.cpp - ONNX neighbours of recurrent nodes --------------===//
//
// Gemm, MatMul, Add, Sub, Mul, Div, Relu, Tanh, Sigmoid and Softmax as
// linalg ops on tensors: linalg.matmul / batch_matmul for products,
// linalg.generic with numpy broadcasting (arith bodies) for elementwise
// math, linalg.exp / linalg.tanh for the transcendental functions, generic
// reductions for Softmax. Constant inputs of Add/Sub/Mul/Div (shape
// arithmetic) are evaluated on the host.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"
#include "TensorOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/Twine.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::rnn::onnx_import;

namespace {

using BodyBuilder = function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// Right-aligned numpy broadcast of `shapes`; fails when they do not
/// broadcast. A dynamic size broadcasts with anything but another static
/// size other than 1.
FailureOr<SmallVector<int64_t>>
broadcastShapes(ArrayRef<SmallVector<int64_t>> shapes) {
  size_t rank = 0;
  for (const SmallVector<int64_t> &shape : shapes)
    rank = std::max(rank, shape.size());
  SmallVector<int64_t> out(rank, 1);
  for (const SmallVector<int64_t> &shape : shapes) {
    for (size_t j = 0; j < shape.size(); ++j) {
      int64_t &size = out[rank - shape.size() + j];
      int64_t other = shape[j];
      if (other == 1 || size == other)
        continue;
      if (size == 1)
        size = other;
      else if (ShapedType::isDynamic(size))
        size = other;
      else if (!ShapedType::isDynamic(other))
        return failure();
    }
  }
  return out;
}

/// The indexing map reading an input of `shape` in an iteration space of
/// `outShape` under numpy broadcasting.
AffineMap getBroadcastMap(MLIRContext *context, ArrayRef<int64_t> shape,
                          ArrayRef<int64_t> outShape) {
  SmallVector<AffineExpr> exprs;
  int64_t offset = outShape.size() - shape.size();
  for (size_t j = 0; j < shape.size(); ++j)
    exprs.push_back(shape[j] == 1 && outShape[offset + j] != 1
                        ? getAffineConstantExpr(0, context)
                        : getAffineDimExpr(offset + j, context));
  return AffineMap::get(outShape.size(), 0, exprs, context);
}

/// linalg.generic over `outShape` (all parallel) computing `body` of the
/// broadcast elements of `inputs`.
Value buildElementwise(OpBuilder &b, Location loc, ValueRange inputs,
                       ArrayRef<int64_t> outShape, Type elementType,
                       BodyBuilder body) {
  MLIRContext *context = b.getContext();
  SmallVector<OpFoldResult> sizes;
  for (size_t d = 0; d < outShape.size(); ++d) {
    if (!ShapedType::isDynamic(outShape[d])) {
      sizes.push_back(b.getIndexAttr(outShape[d]));
      continue;
    }
    // A dynamic size: from an input that has it unbroadcast.
    for (Value input : inputs) {
      RankedTensorType type = getTensorType(input);
      int64_t j = d - (outShape.size() - type.getRank());
      if (j >= 0 && type.getDimSize(j) != 1) {
        sizes.push_back(tensor::getMixedSize(b, loc, input, j));
        break;
      }
    }
  }
  Value init = tensor::EmptyOp::create(b, loc, sizes, elementType);
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(
        getBroadcastMap(context, getTensorType(input).getShape(), outShape));
  maps.push_back(AffineMap::getMultiDimIdentityMap(outShape.size(), context));
  SmallVector<utils::IteratorType> iterators(outShape.size(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
               Value result =
                   body(nested, nestedLoc, args.take_front(inputs.size()));
               linalg::YieldOp::create(nested, nestedLoc, result);
             })
      .getResult(0);
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

/// Host evaluation of a binary op on constants (shape arithmetic).
llvm::Error evaluateBinary(NodeImporter &node, const ConstTensor &lhs,
                           const ConstTensor &rhs) {
  StringRef op = node.getProto().op_type();
  SmallVector<int64_t> a(lhs.getShape()), c(rhs.getShape());
  FailureOr<SmallVector<int64_t>> outShape = broadcastShapes({a, c});
  if (failed(outShape))
    return node.error("the input shapes do not broadcast");
  ConstTensor result(lhs.getKind(), *outShape);
  auto indexOf = [&](const SmallVector<int64_t> &shape, ArrayRef<int64_t> at) {
    SmallVector<int64_t> strides = getStrides(shape);
    int64_t offset = outShape->size() - shape.size(), flat = 0;
    for (size_t j = 0; j < shape.size(); ++j)
      if (shape[j] != 1)
        flat += at[offset + j] * strides[j];
    return flat;
  };
  SmallVector<int64_t> at(outShape->size(), 0);
  for (int64_t i = 0, e = result.getNumElements(); i < e; ++i) {
    int64_t x = indexOf(a, at), y = indexOf(c, at);
    if (lhs.isInteger()) {
      int64_t u = lhs.getInt(x), v = rhs.getInt(y);
      if (op == "Div" && v == 0)
        return node.error("division by zero in constants");
      result.setInt(i, op == "Add"   ? u + v
                       : op == "Sub" ? u - v
                       : op == "Mul" ? u * v
                                     : u / v);
    } else {
      double u = lhs.getFloat(x), v = rhs.getFloat(y);
      result.setFloat(i, op == "Add"   ? u + v
                         : op == "Sub" ? u - v
                         : op == "Mul" ? u * v
                                       : u / v);
    }
    for (int64_t d = static_cast<int64_t>(at.size()) - 1; d >= 0; --d) {
      if (++at[d] < (*outShape)[d])
        break;
      at[d] = 0;
    }
  }
  node.setOutput(0, std::move(result));
  return llvm::Error::success();
}

llvm::Error convertBinary(NodeImporter &node) {
  llvm::Expected<OnnxValue> lhs = node.getInput(0);
  if (!lhs)
    return lhs.takeError();
  llvm::Expected<OnnxValue> rhs = node.getInput(1);
  if (!rhs)
    return rhs.takeError();
  if (lhs->constant && rhs->constant) {
    if (lhs->constant->getKind() != rhs->constant->getKind())
      return node.error("inputs have different element types");
    return evaluateBinary(node, *lhs->constant, *rhs->constant);
  }
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  Value a = node.materialize(*lhs), c = node.materialize(*rhs);
  Type elementType = getTensorType(a).getElementType();
  if (getTensorType(c).getElementType() != elementType ||
      !isa<FloatType>(elementType))
    return node.error("inputs must be floating-point tensors of one type");
  SmallVector<int64_t> shapeA(getTensorType(a).getShape());
  SmallVector<int64_t> shapeC(getTensorType(c).getShape());
  FailureOr<SmallVector<int64_t>> outShape = broadcastShapes({shapeA, shapeC});
  if (failed(outShape))
    return node.error("the input shapes do not broadcast");
  StringRef op = node.getProto().op_type();
  node.setOutput(
      0,
      buildElementwise(
          b, loc, {a, c}, *outShape, elementType,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            if (op == "Add")
              return arith::AddFOp::create(nb, l, args[0], args[1]).getResult();
            if (op == "Sub")
              return arith::SubFOp::create(nb, l, args[0], args[1]).getResult();
            if (op == "Mul")
              return arith::MulFOp::create(nb, l, args[0], args[1]).getResult();
            return arith::DivFOp::create(nb, l, args[0], args[1]).getResult();
          }));
  return llvm::Error::success();
}

/// A float tensor input.
llvm::Expected<Value> getFloatInput(NodeImporter &node, int index) {
  llvm::Expected<Value> value = node.getInputValue(index);
  if (!value)
    return value.takeError();
  auto type = dyn_cast<RankedTensorType>(value->getType());
  if (!type || !isa<FloatType>(type.getElementType()))
    return node.error("input " + llvm::Twine(index) +
                      " must be a floating-point tensor");
  return value;
}

/// Applies a unary named linalg op (linalg.exp, linalg.tanh).
template <typename NamedOp>
Value buildNamedUnary(OpBuilder &b, Location loc, Value x) {
  Value init = tensor::EmptyOp::create(b, loc, tensor::getMixedSizes(b, loc, x),
                                       getTensorType(x).getElementType());
  return NamedOp::create(b, loc, ValueRange{x}, ValueRange{init}).getResult(0);
}

/// 1 / (1 + exp(-x)).
Value buildSigmoid(OpBuilder &b, Location loc, Value x) {
  RankedTensorType type = getTensorType(x);
  Type elementType = type.getElementType();
  Value negated = buildElementwise(
      b, loc, {x}, type.getShape(), elementType,
      [](OpBuilder &nb, Location l, ValueRange args) {
        return arith::NegFOp::create(nb, l, args[0]).getResult();
      });
  Value exp = buildNamedUnary<linalg::ExpOp>(b, loc, negated);
  return buildElementwise(
      b, loc, {exp}, type.getShape(), elementType,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value one = floatConstant(nb, l, elementType, 1.0);
        Value sum = arith::AddFOp::create(nb, l, one, args[0]);
        return arith::DivFOp::create(nb, l, one, sum).getResult();
      });
}

llvm::Error convertUnary(NodeImporter &node) {
  llvm::Expected<Value> x = getFloatInput(node, 0);
  if (!x)
    return x.takeError();
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  StringRef op = node.getProto().op_type();
  RankedTensorType type = getTensorType(*x);
  if (op == "Tanh") {
    node.setOutput(0, buildNamedUnary<linalg::TanhOp>(b, loc, *x));
  } else if (op == "Sigmoid") {
    node.setOutput(0, buildSigmoid(b, loc, *x));
  } else {
    node.setOutput(
        0, buildElementwise(
               b, loc, {*x}, type.getShape(), type.getElementType(),
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 Value zero = floatConstant(nb, l, type.getElementType(), 0.0);
                 return arith::MaximumFOp::create(nb, l, args[0], zero)
                     .getResult();
               }));
  }
  return llvm::Error::success();
}

/// A reduction of `x` over `axis` (the result drops it) with `combine`,
/// starting from `initial`.
Value buildReduction(
    OpBuilder &b, Location loc, Value x, int64_t axis, double initial,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *context = b.getContext();
  RankedTensorType type = getTensorType(x);
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes;
  SmallVector<AffineExpr> outExprs;
  for (int64_t d = 0; d < rank; ++d) {
    if (d == axis)
      continue;
    sizes.push_back(tensor::getMixedSize(b, loc, x, d));
    outExprs.push_back(getAffineDimExpr(d, context));
  }
  Value empty = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
  Value start = floatConstant(b, loc, type.getElementType(), initial);
  Value init = linalg::FillOp::create(b, loc, start, empty).getResult(0);
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(rank, context),
      AffineMap::get(rank, 0, outExprs, context)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators[axis] = utils::IteratorType::reduction;
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{x}, ValueRange{init},
             maps, iterators,
             [&](OpBuilder &nested, Location l, ValueRange args) {
               linalg::YieldOp::create(nested, l,
                                       combine(nested, l, args[1], args[0]));
             })
      .getResult(0);
}

/// exp(x - max) / sum(exp(x - max)) along `axis`.
Value buildSoftmax(OpBuilder &b, Location loc, Value x, int64_t axis) {
  RankedTensorType type = getTensorType(x);
  Type elementType = type.getElementType();
  MLIRContext *context = b.getContext();
  int64_t rank = type.getRank();
  Value max = buildReduction(
      b, loc, x, axis, -std::numeric_limits<double>::infinity(),
      [](OpBuilder &nb, Location l, Value acc, Value v) {
        return arith::MaximumFOp::create(nb, l, acc, v).getResult();
      });
  // x - max, with max broadcast along the axis.
  SmallVector<AffineExpr> reducedExprs;
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis)
      reducedExprs.push_back(getAffineDimExpr(d, context));
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
  AffineMap reduced = AffineMap::get(rank, 0, reducedExprs, context);
  SmallVector<utils::IteratorType> parallel(rank,
                                            utils::IteratorType::parallel);
  auto withReduced = [&](Value full, Value part, bool subtract) {
    Value init = tensor::EmptyOp::create(
        b, loc, tensor::getMixedSizes(b, loc, full), elementType);
    return linalg::GenericOp::create(
               b, loc, TypeRange{init.getType()}, ValueRange{full, part},
               ValueRange{init},
               SmallVector<AffineMap>{identity, reduced, identity}, parallel,
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 Value result =
                     subtract ? arith::SubFOp::create(nb, l, args[0], args[1])
                                    .getResult()
                              : arith::DivFOp::create(nb, l, args[0], args[1])
                                    .getResult();
                 linalg::YieldOp::create(nb, l, result);
               })
        .getResult(0);
  };
  Value shifted = withReduced(x, max, /*subtract=*/true);
  Value exp = buildNamedUnary<linalg::ExpOp>(b, loc, shifted);
  Value sum =
      buildReduction(b, loc, exp, axis, 0.0,
                     [](OpBuilder &nb, Location l, Value acc, Value v) {
                       return arith::AddFOp::create(nb, l, acc, v).getResult();
                     });
  return withReduced(exp, sum, /*subtract=*/false);
}

llvm::Error convertSoftmax(NodeImporter &node) {
  llvm::Expected<Value> x = getFloatInput(node, 0);
  if (!x)
    return x.takeError();
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  RankedTensorType type = getTensorType(*x);
  int64_t rank = type.getRank();
  bool old = node.getOpset() < 13;
  FailureOr<int64_t> axis =
      normalizeAxis(node.getInt("axis", old ? 1 : -1), rank);
  if (failed(axis))
    return node.error("axis is out of range");
  if (!old || *axis == rank - 1) {
    node.setOutput(0, buildSoftmax(b, loc, *x, *axis));
    return llvm::Error::success();
  }
  // Opsets before 13: softmax over the flattened dimensions from axis on.
  if (!type.hasStaticShape())
    return node.error("Softmax before opset 13 needs a static shape");
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < *axis ? outer : inner) *= type.getDimSize(d);
  Value flat = reshape(b, loc, *x, {outer, inner});
  node.setOutput(
      0, reshape(b, loc, buildSoftmax(b, loc, flat, 1), type.getShape()));
  return llvm::Error::success();
}

/// A zero-filled [rows, cols] accumulator.
Value zeroAccumulator(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                      Type elementType) {
  Value empty = tensor::EmptyOp::create(b, loc, sizes, elementType);
  Value zero = floatConstant(b, loc, elementType, 0.0);
  return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
}

/// a [M, K] x c [K, N] with linalg.matmul.
Value buildMatmul(OpBuilder &b, Location loc, Value a, Value c) {
  Type elementType = getTensorType(a).getElementType();
  Value init = zeroAccumulator(
      b, loc,
      {tensor::getMixedSize(b, loc, a, 0), tensor::getMixedSize(b, loc, c, 1)},
      elementType);
  return linalg::MatmulOp::create(b, loc, ValueRange{a, c}, ValueRange{init})
      .getResult(0);
}

llvm::Error convertMatMul(NodeImporter &node) {
  llvm::Expected<Value> a = getFloatInput(node, 0);
  if (!a)
    return a.takeError();
  llvm::Expected<Value> c = getFloatInput(node, 1);
  if (!c)
    return c.takeError();
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  RankedTensorType typeA = getTensorType(*a), typeC = getTensorType(*c);
  if (typeA.getElementType() != typeC.getElementType())
    return node.error("inputs have different element types");
  int64_t rankA = typeA.getRank(), rankC = typeC.getRank();
  int64_t k = typeA.getDimSize(rankA - 1);
  if (rankA < 2 || rankC < 2)
    return node.error("1-D operands are not supported");
  if (typeC.getDimSize(rankC - 2) != k && !ShapedType::isDynamic(k))
    return node.error("the inner dimensions do not match");
  if (rankC == 2) {
    if (rankA == 2) {
      node.setOutput(0, buildMatmul(b, loc, *a, *c));
      return llvm::Error::success();
    }
    // [..., M, K] x [K, N]: one matmul over the flattened leading rows.
    SmallVector<int64_t> outShape(typeA.getShape());
    outShape.back() = typeC.getDimSize(1);
    int64_t rows = 1;
    for (int64_t d = 0; d < rankA - 1; ++d)
      rows = ShapedType::isDynamic(typeA.getDimSize(d)) ||
                     ShapedType::isDynamic(rows)
                 ? ShapedType::kDynamic
                 : rows * typeA.getDimSize(d);
    Value flat = reshape(b, loc, *a, {rows, k});
    Value product = buildMatmul(b, loc, flat, *c);
    node.setOutput(0, reshape(b, loc, product, outShape));
    return llvm::Error::success();
  }
  if (rankA == 3 && rankC == 3) {
    Value init = zeroAccumulator(b, loc,
                                 {tensor::getMixedSize(b, loc, *a, 0),
                                  tensor::getMixedSize(b, loc, *a, 1),
                                  tensor::getMixedSize(b, loc, *c, 2)},
                                 typeA.getElementType());
    node.setOutput(0, linalg::BatchMatmulOp::create(b, loc, ValueRange{*a, *c},
                                                    ValueRange{init})
                          .getResult(0));
    return llvm::Error::success();
  }
  return node.error("only [..., M, K] x [K, N] and [B, M, K] x [B, K, N] "
                    "products are supported");
}

llvm::Error convertGemm(NodeImporter &node) {
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  SmallVector<Value, 2> operands;
  for (int index : {0, 1}) {
    llvm::Expected<Value> value = getFloatInput(node, index);
    if (!value)
      return value.takeError();
    if (getTensorType(*value).getRank() != 2)
      return node.error("A and B must be matrices");
    bool transposed = node.getInt(index == 0 ? "transA" : "transB", 0) != 0;
    operands.push_back(transposed ? transpose(b, loc, *value, {1, 0}) : *value);
  }
  Type elementType = getTensorType(operands[0]).getElementType();
  if (getTensorType(operands[1]).getElementType() != elementType)
    return node.error("A and B have different element types");
  Value product = buildMatmul(b, loc, operands[0], operands[1]);
  double alpha = node.getFloat("alpha", 1.0f);
  double beta = node.getFloat("beta", 1.0f);
  SmallVector<int64_t> shape(getTensorType(product).getShape());
  if (!node.hasInput(2) || beta == 0.0) {
    if (alpha != 1.0)
      product = buildElementwise(
          b, loc, {product}, shape, elementType,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value scale = floatConstant(nb, l, elementType, alpha);
            return arith::MulFOp::create(nb, l, scale, args[0]).getResult();
          });
    node.setOutput(0, product);
    return llvm::Error::success();
  }
  llvm::Expected<Value> bias = getFloatInput(node, 2);
  if (!bias)
    return bias.takeError();
  SmallVector<int64_t> biasShape(getTensorType(*bias).getShape());
  FailureOr<SmallVector<int64_t>> outShape =
      broadcastShapes({shape, biasShape});
  if (failed(outShape) || *outShape != shape)
    return node.error("C does not broadcast to [M, N]");
  node.setOutput(
      0, buildElementwise(
             b, loc, {product, *bias}, shape, elementType,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value p = args[0], c = args[1];
               if (alpha != 1.0)
                 p = arith::MulFOp::create(
                     nb, l, floatConstant(nb, l, elementType, alpha), p);
               if (beta != 1.0)
                 c = arith::MulFOp::create(
                     nb, l, floatConstant(nb, l, elementType, beta), c);
               return arith::AddFOp::create(nb, l, p, c).getResult();
             }));
  return llvm::Error::success();
}

} // namespace

void mlir::rnn::onnx_import::registerComputeNodes(NodeHandlerTable &table) {
  for (StringRef op : {"Add", "Sub", "Mul", "Div"})
    table[op] = {convertBinary, nullptr};
  for (StringRef op : {"Relu", "Tanh", "Sigmoid"})
    table[op] = {convertUnary, nullptr};
  table["Softmax"] = {convertSoftmax, nullptr};
  table["MatMul"] = {convertMatMul, nullptr};
  table["Gemm"] = {convertGemm, nullptr};
}
