//===- ModelFile.h - Reading an ONNX model file ------------------*- C++
//-*-===//
//
// The protobuf side of the importer: parses a ModelProto with the protobuf
// library (Debian's libonnx-dev generated classes), checks the opset, and
// reads TensorProtos into ConstTensors, inline or from external data files,
// which must lie in the model's folder.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_TRANSLATE_MODELFILE_H
#define RNN_TOOLS_RNN_TRANSLATE_MODELFILE_H

#include "ConstTensor.h"

#include "llvm/Support/Error.h"

#include <onnx/onnx_pb.h>

#include <memory>
#include <string>

namespace mlir::rnn::onnx_import {

/// The largest tensor the importer reads (bytes), inline or external.
constexpr int64_t kMaxTensorBytes = int64_t(1) << 32;

/// A parsed model and where it came from.
struct ModelFile {
  onnx::ModelProto proto;
  /// The folder holding the model: external data files must be inside.
  std::string folder;
  /// The default-domain opset version.
  int64_t opset = 0;
};

/// Reads and parses `path`, checking that it is an ONNX model with a graph
/// and a default-domain opset in 7..22.
llvm::Expected<std::unique_ptr<ModelFile>> readModelFile(llvm::StringRef path);

/// The data of `tensor` (an initializer or a Constant node's value).
llvm::Expected<ConstTensor> readTensor(const onnx::TensorProto &tensor,
                                       const ModelFile &model);

} // namespace mlir::rnn::onnx_import

#endif // RNN_TOOLS_RNN_TRANSLATE_MODELFILE_H
