//===- FoldConstantPacking.cpp - Pack constant canonical weights ----------===//
//
// The packed buffer is written once, in place: each operand's raw data (a
// DenseElementsAttr's storage or a dense resource's blob, never copied
// before) is memcpy'd to its offset of the final storage. Large buffers
// become dense resources, whose data MLIR neither hashes nor prints as
// attribute text.
//
//===----------------------------------------------------------------------===//

#include "rnn/Dialect/RNN/Transforms/WeightPacking.h"

#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// The raw row-major data of one constant operand; a splat holds one
/// element.
struct ConstantData {
  ArrayRef<char> bytes;
  bool isSplat = false;
};

/// The data of `value` when it is a constant of `numBytes` bytes whose data
/// can be read (a dense resource may lack its blob).
std::optional<ConstantData> getConstantData(Value value, int64_t numBytes) {
  ElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    if (dense.isSplat())
      return ConstantData{dense.getRawData(), /*isSplat=*/true};
    if (static_cast<int64_t>(dense.getRawData().size()) != numBytes)
      return std::nullopt;
    return ConstantData{dense.getRawData()};
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || static_cast<int64_t>(blob->getData().size()) != numBytes)
      return std::nullopt;
    return ConstantData{blob->getData()};
  }
  return std::nullopt;
}

/// Writes `data` (`numBytes` once expanded) to `dst`.
void copyConstant(char *dst, const ConstantData &data, int64_t numBytes) {
  if (!data.isSplat) {
    std::memcpy(dst, data.bytes.data(), numBytes);
    return;
  }
  int64_t elementBytes = data.bytes.size();
  for (int64_t offset = 0; offset < numBytes; offset += elementBytes)
    std::memcpy(dst + offset, data.bytes.data(), elementBytes);
}

} // namespace

FailureOr<ElementsAttr>
mlir::rnn::foldConstantPacking(PackParamsOp op, int64_t resourceThreshold,
                               StringRef nameHint) {
  auto type = cast<ShapedType>(op.getType());
  int64_t elementBytes = llvm::divideCeil(type.getElementTypeBitWidth(), 8);
  rnnrt::ParamsLayout layout = op.getParamsLayout();
  SmallVector<rnnrt::ParamSlot> slots(layout.matrices().begin(),
                                      layout.matrices().end());
  slots.append(layout.biases().begin(), layout.biases().end());

  // Every operand first, so that nothing is allocated for a run-time pack.
  SmallVector<ConstantData> sources;
  for (auto [slot, operand] : llvm::zip(slots, op.getCanonical())) {
    std::optional<ConstantData> data =
        getConstantData(operand, slot.size() * elementBytes);
    if (!data)
      return failure();
    sources.push_back(*data);
  }

  auto pack = [&](MutableArrayRef<char> packed) {
    for (auto [slot, data] : llvm::zip(slots, sources))
      copyConstant(packed.data() + slot.offset * elementBytes, data,
                   slot.size() * elementBytes);
  };
  int64_t numBytes = layout.size() * elementBytes;
  if (numBytes < resourceThreshold) {
    std::vector<char> packed(numBytes);
    pack(packed);
    return cast<ElementsAttr>(
        DenseElementsAttr::getFromRawBuffer(type, packed));
  }
  AsmResourceBlob blob = HeapAsmResourceBlob::allocate(numBytes, elementBytes);
  pack(blob.getMutableData());
  return cast<ElementsAttr>(
      DenseResourceElementsAttr::get(type, nameHint, std::move(blob)));
}
