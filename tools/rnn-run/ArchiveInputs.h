//===- ArchiveInputs.h - rnn-run --inputs=FILE.npz --------------*- C++ -*-===//
//
// Which array of an .npz archive is which argument: a member named
// `arr_<i>` (numpy.savez's positional names) or `arg<i>` is argument i; a
// member named like an argument's `rnn.name` attribute is that argument.
// Every argument needs exactly one array, and every array must name an
// argument.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_ARCHIVEINPUTS_H
#define RNN_TOOLS_RNN_RUN_ARCHIVEINPUTS_H

#include "HostTensor.h"
#include "NpzIO.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace mlir::rnn::run {

/// The arrays of `archive` (read from `path`) in argument order, for an
/// entry `entry` whose arguments are named `argumentNames` ("" = unnamed).
llvm::Expected<llvm::SmallVector<HostTensor>>
orderArchiveInputs(llvm::SmallVector<NamedTensor> archive, llvm::StringRef path,
                   llvm::StringRef entry,
                   llvm::ArrayRef<std::string> argumentNames);

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_ARCHIVEINPUTS_H
