//===- HostTensor.h - An owning host buffer for one tensor ------*- C++ -*-===//
//
// The value rnn-run passes to and gets back from a JIT-compiled function: an
// element type, a shape and a row-major (C order) byte buffer. It is what .npy
// files are read into and written from, and what a memref argument points to.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_HOSTTENSOR_H
#define RNN_TOOLS_RNN_RUN_HOSTTENSOR_H

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

namespace mlir::rnn::run {

/// The element types rnn-run can exchange with a function. Integers are
/// signless in MLIR and signed in .npy files, except i8: bytes (a training
/// forward's reserve), written as uint8 and read from uint8 or int8 files.
/// i1 is stored as one byte.
enum class ElementType { F16, BF16, F32, F64, I1, I8, I16, I32, I64 };

/// Bytes per element of `type` in memory (and in .npy files).
size_t getElementSize(ElementType type);

/// The MLIR spelling of `type` ("f32", "i1", ...).
llvm::StringRef getElementTypeName(ElementType type);

/// Maps an MLIR element type to ours; fails naming the unsupported type.
llvm::Expected<ElementType> getElementTypeFor(Type type);

/// The bytes of memory and swap of this machine: no single allocation larger
/// than this can succeed (or be touched without the OOM killer), so rnn-run
/// refuses it up front with an error rather than asking malloc.
uint64_t getHostMemoryLimit();

/// Formats a shape as `tensor<2x3xf32>`.
std::string formatTensorType(llvm::ArrayRef<int64_t> shape,
                             ElementType elementType);

/// An owning, 64-byte aligned, row-major tensor buffer on the host.
class HostTensor {
public:
  /// A zero-filled tensor of the given type and shape; fails on a negative
  /// dimension, a size overflow or when memory runs out.
  static llvm::Expected<HostTensor> allocate(ElementType elementType,
                                             llvm::ArrayRef<int64_t> shape);

  /// A zero-filled tensor for a value of `type`; every dimension must be
  /// static.
  static llvm::Expected<HostTensor> allocate(RankedTensorType type);

  ElementType getElementType() const { return elementType; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return shape.size(); }
  int64_t getNumElements() const;
  size_t getNumBytes() const { return numBytes; }

  void *getData() { return data.get(); }
  const void *getData() const { return data.get(); }

  /// `tensor<2x3xf32>` for this tensor's actual shape.
  std::string getTypeString() const;

  /// Whether this tensor can be passed for an argument of `type`: same
  /// element type, same rank, equal static dimensions.
  bool matches(RankedTensorType type) const;

  /// Fills the tensor with values from `generator`: floats uniform in
  /// [-0.5, 0.5), integers uniform in [-8, 8), booleans 0 or 1.
  void fillRandom(std::mt19937_64 &generator);

  /// Reads element `index` (row-major) as a double; i1 gives 0 or 1.
  double getAsDouble(int64_t index) const;

  /// Reads integer element `index` (row-major) as int64; only for integers.
  int64_t getAsInt64(int64_t index) const;

private:
  HostTensor(ElementType elementType, llvm::ArrayRef<int64_t> shape,
             size_t numBytes, uint8_t *data)
      : elementType(elementType), shape(shape), numBytes(numBytes), data(data) {
  }

  struct FreeDeleter {
    void operator()(void *pointer) const { std::free(pointer); }
  };

  ElementType elementType;
  llvm::SmallVector<int64_t, 4> shape;
  size_t numBytes;
  std::unique_ptr<uint8_t, FreeDeleter> data;
};

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_HOSTTENSOR_H
