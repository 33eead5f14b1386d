//===- NpyIO.cpp - Reading and writing NumPy .npy files -------------------===//
//
// Format reference: numpy/lib/format.py (NEP 1). The header dictionary is a
// Python literal; this parser accepts exactly what numpy writes and reads:
// the three keys 'descr', 'fortran_order' and 'shape', each once, in any
// order, with optional whitespace and a trailing comma.
//
//===----------------------------------------------------------------------===//

#include "NpyIO.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>

#include <unistd.h>

using namespace mlir::rnn::run;

/// The 6 magic bytes every .npy file starts with.
static constexpr llvm::StringLiteral kMagic("\x93NUMPY");

/// The .npy `descr` string each element type is written as (little-endian
/// host). i8 is written as uint8 (`|u1`): the i8 tensors rnn ops return are
/// reserves, opaque bytes that frameworks keep as uint8 (PyTorch's cuDNN
/// reserve, numpy's byte buffers). numpy has no bfloat16: bf16 is the 2-byte
/// void `|V2` holding the little-endian bfloat16 bits, which is what
/// np.save writes for an ml_dtypes.bfloat16 array (np.load(f).view(
/// ml_dtypes.bfloat16) reads it back).
static llvm::StringRef getDescr(ElementType type) {
  switch (type) {
  case ElementType::F16:
    return "<f2";
  case ElementType::BF16:
    return "|V2";
  case ElementType::F32:
    return "<f4";
  case ElementType::F64:
    return "<f8";
  case ElementType::I1:
    return "|b1";
  case ElementType::I8:
    return "|u1";
  case ElementType::I16:
    return "<i2";
  case ElementType::I32:
    return "<i4";
  case ElementType::I64:
    return "<i8";
  }
  llvm_unreachable("unknown element type");
}

/// The element type of a .npy `descr` string, if supported: the descr each
/// type is written as, `|i1` (int8) for i8 as well, since an i8 tensor is
/// bytes of either sign, and `<V2` for bf16 as well (a void has no byte
/// order; some writers spell it `<`).
static std::optional<ElementType>
getElementTypeForDescr(llvm::StringRef descr) {
  if (descr == "|i1")
    return ElementType::I8;
  if (descr == "<V2")
    return ElementType::BF16;
  for (ElementType type :
       {ElementType::F16, ElementType::BF16, ElementType::F32, ElementType::F64,
        ElementType::I1, ElementType::I8, ElementType::I16, ElementType::I32,
        ElementType::I64})
    if (getDescr(type) == descr)
      return type;
  return std::nullopt;
}

/// `text` with every byte outside printable ASCII written as `\xNN`, so that
/// an error message stays one line of text.
static std::string printable(llvm::StringRef text) {
  std::string result;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f) {
      result += c;
      continue;
    }
    const char *digits = "0123456789abcdef";
    result += "\\x";
    result += digits[c >> 4];
    result += digits[c & 15];
  }
  return result;
}

/// Formats a shape as the Python tuple numpy writes: `()`, `(5,)`, `(2, 3)`.
static std::string formatShapeTuple(llvm::ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (auto [index, size] : llvm::enumerate(shape))
    text += (index ? ", " : "") + std::to_string(size);
  if (shape.size() == 1)
    text += ",";
  return text + ")";
}

namespace {
/// The decoded header dictionary of a .npy file.
struct NpyHeader {
  ElementType elementType;
  /// The file's dtype as written (`|i1` and `|u1` are both i8).
  std::string descr;
  llvm::SmallVector<int64_t, 4> shape;
};

/// A strict parser of the header dictionary literal.
class NpyHeaderParser {
public:
  explicit NpyHeaderParser(llvm::StringRef text) : rest(text) {}

  /// Parses the whole header; the error text does not name the file.
  llvm::Expected<NpyHeader> parse();

private:
  void skipWhitespace() { rest = rest.ltrim(" \t\r\n"); }
  bool consume(llvm::StringRef token) {
    skipWhitespace();
    return rest.consume_front(token);
  }
  llvm::Error expected(llvm::StringRef what) const {
    std::string found = printable(rest.take_front(20).rtrim(" \t\r\n"));
    return llvm::createStringError("malformed header: expected " + what +
                                   " at '" + (found.empty() ? "<end>" : found) +
                                   "'");
  }

  llvm::Expected<std::string> parseString();
  llvm::Expected<bool> parseBool();
  llvm::Expected<llvm::SmallVector<int64_t, 4>> parseShapeTuple();

  llvm::StringRef rest;
};
} // namespace

llvm::Expected<std::string> NpyHeaderParser::parseString() {
  skipWhitespace();
  if (rest.empty() || (rest.front() != '\'' && rest.front() != '"'))
    return expected("a quoted string");
  char quote = rest.front();
  size_t end = rest.find(quote, 1);
  if (end == llvm::StringRef::npos)
    return expected("a closing quote");
  llvm::StringRef value = rest.slice(1, end);
  if (value.contains('\\'))
    return expected("a string without escapes");
  rest = rest.drop_front(end + 1);
  return value.str();
}

llvm::Expected<bool> NpyHeaderParser::parseBool() {
  if (consume("True"))
    return true;
  if (consume("False"))
    return false;
  return expected("True or False");
}

llvm::Expected<llvm::SmallVector<int64_t, 4>>
NpyHeaderParser::parseShapeTuple() {
  if (!consume("("))
    return expected("a shape tuple");
  llvm::SmallVector<int64_t, 4> shape;
  bool trailingComma = false;
  while (!consume(")")) {
    if (!shape.empty() && !trailingComma)
      return expected("',' or ')' in the shape tuple");
    skipWhitespace();
    size_t digits = rest.find_first_not_of("0123456789");
    if (digits == 0 || rest.empty())
      return expected("a non-negative integer in the shape tuple");
    llvm::StringRef number = rest.take_front(digits);
    rest = rest.drop_front(number.size());
    rest.consume_front("L"); // Python 2 longs, written by old numpy.
    uint64_t size;
    if (number.getAsInteger(10, size) ||
        size > static_cast<uint64_t>(INT64_MAX))
      return expected("a dimension that fits in int64");
    shape.push_back(size);
    trailingComma = consume(",");
  }
  // `(5)` is the integer 5 in Python, not a 1-tuple.
  if (shape.size() == 1 && !trailingComma)
    return llvm::createStringError("malformed header: shape (" +
                                   std::to_string(shape.front()) +
                                   ") is not a tuple, numpy writes (" +
                                   std::to_string(shape.front()) + ",)");
  return shape;
}

llvm::Expected<NpyHeader> NpyHeaderParser::parse() {
  if (!consume("{"))
    return expected("'{'");
  std::optional<ElementType> elementType;
  std::string descrText;
  std::optional<bool> fortranOrder;
  std::optional<llvm::SmallVector<int64_t, 4>> shape;
  bool needSeparator = false;
  while (!consume("}")) {
    if (needSeparator)
      return expected("',' or '}'");
    llvm::Expected<std::string> key = parseString();
    if (!key)
      return key.takeError();
    if (!consume(":"))
      return expected("':' after '" + *key + "'");
    auto duplicate = [&]() {
      return llvm::createStringError("malformed header: key '" + *key +
                                     "' appears twice");
    };
    if (*key == "descr") {
      if (elementType)
        return duplicate();
      llvm::Expected<std::string> descr = parseString();
      if (!descr)
        return descr.takeError();
      elementType = getElementTypeForDescr(*descr);
      descrText = *descr;
      if (!elementType)
        return llvm::createStringError(
            "dtype '" + printable(*descr) +
            "' is not supported (<f2 <f4 <f8 |b1 |i1 |u1 <i2 <i4 <i8 are)");
    } else if (*key == "fortran_order") {
      if (fortranOrder)
        return duplicate();
      llvm::Expected<bool> value = parseBool();
      if (!value)
        return value.takeError();
      fortranOrder = *value;
    } else if (*key == "shape") {
      if (shape)
        return duplicate();
      llvm::Expected<llvm::SmallVector<int64_t, 4>> value = parseShapeTuple();
      if (!value)
        return value.takeError();
      shape = std::move(*value);
    } else {
      return llvm::createStringError("malformed header: unknown key '" +
                                     printable(*key) + "'");
    }
    needSeparator = !consume(",");
  }
  skipWhitespace();
  if (!rest.empty())
    return expected("the end of the header");
  for (auto [present, name] :
       {std::pair(elementType.has_value(), "descr"),
        std::pair(fortranOrder.has_value(), "fortran_order"),
        std::pair(shape.has_value(), "shape")})
    if (!present)
      return llvm::createStringError(std::string("malformed header: key '") +
                                     name + "' is missing");
  if (*fortranOrder)
    return llvm::createStringError(
        "arrays in Fortran order are not supported; save a C-order array "
        "(numpy.ascontiguousarray)");
  return NpyHeader{*elementType, std::move(descrText), std::move(*shape)};
}

/// Prefixes the message of `error` with `fileName: `.
static llvm::Error nameFile(llvm::StringRef fileName, llvm::Error error) {
  return llvm::createStringError(fileName + ": " +
                                 llvm::toString(std::move(error)));
}

namespace {
/// Where the data of a .npy file starts and how long it is.
struct NpyLayout {
  NpyHeader header;
  uint64_t dataOffset;
  uint64_t dataBytes;
};
} // namespace

/// Parses and checks everything of a .npy file before its data: magic,
/// version, header length and header; errors do not name the file.
static llvm::Expected<NpyLayout> parseNpyPrefix(llvm::StringRef contents) {
  if (contents.empty())
    return llvm::createStringError("empty file, not a .npy file");
  if (!contents.starts_with(kMagic)) {
    if (kMagic.starts_with(contents))
      return llvm::createStringError("truncated .npy header");
    return llvm::createStringError("not a .npy file (bad magic string)");
  }
  if (contents.size() < 10)
    return llvm::createStringError("truncated .npy header");
  uint8_t major = contents[6], minor = contents[7];
  if (major < 1 || major > 3 || minor != 0)
    return llvm::createStringError(
        "unsupported .npy format version " + std::to_string(major) + "." +
        std::to_string(minor) + " (1.0, 2.0 and 3.0 are supported)");
  size_t lengthBytes = major == 1 ? 2 : 4;
  size_t headerStart = 8 + lengthBytes;
  if (contents.size() < headerStart)
    return llvm::createStringError("truncated .npy header");
  uint64_t headerLength = 0;
  for (size_t i = 0; i < lengthBytes; ++i)
    headerLength |= uint64_t(uint8_t(contents[8 + i])) << (8 * i);
  if (contents.size() - headerStart < headerLength)
    return llvm::createStringError(
        "truncated .npy header (header length " + std::to_string(headerLength) +
        ", file has " + std::to_string(contents.size() - headerStart) +
        " bytes after the length field)");
  llvm::StringRef headerText = contents.substr(headerStart, headerLength);
  if (!headerText.ends_with("\n"))
    return llvm::createStringError(
        "malformed header: it does not end with a newline");
  if (major < 3 && llvm::any_of(headerText, [](char c) { return c & 0x80; }))
    return llvm::createStringError(
        "malformed header: non-ASCII text in a version " +
        std::to_string(major) + ".0 header");

  llvm::Expected<NpyHeader> header = NpyHeaderParser(headerText).parse();
  if (!header)
    return header.takeError();

  uint64_t dataBytes = getElementSize(header->elementType);
  for (int64_t size : header->shape)
    if (__builtin_mul_overflow(dataBytes, static_cast<uint64_t>(size),
                               &dataBytes))
      return llvm::createStringError(
          "shape " + formatShapeTuple(header->shape) + " overflows");
  return NpyLayout{std::move(*header), headerStart + headerLength, dataBytes};
}

/// Parses the contents of a .npy file; errors do not name the file.
static llvm::Expected<HostTensor> parseNpyContents(llvm::StringRef contents) {
  llvm::Expected<NpyLayout> layout = parseNpyPrefix(contents);
  if (!layout)
    return layout.takeError();
  NpyHeader *header = &layout->header;
  uint64_t dataBytes = layout->dataBytes;
  llvm::StringRef payload = contents.drop_front(layout->dataOffset);
  if (payload.size() < dataBytes)
    return llvm::createStringError(
        "truncated data: shape " + formatShapeTuple(header->shape) + " of " +
        header->descr + " needs " + std::to_string(dataBytes) +
        " bytes, the file has " + std::to_string(payload.size()));
  if (payload.size() > dataBytes)
    return llvm::createStringError(
        std::to_string(payload.size() - dataBytes) +
        " bytes of unexpected data after the array of shape " +
        formatShapeTuple(header->shape));

  llvm::Expected<HostTensor> tensor =
      HostTensor::allocate(header->elementType, header->shape);
  if (!tensor)
    return tensor.takeError();
  if (dataBytes)
    std::memcpy(tensor->getData(), payload.data(), dataBytes);
  return tensor;
}

llvm::Expected<HostTensor> mlir::rnn::run::parseNpy(llvm::StringRef contents,
                                                    llvm::StringRef fileName) {
  llvm::Expected<HostTensor> tensor = parseNpyContents(contents);
  if (!tensor)
    return nameFile(fileName, tensor.takeError());
  return tensor;
}

/// Reads a file that is not a regular file (a pipe, a device) without
/// trusting it to end: the prefix, the header it announces and the data the
/// header describes, plus one byte to detect trailing data, and never more.
/// What it returns goes through parseNpyContents like a regular file.
static llvm::Expected<std::string> readNpyStream(int fd) {
  std::string contents;
  auto readUpTo = [&](uint64_t total) -> std::error_code {
    char buffer[65536];
    while (contents.size() < total) {
      size_t chunk =
          std::min<uint64_t>(sizeof(buffer), total - contents.size());
      ssize_t count = ::read(fd, buffer, chunk);
      if (count < 0 && errno == EINTR)
        continue;
      if (count < 0)
        return std::error_code(errno, std::generic_category());
      if (count == 0)
        break;
      contents.append(buffer, count);
    }
    return {};
  };
  // Magic, version and the longest length field.
  if (std::error_code error = readUpTo(12))
    return llvm::errorCodeToError(error);
  if (contents.size() < 10 || !llvm::StringRef(contents).starts_with(kMagic))
    return contents;
  uint8_t major = contents[6];
  size_t lengthBytes = major == 1 ? 2 : 4;
  uint64_t headerLength = 0;
  for (size_t i = 0; i < lengthBytes && 8 + i < contents.size(); ++i)
    headerLength |= uint64_t(uint8_t(contents[8 + i])) << (8 * i);
  // numpy writes headers of a few hundred bytes; a longer one is reported
  // as truncated rather than read.
  if (headerLength > (1u << 20))
    return contents;
  if (std::error_code error = readUpTo(8 + lengthBytes + headerLength))
    return llvm::errorCodeToError(error);
  llvm::Expected<NpyLayout> layout = parseNpyPrefix(contents);
  if (!layout) {
    llvm::consumeError(layout.takeError());
    return contents;
  }
  uint64_t limit = getHostMemoryLimit();
  if (layout->dataBytes > limit)
    return llvm::createStringError(
        "out of memory: shape " + formatShapeTuple(layout->header.shape) +
        " of " + layout->header.descr + " needs " +
        std::to_string(layout->dataBytes) + " bytes, this machine has " +
        std::to_string(limit) + " bytes of memory and swap");
  if (std::error_code error =
          readUpTo(layout->dataOffset + layout->dataBytes + 1))
    return llvm::errorCodeToError(error);
  return contents;
}

llvm::Expected<HostTensor> mlir::rnn::run::readNpyFile(llvm::StringRef path) {
  auto cannotRead = [&](std::error_code error) {
    return llvm::createStringError("cannot read '" + path +
                                   "': " + error.message());
  };
  llvm::sys::fs::file_status status;
  if (std::error_code error = llvm::sys::fs::status(path, status))
    return cannotRead(error);
  if (status.type() == llvm::sys::fs::file_type::directory_file)
    return cannotRead(std::make_error_code(std::errc::is_a_directory));
  if (status.type() != llvm::sys::fs::file_type::regular_file) {
    int fd;
    if (std::error_code error = llvm::sys::fs::openFileForRead(path, fd))
      return cannotRead(error);
    llvm::Expected<std::string> contents = readNpyStream(fd);
    ::close(fd);
    if (!contents)
      return nameFile(path, contents.takeError());
    return parseNpy(*contents, path);
  }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return cannotRead(buffer.getError());
  return parseNpy((*buffer)->getBuffer(), path);
}

std::string mlir::rnn::run::serializeNpy(const HostTensor &tensor) {
  std::string dict = "{'descr': '" + getDescr(tensor.getElementType()).str() +
                     "', 'fortran_order': False, 'shape': " +
                     formatShapeTuple(tensor.getShape()) + ", }";
  // Pad with spaces and end with '\n' so that the data starts at a multiple
  // of 64 bytes, as numpy does; fall back to version 2.0 (4-byte length) for
  // headers that do not fit a 16-bit length.
  auto paddedLength = [&](size_t prefixBytes) {
    return llvm::alignTo(prefixBytes + dict.size() + 1, 64) - prefixBytes;
  };
  uint8_t major = paddedLength(10) <= 0xffff ? 1 : 2;
  size_t prefixBytes = major == 1 ? 10 : 12;
  size_t headerLength = paddedLength(prefixBytes);

  std::string bytes(kMagic);
  bytes += char(major);
  bytes += char(0);
  for (size_t i = 0; i < prefixBytes - 8; ++i)
    bytes += char((headerLength >> (8 * i)) & 0xff);
  bytes += dict;
  bytes.append(headerLength - dict.size() - 1, ' ');
  bytes += '\n';
  bytes.append(static_cast<const char *>(tensor.getData()),
               tensor.getNumBytes());
  return bytes;
}

/// Where the bytes of an output file go: straight into `path` when it names
/// something other than a regular file (/dev/null, /dev/stdout, a pipe), which
/// must never be replaced; else a temporary file beside the file `path`
/// resolves to (through symlinks), renamed over it once complete.
namespace {
struct PendingOutput {
  std::string path;      // As given on the command line.
  std::string finalPath; // The regular file the rename replaces.
  std::string tempPath;  // Empty when written in place.
};
} // namespace

/// Writes `bytes` to the file descriptor `fd` (closing it); fails with the
/// system's message.
static std::error_code writeAndClose(int fd, llvm::StringRef bytes) {
  llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
  os << bytes;
  os.close();
  std::error_code error = os.error();
  os.clear_error();
  return error;
}

llvm::Error mlir::rnn::run::writeFilesAtomically(
    llvm::ArrayRef<std::string> paths,
    llvm::function_ref<std::string(size_t)> contents) {
  llvm::SmallVector<PendingOutput> pending;
  auto removeTemporaries = [&] {
    for (const PendingOutput &output : pending)
      if (!output.tempPath.empty())
        llvm::sys::fs::remove(output.tempPath);
  };
  auto fail = [&](llvm::StringRef path, const llvm::Twine &what) {
    removeTemporaries();
    return llvm::createStringError("cannot write '" + path + "': " + what);
  };

  // Phase 1: every result into a temporary file (or its special file).
  for (auto [index, path] : llvm::enumerate(paths)) {
    PendingOutput output{path, path, ""};
    llvm::sys::fs::file_status status;
    bool exists = !llvm::sys::fs::status(path, status, /*Follow=*/true);
    if (exists && status.type() == llvm::sys::fs::file_type::directory_file)
      return fail(path, "it is a directory");
    if (exists && status.type() != llvm::sys::fs::file_type::regular_file) {
      int fd;
      if (std::error_code error = llvm::sys::fs::openFileForWrite(
              path, fd, llvm::sys::fs::CD_OpenExisting))
        return fail(path, error.message());
      if (std::error_code error = writeAndClose(fd, contents(index)))
        return fail(path, error.message());
      continue;
    }
    if (exists) {
      llvm::SmallString<256> real;
      if (!llvm::sys::fs::real_path(path, real))
        output.finalPath = real.str().str();
    }
    llvm::SmallString<256> model(output.finalPath), tempPath;
    model += ".tmp-%%%%%%";
    int fd;
    if (std::error_code error =
            llvm::sys::fs::createUniqueFile(model, fd, tempPath))
      return fail(path, error.message());
    output.tempPath = tempPath.str().str();
    pending.push_back(output);
    if (std::error_code error = writeAndClose(fd, contents(index)))
      return fail(path, error.message());
  }

  // Phase 2: the renames, once every file is complete.
  for (auto [index, output] : llvm::enumerate(pending)) {
    if (std::error_code error =
            llvm::sys::fs::rename(output.tempPath, output.finalPath)) {
      pending.erase(pending.begin(), pending.begin() + index);
      return fail(output.path, error.message());
    }
  }
  return llvm::Error::success();
}

llvm::Error mlir::rnn::run::writeNpyFiles(llvm::ArrayRef<std::string> paths,
                                          llvm::ArrayRef<HostTensor> tensors) {
  assert(paths.size() <= tensors.size() && "more paths than tensors");
  return writeFilesAtomically(
      paths, [&](size_t index) { return serializeNpy(tensors[index]); });
}

llvm::Error mlir::rnn::run::writeNpyFile(llvm::StringRef path,
                                         const HostTensor &tensor) {
  std::string paths[] = {path.str()};
  return writeNpyFiles(paths, llvm::ArrayRef<HostTensor>(&tensor, 1));
}
