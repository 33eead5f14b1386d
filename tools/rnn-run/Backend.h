//===- Backend.h - Which backend rnn-run lowers for -------------*- C++ -*-===//
//
// The --backend choice and whether this build and machine can run it.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_BACKEND_H
#define RNN_TOOLS_RNN_RUN_BACKEND_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace mlir::rnn::run {

/// A backend named on the command line.
enum class Backend { Auto, CPU, OneDNN, CuDNN, CuBLAS };

/// Whether `backend`'s code runs on the host (host buffers, the CPU
/// runtime's symbols).
inline bool runsOnHost(Backend backend) {
  return backend == Backend::CPU || backend == Backend::OneDNN;
}

/// The --backend spelling of `backend`.
llvm::StringRef getBackendName(Backend backend);

/// Parses a --backend value; fails naming the valid choices.
llvm::Expected<Backend> parseBackend(llvm::StringRef name);

/// The concrete backend to use for `requested`: resolves `auto` and fails
/// when a requested backend is not available in this build or machine.
llvm::Expected<Backend> resolveBackend(Backend requested);

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_BACKEND_H
