//===- ShapeNodes.cpp - ONNX data-movement nodes --------------------------===//
//
// Identity, Constant, Shape, Cast, Transpose, Reshape, Squeeze, Unsqueeze,
// Concat, Slice, Gather, ConstantOfShape and Expand: evaluated on the host
// when every input is a constant (shape arithmetic, weights), else emitted
// as tensor ops (linalg.transpose for Transpose).
//
//===----------------------------------------------------------------------===//

#include "Importer.h"
#include "TensorOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "llvm/ADT/Twine.h"

#include <climits>
#include <cstring>

using namespace mlir;
using namespace mlir::rnn::onnx_import;

namespace {

/// An input's shape: static from a constant, from the type of a value.
SmallVector<int64_t> getShapeOf(const OnnxValue &value) {
  if (value.constant)
    return SmallVector<int64_t>(value.constant->getShape());
  return SmallVector<int64_t>(getTensorType(value.value).getShape());
}

/// Axes given by attribute `name` (older opsets) or by constant input
/// `index` (newer ones); nullopt when neither is given.
llvm::Expected<std::optional<SmallVector<int64_t>>>
getAxes(NodeImporter &node, StringRef name, int index) {
  if (std::optional<SmallVector<int64_t>> axes = node.getInts(name))
    return axes;
  if (!node.hasInput(index))
    return std::nullopt;
  llvm::Expected<std::shared_ptr<const ConstTensor>> axes =
      node.getConstantInput(index, name);
  if (!axes)
    return axes.takeError();
  return std::optional<SmallVector<int64_t>>((*axes)->getInts());
}

llvm::Error convertIdentity(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  if (input->constant)
    node.setOutput(0, *input->constant);
  else
    node.setOutput(0, input->value);
  return llvm::Error::success();
}

llvm::Error convertConstant(NodeImporter &node) {
  if (const onnx::AttributeProto *value = node.getAttribute("value")) {
    llvm::Expected<ConstTensor> data = readTensor(value->t(), *node.getModel());
    if (!data)
      return node.error(llvm::toString(data.takeError()));
    node.setOutput(0, std::move(*data));
    return llvm::Error::success();
  }
  if (const onnx::AttributeProto *value = node.getAttribute("value_float")) {
    node.setOutput(0, ConstTensor::splat(ElementKind::F32, {}, value->f()));
    return llvm::Error::success();
  }
  if (const onnx::AttributeProto *value = node.getAttribute("value_floats")) {
    ConstTensor data(ElementKind::F32, {value->floats_size()});
    for (int i = 0; i < value->floats_size(); ++i)
      data.setFloat(i, value->floats(i));
    node.setOutput(0, std::move(data));
    return llvm::Error::success();
  }
  if (const onnx::AttributeProto *value = node.getAttribute("value_int")) {
    node.setOutput(0, ConstTensor::fromInts({value->i()}, {}));
    return llvm::Error::success();
  }
  if (std::optional<SmallVector<int64_t>> ints = node.getInts("value_ints")) {
    node.setOutput(0, ConstTensor::fromInts(*ints, {(int64_t)ints->size()}));
    return llvm::Error::success();
  }
  return node.error("only value, value_float(s) and value_int(s) are "
                    "supported");
}

llvm::Error convertShape(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  SmallVector<int64_t> shape = getShapeOf(*input);
  int64_t rank = shape.size();
  int64_t start = node.getInt("start", 0), end = node.getInt("end", rank);
  start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
  end = std::max(start, end);
  SmallVector<int64_t> dims(shape.begin() + start, shape.begin() + end);
  if (llvm::none_of(dims, ShapedType::isDynamic)) {
    node.setOutput(0, ConstTensor::fromInts(dims, {(int64_t)dims.size()}));
    return llvm::Error::success();
  }
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  SmallVector<Value> elements;
  for (int64_t dim = start; dim < end; ++dim)
    elements.push_back(arith::IndexCastOp::create(
        b, loc, b.getI64Type(), getDimSize(b, loc, input->value, dim)));
  node.setOutput(0, tensor::FromElementsOp::create(b, loc, elements));
  return llvm::Error::success();
}

llvm::Error convertCast(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  llvm::Expected<ElementKind> kind = getElementKindOfONNX(node.getInt("to", 1));
  if (!kind)
    return node.error(llvm::toString(kind.takeError()));
  if (input->constant) {
    node.setOutput(0, input->constant->cast(*kind));
    return llvm::Error::success();
  }
  if (getTensorType(input->value).getElementType() !=
      getElementType(node.getContext(), *kind))
    return node.error("only casts of constants or to the same type are "
                      "supported");
  node.setOutput(0, input->value);
  return llvm::Error::success();
}

llvm::Error convertTranspose(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  SmallVector<int64_t> shape = getShapeOf(*input);
  int64_t rank = shape.size();
  SmallVector<int64_t> perm =
      node.getInts("perm").value_or(SmallVector<int64_t>());
  if (perm.empty())
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  SmallVector<int64_t> sorted(perm);
  llvm::sort(sorted);
  if (static_cast<int64_t>(perm.size()) != rank ||
      sorted != llvm::to_vector(llvm::seq<int64_t>(0, rank)))
    return node.error("perm is not a permutation of the input's dimensions");
  if (input->constant) {
    SmallVector<int64_t> outShape;
    for (int64_t p : perm)
      outShape.push_back(shape[p]);
    SmallVector<int64_t> strides = getStrides(shape);
    node.setOutput(0, gatherElements(*input->constant, outShape,
                                     [&](ArrayRef<int64_t> index) {
                                       int64_t at = 0;
                                       for (int64_t k = 0; k < rank; ++k)
                                         at += index[k] * strides[perm[k]];
                                       return at;
                                     }));
    return llvm::Error::success();
  }
  node.setOutput(
      0, transpose(node.getBuilder(), node.getLoc(), input->value, perm));
  return llvm::Error::success();
}

llvm::Error convertReshape(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  SmallVector<int64_t> requested;
  if (node.getOpset() < 5 || node.getAttribute("shape")) {
    requested = node.getInts("shape").value_or(SmallVector<int64_t>());
  } else {
    llvm::Expected<std::shared_ptr<const ConstTensor>> shape =
        node.getConstantInput(1, "shape");
    if (!shape)
      return shape.takeError();
    requested = (*shape)->getInts();
  }
  SmallVector<int64_t> inShape = getShapeOf(*input);
  bool allowZero = node.getInt("allowzero", 0) != 0;
  SmallVector<int64_t> outShape;
  int64_t inferred = -1, known = 1;
  bool dynamicInput = llvm::any_of(inShape, ShapedType::isDynamic);
  for (auto [index, size] : llvm::enumerate(requested)) {
    if (size == 0 && !allowZero) {
      if (index >= inShape.size())
        return node.error("shape copies a dimension the input lacks");
      size = inShape[index];
    }
    if (size == -1) {
      if (inferred >= 0)
        return node.error("shape has more than one -1");
      inferred = index;
    } else if (size < 0 && !ShapedType::isDynamic(size)) {
      return node.error("shape has a negative size");
    } else if (!ShapedType::isDynamic(size)) {
      known *= size;
    }
    outShape.push_back(size);
  }
  if (inferred >= 0) {
    if (dynamicInput) {
      outShape[inferred] = ShapedType::kDynamic;
    } else {
      int64_t total = 1;
      for (int64_t size : inShape)
        total *= size;
      if (known == 0 || total % known)
        return node.error("shape does not divide the input's size");
      outShape[inferred] = total / known;
    }
  }
  if (!dynamicInput) {
    int64_t total = 1, count = 1;
    for (int64_t size : inShape)
      total *= size;
    for (int64_t size : outShape)
      count *= size;
    if (total != count)
      return node.error("shape has " + llvm::Twine(count) +
                        " elements, the input " + llvm::Twine(total));
  }
  if (input->constant) {
    node.setOutput(0, input->constant->reshaped(outShape));
    return llvm::Error::success();
  }
  RankedTensorType type = getTensorType(input->value);
  auto target = RankedTensorType::get(outShape, type.getElementType());
  if (!target.hasStaticShape() &&
      !getReassociationIndicesForReshape(type, target))
    return node.error("this reshape of a tensor with dynamic dimensions is "
                      "not supported");
  node.setOutput(
      0, reshape(node.getBuilder(), node.getLoc(), input->value, outShape));
  return llvm::Error::success();
}

llvm::Error convertSqueeze(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  auto axes = getAxes(node, "axes", 1);
  if (!axes)
    return axes.takeError();
  SmallVector<int64_t> shape = getShapeOf(*input);
  int64_t rank = shape.size();
  SmallVector<int64_t> dims;
  if (!*axes) {
    for (int64_t i = 0; i < rank; ++i)
      if (shape[i] == 1)
        dims.push_back(i);
  } else {
    for (int64_t axis : **axes) {
      FailureOr<int64_t> dim = normalizeAxis(axis, rank);
      if (failed(dim) || shape[*dim] != 1)
        return node.error("axis " + llvm::Twine(axis) +
                          " is not a dimension of size 1");
      dims.push_back(*dim);
    }
  }
  llvm::sort(dims);
  dims.erase(std::unique(dims.begin(), dims.end()), dims.end());
  if (input->constant) {
    SmallVector<int64_t> outShape;
    for (int64_t i = 0; i < rank; ++i)
      if (!llvm::is_contained(dims, i))
        outShape.push_back(shape[i]);
    node.setOutput(0, input->constant->reshaped(outShape));
    return llvm::Error::success();
  }
  Value value = input->value;
  for (int64_t dim : llvm::reverse(dims))
    value = dropUnitDim(node.getBuilder(), node.getLoc(), value, dim);
  node.setOutput(0, value);
  return llvm::Error::success();
}

llvm::Error convertUnsqueeze(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  auto axes = getAxes(node, "axes", 1);
  if (!axes)
    return axes.takeError();
  if (!*axes)
    return node.error("axes are missing");
  SmallVector<int64_t> shape = getShapeOf(*input);
  int64_t outRank = shape.size() + (*axes)->size();
  SmallVector<int64_t> dims;
  for (int64_t axis : **axes) {
    FailureOr<int64_t> dim = normalizeAxis(axis, outRank);
    if (failed(dim) || llvm::is_contained(dims, *dim))
      return node.error("axis " + llvm::Twine(axis) + " is not valid");
    dims.push_back(*dim);
  }
  llvm::sort(dims);
  if (input->constant) {
    SmallVector<int64_t> outShape(shape);
    for (int64_t dim : dims)
      outShape.insert(outShape.begin() + dim, 1);
    node.setOutput(0, input->constant->reshaped(outShape));
    return llvm::Error::success();
  }
  Value value = input->value;
  for (int64_t dim : dims)
    value = insertUnitDim(node.getBuilder(), node.getLoc(), value, dim);
  node.setOutput(0, value);
  return llvm::Error::success();
}

llvm::Error convertConcat(NodeImporter &node) {
  SmallVector<OnnxValue> inputs;
  for (int i = 0, e = node.getProto().input_size(); i < e; ++i) {
    llvm::Expected<OnnxValue> input = node.getInput(i);
    if (!input)
      return input.takeError();
    inputs.push_back(*input);
  }
  if (inputs.empty())
    return node.error("has no inputs");
  SmallVector<int64_t> shape = getShapeOf(inputs[0]);
  int64_t rank = shape.size();
  FailureOr<int64_t> axis = normalizeAxis(node.getInt("axis", 0), rank);
  if (failed(axis))
    return node.error("axis is out of range");
  int64_t total = 0;
  bool dynamic = false;
  for (const OnnxValue &input : inputs) {
    SmallVector<int64_t> other = getShapeOf(input);
    if (static_cast<int64_t>(other.size()) != rank)
      return node.error("inputs have different ranks");
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis && other[d] != shape[d] &&
          !ShapedType::isDynamic(other[d]) && !ShapedType::isDynamic(shape[d]))
        return node.error("inputs differ outside the concatenation axis");
    if (ShapedType::isDynamic(other[*axis]))
      dynamic = true;
    else
      total += other[*axis];
  }
  if (node.allInputsConstant()) {
    SmallVector<int64_t> outShape(shape);
    outShape[*axis] = total;
    ConstTensor result(inputs[0].constant->getKind(), outShape);
    SmallVector<int64_t> outStrides = getStrides(outShape);
    int64_t offset = 0;
    int64_t bytes = getElementBytes(result.getKind());
    for (const OnnxValue &input : inputs) {
      const ConstTensor &part = input.constant->getKind() == result.getKind()
                                    ? *input.constant
                                    : input.constant->cast(result.getKind());
      SmallVector<int64_t> strides = getStrides(part.getShape());
      SmallVector<int64_t> index(rank, 0);
      for (int64_t i = 0, e = part.getNumElements(); i < e; ++i) {
        int64_t at = 0, rest = i;
        for (int64_t d = 0; d < rank; ++d) {
          index[d] = rest / strides[d];
          rest %= strides[d];
          at += (index[d] + (d == *axis ? offset : 0)) * outStrides[d];
        }
        std::memcpy(result.getMutableBytes().data() + at * bytes,
                    part.getBytes().data() + i * bytes, bytes);
      }
      offset += part.getShape()[*axis];
    }
    node.setOutput(0, std::move(result));
    return llvm::Error::success();
  }
  (void)dynamic;
  SmallVector<Value> values;
  for (const OnnxValue &input : inputs)
    values.push_back(node.materialize(input));
  node.setOutput(0, tensor::ConcatOp::create(node.getBuilder(), node.getLoc(),
                                             *axis, values));
  return llvm::Error::success();
}

llvm::Error convertSlice(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  SmallVector<int64_t> shape = getShapeOf(*input);
  int64_t rank = shape.size();
  SmallVector<int64_t> starts, ends, axes, steps;
  if (node.getOpset() < 10) {
    starts = node.getInts("starts").value_or(SmallVector<int64_t>());
    ends = node.getInts("ends").value_or(SmallVector<int64_t>());
    axes = node.getInts("axes").value_or(SmallVector<int64_t>());
  } else {
    auto read = [&](int index, StringRef what,
                    SmallVector<int64_t> &out) -> llvm::Error {
      if (!node.hasInput(index))
        return llvm::Error::success();
      auto data = node.getConstantInput(index, what);
      if (!data)
        return data.takeError();
      out = (*data)->getInts();
      return llvm::Error::success();
    };
    if (auto error = read(1, "starts", starts))
      return error;
    if (auto error = read(2, "ends", ends))
      return error;
    if (auto error = read(3, "axes", axes))
      return error;
    if (auto error = read(4, "steps", steps))
      return error;
  }
  if (starts.size() != ends.size())
    return node.error("starts and ends differ in length");
  if (axes.empty())
    axes = llvm::to_vector(llvm::seq<int64_t>(0, starts.size()));
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (axes.size() != starts.size() || steps.size() != starts.size())
    return node.error("axes and steps must match starts in length");

  SmallVector<int64_t> offsets(rank, 0), sizes(shape), strides(rank, 1);
  for (size_t i = 0; i < starts.size(); ++i) {
    FailureOr<int64_t> dim = normalizeAxis(axes[i], rank);
    if (failed(dim))
      return node.error("axis " + llvm::Twine(axes[i]) + " is out of range");
    int64_t size = shape[*dim], step = steps[i];
    if (step == 0)
      return node.error("steps must not be 0");
    if (ShapedType::isDynamic(size)) {
      if (starts[i] == 0 && step == 1 && ends[i] >= INT_MAX)
        continue;
      return node.error("slicing a dynamic dimension is not supported");
    }
    int64_t start = starts[i], end = ends[i];
    if (start < 0)
      start += size;
    if (end < 0)
      end += size;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, size);
      end = std::clamp<int64_t>(end, 0, size);
      sizes[*dim] = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, size - 1);
      end = std::clamp<int64_t>(end, -1, size - 1);
      sizes[*dim] = start > end ? (start - end - step - 1) / -step : 0;
    }
    offsets[*dim] = start;
    strides[*dim] = step;
  }
  if (input->constant) {
    SmallVector<int64_t> inStrides = getStrides(shape);
    node.setOutput(
        0,
        gatherElements(*input->constant, sizes, [&](ArrayRef<int64_t> index) {
          int64_t at = 0;
          for (int64_t d = 0; d < rank; ++d)
            at += (offsets[d] + index[d] * strides[d]) * inStrides[d];
          return at;
        }));
    return llvm::Error::success();
  }
  if (llvm::any_of(strides, [](int64_t s) { return s < 0; }))
    return node.error("negative steps are only supported on constants");
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  SmallVector<OpFoldResult> mixedSizes;
  for (int64_t d = 0; d < rank; ++d)
    mixedSizes.push_back(ShapedType::isDynamic(sizes[d])
                             ? tensor::getMixedSize(b, loc, input->value, d)
                             : OpFoldResult(b.getIndexAttr(sizes[d])));
  node.setOutput(0, tensor::ExtractSliceOp::create(
                        b, loc, input->value,
                        getAsIndexOpFoldResult(b.getContext(), offsets),
                        mixedSizes,
                        getAsIndexOpFoldResult(b.getContext(), strides)));
  return llvm::Error::success();
}

llvm::Error convertGather(NodeImporter &node) {
  llvm::Expected<OnnxValue> data = node.getInput(0);
  if (!data)
    return data.takeError();
  llvm::Expected<OnnxValue> indices = node.getInput(1);
  if (!indices)
    return indices.takeError();
  SmallVector<int64_t> shape = getShapeOf(*data);
  SmallVector<int64_t> indexShape = getShapeOf(*indices);
  int64_t rank = shape.size(), q = indexShape.size();
  FailureOr<int64_t> axis = normalizeAxis(node.getInt("axis", 0), rank);
  if (failed(axis))
    return node.error("axis is out of range");
  SmallVector<int64_t> outShape(shape.begin(), shape.begin() + *axis);
  outShape.append(indexShape);
  outShape.append(shape.begin() + *axis + 1, shape.end());
  int64_t n = shape[*axis];

  if (data->constant && indices->constant) {
    if (!indices->constant->isInteger())
      return node.error("indices must be integers");
    SmallVector<int64_t> strides = getStrides(shape);
    SmallVector<int64_t> indexStrides = getStrides(indexShape);
    SmallVector<int64_t> values = indices->constant->getInts();
    for (int64_t &value : values) {
      if (value < -n || value >= n)
        return node.error("index " + llvm::Twine(value) + " is out of range");
      value = value < 0 ? value + n : value;
    }
    node.setOutput(
        0,
        gatherElements(*data->constant, outShape, [&](ArrayRef<int64_t> index) {
          int64_t flat = 0;
          for (int64_t k = 0; k < q; ++k)
            flat += index[*axis + k] * indexStrides[k];
          int64_t at = values[flat] * strides[*axis];
          for (int64_t d = 0; d < rank; ++d)
            if (d < *axis)
              at += index[d] * strides[d];
            else if (d > *axis)
              at += index[d + q - 1] * strides[d];
          return at;
        }));
    return llvm::Error::success();
  }

  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  Value source = node.materialize(*data);
  Value index = node.materialize(*indices);
  if (!getTensorType(index).getElementType().isInteger())
    return node.error("indices must be integers");
  if (ShapedType::isDynamic(n))
    return node.error("gathering along a dynamic dimension is not supported");
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < static_cast<int64_t>(outShape.size()); ++d) {
    if (!ShapedType::isDynamic(outShape[d]))
      continue;
    if (d < *axis)
      dynamicSizes.push_back(getDimSize(b, loc, source, d));
    else if (d < *axis + q)
      dynamicSizes.push_back(getDimSize(b, loc, index, d - *axis));
    else
      dynamicSizes.push_back(getDimSize(b, loc, source, d - q + 1));
  }
  auto type =
      RankedTensorType::get(outShape, getTensorType(source).getElementType());
  auto generate = tensor::GenerateOp::create(b, loc, type, dynamicSizes);
  Block *body = b.createBlock(&generate.getBody());
  SmallVector<Value> ivs;
  for (size_t d = 0; d < outShape.size(); ++d)
    ivs.push_back(body->addArgument(b.getIndexType(), loc));
  OpBuilder inner = OpBuilder::atBlockEnd(body);
  SmallVector<Value> at(ivs.begin() + *axis, ivs.begin() + *axis + q);
  Value raw = tensor::ExtractOp::create(inner, loc, index, at);
  Value position =
      arith::IndexCastOp::create(inner, loc, inner.getIndexType(), raw);
  // Negative indices count from the end; out-of-range ones are clamped
  // (ONNX leaves them undefined; a clamp never reads outside the data).
  Value zero = arith::ConstantIndexOp::create(inner, loc, 0);
  Value size = arith::ConstantIndexOp::create(inner, loc, n);
  Value last = arith::ConstantIndexOp::create(inner, loc, n - 1);
  Value negative = arith::CmpIOp::create(inner, loc, arith::CmpIPredicate::slt,
                                         position, zero);
  Value wrapped = arith::AddIOp::create(inner, loc, position, size);
  position = arith::SelectOp::create(inner, loc, negative, wrapped, position);
  position = arith::MaxSIOp::create(inner, loc, position, zero);
  position = arith::MinSIOp::create(inner, loc, position, last);
  SmallVector<Value> sourceIndex(ivs.begin(), ivs.begin() + *axis);
  sourceIndex.push_back(position);
  sourceIndex.append(ivs.begin() + *axis + q, ivs.end());
  Value element = tensor::ExtractOp::create(inner, loc, source, sourceIndex);
  tensor::YieldOp::create(inner, loc, element);
  b.setInsertionPointAfter(generate);
  node.setOutput(0, generate.getResult());
  return llvm::Error::success();
}

/// The fill value of ConstantOfShape (default float 0).
llvm::Expected<ConstTensor> getFillValue(NodeImporter &node) {
  if (const onnx::AttributeProto *value = node.getAttribute("value")) {
    llvm::Expected<ConstTensor> data = readTensor(value->t(), *node.getModel());
    if (!data)
      return node.error(llvm::toString(data.takeError()));
    if (data->getNumElements() != 1)
      return node.error("value must have one element");
    return data->reshaped({});
  }
  return ConstTensor::splat(ElementKind::F32, {}, 0.0);
}

llvm::Error convertConstantOfShape(NodeImporter &node) {
  llvm::Expected<ConstTensor> fill = getFillValue(node);
  if (!fill)
    return fill.takeError();
  llvm::Expected<OnnxValue> shape = node.getInput(0);
  if (!shape)
    return shape.takeError();
  if (shape->constant) {
    SmallVector<int64_t> sizes = shape->constant->getInts();
    if (!checkedNumElements(sizes, 8, kMaxTensorBytes))
      return node.error("the shape is too large or negative");
    ConstTensor result(fill->getKind(), sizes);
    for (int64_t i = 0, e = result.getNumElements(); i < e; ++i)
      std::memcpy(result.getMutableBytes().data() +
                      i * getElementBytes(fill->getKind()),
                  fill->getBytes().data(), getElementBytes(fill->getKind()));
    node.setOutput(0, std::move(result));
    return llvm::Error::success();
  }
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  RankedTensorType shapeType = getTensorType(shape->value);
  if (shapeType.getRank() != 1 || shapeType.isDynamicDim(0))
    return node.error("the shape must be a 1-D tensor of static length");
  SmallVector<Value> sizes;
  for (int64_t i = 0; i < shapeType.getDimSize(0); ++i) {
    Value at = arith::ConstantIndexOp::create(b, loc, i);
    Value size = tensor::ExtractOp::create(b, loc, shape->value, at);
    sizes.push_back(arith::IndexCastOp::create(b, loc, b.getIndexType(), size));
  }
  SmallVector<int64_t> dims(shapeType.getDimSize(0), ShapedType::kDynamic);
  auto type = RankedTensorType::get(
      dims, getElementType(node.getContext(), fill->getKind()));
  node.setOutput(0, splat(b, loc, type, sizes, fill->getFloat(0)));
  return llvm::Error::success();
}

llvm::Error convertExpand(NodeImporter &node) {
  llvm::Expected<OnnxValue> input = node.getInput(0);
  if (!input)
    return input.takeError();
  llvm::Expected<std::shared_ptr<const ConstTensor>> shapeData =
      node.getConstantInput(1, "shape");
  if (!shapeData)
    return shapeData.takeError();
  SmallVector<int64_t> requested = (*shapeData)->getInts();
  SmallVector<int64_t> shape = getShapeOf(*input);
  int64_t rank = std::max<int64_t>(shape.size(), requested.size());
  // Right-aligned numpy broadcasting.
  SmallVector<int64_t> inShape(rank - shape.size(), 1);
  inShape.append(shape);
  SmallVector<int64_t> wanted(rank - requested.size(), 1);
  wanted.append(requested);
  SmallVector<int64_t> outShape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t a = inShape[d], w = wanted[d];
    if (a == 1)
      outShape.push_back(w);
    else if (w == 1 || w == a)
      outShape.push_back(a);
    else
      return node.error("shape does not broadcast with the input");
  }
  if (input->constant) {
    if (!checkedNumElements(outShape, 8, kMaxTensorBytes))
      return node.error("the shape is too large or negative");
    SmallVector<int64_t> strides = getStrides(inShape);
    node.setOutput(0, gatherElements(input->constant->reshaped(inShape),
                                     outShape, [&](ArrayRef<int64_t> index) {
                                       int64_t at = 0;
                                       for (int64_t d = 0; d < rank; ++d)
                                         if (inShape[d] != 1)
                                           at += index[d] * strides[d];
                                       return at;
                                     }));
    return llvm::Error::success();
  }
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  Value source = reshape(b, loc, input->value, inShape);
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < rank; ++d)
    if (ShapedType::isDynamic(outShape[d]))
      dynamicSizes.push_back(getDimSize(b, loc, source, d));
  auto type =
      RankedTensorType::get(outShape, getTensorType(source).getElementType());
  auto generate = tensor::GenerateOp::create(b, loc, type, dynamicSizes);
  Block *body = b.createBlock(&generate.getBody());
  SmallVector<Value> index;
  OpBuilder inner = OpBuilder::atBlockEnd(body);
  Value zero = arith::ConstantIndexOp::create(inner, loc, 0);
  for (int64_t d = 0; d < rank; ++d) {
    Value iv = body->addArgument(b.getIndexType(), loc);
    index.push_back(inShape[d] == 1 ? zero : iv);
  }
  tensor::YieldOp::create(inner, loc,
                          tensor::ExtractOp::create(inner, loc, source, index));
  b.setInsertionPointAfter(generate);
  node.setOutput(0, generate.getResult());
  return llvm::Error::success();
}

} // namespace

void mlir::rnn::onnx_import::registerShapeNodes(NodeHandlerTable &table) {
  table["Identity"] = {convertIdentity, nullptr};
  table["Constant"] = {convertConstant, nullptr};
  table["Shape"] = {convertShape, nullptr};
  table["Cast"] = {convertCast, nullptr};
  table["Transpose"] = {convertTranspose, nullptr};
  table["Reshape"] = {convertReshape, nullptr};
  table["Squeeze"] = {convertSqueeze, nullptr};
  table["Unsqueeze"] = {convertUnsqueeze, nullptr};
  table["Concat"] = {convertConcat, nullptr};
  table["Slice"] = {convertSlice, nullptr};
  table["Gather"] = {convertGather, nullptr};
  table["ConstantOfShape"] = {convertConstantOfShape, nullptr};
  table["Expand"] = {convertExpand, nullptr};
}
