//===- Importer.h - ONNX graph to a func.func -------------------*- C++ -*-===//
//
// The graph walk of `rnn-translate --import-onnx`: one func.func @main whose
// arguments are the graph's non-initializer inputs and whose results are its
// outputs. Each node is imported by a converter registered under its op type
// (RecurrentNodes.cpp, ShapeNodes.cpp, ComputeNodes.cpp); a node whose
// inputs are all constants and whose converter can evaluate it on the host
// yields a constant, so shape computations fold away while importing.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_TRANSLATE_IMPORTER_H
#define RNN_TOOLS_RNN_TRANSLATE_IMPORTER_H

#include "ConstTensor.h"
#include "ModelFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>

namespace mlir::rnn::onnx_import {

/// An ONNX value while importing: host data, an MLIR value, or both (a
/// constant once it was materialized).
struct OnnxValue {
  Value value;
  std::shared_ptr<const ConstTensor> constant;
};

class GraphImporter;

/// One node being imported: its inputs, outputs and attributes, and the
/// builder positioned where its ops go.
class NodeImporter {
public:
  NodeImporter(GraphImporter &graph, const onnx::NodeProto &proto, int index);

  const onnx::NodeProto &getProto() const { return proto; }
  OpBuilder &getBuilder();
  Location getLoc() const { return loc; }
  MLIRContext *getContext();
  int64_t getOpset() const;
  const ModelFile *getModel() const;

  /// Whether input `index` is given (present and not the empty name).
  bool hasInput(int index) const;
  /// Input `index`, or an error naming it when it is missing or undefined.
  llvm::Expected<OnnxValue> getInput(int index) const;
  /// Input `index` as an MLIR value (constants are materialized).
  llvm::Expected<Value> getInputValue(int index);
  /// Input `index`'s host data, or an error saying that `what` must be a
  /// constant.
  llvm::Expected<std::shared_ptr<const ConstTensor>>
  getConstantInput(int index, llvm::StringRef what) const;
  /// Whether every given input is a constant.
  bool allInputsConstant() const;

  /// Whether output `index` is named (its value is wanted).
  bool hasOutput(int index) const;
  void setOutput(int index, Value value);
  void setOutput(int index, ConstTensor constant);

  const onnx::AttributeProto *getAttribute(llvm::StringRef name) const;
  int64_t getInt(llvm::StringRef name, int64_t defaultValue) const;
  float getFloat(llvm::StringRef name, float defaultValue) const;
  std::string getString(llvm::StringRef name,
                        llvm::StringRef defaultValue) const;
  std::optional<SmallVector<int64_t>> getInts(llvm::StringRef name) const;
  SmallVector<std::string> getStrings(llvm::StringRef name) const;

  /// "node 'NAME' (OP): MESSAGE".
  llvm::Error error(const llvm::Twine &message) const;
  /// The node's name for messages ('NAME', or #INDEX without a name).
  std::string describe() const;

  /// Materializes `value` (a constant becomes an arith.constant).
  Value materialize(const OnnxValue &value);

private:
  GraphImporter &graph;
  const onnx::NodeProto &proto;
  int index;
  Location loc;
};

/// A node for messages: 'NAME' (OP), or #INDEX (OP) when it has no name.
std::string describeNode(const onnx::NodeProto &proto, int index);

/// Imports one node (writes its outputs) or fails with one error.
using NodeConverter = llvm::Error (*)(NodeImporter &node);
/// Says why a node cannot be imported (empty: it can). Run over every node
/// before the import, so that one error lists every offending node.
using NodeChecker = std::string (*)(const onnx::NodeProto &node,
                                    const GraphImporter &graph);

struct NodeHandler {
  NodeConverter convert = nullptr;
  NodeChecker check = nullptr;
};
using NodeHandlerTable = llvm::StringMap<NodeHandler>;

void registerRecurrentNodes(NodeHandlerTable &table);
void registerShapeNodes(NodeHandlerTable &table);
void registerComputeNodes(NodeHandlerTable &table);

/// The graph walk.
class GraphImporter {
public:
  GraphImporter(MLIRContext *context, const ModelFile &model);

  /// Imports the whole graph into a new module.
  llvm::Expected<OwningOpRef<ModuleOp>> import();

  const ModelFile &getModel() const { return model; }
  OpBuilder &getBuilder() { return builder; }
  MLIRContext *getContext() { return context; }
  /// The value named `name`, if defined so far.
  const OnnxValue *lookup(llvm::StringRef name) const;
  void define(llvm::StringRef name, OnnxValue value);
  /// The host data of `name` if it is an initializer or the output of a
  /// Constant node (for the checks that run before the import).
  std::shared_ptr<const ConstTensor>
  lookupStaticConstant(llvm::StringRef name) const;
  Value materialize(const OnnxValue &value, llvm::StringRef nameHint);

private:
  llvm::Error defineInitializers();
  llvm::Error checkNodes(const NodeHandlerTable &handlers);
  llvm::Expected<func::FuncOp> createFunction(ModuleOp module);
  llvm::Error importNodes(const NodeHandlerTable &handlers);
  llvm::Error finishFunction(func::FuncOp func);

  MLIRContext *context;
  const ModelFile &model;
  OpBuilder builder;
  llvm::StringMap<OnnxValue> values;
  /// Constants of Constant nodes, by output name, for the checks.
  llvm::StringMap<std::shared_ptr<const ConstTensor>> constantNodes;
  /// arith.constant of each materialized host tensor; the tensors are kept
  /// alive here so that their addresses stay unique keys.
  llvm::DenseMap<const ConstTensor *, Value> materialized;
  std::vector<std::shared_ptr<const ConstTensor>> pinned;
};

} // namespace mlir::rnn::onnx_import

#endif // RNN_TOOLS_RNN_TRANSLATE_IMPORTER_H
