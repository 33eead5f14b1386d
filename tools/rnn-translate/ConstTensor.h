//===- ConstTensor.h - Host data of an ONNX constant ------------*- C++ -*-===//
//
// The data of an initializer, a Constant node or a value computed from
// constants while importing (shape arithmetic, weights): an element kind, a
// static shape and row-major bytes. The importer evaluates the data-movement
// ops whose inputs are all constants on the host, so that shape computations
// and the weights of recurrent nodes stay constants.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_TRANSLATE_CONSTTENSOR_H
#define RNN_TOOLS_RNN_TRANSLATE_CONSTTENSOR_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace mlir::rnn::onnx_import {

/// The element types the importer reads: ONNX FLOAT, DOUBLE, INT32, INT64.
enum class ElementKind { F32, F64, I32, I64 };

/// Bytes per element of `kind`.
int64_t getElementBytes(ElementKind kind);
/// ONNX's name of `kind` ("float", "int64", ...), for diagnostics.
llvm::StringRef getElementKindName(ElementKind kind);
/// The MLIR element type of `kind`.
Type getElementType(MLIRContext *context, ElementKind kind);
/// The kind of an MLIR element type, or an error naming it.
llvm::Expected<ElementKind> getElementKind(Type type);
/// The kind of ONNX TensorProto.DataType `dataType`, or an error naming it.
llvm::Expected<ElementKind> getElementKindOfONNX(int32_t dataType);

/// The number of elements of `shape`, or an error when a dimension is
/// negative or the product (in bytes of `elementBytes`) exceeds `limit`.
llvm::Expected<int64_t> checkedNumElements(llvm::ArrayRef<int64_t> shape,
                                           int64_t elementBytes, int64_t limit);

/// A row-major host tensor with a static shape.
class ConstTensor {
public:
  ConstTensor() = default;
  /// Zero-initialized data of `shape` (checked by the caller).
  ConstTensor(ElementKind kind, llvm::ArrayRef<int64_t> shape);

  /// A tensor of integers of kind I64.
  static ConstTensor fromInts(llvm::ArrayRef<int64_t> values,
                              llvm::ArrayRef<int64_t> shape);
  /// A tensor of `kind` with every element `value`.
  static ConstTensor splat(ElementKind kind, llvm::ArrayRef<int64_t> shape,
                           double value);

  ElementKind getKind() const { return kind; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return shape.size(); }
  int64_t getNumElements() const;
  bool isInteger() const {
    return kind == ElementKind::I32 || kind == ElementKind::I64;
  }
  llvm::ArrayRef<char> getBytes() const { return data; }
  llvm::MutableArrayRef<char> getMutableBytes() { return data; }

  /// Element `index` (row-major) as an integer / a double.
  int64_t getInt(int64_t index) const;
  double getFloat(int64_t index) const;
  /// Sets element `index` from an integer / a double.
  void setInt(int64_t index, int64_t value);
  void setFloat(int64_t index, double value);
  /// Every element as an integer.
  llvm::SmallVector<int64_t> getInts() const;
  /// Whether every element is `value`.
  bool isSplatOf(double value) const;

  /// The same data with another shape of as many elements.
  ConstTensor reshaped(llvm::ArrayRef<int64_t> newShape) const;
  /// The tensor converted to `newKind`.
  ConstTensor cast(ElementKind newKind) const;

  /// The data as an attribute of tensor type: a dense resource named
  /// `resourceName` when at least `resourceThreshold` bytes, else dense
  /// elements.
  ElementsAttr toAttr(MLIRContext *context, llvm::StringRef resourceName,
                      int64_t resourceThreshold) const;
  RankedTensorType getType(MLIRContext *context) const;

private:
  ElementKind kind = ElementKind::F32;
  llvm::SmallVector<int64_t> shape;
  std::vector<char> data;
};

/// out[i...] = in[map(i...)]: the element copy behind every host-evaluated
/// data-movement op. `sourceIndex` gets the output's multi-index and returns
/// the row-major index into `source`.
ConstTensor gatherElements(
    const ConstTensor &source, llvm::ArrayRef<int64_t> outShape,
    llvm::function_ref<int64_t(llvm::ArrayRef<int64_t>)> sourceIndex);

/// Row-major strides of `shape`.
llvm::SmallVector<int64_t> getStrides(llvm::ArrayRef<int64_t> shape);

} // namespace mlir::rnn::onnx_import

#endif // RNN_TOOLS_RNN_TRANSLATE_CONSTTENSOR_H
