//===- WeightImport.cpp - Canonical weights from other layouts ------------===//
//
// Every importer reduces its system's layout to the same description of one
// (layer, direction) block: where its four stacks of gates (input and
// recurrent matrices, input and recurrent biases) live, and which block of a
// stack holds each canonical gate. One routine, Importer::importBlock, turns
// that into canonical weights: one tensor.extract_slice per gate (plus a
// linalg.transpose for matrices stored transposed).
//
//===----------------------------------------------------------------------===//

#include "rnn/Dialect/RNN/Utils/WeightImport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace mlir::rnn;

void CanonicalWeights::append(const CanonicalWeights &next) {
  matrices.append(next.matrices.begin(), next.matrices.end());
  biases.append(next.biases.begin(), next.biases.end());
}

SmallVector<Value> CanonicalWeights::getOperands() const {
  SmallVector<Value> operands(matrices);
  operands.append(biases.begin(), biases.end());
  return operands;
}

namespace {

/// order[k]: the block of a system's stacks that holds canonical gate k
/// (cuDNN order: LSTM i f c o, GRU r z h).
constexpr int64_t kIdentityOrder[] = {0, 1, 2, 3};
constexpr int64_t kONNXLSTMOrder[] = {0, 2, 3, 1}; // stored i o f c
constexpr int64_t kONNXGRUOrder[] = {1, 0, 2};     // stored z r h
constexpr int64_t kKerasGRUOrder[] = {1, 0, 2};    // stored z r h

/// G gate blocks of `units` rows stacked in (a part of) a tensor.
struct Stack {
  /// Null: the system has no such tensor; the gates are zeros.
  Value tensor;
  /// The index to select in a leading direction dimension (ONNX).
  std::optional<int64_t> direction;
  /// Where the stack starts along the gate dimension (ONNX's B = [Wb | Rb]).
  int64_t offset = 0;
  /// Blocks along the last dimension, each the transpose of a canonical
  /// matrix (Keras' [in, 4H]); else along the first non-direction one.
  bool transposed = false;
};

/// The four stacks of one (layer, direction).
struct StackedWeights {
  Stack input, recurrent, inputBias, recurrentBias;
};

/// Builds the canonical weights of one system's layout and reports its
/// malformed operands.
class Importer {
public:
  Importer(OpBuilder &b, Location loc, StringRef system, int64_t units)
      : b(b), loc(loc), system(system), units(units) {}

  /// Succeeds when `value` is a static float tensor of `shape`
  /// (ShapedType::kDynamic: any size) with the element type of the operands
  /// checked before; else emits an error naming `name` and the shape.
  LogicalResult check(Value value, StringRef name, ArrayRef<int64_t> shape);

  /// The canonical weights of one block whose canonical gate k is block
  /// `order[k]` of each stack.
  CanonicalWeights importBlock(const StackedWeights &weights,
                               ArrayRef<int64_t> order);

  InFlightDiagnostic emitError() { return mlir::emitError(loc) << system; }

private:
  /// Block `block` of `stack` as a canonical [H, cols] matrix or [H] bias.
  Value getGate(const Stack &stack, int64_t block);

  OpBuilder &b;
  Location loc;
  StringRef system;
  int64_t units;
  Type elementType;
  /// The zero bias, built once.
  Value zeros;
};

} // namespace

/// "[?, 8]" for {kDynamic, 8}.
static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os, [&](int64_t dim) {
    if (ShapedType::isDynamic(dim))
      os << "?";
    else
      os << dim;
  });
  return text + "]";
}

LogicalResult Importer::check(Value value, StringRef name,
                              ArrayRef<int64_t> shape) {
  if (units < 1)
    return emitError() << " units must be at least 1, got " << units;
  auto type = dyn_cast<RankedTensorType>(value.getType());
  bool matches = type && type.hasStaticShape() &&
                 type.getRank() == static_cast<int64_t>(shape.size()) &&
                 isa<FloatType>(type.getElementType());
  for (auto [dim, expected] :
       llvm::zip(type ? type.getShape() : ArrayRef<int64_t>(), shape))
    matches &= ShapedType::isDynamic(expected) || dim == expected;
  if (!matches)
    return emitError() << " " << name << " must be a float tensor of shape "
                       << formatShape(shape) << ", got " << value.getType();
  if (!elementType)
    elementType = type.getElementType();
  if (type.getElementType() != elementType)
    return emitError() << " " << name << " must have element type "
                       << elementType << ", got " << type.getElementType();
  return success();
}

Value Importer::getGate(const Stack &stack, int64_t block) {
  if (!stack.tensor) {
    if (!zeros) {
      auto type = RankedTensorType::get({units}, elementType);
      zeros = arith::ConstantOp::create(b, loc,
                                        cast<TypedAttr>(b.getZeroAttr(type)));
    }
    return zeros;
  }
  auto type = cast<RankedTensorType>(stack.tensor.getType());
  int64_t rank = type.getRank();
  int64_t gateDim = stack.transposed ? rank - 1 : (stack.direction ? 1 : 0);
  SmallVector<int64_t> offsets(rank, 0), sizes(type.getShape());
  if (stack.direction) {
    offsets[0] = *stack.direction;
    sizes[0] = 1;
  }
  offsets[gateDim] = stack.offset + block * units;
  sizes[gateDim] = units;
  ArrayRef<int64_t> shape = sizes;
  auto sliceType = RankedTensorType::get(
      stack.direction ? shape.drop_front() : shape, elementType);
  Value gate = tensor::ExtractSliceOp::create(
      b, loc, sliceType, stack.tensor,
      getAsIndexOpFoldResult(b.getContext(), offsets),
      getAsIndexOpFoldResult(b.getContext(), sizes),
      SmallVector<OpFoldResult>(rank, b.getIndexAttr(1)));
  if (!stack.transposed)
    return gate;
  // [cols, H] -> [H, cols].
  Value init = tensor::EmptyOp::create(
      b, loc, {sliceType.getDimSize(1), sliceType.getDimSize(0)}, elementType);
  return linalg::TransposeOp::create(b, loc, gate, init,
                                     ArrayRef<int64_t>{1, 0})
      ->getResult(0);
}

CanonicalWeights Importer::importBlock(const StackedWeights &weights,
                                       ArrayRef<int64_t> order) {
  CanonicalWeights result;
  for (const Stack *stack : {&weights.input, &weights.recurrent})
    for (int64_t block : order)
      result.matrices.push_back(getGate(*stack, block));
  for (const Stack *stack : {&weights.inputBias, &weights.recurrentBias})
    for (int64_t block : order)
      result.biases.push_back(getGate(*stack, block));
  return result;
}

/// Gates per matrix kind of `mode`.
static int64_t getNumGates(Mode mode) {
  switch (mode) {
  case Mode::lstm:
    return 4;
  case Mode::gru:
    return 3;
  case Mode::rnn_tanh:
  case Mode::rnn_relu:
    return 1;
  }
  llvm_unreachable("unknown mode");
}

FailureOr<CanonicalWeights>
mlir::rnn::importPyTorch(OpBuilder &b, Location loc, Mode mode, Value weightIH,
                         Value weightHH, Value biasIH, Value biasHH,
                         int64_t units, Value weightHR) {
  Importer importer(b, loc, "pytorch", units);
  int64_t rows = getNumGates(mode) * units;
  // With a projection h (what weight_hh multiplies) has P features.
  int64_t hiddenWidth = units;
  if (weightHR) {
    if (mode != Mode::lstm)
      return emitError(loc) << "pytorch weight_hr (proj_size) is only "
                               "supported for lstm, got "
                            << stringifyMode(mode);
    auto type = dyn_cast<RankedTensorType>(weightHR.getType());
    hiddenWidth = type && type.getRank() == 2 && !type.isDynamicDim(0)
                      ? type.getDimSize(0)
                      : 0;
    if (failed(importer.check(weightHR, "weight_hr", {hiddenWidth, units})))
      return failure();
  }
  if (failed(importer.check(weightIH, "weight_ih",
                            {rows, ShapedType::kDynamic})) ||
      failed(importer.check(weightHH, "weight_hh", {rows, hiddenWidth})) ||
      (biasIH && failed(importer.check(biasIH, "bias_ih", {rows}))) ||
      (biasHH && failed(importer.check(biasHH, "bias_hh", {rows}))))
    return failure();
  StackedWeights weights{{weightIH}, {weightHH}, {biasIH}, {biasHH}};
  CanonicalWeights block = importer.importBlock(
      weights, ArrayRef(kIdentityOrder).take_front(getNumGates(mode)));
  if (weightHR)
    block.matrices.push_back(weightHR);
  return block;
}

FailureOr<CanonicalWeights>
mlir::rnn::importKerasLSTM(OpBuilder &b, Location loc, Value kernel,
                           Value recurrentKernel, Value bias, int64_t units) {
  Importer importer(b, loc, "keras", units);
  if (failed(importer.check(kernel, "kernel",
                            {ShapedType::kDynamic, 4 * units})) ||
      failed(importer.check(recurrentKernel, "recurrent_kernel",
                            {units, 4 * units})) ||
      (bias && failed(importer.check(bias, "bias", {4 * units}))))
    return failure();
  // The summed bias is b_W; Keras has no b_R (zeros).
  StackedWeights weights;
  weights.input = {kernel, std::nullopt, 0, /*transposed=*/true};
  weights.recurrent = {recurrentKernel, std::nullopt, 0, /*transposed=*/true};
  weights.inputBias = {bias};
  return importer.importBlock(weights, kIdentityOrder);
}

FailureOr<CanonicalWeights>
mlir::rnn::importKerasGRU(OpBuilder &b, Location loc, Value kernel,
                          Value recurrentKernel, Value bias, int64_t units) {
  Importer importer(b, loc, "keras GRU", units);
  if (bias) {
    auto type = dyn_cast<RankedTensorType>(bias.getType());
    if (type && type.getRank() == 1)
      return importer.emitError()
             << " bias of shape [3H] (reset_after=False) is not supported: "
                "the canonical GRU (cuDNN, PyTorch) is reset_after=True";
  }
  if (failed(importer.check(kernel, "kernel",
                            {ShapedType::kDynamic, 3 * units})) ||
      failed(importer.check(recurrentKernel, "recurrent_kernel",
                            {units, 3 * units})) ||
      (bias && failed(importer.check(bias, "bias", {2, 3 * units}))))
    return failure();
  // bias[0] is the input bias, bias[1] the recurrent one: the leading
  // dimension selects like ONNX's direction dimension.
  StackedWeights weights;
  weights.input = {kernel, std::nullopt, 0, /*transposed=*/true};
  weights.recurrent = {recurrentKernel, std::nullopt, 0, /*transposed=*/true};
  if (bias) {
    weights.inputBias = {bias, 0};
    weights.recurrentBias = {bias, 1};
  }
  return importer.importBlock(weights, kKerasGRUOrder);
}

/// An ONNX recurrent node: W, R, B with a leading direction dimension, its
/// gates stored in `order`.
static FailureOr<CanonicalWeights> importONNX(Importer &importer, Value w,
                                              Value r, Value bias,
                                              int64_t units,
                                              ArrayRef<int64_t> order) {
  int64_t rows = static_cast<int64_t>(order.size()) * units;
  auto wType = dyn_cast<RankedTensorType>(w.getType());
  int64_t directions = wType && wType.getRank() == 3 ? wType.getDimSize(0) : 0;
  if (directions != 1 && directions != 2)
    return importer.emitError()
           << " W must be a tensor of shape [num_directions (1 or 2), " << rows
           << ", input_size], got " << w.getType();
  if (failed(
          importer.check(w, "W", {directions, rows, ShapedType::kDynamic})) ||
      failed(importer.check(r, "R", {directions, rows, units})) ||
      (bias && failed(importer.check(bias, "B", {directions, 2 * rows}))))
    return failure();
  CanonicalWeights result;
  for (int64_t d = 0; d < directions; ++d) {
    StackedWeights weights{{w, d}, {r, d}, {bias, d, 0}, {bias, d, rows}};
    result.append(importer.importBlock(weights, order));
  }
  return result;
}

FailureOr<CanonicalWeights> mlir::rnn::importONNXLSTM(OpBuilder &b,
                                                      Location loc, Value w,
                                                      Value r, Value bias,
                                                      int64_t units) {
  Importer importer(b, loc, "onnx LSTM", units);
  return importONNX(importer, w, r, bias, units, kONNXLSTMOrder);
}

FailureOr<CanonicalWeights> mlir::rnn::importONNXGRU(OpBuilder &b, Location loc,
                                                     Value w, Value r,
                                                     Value bias, int64_t units,
                                                     bool linearBeforeReset) {
  Importer importer(b, loc, "onnx GRU", units);
  if (!linearBeforeReset)
    return importer.emitError()
           << " linear_before_reset = 0 is not supported: the canonical GRU "
              "(cuDNN, PyTorch) is linear_before_reset = 1";
  return importONNX(importer, w, r, bias, units, kONNXGRUOrder);
}
