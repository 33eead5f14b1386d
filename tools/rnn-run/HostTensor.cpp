//===- HostTensor.cpp - An owning host buffer for one tensor --------------===//
//
// Element types, allocation, random fill and element access of HostTensor.
//
//===----------------------------------------------------------------------===//

#include "HostTensor.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <sys/sysinfo.h>

using namespace mlir;
using namespace mlir::rnn::run;

/// Alignment of every HostTensor buffer: a cache line, enough for any vector
/// load the JIT code may emit.
static constexpr size_t kBufferAlignment = 64;

size_t mlir::rnn::run::getElementSize(ElementType type) {
  switch (type) {
  case ElementType::F16:
  case ElementType::BF16:
  case ElementType::I16:
    return 2;
  case ElementType::F32:
  case ElementType::I32:
    return 4;
  case ElementType::F64:
  case ElementType::I64:
    return 8;
  case ElementType::I1:
  case ElementType::I8:
    return 1;
  }
  llvm_unreachable("unknown element type");
}

llvm::StringRef mlir::rnn::run::getElementTypeName(ElementType type) {
  switch (type) {
  case ElementType::F16:
    return "f16";
  case ElementType::BF16:
    return "bf16";
  case ElementType::F32:
    return "f32";
  case ElementType::F64:
    return "f64";
  case ElementType::I1:
    return "i1";
  case ElementType::I8:
    return "i8";
  case ElementType::I16:
    return "i16";
  case ElementType::I32:
    return "i32";
  case ElementType::I64:
    return "i64";
  }
  llvm_unreachable("unknown element type");
}

llvm::Expected<ElementType> mlir::rnn::run::getElementTypeFor(Type type) {
  if (type.isF16())
    return ElementType::F16;
  if (type.isBF16())
    return ElementType::BF16;
  if (type.isF32())
    return ElementType::F32;
  if (type.isF64())
    return ElementType::F64;
  if (type.isSignlessInteger(1))
    return ElementType::I1;
  if (type.isSignlessInteger(8))
    return ElementType::I8;
  if (type.isSignlessInteger(16))
    return ElementType::I16;
  if (type.isSignlessInteger(32))
    return ElementType::I32;
  if (type.isSignlessInteger(64))
    return ElementType::I64;
  std::string name;
  llvm::raw_string_ostream os(name);
  os << type;
  return llvm::createStringError(
      "element type " + name +
      " is not supported (f16, bf16, f32, f64, i1, i8, i16, i32, i64 are)");
}

uint64_t mlir::rnn::run::getHostMemoryLimit() {
  struct sysinfo info;
  if (sysinfo(&info) != 0)
    return UINT64_MAX;
  uint64_t units = uint64_t(info.totalram) + uint64_t(info.totalswap);
  uint64_t bytes;
  if (__builtin_mul_overflow(units, uint64_t(info.mem_unit), &bytes))
    return UINT64_MAX;
  return bytes;
}

std::string mlir::rnn::run::formatTensorType(llvm::ArrayRef<int64_t> shape,
                                             ElementType elementType) {
  std::string text = "tensor<";
  for (int64_t size : shape)
    text += (ShapedType::isDynamic(size) ? "?" : std::to_string(size)) + "x";
  text += getElementTypeName(elementType).str() + ">";
  return text;
}

llvm::Expected<HostTensor> HostTensor::allocate(ElementType elementType,
                                                llvm::ArrayRef<int64_t> shape) {
  uint64_t numBytes = getElementSize(elementType);
  for (int64_t size : shape) {
    if (size < 0)
      return llvm::createStringError("negative dimension in " +
                                     formatTensorType(shape, elementType));
    if (__builtin_mul_overflow(numBytes, static_cast<uint64_t>(size),
                               &numBytes))
      return llvm::createStringError(
          "size of " + formatTensorType(shape, elementType) + " overflows");
  }
  std::string outOfMemory = "out of memory allocating " +
                            std::to_string(numBytes) + " bytes for " +
                            formatTensorType(shape, elementType);
  uint64_t limit = getHostMemoryLimit();
  if (numBytes > limit)
    return llvm::createStringError(outOfMemory + " (this machine has " +
                                   std::to_string(limit) +
                                   " bytes of memory and swap)");
  // aligned_alloc needs a size that is a multiple of the alignment; never
  // allocate zero bytes so that an empty tensor still has a unique address.
  uint64_t paddedBytes =
      llvm::alignTo(std::max<uint64_t>(numBytes, 1), kBufferAlignment);
  void *data = paddedBytes < numBytes
                   ? nullptr
                   : std::aligned_alloc(kBufferAlignment, paddedBytes);
  if (!data)
    return llvm::createStringError(outOfMemory);
  std::memset(data, 0, paddedBytes);
  return HostTensor(elementType, shape, numBytes, static_cast<uint8_t *>(data));
}

llvm::Expected<HostTensor> HostTensor::allocate(RankedTensorType type) {
  llvm::Expected<ElementType> elementType =
      getElementTypeFor(type.getElementType());
  if (!elementType)
    return elementType.takeError();
  if (!type.hasStaticShape())
    return llvm::createStringError(
        formatTensorType(type.getShape(), *elementType) +
        " has a dynamic dimension");
  return allocate(*elementType, type.getShape());
}

int64_t HostTensor::getNumElements() const {
  return numBytes / getElementSize(elementType);
}

std::string HostTensor::getTypeString() const {
  return formatTensorType(shape, elementType);
}

bool HostTensor::matches(RankedTensorType type) const {
  llvm::Expected<ElementType> expected =
      getElementTypeFor(type.getElementType());
  if (!expected) {
    llvm::consumeError(expected.takeError());
    return false;
  }
  if (*expected != elementType || type.getRank() != getRank())
    return false;
  for (auto [expectedSize, actualSize] : llvm::zip(type.getShape(), shape))
    if (!ShapedType::isDynamic(expectedSize) && expectedSize != actualSize)
      return false;
  return true;
}

/// Stores `value` at `address` as a `T` without alignment assumptions.
template <typename T> static void storeElement(uint8_t *address, T value) {
  std::memcpy(address, &value, sizeof(T));
}

/// Loads a `T` from `address` without alignment assumptions.
template <typename T> static T loadElement(const uint8_t *address) {
  T value;
  std::memcpy(&value, address, sizeof(T));
  return value;
}

/// The 16-bit pattern (IEEE half or bfloat16, `semantics`) of `value`,
/// rounded to nearest even.
static uint16_t toBits16(double value, const llvm::fltSemantics &semantics) {
  llvm::APFloat narrow(value);
  bool losesInfo;
  narrow.convert(semantics, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return narrow.bitcastToAPInt().getZExtValue();
}

/// The value of the 16-bit pattern `bits` (IEEE half or bfloat16).
static double fromBits16(uint16_t bits, const llvm::fltSemantics &semantics) {
  llvm::APFloat narrow(semantics, llvm::APInt(16, bits));
  bool losesInfo;
  narrow.convert(llvm::APFloat::IEEEdouble(),
                 llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return narrow.convertToDouble();
}

void HostTensor::fillRandom(std::mt19937_64 &generator) {
  // Uniform values built from the top bits of each draw, so the sequence is
  // the same with every standard library (std::uniform_*_distribution is
  // not), and with exactly as many bits as the type holds so that rounding
  // can never reach +0.5.
  auto uniform = [&](int bits) {
    return std::ldexp(static_cast<double>(generator() >> (64 - bits)), -bits) -
           0.5;
  };
  uint8_t *bytes = data.get();
  size_t elementSize = getElementSize(elementType);
  for (int64_t i = 0, e = getNumElements(); i < e; ++i) {
    uint8_t *address = bytes + i * elementSize;
    switch (elementType) {
    case ElementType::F16:
      storeElement<uint16_t>(address,
                             toBits16(uniform(11), llvm::APFloat::IEEEhalf()));
      break;
    case ElementType::BF16:
      storeElement<uint16_t>(address,
                             toBits16(uniform(8), llvm::APFloat::BFloat()));
      break;
    case ElementType::F32:
      storeElement<float>(address, static_cast<float>(uniform(24)));
      break;
    case ElementType::F64:
      storeElement<double>(address, uniform(53));
      break;
    case ElementType::I1:
      storeElement<uint8_t>(address, generator() >> 63);
      break;
    case ElementType::I8:
      storeElement<int8_t>(address, static_cast<int8_t>(generator() >> 60) - 8);
      break;
    case ElementType::I16:
      storeElement<int16_t>(address,
                            static_cast<int16_t>(generator() >> 60) - 8);
      break;
    case ElementType::I32:
      storeElement<int32_t>(address,
                            static_cast<int32_t>(generator() >> 60) - 8);
      break;
    case ElementType::I64:
      storeElement<int64_t>(address,
                            static_cast<int64_t>(generator() >> 60) - 8);
      break;
    }
  }
}

double HostTensor::getAsDouble(int64_t index) const {
  const uint8_t *address = data.get() + index * getElementSize(elementType);
  switch (elementType) {
  case ElementType::F16:
    return fromBits16(loadElement<uint16_t>(address),
                      llvm::APFloat::IEEEhalf());
  case ElementType::BF16:
    return fromBits16(loadElement<uint16_t>(address), llvm::APFloat::BFloat());
  case ElementType::F32:
    return loadElement<float>(address);
  case ElementType::F64:
    return loadElement<double>(address);
  default:
    return static_cast<double>(getAsInt64(index));
  }
}

int64_t HostTensor::getAsInt64(int64_t index) const {
  const uint8_t *address = data.get() + index * getElementSize(elementType);
  switch (elementType) {
  case ElementType::I1:
    return loadElement<uint8_t>(address) & 1;
  case ElementType::I8:
    return loadElement<int8_t>(address);
  case ElementType::I16:
    return loadElement<int16_t>(address);
  case ElementType::I32:
    return loadElement<int32_t>(address);
  case ElementType::I64:
    return loadElement<int64_t>(address);
  default:
    llvm_unreachable("getAsInt64 on a floating-point tensor");
  }
}
