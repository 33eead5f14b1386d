//===- TensorPrinter.h - Printing tensors numpy-style -----------*- C++ -*-===//
//
// The text form of results: nested brackets as numpy prints arrays, floats
// with 6 significant digits (%g), integers in decimal, booleans True/False.
//
//   [[1, 2.5, -3],
//    [4, 5, 6]]
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_TENSORPRINTER_H
#define RNN_TOOLS_RNN_RUN_TENSORPRINTER_H

#include "HostTensor.h"

#include "llvm/Support/raw_ostream.h"

namespace mlir::rnn::run {

/// Prints every element of `tensor` (no summarization) and a final newline.
void printTensorValues(llvm::raw_ostream &os, const HostTensor &tensor);

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_TENSORPRINTER_H
