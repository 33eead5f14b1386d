//===- RNNOps.cpp - rnn dialect operations and verifiers ------------------===//

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::rnn;

//===----------------------------------------------------------------------===//
// Shape helpers shared by the interface, the verifiers and the lowerings
//===----------------------------------------------------------------------===//

::rnnrt::LayerConfig
mlir::rnn::makeLayerConfig(Mode mode, int64_t numLayers, int64_t numUnits,
                           int64_t inputSize, Direction direction,
                           InputMode inputMode, int64_t numProj) {
  return ::rnnrt::makeLayerConfig(
      static_cast<rnnrt_mode>(mode), numLayers, numUnits, inputSize,
      static_cast<rnnrt_direction>(direction),
      static_cast<rnnrt_input_mode>(inputMode), numProj);
}

SmallVector<SmallVector<int64_t, 2>>
mlir::rnn::getCanonicalWeightShapes(const ::rnnrt::ParamsLayout &layout) {
  SmallVector<SmallVector<int64_t, 2>> shapes;
  for (const ::rnnrt::ParamSlot &slot : layout.matrices())
    shapes.push_back({slot.rows, slot.cols});
  return shapes;
}

SmallVector<SmallVector<int64_t, 2>>
mlir::rnn::getCanonicalBiasShapes(const ::rnnrt::ParamsLayout &layout) {
  SmallVector<SmallVector<int64_t, 2>> shapes;
  for (const ::rnnrt::ParamSlot &slot : layout.biases())
    shapes.push_back({slot.rows});
  return shapes;
}

int64_t mlir::rnn::getSequenceDim(ShapedType input, int64_t dim) {
  return input.getRank() == 3 ? input.getDimSize(dim) : ShapedType::kDynamic;
}

SmallVector<int64_t>
mlir::rnn::getHiddenStateShape(const ::rnnrt::LayerConfig &config,
                               ShapedType input, bool timeMajor) {
  return {config.numLayers * config.numDirections(),
          getSequenceDim(input, timeMajor ? 1 : 0), config.hiddenSize()};
}

SmallVector<int64_t>
mlir::rnn::getCellStateShape(const ::rnnrt::LayerConfig &config,
                             ShapedType input, bool timeMajor) {
  return {config.numLayers * config.numDirections(),
          getSequenceDim(input, timeMajor ? 1 : 0), config.numUnits};
}

SmallVector<int64_t>
mlir::rnn::getOutputShape(const ::rnnrt::LayerConfig &config,
                          ShapedType input) {
  // y keeps x's layout ([T, B, *] or [B, T, *]): only the feature axis
  // differs.
  return {getSequenceDim(input, 0), getSequenceDim(input, 1),
          config.numDirections() * config.hiddenSize()};
}

//===----------------------------------------------------------------------===//
// Diagnostics helpers
//===----------------------------------------------------------------------===//

/// Prints a shape as [4, ?, 64].
static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t dim) {
    if (ShapedType::isDynamic(dim))
      os << '?';
    else
      os << dim;
  });
  os << ']';
  return text;
}

/// Checks that `value` has `expected`'s rank and a compatible shape (a
/// dynamic dimension on either side matches anything).
static LogicalResult verifyShape(Operation *op, StringRef name, Type type,
                                 ArrayRef<int64_t> expected,
                                 StringRef meaning) {
  auto shaped = cast<ShapedType>(type);
  if (shaped.getRank() == static_cast<int64_t>(expected.size()) &&
      succeeded(verifyCompatibleShape(shaped.getShape(), expected)))
    return success();
  return op->emitOpError() << name << " must have shape " << meaning << " = "
                           << formatShape(expected) << ", got "
                           << formatShape(shaped.getShape());
}

/// Checks that every type in `types` has the element type of `reference`.
static LogicalResult
verifyElementTypes(Operation *op, Type expected, StringRef referenceName,
                   ArrayRef<std::pair<StringRef, Type>> named) {
  for (auto [name, type] : named) {
    Type element = getElementTypeOrSelf(type);
    if (element != expected)
      return op->emitOpError()
             << name << " element type " << element << " must match "
             << referenceName << " element type " << expected;
  }
  return success();
}

static LogicalResult verifySkipInputSize(Operation *op,
                                         const ::rnnrt::LayerConfig &config) {
  if (config.inputMode == RNNRT_INPUT_SKIP &&
      config.inputSize != config.numUnits)
    return op->emitOpError()
           << "skip_input requires input size == num_units (" << config.numUnits
           << "), got input size " << config.inputSize;
  return success();
}

/// num_proj is LSTM's only and must shrink h: 1 <= P < H.
static LogicalResult verifyProjection(Operation *op,
                                      const ::rnnrt::LayerConfig &config) {
  if (!config.hasProjection())
    return success();
  if (config.mode != RNNRT_MODE_LSTM)
    return op->emitOpError() << "num_proj is only supported by lstm, got mode "
                             << stringifyMode(static_cast<Mode>(config.mode));
  if (config.numProj >= config.numUnits)
    return op->emitOpError() << "num_proj must be less than num_units ("
                             << config.numUnits << "), got " << config.numProj;
  return success();
}

/// What h's expected shape stands for in diagnostics.
static StringRef hiddenMeaning(const ::rnnrt::LayerConfig &config) {
  return config.hasProjection() ? "[L*D, B, P]" : "[L*D, B, H]";
}

/// The most matrix ids (L * D * 2G) one layout may have. ParamsLayout
/// materializes one slot per matrix and bias, so the verifier must not build
/// it for an absurd num_layers (a typo would exhaust memory).
static constexpr int64_t kMaxMatrixIds = int64_t(1) << 20;

/// Rejects configurations whose layout cannot be built: too many layers, or
/// a packed size that overflows int64. Call before building a ParamsLayout.
static LogicalResult verifyLayoutBounds(Operation *op,
                                        const ::rnnrt::LayerConfig &config) {
  int64_t idsPerLayer = config.numDirections() * config.numMatrixIds();
  int64_t maxLayers = kMaxMatrixIds / idsPerLayer;
  if (config.numLayers > maxLayers)
    return op->emitOpError()
           << "num_layers must be at most " << maxLayers
           << " for this mode and direction, got " << config.numLayers;
  // Every matrix and its bias hold at most H * max(I, D*H) + H elements.
  int64_t numIds = config.numLayers * idsPerLayer;
  int64_t width, perId, bound;
  if (llvm::MulOverflow(config.numDirections(), config.numUnits, width) ||
      llvm::MulOverflow(config.numUnits, std::max(width, config.inputSize),
                        perId) ||
      llvm::AddOverflow(perId, config.numUnits, perId) ||
      llvm::MulOverflow(numIds, perId, bound))
    return op->emitOpError()
           << "packed params size overflows int64 (num_units = "
           << config.numUnits << ", input size = " << config.inputSize << ")";
  return success();
}

static LogicalResult verifyParamsSize(Operation *op, Type paramsType,
                                      const ::rnnrt::ParamsLayout &layout) {
  auto params = cast<ShapedType>(paramsType);
  if (params.getRank() != 1)
    return op->emitOpError()
           << "params must be a 1-D tensor, got rank " << params.getRank();
  if (!params.isDynamicDim(0) && params.getDimSize(0) != layout.size())
    return op->emitOpError()
           << "params must have the packed size " << layout.size() << ", got "
           << params.getDimSize(0);
  return success();
}

//===----------------------------------------------------------------------===//
// Recurrent layer ops
//===----------------------------------------------------------------------===//

LogicalResult mlir::rnn::verifyRecurrentOperands(Operation *op) {
  auto layer = cast<RecurrentOpInterface>(op);
  auto inputType = cast<ShapedType>(layer.getInput().getType());
  if (inputType.getRank() != 3)
    return op->emitOpError()
           << "x must be a rank-3 tensor "
           << (layer.getTimeMajor() ? "[T, B, I]" : "[B, T, I]")
           << ", got rank " << inputType.getRank();
  if (inputType.isDynamicDim(2) || inputType.getDimSize(2) < 1)
    return op->emitOpError()
           << "x must have a static, non-zero input size I (dim 2), got "
           << formatShape(inputType.getShape());

  SmallVector<std::pair<StringRef, Type>> named = {
      {"h_0", layer.getInitialHidden().getType()},
      {"params", layer.getParams().getType()}};
  if (layer.getInitialCell())
    named.push_back({"c_0", layer.getInitialCell().getType()});
  if (failed(verifyElementTypes(op, inputType.getElementType(), "x", named)))
    return failure();

  double dropout = layer.getDropoutRate();
  if (!(dropout >= 0.0 && dropout < 1.0))
    return op->emitOpError() << "dropout must be in [0, 1), got " << dropout;

  ::rnnrt::LayerConfig config = layer.getLayerConfig();
  if (failed(verifySkipInputSize(op, config)) ||
      failed(verifyProjection(op, config)) ||
      failed(verifyLayoutBounds(op, config)))
    return failure();

  if (failed(verifyShape(op, "h_0", layer.getInitialHidden().getType(),
                         layer.getHiddenStateShape(), hiddenMeaning(config))))
    return failure();
  if (layer.getInitialCell() &&
      failed(verifyShape(op, "c_0", layer.getInitialCell().getType(),
                         layer.getCellStateShape(), "[L*D, B, H]")))
    return failure();
  if (Value lengths = layer.getSeqLengths();
      lengths && failed(verifyShape(op, "seq_lengths", lengths.getType(),
                                    {layer.getStaticBatch()}, "[B]")))
    return failure();
  return verifyParamsSize(op, layer.getParams().getType(),
                          layer.getParamsLayout());
}

/// A tensor with the shape and element type of what it stands for: y for
/// y and dy, x for dx, the states for h_n, dh_n, dh_0, ...
namespace {
struct ExpectedTensor {
  StringRef name;
  Value value;
  ArrayRef<int64_t> shape;
  StringRef meaning;
};
} // namespace

static LogicalResult verifyTensors(Operation *op, Type elementType,
                                   ArrayRef<ExpectedTensor> tensors) {
  SmallVector<std::pair<StringRef, Type>> named;
  for (const ExpectedTensor &tensor : tensors)
    if (tensor.value)
      named.push_back({tensor.name, tensor.value.getType()});
  if (failed(verifyElementTypes(op, elementType, "x", named)))
    return failure();
  for (const ExpectedTensor &tensor : tensors)
    if (tensor.value &&
        failed(verifyShape(op, tensor.name, tensor.value.getType(),
                           tensor.shape, tensor.meaning)))
      return failure();
  return success();
}

/// What y's expected shape stands for in diagnostics.
static StringRef outputMeaning(RecurrentOpInterface op) {
  if (op.getLayerConfig().hasProjection())
    return op.getTimeMajor() ? "[T, B, D*P]" : "[B, T, D*P]";
  return op.getTimeMajor() ? "[T, B, D*H]" : "[B, T, D*H]";
}

/// The reserve is `tensor<?xi8>`: its size is the backend's to choose.
static LogicalResult verifyReserveType(Operation *op, Value reserve) {
  auto type = cast<ShapedType>(reserve.getType());
  if (!type.isDynamicDim(0))
    return op->emitOpError()
           << "reserve must be tensor<?xi8> (its size is the backend's), got "
           << reserve.getType();
  return success();
}

LogicalResult mlir::rnn::verifyRecurrentLayerResults(Operation *op) {
  auto layer = cast<RecurrentLayerOpInterface>(op);
  auto recurrent = cast<RecurrentOpInterface>(op);
  Type elementType = getElementTypeOrSelf(layer.getInput().getType());
  SmallVector<int64_t> hiddenShape = recurrent.getHiddenStateShape();
  SmallVector<int64_t> cellShape = recurrent.getCellStateShape();
  SmallVector<int64_t> outputShape = recurrent.getOutputShape();
  StringRef hidden = hiddenMeaning(recurrent.getLayerConfig());
  if (failed(verifyTensors(
          op, elementType,
          {{"y", layer.getOutput(), outputShape, outputMeaning(recurrent)},
           {"h_n", layer.getFinalHidden(), hiddenShape, hidden},
           {"c_n", layer.getFinalCell(), cellShape, "[L*D, B, H]"}})))
    return failure();
  if (!layer.getReserve())
    return success();
  if (!recurrent.getIsTraining())
    return op->emitOpError()
           << "returns a reserve, which only a training forward "
              "(is_training = true) keeps";
  return verifyReserveType(op, layer.getReserve());
}

LogicalResult mlir::rnn::verifyRecurrentGradOperands(Operation *op) {
  auto grad = cast<RecurrentGradOpInterface>(op);
  auto recurrent = cast<RecurrentOpInterface>(op);
  if (!recurrent.getIsTraining())
    return op->emitOpError()
           << "differentiates a training forward: is_training must be true "
              "or absent";
  Value input = recurrent.getInput();
  Type elementType = getElementTypeOrSelf(input.getType());
  SmallVector<int64_t> hiddenShape = recurrent.getHiddenStateShape();
  SmallVector<int64_t> cellShape = recurrent.getCellStateShape();
  SmallVector<int64_t> outputShape = recurrent.getOutputShape();
  StringRef hidden = hiddenMeaning(recurrent.getLayerConfig());
  auto inputShape = cast<ShapedType>(input.getType()).getShape();
  if (failed(verifyTensors(
          op, elementType,
          {{"y", grad.getForwardOutput(), outputShape,
            outputMeaning(recurrent)},
           {"dy", grad.getOutputGrad(), outputShape, outputMeaning(recurrent)},
           {"dh_n", grad.getFinalHiddenGrad(), hiddenShape, hidden},
           {"dc_n", grad.getFinalCellGrad(), cellShape, "[L*D, B, H]"},
           {"dx", grad.getInputGrad(), inputShape, "x's shape"},
           {"dh_0", grad.getInitialHiddenGrad(), hiddenShape, hidden},
           {"dc_0", grad.getInitialCellGrad(), cellShape, "[L*D, B, H]"}})))
    return failure();
  if (grad.getParamsGrad().getType() != recurrent.getParams().getType())
    return op->emitOpError() << "dparams must have the type of params, "
                             << recurrent.getParams().getType() << ", got "
                             << grad.getParamsGrad().getType();
  return verifyReserveType(op, grad.getReserve());
}

void mlir::rnn::setRecurrentLayerResultNames(Operation *op,
                                             OpAsmSetValueNameFn setNameFn) {
  auto layer = cast<RecurrentLayerOpInterface>(op);
  setNameFn(layer.getOutput(), "y");
  setNameFn(layer.getFinalHidden(), "h_n");
  if (Value cell = layer.getFinalCell())
    setNameFn(cell, "c_n");
  if (Value reserve = layer.getReserve())
    setNameFn(reserve, "reserve");
}

void mlir::rnn::setRecurrentGradResultNames(Operation *op,
                                            OpAsmSetValueNameFn setNameFn) {
  auto grad = cast<RecurrentGradOpInterface>(op);
  setNameFn(grad.getInputGrad(), "dx");
  setNameFn(grad.getInitialHiddenGrad(), "dh_0");
  if (Value cell = grad.getInitialCellGrad())
    setNameFn(cell, "dc_0");
  setNameFn(grad.getParamsGrad(), "dparams");
}

/// A training forward writes the reserve space that backward reads; an
/// inference forward has no side effect and is erased when unused.
template <typename OpTy>
static void getTrainingEffects(
    OpTy op, SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
                 &effects) {
  if (op.getIsTraining())
    effects.emplace_back(MemoryEffects::Write::get(),
                         ReserveSpaceResource::get());
}

void LSTMOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  getTrainingEffects(*this, effects);
}
void GRUOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  getTrainingEffects(*this, effects);
}
void RNNTanhOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  getTrainingEffects(*this, effects);
}
void RNNReluOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  getTrainingEffects(*this, effects);
}

//===----------------------------------------------------------------------===//
// pack_params / unpack_params
//===----------------------------------------------------------------------===//

/// Checks the canonical weight list (operands of pack, results of unpack)
/// against the layout: count, then each shape, then element types.
static LogicalResult verifyCanonicalList(Operation *op, StringRef kind,
                                         TypeRange canonical,
                                         const ::rnnrt::ParamsLayout &layout,
                                         Type elementType) {
  size_t numMatrices = layout.matrices().size();
  size_t expected = numMatrices + layout.biases().size();
  if (canonical.size() != expected)
    return op->emitOpError()
           << "expects " << expected << " canonical " << kind << "s ("
           << numMatrices << " matrices then " << layout.biases().size()
           << " biases), got " << canonical.size();
  for (auto [index, type] : llvm::enumerate(canonical)) {
    bool isMatrix = index < numMatrices;
    const ::rnnrt::ParamSlot &slot = isMatrix
                                         ? layout.matrices()[index]
                                         : layout.biases()[index - numMatrices];
    SmallVector<int64_t, 2> shape = {slot.rows};
    if (isMatrix)
      shape.push_back(slot.cols);
    auto shaped = cast<ShapedType>(type);
    if (shaped.getShape() != ArrayRef<int64_t>(shape))
      return op->emitOpError()
             << "canonical " << kind << " #" << index << " ("
             << (isMatrix ? "matrix" : "bias") << " of layer " << slot.layer
             << ", direction " << slot.direction << ", id " << slot.id
             << ") must have shape " << formatShape(shape) << ", got "
             << formatShape(shaped.getShape());
    if (shaped.getElementType() != elementType)
      return op->emitOpError()
             << "canonical " << kind << " #" << index << " element type "
             << shaped.getElementType() << " must match params element type "
             << elementType;
  }
  return success();
}

LogicalResult PackParamsOp::verify() {
  ::rnnrt::LayerConfig config = getLayerConfig();
  if (failed(verifySkipInputSize(*this, config)) ||
      failed(verifyProjection(*this, config)) ||
      failed(verifyLayoutBounds(*this, config)))
    return failure();
  ::rnnrt::ParamsLayout layout(config);
  if (failed(verifyParamsSize(*this, getType(), layout)))
    return failure();
  return verifyCanonicalList(*this, "operand", getCanonical().getTypes(),
                             layout, getType().getElementType());
}

LogicalResult UnpackParamsOp::verify() {
  ::rnnrt::LayerConfig config = getLayerConfig();
  if (failed(verifySkipInputSize(*this, config)) ||
      failed(verifyProjection(*this, config)) ||
      failed(verifyLayoutBounds(*this, config)))
    return failure();
  ::rnnrt::ParamsLayout layout(config);
  if (failed(verifyParamsSize(*this, getParams().getType(), layout)))
    return failure();
  return verifyCanonicalList(*this, "result", getCanonical().getTypes(), layout,
                             getParams().getType().getElementType());
}

void PackParamsOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getParams(), "params");
}

/// Names the canonical weights w_<layer>_<direction>_<id> and the biases
/// b_<layer>_<direction>_<id> (cuDNN's linear layer id).
void UnpackParamsOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  // The printer may see invalid IR: name nothing unless the result list
  // matches the layout. Every layer has biases, so a valid op has at least
  // num_layers results; that bounds the layout built here.
  if (!getNumLayersAttr() || !getNumUnitsAttr() || !getInputSizeAttr() ||
      !getModeAttr())
    return;
  ::rnnrt::LayerConfig config = getLayerConfig();
  if (config.numLayers < 1 || config.numUnits < 1 || config.inputSize < 1 ||
      config.numProj >= config.numUnits ||
      config.numLayers > static_cast<int64_t>(getNumResults()))
    return;
  ::rnnrt::ParamsLayout layout(config);
  size_t numMatrices = layout.matrices().size();
  if (numMatrices + layout.biases().size() != getNumResults())
    return;
  for (auto [index, result] : llvm::enumerate(getResults())) {
    bool isMatrix = index < numMatrices;
    const ::rnnrt::ParamSlot &slot = isMatrix
                                         ? layout.matrices()[index]
                                         : layout.biases()[index - numMatrices];
    std::string name;
    llvm::raw_string_ostream os(name);
    os << (isMatrix ? "w_" : "b_") << slot.layer << '_' << slot.direction << '_'
       << slot.id;
    setNameFn(result, name);
  }
}

#define GET_OP_CLASSES
#include "rnn/Dialect/RNN/IR/RNNOps.cpp.inc"

#include "rnn/Dialect/RNN/IR/RNNInterfaces.cpp.inc"
