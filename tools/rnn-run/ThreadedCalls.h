//===- ThreadedCalls.h - rnn-run --concurrency: concurrent calls ----*- C++
//-*-===//
//
// The check a server embedding compiled code relies on: N threads, each
// with its own copy of the inputs (and, on the GPU, its own stream), call
// the compiled function M times at once, and every result is bit for bit
// the single-threaded one.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_THREADEDCALLS_H
#define RNN_TOOLS_RNN_RUN_THREADEDCALLS_H

#include "HostTensor.h"
#include "JitSession.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace mlir::rnn::run {

/// Runs `calls` calls of the session's entry on each of `threads` threads
/// concurrently and compares every result with `expected` byte for byte.
/// Fails with the first thread's error or the first difference.
llvm::Error checkConcurrentCalls(JitSession &session,
                                 llvm::ArrayRef<HostTensor> inputs,
                                 llvm::ArrayRef<HostTensor> expected,
                                 unsigned threads, unsigned calls);

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_THREADEDCALLS_H
