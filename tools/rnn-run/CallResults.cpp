//===- CallResults.cpp - The results of one call of JIT code --------------===//
//
// Copying returned memrefs into host tensors and freeing them exactly once.
//
//===----------------------------------------------------------------------===//

#include "CallResults.h"
#include "BufferSpace.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cstdlib>
#include <set>

using namespace mlir;
using namespace mlir::rnn::run;

/// The allocated pointer memref.get_global puts in the descriptors of
/// constant globals; there is nothing to free behind it.
static void *const kGlobalMemRefMarker =
    reinterpret_cast<void *>(static_cast<intptr_t>(0xdeadbeef));

CallResults::CallResults(PackedCall packedCall,
                         llvm::ArrayRef<RankedTensorType> resultTypes,
                         llvm::ArrayRef<StagedInput> inputs, BufferSpace &space)
    : packedCall(std::move(packedCall)), resultTypes(resultTypes),
      space(&space) {
  for (const StagedInput &input : inputs) {
    auto *begin = static_cast<const uint8_t *>(input.data);
    inputRanges.emplace_back(begin,
                             begin + std::max<size_t>(input.numBytes, 1));
  }
}

/// Bytes from the view's aligned pointer to one past its last element.
static size_t getSpanBytes(const StridedMemRefView &view, size_t elementSize) {
  int64_t last = view.offset;
  for (auto [size, stride] : llvm::zip(view.sizes, view.strides)) {
    if (size == 0)
      return 0;
    last += (size - 1) * stride;
  }
  return (last + 1) * elementSize;
}

llvm::Expected<llvm::SmallVector<HostTensor>> CallResults::copyToHost() const {
  if (llvm::Error error = space->finishCall())
    return std::move(error);
  llvm::SmallVector<HostTensor> results;
  for (auto [index, type] : llvm::enumerate(resultTypes)) {
    StridedMemRefView view = packedCall.getResult(index);
    llvm::Expected<ElementType> elementType =
        getElementTypeFor(type.getElementType());
    if (!elementType)
      return elementType.takeError();
    RankedTensorType actualType =
        RankedTensorType::get(view.sizes, type.getElementType());
    if (failed(verifyCompatibleShape(actualType, type)))
      return llvm::createStringError(
          "result #" + std::to_string(index) + " came back with shape " +
          formatTensorType(view.sizes, *elementType) + " for type " +
          formatTensorType(type.getShape(), *elementType));
    // Bring the bytes the view spans to the host (a no-op copy for host
    // buffers), then gather the elements there.
    std::vector<uint8_t> staging(
        getSpanBytes(view, getElementSize(*elementType)));
    if (!staging.empty()) {
      if (llvm::Error error =
              space->copyToHost(staging.data(), view.aligned, staging.size()))
        return std::move(error);
      view.aligned = staging.data();
    }
    llvm::Expected<HostTensor> tensor = copyToHostTensor(view, *elementType);
    if (!tensor)
      return tensor.takeError();
    results.push_back(std::move(*tensor));
  }
  return results;
}

void CallResults::release() {
  if (released)
    return;
  released = true;
  std::set<void *> freed;
  for (unsigned index = 0; index < resultTypes.size(); ++index) {
    void *allocated = packedCall.getResult(index).allocated;
    if (!allocated || allocated == kGlobalMemRefMarker)
      continue;
    auto *address = static_cast<const uint8_t *>(allocated);
    if (llvm::any_of(inputRanges, [&](auto range) {
          return range.first <= address && address < range.second;
        }))
      continue;
    if (freed.insert(allocated).second)
      space->freeResult(allocated);
  }
}
