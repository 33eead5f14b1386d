//===- NpyIO.h - Reading and writing NumPy .npy files -----------*- C++ -*-===//
//
// The NumPy array file format, versions 1.0, 2.0 and 3.0, C order only:
//   "\x93NUMPY" major minor header_len(u16 for 1.0, u32 for 2.0/3.0)
//   "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + padding
//   raw little-endian data
// The header is validated strictly; any deviation is an error naming the file.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_NPYIO_H
#define RNN_TOOLS_RNN_RUN_NPYIO_H

#include "HostTensor.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace mlir::rnn::run {

/// Parses the contents of a .npy file; `fileName` only names it in errors.
llvm::Expected<HostTensor> parseNpy(llvm::StringRef contents,
                                    llvm::StringRef fileName);

/// Reads the .npy file at `path`.
llvm::Expected<HostTensor> readNpyFile(llvm::StringRef path);

/// Serializes `tensor` as a .npy file (version 1.0, or 2.0 when the header
/// does not fit in 64 KiB).
std::string serializeNpy(const HostTensor &tensor);

/// Writes `tensor` to `path` as a .npy file. The data goes to a temporary file
/// in the same directory that is then renamed over `path`, so `path` is never
/// left half-written.
llvm::Error writeNpyFile(llvm::StringRef path, const HostTensor &tensor);

/// Writes `tensors[i]` to `paths[i]` for every path, all or nothing: every
/// file is first written completely to a temporary file beside the regular
/// file its path resolves to, and only then are they renamed into place; on
/// any failure the temporary files are removed and no path is touched. A path
/// that names an existing non-regular file (/dev/null, /dev/stdout, a FIFO)
/// is written in place and never replaced.
llvm::Error writeNpyFiles(llvm::ArrayRef<std::string> paths,
                          llvm::ArrayRef<HostTensor> tensors);

/// Writes `contents(i)` to `paths[i]`, all or nothing: regular files go to
/// temporaries renamed once every file is complete; special files (a pipe,
/// /dev/null) are written in place.
llvm::Error
writeFilesAtomically(llvm::ArrayRef<std::string> paths,
                     llvm::function_ref<std::string(size_t)> contents);

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_NPYIO_H
