//===- NpzIO.cpp - NumPy .npz archives for rnn-run ------------------------===//
//
// The zip subset numpy writes: members stored (method 0) or deflated
// (method 8), sizes in the central directory or in its zip64 extra field,
// no encryption, no multi-disk archives.
//
//===----------------------------------------------------------------------===//

#include "NpzIO.h"
#include "NpyIO.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <zlib.h>

#include <cstring>
#include <limits>

using namespace mlir::rnn::run;

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr uint16_t kZip64Extra = 0x0001;

/// Little-endian reads within a buffer; any read past its end fails.
class Reader {
public:
  explicit Reader(llvm::StringRef data) : data(data) {}

  bool u16(size_t at, uint16_t &value) const { return read(at, 2, value); }
  bool u32(size_t at, uint32_t &value) const { return read(at, 4, value); }
  bool u64(size_t at, uint64_t &value) const { return read(at, 8, value); }
  bool bytes(size_t at, size_t size, llvm::StringRef &value) const {
    if (at > data.size() || size > data.size() - at)
      return false;
    value = data.substr(at, size);
    return true;
  }
  size_t size() const { return data.size(); }

private:
  template <typename T> bool read(size_t at, size_t size, T &value) const {
    if (at > data.size() || size > data.size() - at)
      return false;
    value = 0;
    for (size_t i = 0; i < size; ++i)
      value |= static_cast<T>(static_cast<uint8_t>(data[at + i])) << (8 * i);
    return true;
  }

  llvm::StringRef data;
};

/// One central-directory entry.
struct Member {
  std::string name;
  uint16_t method = 0;
  uint32_t crc = 0;
  uint64_t compressedSize = 0, size = 0, localOffset = 0;
};

llvm::Error malformed(llvm::StringRef path, const llvm::Twine &what) {
  return llvm::createStringError("'" + path +
                                 "' is not a valid .npz file: " + what);
}

/// Replaces the 0xffffffff placeholders of `member` from its zip64 extra.
bool readZip64Extra(const Reader &reader, size_t extra, uint16_t extraSize,
                    Member &member, bool sizeFull, bool compressedFull,
                    bool offsetFull) {
  size_t end = extra + extraSize;
  while (extra + 4 <= end) {
    uint16_t id, size;
    if (!reader.u16(extra, id) || !reader.u16(extra + 2, size))
      return false;
    size_t field = extra + 4;
    if (id == kZip64Extra) {
      for (auto [full, value] :
           {std::pair{sizeFull, &member.size},
            std::pair{compressedFull, &member.compressedSize},
            std::pair{offsetFull, &member.localOffset}}) {
        if (!full)
          continue;
        if (!reader.u64(field, *value))
          return false;
        field += 8;
      }
      return true;
    }
    extra = field + size;
  }
  return !(sizeFull || compressedFull || offsetFull);
}

llvm::Expected<llvm::SmallVector<Member>> readDirectory(const Reader &reader,
                                                        llvm::StringRef path) {
  // The end record is in the last 22 + 65535 bytes (its comment may follow).
  size_t end = std::string::npos;
  size_t lowest = reader.size() > 22 + 65535 ? reader.size() - 22 - 65535 : 0;
  for (size_t at = reader.size() >= 22 ? reader.size() - 22 : 0;; --at) {
    uint32_t signature;
    if (reader.u32(at, signature) && signature == kEndOfCentralDirectory) {
      end = at;
      break;
    }
    if (at == lowest)
      break;
  }
  if (end == std::string::npos)
    return malformed(path, "no zip end-of-directory record");
  uint16_t entries;
  uint32_t directorySize, directoryOffset;
  if (!reader.u16(end + 10, entries) || !reader.u32(end + 12, directorySize) ||
      !reader.u32(end + 16, directoryOffset))
    return malformed(path, "truncated end-of-directory record");
  if (entries == 0xffff || directoryOffset == 0xffffffff)
    return malformed(path, "zip64 archives with that many members are not "
                           "supported");

  llvm::SmallVector<Member> members;
  size_t at = directoryOffset;
  for (uint16_t index = 0; index < entries; ++index) {
    uint32_t signature, crc, compressed, size, offset;
    uint16_t flags, method, nameSize, extraSize, commentSize;
    llvm::StringRef name;
    if (!reader.u32(at, signature) || signature != kCentralHeader ||
        !reader.u16(at + 8, flags) || !reader.u16(at + 10, method) ||
        !reader.u32(at + 16, crc) || !reader.u32(at + 20, compressed) ||
        !reader.u32(at + 24, size) || !reader.u16(at + 28, nameSize) ||
        !reader.u16(at + 30, extraSize) || !reader.u16(at + 32, commentSize) ||
        !reader.u32(at + 42, offset) || !reader.bytes(at + 46, nameSize, name))
      return malformed(path, "truncated central directory");
    if (flags & 1)
      return malformed(path, "member '" + name + "' is encrypted");
    Member member{name.str(), method, crc, compressed, size, offset};
    if (!readZip64Extra(reader, at + 46 + nameSize, extraSize, member,
                        size == 0xffffffff, compressed == 0xffffffff,
                        offset == 0xffffffff))
      return malformed(path, "bad zip64 field of member '" + name + "'");
    members.push_back(std::move(member));
    at += 46 + nameSize + extraSize + commentSize;
  }
  return members;
}

llvm::Expected<std::string> inflateMember(llvm::StringRef compressed,
                                          uint64_t size, llvm::StringRef path,
                                          llvm::StringRef name) {
  if (size > std::numeric_limits<uInt>::max() ||
      compressed.size() > std::numeric_limits<uInt>::max())
    return malformed(path, "member '" + name + "' is too large to inflate");
  std::string out(size, '\0');
  z_stream stream;
  std::memset(&stream, 0, sizeof(stream));
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
    return malformed(path, "cannot initialize zlib");
  stream.next_in =
      reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef *>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int status = inflate(&stream, Z_FINISH);
  uLong produced = stream.total_out;
  inflateEnd(&stream);
  if (status != Z_STREAM_END || produced != size)
    return malformed(path, "member '" + name + "' does not inflate to its " +
                               std::to_string(size) + " bytes");
  return out;
}

llvm::Expected<std::string> memberContents(const Reader &reader,
                                           const Member &member,
                                           llvm::StringRef path) {
  uint32_t signature;
  uint16_t nameSize, extraSize;
  if (!reader.u32(member.localOffset, signature) || signature != kLocalHeader ||
      !reader.u16(member.localOffset + 26, nameSize) ||
      !reader.u16(member.localOffset + 28, extraSize))
    return malformed(path, "bad local header of member '" + member.name + "'");
  llvm::StringRef data;
  if (!reader.bytes(member.localOffset + 30 + nameSize + extraSize,
                    member.compressedSize, data))
    return malformed(path, "member '" + member.name + "' is truncated");
  std::string contents;
  if (member.method == 0) {
    if (member.size != member.compressedSize)
      return malformed(path,
                       "stored member '" + member.name + "' has two sizes");
    contents = data.str();
  } else if (member.method == 8) {
    llvm::Expected<std::string> inflated =
        inflateMember(data, member.size, path, member.name);
    if (!inflated)
      return inflated.takeError();
    contents = std::move(*inflated);
  } else {
    return malformed(path, "member '" + member.name +
                               "' uses compression method " +
                               std::to_string(member.method) +
                               " (only stored and deflated are supported)");
  }
  uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(contents.data()),
                    static_cast<uInt>(contents.size()));
  if (crc != member.crc)
    return malformed(path, "member '" + member.name + "' fails its CRC check");
  return contents;
}

void appendLittle(std::string &out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

/// The fields local and central headers share, for a stored member:
/// version needed 2.0, no flags, method 0, DOS time and date 0, CRC, both
/// sizes, name length, no extra field.
void appendMemberFields(std::string &out, uint32_t crc, uint64_t size,
                        uint64_t nameSize) {
  appendLittle(out, 20, 2);
  appendLittle(out, 0, 2);
  appendLittle(out, 0, 2);
  appendLittle(out, 0, 4);
  appendLittle(out, crc, 4);
  appendLittle(out, size, 4);
  appendLittle(out, size, 4);
  appendLittle(out, nameSize, 2);
  appendLittle(out, 0, 2);
}

} // namespace

llvm::Expected<llvm::SmallVector<NamedTensor>>
mlir::rnn::run::readNpzFile(llvm::StringRef path) {
  llvm::sys::fs::file_status status;
  if (std::error_code error = llvm::sys::fs::status(path, status))
    return llvm::createStringError("cannot open '" + path +
                                   "': " + error.message());
  if (status.type() != llvm::sys::fs::file_type::regular_file)
    return llvm::createStringError("cannot read '" + path +
                                   "': an .npz archive must be a regular file");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError("cannot read '" + path +
                                   "': " + buffer.getError().message());
  Reader reader((*buffer)->getBuffer());
  llvm::Expected<llvm::SmallVector<Member>> members =
      readDirectory(reader, path);
  if (!members)
    return members.takeError();
  llvm::SmallVector<NamedTensor> arrays;
  for (const Member &member : *members) {
    llvm::StringRef name(member.name);
    if (!name.consume_back(".npy"))
      return malformed(path, "member '" + member.name + "' is not a .npy");
    llvm::Expected<std::string> contents = memberContents(reader, member, path);
    if (!contents)
      return contents.takeError();
    llvm::Expected<HostTensor> tensor =
        parseNpy(*contents, (path + ":" + member.name).str());
    if (!tensor)
      return tensor.takeError();
    arrays.emplace_back(name.str(), std::move(*tensor));
  }
  return arrays;
}

llvm::Expected<std::string>
mlir::rnn::run::serializeNpz(llvm::ArrayRef<std::string> names,
                             llvm::ArrayRef<HostTensor> tensors) {
  uint64_t total = 0;
  for (const HostTensor &tensor : tensors)
    total += tensor.getNumBytes() + 256;
  if (total >= std::numeric_limits<uint32_t>::max() || names.size() >= 0xffff)
    return llvm::createStringError(
        "the results do not fit an .npz archive of 32-bit sizes (4 GiB, "
        "65535 arrays): write them with --output=RES.npy instead");
  std::string archive, directory;
  for (auto [name, tensor] : llvm::zip_equal(names, tensors)) {
    std::string member = name + ".npy";
    std::string contents = serializeNpy(tensor);
    uint32_t crc = crc32(0L, reinterpret_cast<const Bytef *>(contents.data()),
                         static_cast<uInt>(contents.size()));
    const uint64_t offset = archive.size();
    appendLittle(archive, kLocalHeader, 4);
    appendMemberFields(archive, crc, contents.size(), member.size());
    archive += member;
    archive += contents;

    appendLittle(directory, kCentralHeader, 4);
    appendLittle(directory, 20, 2); // made by: zip 2.0
    appendMemberFields(directory, crc, contents.size(), member.size());
    appendLittle(directory, 0, 2); // comment length
    appendLittle(directory, 0, 2); // disk number
    appendLittle(directory, 0, 2); // internal attributes
    appendLittle(directory, 0, 4); // external attributes
    appendLittle(directory, offset, 4);
    directory += member;
  }
  const uint64_t directoryOffset = archive.size();
  archive += directory;
  appendLittle(archive, kEndOfCentralDirectory, 4);
  appendLittle(archive, 0, 2);
  appendLittle(archive, 0, 2);
  appendLittle(archive, names.size(), 2);
  appendLittle(archive, names.size(), 2);
  appendLittle(archive, directory.size(), 4);
  appendLittle(archive, directoryOffset, 4);
  appendLittle(archive, 0, 2);
  return archive;
}
