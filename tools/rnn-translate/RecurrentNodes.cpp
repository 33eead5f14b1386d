//===- RecurrentNodes.cpp - ONNX LSTM, GRU and RNN nodes ------------------===//
//
// One ONNX recurrent node becomes one single-layer rnn op (rnn-fuse-stacked-
// layers joins the layers of a stack later):
// - W, R and B must be constants; they are cut into the canonical per-gate
//   matrices and biases (ONNX gate order LSTM i o f c, GRU z r h, to
//   canonical i f c o, r z h) and emitted as constants feeding
//   rnn.pack_params, which rnn-fuse-weight-packing folds at compile time;
// - layout = 1 ([B, T, ...]) is transposed to time-major around the op;
// - sequence_lens becomes the op's seq_lengths operand (none when it is a
//   constant equal to T);
// - direction = "reverse" runs a unidirectional op on the time-reversed
//   input and reverses its y back (the state after the last processed step
//   is then the state after step 0, as ONNX defines Y_h); with
//   sequence_lens each sequence is reversed within its own length, so that
//   the padding stays last;
// - Y [T, D, B, H] is rebuilt from y [T, B, D*H]; Y_h, Y_c are h_n, c_n.
// What the dialect cannot express is rejected before the import, per node.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"
#include "TensorOps.h"

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

using namespace mlir;
using namespace mlir::rnn;
using namespace mlir::rnn::onnx_import;

namespace {

/// ONNX input positions shared by LSTM, GRU and RNN.
enum InputIndex {
  kX = 0,
  kW = 1,
  kR = 2,
  kB = 3,
  kSequenceLens = 4,
  kInitialH = 5,
  kInitialC = 6,
  kPeepholes = 7
};

/// What differs between the three op types.
struct CellKind {
  int64_t gates;
  /// ONNX gate block of canonical gate k.
  SmallVector<int64_t, 4> onnxBlock;
  /// ONNX's default activations of one direction.
  SmallVector<StringRef, 3> activations;
};

CellKind getCellKind(StringRef opType) {
  if (opType == "LSTM") // ONNX i o f c -> canonical i f c o
    return {4, {0, 2, 3, 1}, {"sigmoid", "tanh", "tanh"}};
  if (opType == "GRU") // ONNX z r h -> canonical r z h
    return {3, {1, 0, 2}, {"sigmoid", "tanh"}};
  return {1, {0}, {"tanh"}};
}

int64_t getNumDirections(StringRef direction) {
  return direction == "bidirectional" ? 2 : 1;
}

/// The attribute's values lower-cased (ONNX Runtime reads them so).
SmallVector<std::string> getLowerStrings(const onnx::NodeProto &node,
                                         StringRef name) {
  SmallVector<std::string> values;
  for (const onnx::AttributeProto &attribute : node.attribute())
    if (attribute.name() == name)
      for (const std::string &value : attribute.strings())
        values.push_back(StringRef(value).lower());
  return values;
}

const onnx::AttributeProto *findAttribute(const onnx::NodeProto &node,
                                          StringRef name) {
  for (const onnx::AttributeProto &attribute : node.attribute())
    if (attribute.name() == name)
      return &attribute;
  return nullptr;
}

/// Whether the node's activations are the defaults, or (RNN) all Relu.
bool hasSupportedActivations(const onnx::NodeProto &node, int64_t directions,
                             bool *relu) {
  *relu = false;
  SmallVector<std::string> activations = getLowerStrings(node, "activations");
  if (activations.empty())
    return true;
  CellKind kind = getCellKind(node.op_type());
  if (static_cast<int64_t>(activations.size()) !=
      directions * static_cast<int64_t>(kind.activations.size()))
    return false;
  if (node.op_type() == "RNN" &&
      llvm::all_of(activations, [](StringRef a) { return a == "relu"; })) {
    *relu = true;
    return true;
  }
  for (auto [index, activation] : llvm::enumerate(activations))
    if (activation != kind.activations[index % kind.activations.size()])
      return false;
  return true;
}

/// Why `node` cannot be imported (every reason), or "".
std::string checkRecurrentNode(const onnx::NodeProto &node,
                               const GraphImporter &graph) {
  SmallVector<std::string> reasons;
  const onnx::AttributeProto *direction = findAttribute(node, "direction");
  std::string directionName = direction ? direction->s() : "forward";
  if (directionName != "forward" && directionName != "reverse" &&
      directionName != "bidirectional")
    reasons.push_back("direction '" + directionName + "' is not valid");
  bool relu;
  if (!hasSupportedActivations(node, getNumDirections(directionName), &relu))
    reasons.push_back("non-default activations are not supported");
  if (findAttribute(node, "clip"))
    reasons.push_back("clip is not supported");
  if (const onnx::AttributeProto *forget = findAttribute(node, "input_forget"))
    if (forget->i() != 0)
      reasons.push_back("input_forget = 1 is not supported");
  if (const onnx::AttributeProto *layout = findAttribute(node, "layout"))
    if (layout->i() != 0 && layout->i() != 1)
      reasons.push_back("layout must be 0 or 1");
  if (node.op_type() == "LSTM" && node.input_size() > kPeepholes &&
      !node.input(kPeepholes).empty()) {
    std::shared_ptr<const ConstTensor> p =
        graph.lookupStaticConstant(node.input(kPeepholes));
    if (!p || !p->isSplatOf(0.0))
      reasons.push_back("peepholes (P) are not supported (only all-zero P)");
  }
  return llvm::join(reasons, ", ");
}

/// The recurrent node's data after the checks.
struct RecurrentNode {
  NodeImporter &node;
  CellKind kind;
  Mode mode;
  bool reverse = false;
  bool batchMajor = false;
  int64_t directions = 1;
  int64_t hidden = 0;
  int64_t inputSize = 0;
  Type elementType;
  /// W, R and B (null: absent): constants or run-time values.
  OnnxValue w, r, bias;
};

/// Checks the shape of constant `tensor` against `expected`.
llvm::Error checkShape(NodeImporter &node, StringRef what,
                       const OnnxValue &tensor, ArrayRef<int64_t> expected) {
  ArrayRef<int64_t> shape = tensor.constant
                                ? tensor.constant->getShape()
                                : getTensorType(tensor.value).getShape();
  if (shape == expected)
    return llvm::Error::success();
  auto format = [](ArrayRef<int64_t> shape) {
    std::string text = "[";
    llvm::raw_string_ostream os(text);
    llvm::interleaveComma(shape, os);
    return text + "]";
  };
  return node.error(what + " must have shape " + format(expected) + ", got " +
                    format(shape));
}

/// One gate's rows [first, first + rows) of direction d of `weights` ([D,
/// N, cols] matrices or [D, N] biases): an [H, cols] matrix or an [H]
/// vector, cut on the host from a constant, else an extract_slice.
Value getGateRows(RecurrentNode &layer, const OnnxValue &weights, int64_t d,
                  int64_t first, int64_t rows, ElementKind kind) {
  NodeImporter &node = layer.node;
  if (weights.constant) {
    const ConstTensor &data = *weights.constant;
    bool matrix = data.getRank() == 3;
    int64_t width = matrix ? data.getShape()[2] : 1;
    int64_t height = data.getShape()[1];
    SmallVector<int64_t> shape =
        matrix ? SmallVector<int64_t>{rows, width} : SmallVector<int64_t>{rows};
    ConstTensor gate =
        gatherElements(data, shape, [&](ArrayRef<int64_t> index) {
          int64_t col = matrix ? index[1] : 0;
          return (d * height + first + index[0]) * width + col;
        });
    if (gate.getKind() != kind)
      gate = gate.cast(kind);
    return node.materialize(OnnxValue{
        Value(), std::make_shared<const ConstTensor>(std::move(gate))});
  }
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  RankedTensorType type = getTensorType(weights.value);
  bool matrix = type.getRank() == 3;
  SmallVector<int64_t> shape =
      matrix ? SmallVector<int64_t>{rows, type.getDimSize(2)}
             : SmallVector<int64_t>{rows};
  SmallVector<OpFoldResult> offsets = {b.getIndexAttr(d),
                                       b.getIndexAttr(first)};
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(rows)};
  if (matrix) {
    offsets.push_back(b.getIndexAttr(0));
    sizes.push_back(b.getIndexAttr(type.getDimSize(2)));
  }
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()),
      weights.value, offsets, sizes, strides);
}

/// The canonical weights (matrices of every direction, then biases) and
/// their pack_params.
llvm::Expected<Value> packWeights(RecurrentNode &layer) {
  NodeImporter &node = layer.node;
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  int64_t g = layer.kind.gates, h = layer.hidden;
  llvm::Expected<ElementKind> kind = getElementKind(layer.elementType);
  if (!kind)
    return node.error("X: " + llvm::toString(kind.takeError()));
  for (const OnnxValue *weights : {&layer.w, &layer.r, &layer.bias})
    if (weights->value &&
        getTensorType(weights->value).getElementType() != layer.elementType)
      return node.error("W, R and B must have X's element type");

  SmallVector<Value> matrices, biases;
  for (int64_t d = 0; d < layer.directions; ++d) {
    for (const OnnxValue *weights : {&layer.w, &layer.r})
      for (int64_t k = 0; k < g; ++k)
        matrices.push_back(getGateRows(layer, *weights, d,
                                       layer.kind.onnxBlock[k] * h, h, *kind));
    for (int64_t half = 0; half < 2; ++half)
      for (int64_t k = 0; k < g; ++k)
        biases.push_back(
            layer.bias.constant || layer.bias.value
                ? getGateRows(layer, layer.bias, d,
                              (half * g + layer.kind.onnxBlock[k]) * h, h,
                              *kind)
                : node.materialize(OnnxValue{
                      Value(), std::make_shared<const ConstTensor>(
                                   ConstTensor::splat(*kind, {h}, 0.0))}));
  }
  int64_t size =
      layer.directions * (g * h * layer.inputSize + g * h * h + 2 * g * h);
  SmallVector<Value> operands(matrices);
  operands.append(biases);
  MLIRContext *context = node.getContext();
  auto direction = DirectionAttr::get(context, layer.directions == 2
                                                   ? Direction::bidirectional
                                                   : Direction::unidirectional);
  return PackParamsOp::create(
             b, loc, RankedTensorType::get({size}, layer.elementType), operands,
             ModeAttr::get(context, layer.mode), b.getI64IntegerAttr(1),
             b.getI64IntegerAttr(h), b.getI64IntegerAttr(layer.inputSize),
             direction, InputModeAttr::get(context, InputMode::linear_input),
             /*num_proj=*/IntegerAttr())
      .getResult();
}

/// An initial state [D, B, H] (layout 1: [B, D, H]) or zeros.
llvm::Expected<Value> getInitialState(RecurrentNode &layer, int index,
                                      Value x) {
  NodeImporter &node = layer.node;
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();
  int64_t batch = getTensorType(x).getDimSize(1);
  auto type = RankedTensorType::get({layer.directions, batch, layer.hidden},
                                    layer.elementType);
  if (!node.hasInput(index)) {
    SmallVector<Value> sizes;
    if (ShapedType::isDynamic(batch))
      sizes.push_back(getDimSize(b, loc, x, 1));
    return splat(b, loc, type, sizes, 0.0);
  }
  llvm::Expected<Value> state = node.getInputValue(index);
  if (!state)
    return state.takeError();
  StringRef name = index == kInitialH ? "initial_h" : "initial_c";
  auto stateType = dyn_cast<RankedTensorType>(state->getType());
  if (!stateType || stateType.getRank() != 3 ||
      stateType.getElementType() != layer.elementType)
    return node.error(name + " must be a rank-3 tensor of X's element type");
  Value value = *state;
  if (layer.batchMajor)
    value = transpose(b, loc, value, {1, 0, 2});
  RankedTensorType got = getTensorType(value);
  for (int64_t dim = 0; dim < 3; ++dim) {
    int64_t want = type.getDimSize(dim), have = got.getDimSize(dim);
    if (!ShapedType::isDynamic(want) && !ShapedType::isDynamic(have) &&
        want != have)
      return node.error(name + " must have " + llvm::Twine(want) +
                        " rows in dimension " + llvm::Twine(dim) + ", got " +
                        llvm::Twine(have));
  }
  if (got != type)
    value = tensor::CastOp::create(b, loc, type, value);
  return value;
}

/// The seq_lengths operand from sequence_lens: null when it is absent or a
/// constant equal to T (every sequence runs all steps).
llvm::Expected<Value> getSequenceLengths(RecurrentNode &layer, Value x) {
  NodeImporter &node = layer.node;
  if (!node.hasInput(kSequenceLens))
    return Value();
  int64_t steps = getTensorType(x).getDimSize(0);
  llvm::Expected<OnnxValue> input = node.getInput(kSequenceLens);
  if (!input)
    return input.takeError();
  if (input->constant && input->constant->isInteger() &&
      !ShapedType::isDynamic(steps) &&
      llvm::all_of(input->constant->getInts(),
                   [&](int64_t length) { return length == steps; }))
    return Value();
  llvm::Expected<Value> lengths = node.getInputValue(kSequenceLens);
  if (!lengths)
    return lengths.takeError();
  auto type = dyn_cast<RankedTensorType>(lengths->getType());
  if (!type || type.getRank() != 1 || !type.getElementType().isInteger(32))
    return node.error("sequence_lens must be a 1-D int32 tensor");
  return *lengths;
}

llvm::Error readLayer(RecurrentNode &layer) {
  NodeImporter &node = layer.node;
  StringRef opType = node.getProto().op_type();
  std::string direction = node.getString("direction", "forward");
  layer.reverse = direction == "reverse";
  layer.directions = getNumDirections(direction);
  layer.batchMajor = node.getInt("layout", 0) == 1;
  bool relu = false;
  (void)hasSupportedActivations(node.getProto(), layer.directions, &relu);
  layer.mode = opType == "LSTM"  ? Mode::lstm
               : opType == "GRU" ? Mode::gru
               : relu            ? Mode::rnn_relu
                                 : Mode::rnn_tanh;

  for (auto [index, slot] : {std::pair<int, OnnxValue *>{kW, &layer.w},
                             {kR, &layer.r},
                             {kB, &layer.bias}}) {
    if (index == kB && !node.hasInput(kB))
      continue;
    llvm::Expected<OnnxValue> value = node.getInput(index);
    if (!value)
      return value.takeError();
    *slot = *value;
    bool isFloat =
        value->constant
            ? !value->constant->isInteger()
            : isa<FloatType>(getTensorType(value->value).getElementType());
    if (!isFloat)
      return node.error("W, R and B must be floating-point tensors");
  }
  auto shapeOf = [](const OnnxValue &value) {
    return value.constant ? value.constant->getShape()
                          : getTensorType(value.value).getShape();
  };
  ArrayRef<int64_t> wShape = shapeOf(layer.w), rShape = shapeOf(layer.r);
  int64_t g = layer.kind.gates;
  if (rShape.size() != 3 || wShape.size() != 3 ||
      ShapedType::isDynamic(rShape[2]) || ShapedType::isDynamic(wShape[2]))
    return node.error("W and R must be rank-3 tensors [D, G*H, in] with "
                      "static sizes");
  layer.hidden = rShape[2];
  layer.inputSize = wShape[2];
  int64_t h = layer.hidden, d = layer.directions;
  if (h < 1)
    return node.error("R must have a non-empty hidden dimension");
  if (node.getAttribute("hidden_size") && node.getInt("hidden_size", h) != h)
    return node.error(
        "hidden_size = " + llvm::Twine(node.getInt("hidden_size", h)) +
        " does not match R's " + llvm::Twine(h));
  if (llvm::Error error =
          checkShape(node, "W", layer.w, {d, g * h, layer.inputSize}))
    return error;
  if (llvm::Error error = checkShape(node, "R", layer.r, {d, g * h, h}))
    return error;
  if (node.hasInput(kB))
    if (llvm::Error error = checkShape(node, "B", layer.bias, {d, 2 * g * h}))
      return error;
  return llvm::Error::success();
}

/// Y [T, D, B, H] (layout 1: [B, T, D, H]) from y [T, B, D*H].
Value buildY(RecurrentNode &layer, Value y) {
  OpBuilder &b = layer.node.getBuilder();
  Location loc = layer.node.getLoc();
  RankedTensorType type = getTensorType(y);
  int64_t steps = type.getDimSize(0), batch = type.getDimSize(1);
  if (layer.directions == 1) {
    if (layer.batchMajor)
      return insertUnitDim(b, loc, transpose(b, loc, y, {1, 0, 2}), 2);
    return insertUnitDim(b, loc, y, 1);
  }
  Value split = reshape(b, loc, y, {steps, batch, 2, layer.hidden});
  if (layer.batchMajor)
    return transpose(b, loc, split, {1, 0, 2, 3});
  return transpose(b, loc, split, {0, 2, 1, 3});
}

llvm::Error convertRecurrentNode(NodeImporter &node) {
  RecurrentNode layer{node, getCellKind(node.getProto().op_type()), Mode::lstm};
  if (llvm::Error error = readLayer(layer))
    return error;
  OpBuilder &b = node.getBuilder();
  Location loc = node.getLoc();

  llvm::Expected<Value> input = node.getInputValue(kX);
  if (!input)
    return input.takeError();
  auto inputType = dyn_cast<RankedTensorType>(input->getType());
  if (!inputType || inputType.getRank() != 3)
    return node.error("X must be a rank-3 tensor");
  layer.elementType = inputType.getElementType();
  if (!layer.elementType.isF32() && !layer.elementType.isF64())
    return node.error("X must be a float or double tensor");
  if (inputType.getDimSize(2) != layer.inputSize)
    return node.error("X has " + llvm::Twine(inputType.getDimSize(2)) +
                      " input features, W expects " +
                      llvm::Twine(layer.inputSize));
  Value x = *input;
  if (layer.batchMajor)
    x = transpose(b, loc, x, {1, 0, 2});
  llvm::Expected<Value> lengths = getSequenceLengths(layer, x);
  if (!lengths)
    return lengths.takeError();
  if (layer.reverse)
    x = reverse(b, loc, x, 0, *lengths);

  llvm::Expected<Value> h0 = getInitialState(layer, kInitialH, x);
  if (!h0)
    return h0.takeError();
  Value c0;
  if (layer.mode == Mode::lstm) {
    llvm::Expected<Value> state = getInitialState(layer, kInitialC, x);
    if (!state)
      return state.takeError();
    c0 = *state;
  }
  llvm::Expected<Value> params = packWeights(layer);
  if (!params)
    return params.takeError();

  RankedTensorType xType = getTensorType(x);
  auto yType = RankedTensorType::get({xType.getDimSize(0), xType.getDimSize(1),
                                      layer.directions * layer.hidden},
                                     layer.elementType);
  Type stateType = getTensorType(*h0);
  SmallVector<Type> resultTypes = {yType, stateType};
  SmallVector<Value> operands = {x, *h0};
  if (c0) {
    resultTypes.push_back(stateType);
    operands.push_back(c0);
  }
  operands.push_back(*params);
  if (*lengths)
    operands.push_back(*lengths);
  MLIRContext *context = node.getContext();
  SmallVector<NamedAttribute> attributes = {
      b.getNamedAttr("num_layers", b.getI64IntegerAttr(1)),
      b.getNamedAttr("num_units", b.getI64IntegerAttr(layer.hidden))};
  if (layer.directions == 2)
    attributes.push_back(b.getNamedAttr(
        "direction", DirectionAttr::get(context, Direction::bidirectional)));
  // ONNX's GRU default (0) applies the reset gate before R_h.
  if (layer.mode == Mode::gru && node.getInt("linear_before_reset", 0) == 0)
    attributes.push_back(
        b.getNamedAttr("linear_before_reset", b.getBoolAttr(false)));
  Operation *op;
  switch (layer.mode) {
  case Mode::lstm:
    op = LSTMOp::create(b, loc, resultTypes, operands, attributes);
    break;
  case Mode::gru:
    op = GRUOp::create(b, loc, resultTypes, operands, attributes);
    break;
  case Mode::rnn_tanh:
    op = RNNTanhOp::create(b, loc, resultTypes, operands, attributes);
    break;
  case Mode::rnn_relu:
    op = RNNReluOp::create(b, loc, resultTypes, operands, attributes);
    break;
  }

  Value y = op->getResult(0);
  if (layer.reverse)
    y = reverse(b, loc, y, 0, *lengths);
  if (node.hasOutput(0))
    node.setOutput(0, buildY(layer, y));
  for (int index = 1; index < static_cast<int>(op->getNumResults()); ++index) {
    Value state = op->getResult(index);
    if (layer.batchMajor)
      state = transpose(b, loc, state, {1, 0, 2});
    node.setOutput(index, state);
  }
  return llvm::Error::success();
}

} // namespace

void mlir::rnn::onnx_import::registerRecurrentNodes(NodeHandlerTable &table) {
  for (StringRef opType : {"LSTM", "GRU", "RNN"})
    table[opType] = {convertRecurrentNode, checkRecurrentNode};
}
