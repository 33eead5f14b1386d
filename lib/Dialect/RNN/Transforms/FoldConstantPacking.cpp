//===- FoldConstantPacking.cpp - Pack constant canonical weights ----------===//

#include "rnn/Dialect/RNN/Transforms/WeightPacking.h"

#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

using namespace mlir;
using namespace mlir::rnn;

/// The raw bytes of a constant elements attribute in row-major order, or an
/// empty optional when they cannot be read (e.g. a missing resource blob).
static std::optional<ArrayRef<char>> getRawBytes(ElementsAttr attr,
                                                 std::vector<char> &storage) {
  int64_t elementBytes =
      llvm::divideCeil(attr.getElementType().getIntOrFloatBitWidth(), 8);
  int64_t totalBytes = attr.getNumElements() * elementBytes;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    ArrayRef<char> raw = dense.getRawData();
    if (!dense.isSplat())
      return raw;
    // A splat stores one element: replicate it.
    storage.resize(totalBytes);
    for (int64_t offset = 0; offset < totalBytes; offset += elementBytes)
      std::memcpy(storage.data() + offset, raw.data(), elementBytes);
    return ArrayRef<char>(storage);
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || static_cast<int64_t>(blob->getData().size()) != totalBytes)
      return std::nullopt;
    return blob->getData();
  }
  return std::nullopt;
}

FailureOr<std::vector<char>> mlir::rnn::packConstantOperands(PackParamsOp op) {
  auto resultType = cast<ShapedType>(op.getType());
  int64_t elementBytes =
      llvm::divideCeil(resultType.getElementTypeBitWidth(), 8);
  rnnrt::ParamsLayout layout = op.getParamsLayout();
  SmallVector<rnnrt::ParamSlot> slots(layout.matrices().begin(),
                                      layout.matrices().end());
  slots.append(layout.biases().begin(), layout.biases().end());

  std::vector<char> packed(layout.size() * elementBytes);
  for (auto [slot, operand] : llvm::zip(slots, op.getCanonical())) {
    ElementsAttr attr;
    if (!matchPattern(operand, m_Constant(&attr)))
      return failure();
    std::vector<char> storage;
    std::optional<ArrayRef<char>> bytes = getRawBytes(attr, storage);
    if (!bytes ||
        static_cast<int64_t>(bytes->size()) != slot.size() * elementBytes)
      return failure();
    std::memcpy(packed.data() + slot.offset * elementBytes, bytes->data(),
                bytes->size());
  }
  return packed;
}

ElementsAttr mlir::rnn::makePackedAttr(ShapedType type, ArrayRef<char> bytes,
                                       int64_t resourceThreshold,
                                       StringRef nameHint) {
  if (static_cast<int64_t>(bytes.size()) < resourceThreshold)
    return DenseElementsAttr::getFromRawBuffer(type, bytes);
  size_t align = llvm::divideCeil(type.getElementTypeBitWidth(), 8);
  AsmResourceBlob blob =
      HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, align);
  return DenseResourceElementsAttr::get(type, nameHint, std::move(blob));
}
