// RUN: rnn-opt %s --rnn-verify-lowered -split-input-file -verify-diagnostics

// Only the llvm dialect may be left at the end of a pipeline.
module {
  llvm.func @ok() {
    llvm.return
  }
  // expected-error @+1 {{'func.func' was not lowered to the llvm dialect}}
  func.func @leftover() {
    return
  }
}
