//===- ModelFile.cpp - Reading an ONNX model file -------------------------===//

#include "ModelFile.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <climits>
#include <cstring>

using namespace mlir;
using namespace mlir::rnn::onnx_import;

llvm::Expected<std::unique_ptr<ModelFile>>
mlir::rnn::onnx_import::readModelFile(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError("cannot read the file: " +
                                   buffer.getError().message());
  StringRef bytes = (*buffer)->getBuffer();
  if (bytes.size() >= static_cast<size_t>(INT_MAX))
    return llvm::createStringError(
        "the file is 2 GiB or larger: protobuf cannot parse it (save the "
        "weights as external data)");

  auto model = std::make_unique<ModelFile>();
  google::protobuf::io::ArrayInputStream raw(bytes.data(),
                                             static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream coded(&raw);
  coded.SetRecursionLimit(64);
  if (!model->proto.ParseFromCodedStream(&coded) ||
      !coded.ConsumedEntireMessage())
    return llvm::createStringError(
        "not an ONNX model (protobuf ModelProto parse failed)");
  if (!model->proto.has_graph() || model->proto.graph().node_size() == 0)
    return llvm::createStringError("not an ONNX model (no graph nodes)");

  bool found = false;
  for (const onnx::OperatorSetIdProto &opset : model->proto.opset_import()) {
    if (!opset.domain().empty() && opset.domain() != "ai.onnx")
      continue;
    model->opset = opset.version();
    found = true;
  }
  if (!found)
    return llvm::createStringError("the model imports no default-domain "
                                   "opset");
  if (model->opset < 7 || model->opset > 22)
    return llvm::createStringError("the model uses opset " +
                                   llvm::Twine(model->opset) +
                                   "; opsets 7-22 are supported");

  SmallString<256> folder(path);
  llvm::sys::path::remove_filename(folder);
  if (folder.empty())
    folder = ".";
  model->folder = std::string(folder);
  return model;
}

namespace {

/// Where a tensor's external data is: a file inside the model's folder, an
/// offset and a length in bytes.
struct ExternalLocation {
  std::string path;
  int64_t offset = 0;
  int64_t length = -1;
};

llvm::Expected<int64_t> parseSize(StringRef key, StringRef text) {
  int64_t value;
  if (text.getAsInteger(10, value) || value < 0)
    return llvm::createStringError("external data " + key + " '" + text +
                                   "' is not a non-negative integer");
  return value;
}

/// Resolves `location` against the model's folder: relative, no `..`
/// component, and (after following links) still inside the folder.
llvm::Expected<std::string> resolveLocation(StringRef location,
                                            StringRef folder) {
  if (location.empty())
    return llvm::createStringError("external data has no location");
  if (llvm::sys::path::is_absolute(location) || location.starts_with("/") ||
      location.contains('\\'))
    return llvm::createStringError("external data location '" + location +
                                   "' must be a relative path beside the "
                                   "model");
  for (StringRef part : llvm::make_range(llvm::sys::path::begin(location),
                                         llvm::sys::path::end(location)))
    if (part == "..")
      return llvm::createStringError("external data location '" + location +
                                     "' must not contain '..'");
  SmallString<256> joined(folder);
  llvm::sys::path::append(joined, location);
  SmallString<256> real, realFolder;
  if (llvm::sys::fs::real_path(joined, real) ||
      llvm::sys::fs::real_path(folder, realFolder))
    return llvm::createStringError("external data file '" + location +
                                   "' does not exist beside the model");
  if (!StringRef(real).starts_with(StringRef(realFolder.str().str() + "/")))
    return llvm::createStringError("external data file '" + location +
                                   "' is outside the model's folder");
  if (!llvm::sys::fs::is_regular_file(real))
    return llvm::createStringError("external data '" + location +
                                   "' is not a regular file");
  return std::string(real);
}

llvm::Expected<ExternalLocation>
getExternalLocation(const onnx::TensorProto &tensor, StringRef folder) {
  ExternalLocation where;
  std::string location;
  for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
    if (entry.key() == "location") {
      location = entry.value();
    } else if (entry.key() == "offset") {
      llvm::Expected<int64_t> value = parseSize("offset", entry.value());
      if (!value)
        return value.takeError();
      where.offset = *value;
    } else if (entry.key() == "length") {
      llvm::Expected<int64_t> value = parseSize("length", entry.value());
      if (!value)
        return value.takeError();
      where.length = *value;
    }
  }
  llvm::Expected<std::string> path = resolveLocation(location, folder);
  if (!path)
    return path.takeError();
  where.path = *path;
  return where;
}

/// Reads `bytes` bytes of external data into `out`.
llvm::Error readExternal(const onnx::TensorProto &tensor, StringRef folder,
                         MutableArrayRef<char> out) {
  llvm::Expected<ExternalLocation> where = getExternalLocation(tensor, folder);
  if (!where)
    return where.takeError();
  int64_t bytes = out.size();
  if (where->length >= 0 && where->length != bytes)
    return llvm::createStringError(
        "external data length " + llvm::Twine(where->length) +
        " does not match the tensor's " + llvm::Twine(bytes) + " bytes");
  uint64_t fileSize;
  if (llvm::sys::fs::file_size(where->path, fileSize))
    return llvm::createStringError("cannot read external data '" + where->path +
                                   "'");
  if (where->offset > static_cast<int64_t>(fileSize) ||
      bytes > static_cast<int64_t>(fileSize) - where->offset)
    return llvm::createStringError(
        "external data '" + llvm::sys::path::filename(where->path) + "' has " +
        llvm::Twine(fileSize) + " bytes, fewer than offset " +
        llvm::Twine(where->offset) + " + " + llvm::Twine(bytes));
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFileSlice(where->path, bytes, where->offset);
  if (!buffer)
    return llvm::createStringError("cannot read external data '" + where->path +
                                   "'");
  std::memcpy(out.data(), (*buffer)->getBufferStart(), bytes);
  return llvm::Error::success();
}

/// Copies the typed repeated field `values` into `out`, converting each
/// element to `T`; its count must be `count`.
template <typename T, typename Field>
llvm::Error copyField(const Field &values, int64_t count,
                      MutableArrayRef<char> out) {
  if (values.size() != count)
    return llvm::createStringError("has " + llvm::Twine(values.size()) +
                                   " elements, its shape needs " +
                                   llvm::Twine(count));
  for (int64_t i = 0; i < count; ++i) {
    T value = static_cast<T>(values.Get(i));
    std::memcpy(out.data() + i * sizeof(T), &value, sizeof(T));
  }
  return llvm::Error::success();
}

llvm::Error readInline(const onnx::TensorProto &tensor, ElementKind kind,
                       int64_t count, MutableArrayRef<char> out) {
  if (tensor.has_raw_data()) {
    if (static_cast<int64_t>(tensor.raw_data().size()) !=
        static_cast<int64_t>(out.size()))
      return llvm::createStringError(
          "has " + llvm::Twine(tensor.raw_data().size()) +
          " bytes of raw data, its shape needs " + llvm::Twine(out.size()));
    std::memcpy(out.data(), tensor.raw_data().data(), out.size());
    return llvm::Error::success();
  }
  switch (kind) {
  case ElementKind::F32:
    return copyField<float>(tensor.float_data(), count, out);
  case ElementKind::F64:
    return copyField<double>(tensor.double_data(), count, out);
  case ElementKind::I32:
    return copyField<int32_t>(tensor.int32_data(), count, out);
  case ElementKind::I64:
    return copyField<int64_t>(tensor.int64_data(), count, out);
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<ConstTensor>
mlir::rnn::onnx_import::readTensor(const onnx::TensorProto &tensor,
                                   const ModelFile &model) {
  auto fail = [&](llvm::Error error) -> llvm::Error {
    return llvm::createStringError("tensor '" + tensor.name() +
                                   "': " + llvm::toString(std::move(error)));
  };
  llvm::Expected<ElementKind> kind = getElementKindOfONNX(tensor.data_type());
  if (!kind)
    return fail(kind.takeError());
  SmallVector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  llvm::Expected<int64_t> count =
      checkedNumElements(shape, getElementBytes(*kind), kMaxTensorBytes);
  if (!count)
    return fail(count.takeError());
  ConstTensor result(*kind, shape);
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    if (llvm::Error error =
            readExternal(tensor, model.folder, result.getMutableBytes()))
      return fail(std::move(error));
    return result;
  }
  if (llvm::Error error =
          readInline(tensor, *kind, *count, result.getMutableBytes()))
    return fail(std::move(error));
  return result;
}
