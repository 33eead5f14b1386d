//===- NpzIO.h - NumPy .npz archives for rnn-run ----------------*- C++ -*-===//
//
// An .npz file is a zip archive of .npy members (numpy.savez stores them,
// numpy.savez_compressed deflates them). rnn-run reads every member with
// the .npy reader's checks, and writes archives of stored members that
// numpy.load reads.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_NPZIO_H
#define RNN_TOOLS_RNN_RUN_NPZIO_H

#include "HostTensor.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>

namespace mlir::rnn::run {

/// One member of an archive: its name without ".npy", and its array.
using NamedTensor = std::pair<std::string, HostTensor>;

/// The arrays of the .npz file at `path`, in archive order.
llvm::Expected<llvm::SmallVector<NamedTensor>>
readNpzFile(llvm::StringRef path);

/// An .npz archive of `tensors`, member i named `names[i]` + ".npy"; fails
/// when it would not fit the 32-bit zip sizes rnn-run writes.
llvm::Expected<std::string> serializeNpz(llvm::ArrayRef<std::string> names,
                                         llvm::ArrayRef<HostTensor> tensors);

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_NPZIO_H
