//===- Importer.cpp - ONNX graph to a func.func ---------------------------===//

#include "Importer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/Twine.h"

using namespace mlir;
using namespace mlir::rnn::onnx_import;

/// Constants of at least this many bytes become dense resources.
static constexpr int64_t kResourceThreshold = 4096;

//===----------------------------------------------------------------------===//
// NodeImporter
//===----------------------------------------------------------------------===//

static Location getNodeLoc(MLIRContext *context, const onnx::NodeProto &proto) {
  std::string name = proto.name().empty() ? proto.op_type() : proto.name();
  return NameLoc::get(StringAttr::get(context, name));
}

NodeImporter::NodeImporter(GraphImporter &graph, const onnx::NodeProto &proto,
                           int index)
    : graph(graph), proto(proto), index(index),
      loc(getNodeLoc(graph.getContext(), proto)) {}

std::string mlir::rnn::onnx_import::describeNode(const onnx::NodeProto &proto,
                                                 int index) {
  std::string name = proto.name().empty() ? "#" + std::to_string(index)
                                          : "'" + proto.name() + "'";
  return name + " (" + proto.op_type() + ")";
}

OpBuilder &NodeImporter::getBuilder() { return graph.getBuilder(); }
MLIRContext *NodeImporter::getContext() { return graph.getContext(); }
int64_t NodeImporter::getOpset() const { return graph.getModel().opset; }
const ModelFile *NodeImporter::getModel() const { return &graph.getModel(); }

std::string NodeImporter::describe() const {
  return describeNode(proto, index);
}

llvm::Error NodeImporter::error(const llvm::Twine &message) const {
  return llvm::createStringError("node " + describe() + ": " + message);
}

bool NodeImporter::hasInput(int index) const {
  return index < proto.input_size() && !proto.input(index).empty();
}

llvm::Expected<OnnxValue> NodeImporter::getInput(int index) const {
  if (!hasInput(index))
    return error("input " + llvm::Twine(index) + " is missing");
  const OnnxValue *value = graph.lookup(proto.input(index));
  if (!value)
    return error("input '" + proto.input(index) +
                 "' is not defined (no graph input, initializer or earlier "
                 "node produces it)");
  return *value;
}

llvm::Expected<Value> NodeImporter::getInputValue(int index) {
  llvm::Expected<OnnxValue> value = getInput(index);
  if (!value)
    return value.takeError();
  return materialize(*value);
}

llvm::Expected<std::shared_ptr<const ConstTensor>>
NodeImporter::getConstantInput(int index, StringRef what) const {
  llvm::Expected<OnnxValue> value = getInput(index);
  if (!value)
    return value.takeError();
  if (!value->constant)
    return error(what + " ('" + proto.input(index) +
                 "') must be a constant (an initializer or computed from "
                 "constants)");
  return value->constant;
}

bool NodeImporter::allInputsConstant() const {
  for (int i = 0, e = proto.input_size(); i < e; ++i) {
    if (!hasInput(i))
      continue;
    const OnnxValue *value = graph.lookup(proto.input(i));
    if (!value || !value->constant)
      return false;
  }
  return true;
}

bool NodeImporter::hasOutput(int index) const {
  return index < proto.output_size() && !proto.output(index).empty();
}

void NodeImporter::setOutput(int index, Value value) {
  if (hasOutput(index))
    graph.define(proto.output(index), OnnxValue{value, nullptr});
}

void NodeImporter::setOutput(int index, ConstTensor constant) {
  if (hasOutput(index))
    graph.define(proto.output(index),
                 OnnxValue{Value(), std::make_shared<const ConstTensor>(
                                        std::move(constant))});
}

Value NodeImporter::materialize(const OnnxValue &value) {
  return graph.materialize(value, proto.name());
}

const onnx::AttributeProto *NodeImporter::getAttribute(StringRef name) const {
  for (const onnx::AttributeProto &attribute : proto.attribute())
    if (attribute.name() == name)
      return &attribute;
  return nullptr;
}

int64_t NodeImporter::getInt(StringRef name, int64_t defaultValue) const {
  const onnx::AttributeProto *attribute = getAttribute(name);
  return attribute ? attribute->i() : defaultValue;
}

float NodeImporter::getFloat(StringRef name, float defaultValue) const {
  const onnx::AttributeProto *attribute = getAttribute(name);
  return attribute ? attribute->f() : defaultValue;
}

std::string NodeImporter::getString(StringRef name,
                                    StringRef defaultValue) const {
  const onnx::AttributeProto *attribute = getAttribute(name);
  return attribute ? attribute->s() : std::string(defaultValue);
}

std::optional<SmallVector<int64_t>>
NodeImporter::getInts(StringRef name) const {
  const onnx::AttributeProto *attribute = getAttribute(name);
  if (!attribute)
    return std::nullopt;
  return SmallVector<int64_t>(attribute->ints().begin(),
                              attribute->ints().end());
}

SmallVector<std::string> NodeImporter::getStrings(StringRef name) const {
  const onnx::AttributeProto *attribute = getAttribute(name);
  if (!attribute)
    return {};
  return SmallVector<std::string>(attribute->strings().begin(),
                                  attribute->strings().end());
}

//===----------------------------------------------------------------------===//
// GraphImporter
//===----------------------------------------------------------------------===//

GraphImporter::GraphImporter(MLIRContext *context, const ModelFile &model)
    : context(context), model(model), builder(context) {}

const OnnxValue *GraphImporter::lookup(StringRef name) const {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

void GraphImporter::define(StringRef name, OnnxValue value) {
  values[name] = std::move(value);
}

std::shared_ptr<const ConstTensor>
GraphImporter::lookupStaticConstant(StringRef name) const {
  if (const OnnxValue *value = lookup(name))
    return value->constant;
  auto it = constantNodes.find(name);
  return it == constantNodes.end() ? nullptr : it->second;
}

/// `name` made into a resource key: letters, digits and '_' only.
static std::string getResourceName(StringRef name) {
  std::string key = "onnx_";
  for (char c : name)
    key += llvm::isAlnum(c) ? c : '_';
  return key;
}

Value GraphImporter::materialize(const OnnxValue &value, StringRef nameHint) {
  if (value.value || !value.constant)
    return value.value;
  auto it = materialized.find(value.constant.get());
  if (it != materialized.end())
    return it->second;
  ElementsAttr attr = value.constant->toAttr(context, getResourceName(nameHint),
                                             kResourceThreshold);
  Value constant =
      arith::ConstantOp::create(builder, builder.getUnknownLoc(), attr);
  materialized[value.constant.get()] = constant;
  pinned.push_back(value.constant);
  return constant;
}

llvm::Error GraphImporter::defineInitializers() {
  for (const onnx::TensorProto &initializer :
       model.proto.graph().initializer()) {
    llvm::Expected<ConstTensor> data = readTensor(initializer, model);
    if (!data)
      return llvm::createStringError("initializer: " +
                                     llvm::toString(data.takeError()));
    define(initializer.name(),
           OnnxValue{Value(),
                     std::make_shared<const ConstTensor>(std::move(*data))});
  }
  return llvm::Error::success();
}

llvm::Error GraphImporter::checkNodes(const NodeHandlerTable &handlers) {
  const onnx::GraphProto &graph = model.proto.graph();
  for (const onnx::NodeProto &node : graph.node()) {
    if (node.op_type() != "Constant" || node.output_size() != 1)
      continue;
    for (const onnx::AttributeProto &attribute : node.attribute()) {
      if (attribute.name() != "value" || !attribute.has_t())
        continue;
      llvm::Expected<ConstTensor> data = readTensor(attribute.t(), model);
      if (!data) {
        llvm::consumeError(data.takeError());
        continue;
      }
      constantNodes[node.output(0)] =
          std::make_shared<const ConstTensor>(std::move(*data));
    }
  }

  SmallVector<std::string> offences;
  for (auto [index, node] : llvm::enumerate(graph.node())) {
    std::string what = describeNode(node, index);
    if (!node.domain().empty() && node.domain() != "ai.onnx") {
      offences.push_back(what + ": domain '" + node.domain() +
                         "' is not supported");
      continue;
    }
    auto it = handlers.find(node.op_type());
    if (it == handlers.end()) {
      offences.push_back(what + ": op type not supported");
      continue;
    }
    if (it->second.check) {
      std::string why = it->second.check(node, *this);
      if (!why.empty())
        offences.push_back(what + ": " + why);
    }
  }
  if (offences.empty())
    return llvm::Error::success();
  std::string message = llvm::Twine(offences.size()).str() +
                        (offences.size() == 1 ? " node" : " nodes") +
                        " cannot be imported: ";
  message += llvm::join(offences, "; ");
  return llvm::createStringError(message);
}

/// The MLIR type of a graph input.
static llvm::Expected<RankedTensorType>
getInputType(MLIRContext *context, const onnx::ValueInfoProto &info) {
  auto fail = [&](const llvm::Twine &why) {
    return llvm::createStringError("graph input '" + info.name() + "' " + why);
  };
  if (!info.type().has_tensor_type())
    return fail("is not a tensor");
  const onnx::TypeProto::Tensor &tensor = info.type().tensor_type();
  llvm::Expected<ElementKind> kind = getElementKindOfONNX(tensor.elem_type());
  if (!kind)
    return fail(": " + llvm::toString(kind.takeError()));
  if (!tensor.has_shape())
    return fail("has no shape (its rank must be known)");
  SmallVector<int64_t> shape;
  for (const onnx::TensorShapeProto::Dimension &dim : tensor.shape().dim()) {
    if (dim.has_dim_value() && dim.dim_value() < 0)
      return fail("has a negative dimension");
    shape.push_back(dim.has_dim_value() ? dim.dim_value()
                                        : ShapedType::kDynamic);
  }
  return RankedTensorType::get(shape, getElementType(context, *kind));
}

llvm::Expected<func::FuncOp> GraphImporter::createFunction(ModuleOp module) {
  const onnx::GraphProto &graph = model.proto.graph();
  SmallVector<Type> argumentTypes;
  SmallVector<std::string> argumentNames;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    if (lookup(input.name()))
      continue; // An initializer listed as an input (IR version < 4).
    llvm::Expected<RankedTensorType> type = getInputType(context, input);
    if (!type)
      return type.takeError();
    argumentTypes.push_back(*type);
    argumentNames.push_back(input.name());
  }
  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(builder, module.getLoc(), "main",
                                   builder.getFunctionType(argumentTypes, {}));
  Block *body = func.addEntryBlock();
  for (auto [index, name] : llvm::enumerate(argumentNames)) {
    func.setArgAttr(index, "rnn.name", builder.getStringAttr(name));
    define(name, OnnxValue{body->getArgument(index), nullptr});
  }
  builder.setInsertionPointToEnd(body);
  return func;
}

llvm::Error GraphImporter::importNodes(const NodeHandlerTable &handlers) {
  for (auto [index, proto] : llvm::enumerate(model.proto.graph().node())) {
    NodeImporter node(*this, proto, index);
    if (llvm::Error error = handlers.lookup(proto.op_type()).convert(node))
      return error;
    for (int i = 0, e = proto.output_size(); i < e; ++i)
      if (!proto.output(i).empty() && !lookup(proto.output(i)))
        return node.error("output " + llvm::Twine(i) + " ('" + proto.output(i) +
                          "') is not supported");
  }
  return llvm::Error::success();
}

llvm::Error GraphImporter::finishFunction(func::FuncOp func) {
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &output : model.proto.graph().output()) {
    const OnnxValue *value = lookup(output.name());
    if (!value)
      return llvm::createStringError("graph output '" + output.name() +
                                     "' is not produced by any node");
    results.push_back(materialize(*value, output.name()));
  }
  if (results.empty())
    return llvm::createStringError("the graph has no outputs");
  func::ReturnOp::create(builder, func.getLoc(), results);
  func.setType(builder.getFunctionType(func.getArgumentTypes(),
                                       ValueRange(results).getTypes()));
  return llvm::Error::success();
}

llvm::Expected<OwningOpRef<ModuleOp>> GraphImporter::import() {
  NodeHandlerTable handlers;
  registerRecurrentNodes(handlers);
  registerShapeNodes(handlers);
  registerComputeNodes(handlers);

  if (llvm::Error error = defineInitializers())
    return std::move(error);
  if (llvm::Error error = checkNodes(handlers))
    return std::move(error);
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(context));
  llvm::Expected<func::FuncOp> func = createFunction(*module);
  if (!func)
    return func.takeError();
  if (llvm::Error error = importNodes(handlers))
    return std::move(error);
  if (llvm::Error error = finishFunction(*func))
    return std::move(error);
  return module;
}
