//===- ConstTensor.cpp - Host data of an ONNX constant --------------------===//

#include "ConstTensor.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/Twine.h"

#include <cstring>

using namespace mlir;
using namespace mlir::rnn::onnx_import;

int64_t mlir::rnn::onnx_import::getElementBytes(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
  case ElementKind::I32:
    return 4;
  case ElementKind::F64:
  case ElementKind::I64:
    return 8;
  }
  return 4;
}

StringRef mlir::rnn::onnx_import::getElementKindName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "float";
  case ElementKind::F64:
    return "double";
  case ElementKind::I32:
    return "int32";
  case ElementKind::I64:
    return "int64";
  }
  return "?";
}

Type mlir::rnn::onnx_import::getElementType(MLIRContext *context,
                                            ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return Float32Type::get(context);
  case ElementKind::F64:
    return Float64Type::get(context);
  case ElementKind::I32:
    return IntegerType::get(context, 32);
  case ElementKind::I64:
    return IntegerType::get(context, 64);
  }
  return {};
}

llvm::Expected<ElementKind> mlir::rnn::onnx_import::getElementKind(Type type) {
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF64())
    return ElementKind::F64;
  if (type.isInteger(32))
    return ElementKind::I32;
  if (type.isInteger(64))
    return ElementKind::I64;
  std::string name;
  llvm::raw_string_ostream os(name);
  os << type;
  return llvm::createStringError("element type " + name + " is not supported");
}

llvm::Expected<ElementKind>
mlir::rnn::onnx_import::getElementKindOfONNX(int32_t dataType) {
  // TensorProto.DataType: FLOAT 1, INT32 6, INT64 7, DOUBLE 11.
  switch (dataType) {
  case 1:
    return ElementKind::F32;
  case 6:
    return ElementKind::I32;
  case 7:
    return ElementKind::I64;
  case 11:
    return ElementKind::F64;
  default:
    return llvm::createStringError(
        "element type " + llvm::Twine(dataType) +
        " (TensorProto.DataType) is not supported (float, double, int32, "
        "int64 are)");
  }
}

llvm::Expected<int64_t> mlir::rnn::onnx_import::checkedNumElements(
    ArrayRef<int64_t> shape, int64_t elementBytes, int64_t limit) {
  int64_t count = 1;
  for (int64_t size : shape) {
    if (size < 0)
      return llvm::createStringError("negative dimension " + llvm::Twine(size));
    if (__builtin_mul_overflow(count, size, &count))
      return llvm::createStringError("the tensor size overflows");
  }
  int64_t bytes;
  if (__builtin_mul_overflow(count, elementBytes, &bytes) || bytes > limit)
    return llvm::createStringError("the tensor is larger than " +
                                   llvm::Twine(limit) + " bytes");
  return count;
}

SmallVector<int64_t>
mlir::rnn::onnx_import::getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

ConstTensor::ConstTensor(ElementKind kind, ArrayRef<int64_t> shape)
    : kind(kind), shape(shape.begin(), shape.end()) {
  data.assign(getNumElements() * getElementBytes(kind), 0);
}

ConstTensor ConstTensor::fromInts(ArrayRef<int64_t> values,
                                  ArrayRef<int64_t> shape) {
  ConstTensor tensor(ElementKind::I64, shape);
  std::memcpy(tensor.data.data(), values.data(), values.size() * 8);
  return tensor;
}

ConstTensor ConstTensor::splat(ElementKind kind, ArrayRef<int64_t> shape,
                               double value) {
  ConstTensor tensor(kind, shape);
  for (int64_t i = 0, e = tensor.getNumElements(); i < e; ++i)
    tensor.setFloat(i, value);
  return tensor;
}

int64_t ConstTensor::getNumElements() const {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

int64_t ConstTensor::getInt(int64_t index) const {
  const char *at = data.data() + index * getElementBytes(kind);
  switch (kind) {
  case ElementKind::I32: {
    int32_t v;
    std::memcpy(&v, at, 4);
    return v;
  }
  case ElementKind::I64: {
    int64_t v;
    std::memcpy(&v, at, 8);
    return v;
  }
  default:
    return static_cast<int64_t>(getFloat(index));
  }
}

double ConstTensor::getFloat(int64_t index) const {
  const char *at = data.data() + index * getElementBytes(kind);
  switch (kind) {
  case ElementKind::F32: {
    float v;
    std::memcpy(&v, at, 4);
    return v;
  }
  case ElementKind::F64: {
    double v;
    std::memcpy(&v, at, 8);
    return v;
  }
  default:
    return static_cast<double>(getInt(index));
  }
}

void ConstTensor::setInt(int64_t index, int64_t value) {
  char *at = data.data() + index * getElementBytes(kind);
  switch (kind) {
  case ElementKind::I32: {
    int32_t v = static_cast<int32_t>(value);
    std::memcpy(at, &v, 4);
    return;
  }
  case ElementKind::I64:
    std::memcpy(at, &value, 8);
    return;
  default:
    setFloat(index, static_cast<double>(value));
  }
}

void ConstTensor::setFloat(int64_t index, double value) {
  char *at = data.data() + index * getElementBytes(kind);
  switch (kind) {
  case ElementKind::F32: {
    float v = static_cast<float>(value);
    std::memcpy(at, &v, 4);
    return;
  }
  case ElementKind::F64:
    std::memcpy(at, &value, 8);
    return;
  default:
    setInt(index, static_cast<int64_t>(value));
  }
}

SmallVector<int64_t> ConstTensor::getInts() const {
  SmallVector<int64_t> values;
  for (int64_t i = 0, e = getNumElements(); i < e; ++i)
    values.push_back(getInt(i));
  return values;
}

bool ConstTensor::isSplatOf(double value) const {
  for (int64_t i = 0, e = getNumElements(); i < e; ++i)
    if (getFloat(i) != value)
      return false;
  return true;
}

ConstTensor ConstTensor::reshaped(ArrayRef<int64_t> newShape) const {
  ConstTensor result = *this;
  result.shape.assign(newShape.begin(), newShape.end());
  return result;
}

ConstTensor ConstTensor::cast(ElementKind newKind) const {
  ConstTensor result(newKind, shape);
  bool toInt = newKind == ElementKind::I32 || newKind == ElementKind::I64;
  for (int64_t i = 0, e = getNumElements(); i < e; ++i) {
    if (toInt)
      result.setInt(i, isInteger() ? getInt(i)
                                   : static_cast<int64_t>(getFloat(i)));
    else
      result.setFloat(i, getFloat(i));
  }
  return result;
}

RankedTensorType ConstTensor::getType(MLIRContext *context) const {
  return RankedTensorType::get(shape, getElementType(context, kind));
}

ElementsAttr ConstTensor::toAttr(MLIRContext *context, StringRef resourceName,
                                 int64_t resourceThreshold) const {
  RankedTensorType type = getType(context);
  int64_t elementBytes = getElementBytes(kind);
  bool isSplat = !data.empty();
  for (size_t i = elementBytes; isSplat && i < data.size(); i += elementBytes)
    isSplat = std::memcmp(data.data(), data.data() + i, elementBytes) == 0;
  if (isSplat)
    return llvm::cast<ElementsAttr>(DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(data.data(), elementBytes)));
  if (static_cast<int64_t>(data.size()) < resourceThreshold)
    return llvm::cast<ElementsAttr>(
        DenseElementsAttr::getFromRawBuffer(type, data));
  AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
      data, getElementBytes(kind));
  return llvm::cast<ElementsAttr>(
      DenseResourceElementsAttr::get(type, resourceName, std::move(blob)));
}

ConstTensor mlir::rnn::onnx_import::gatherElements(
    const ConstTensor &source, ArrayRef<int64_t> outShape,
    llvm::function_ref<int64_t(ArrayRef<int64_t>)> sourceIndex) {
  ConstTensor result(source.getKind(), outShape);
  int64_t elementBytes = getElementBytes(source.getKind());
  SmallVector<int64_t> index(outShape.size(), 0);
  ArrayRef<char> from = source.getBytes();
  MutableArrayRef<char> to = result.getMutableBytes();
  for (int64_t i = 0, e = result.getNumElements(); i < e; ++i) {
    int64_t at = sourceIndex(index);
    std::memcpy(to.data() + i * elementBytes, from.data() + at * elementBytes,
                elementBytes);
    for (int64_t d = static_cast<int64_t>(outShape.size()) - 1; d >= 0; --d) {
      if (++index[d] < outShape[d])
        break;
      index[d] = 0;
    }
  }
  return result;
}
