//===- Cleanup.h - What rnn-translate runs on an imported module -*- C++
//-*-===//
//
// The import emits ONNX's glue literally (Y rebuilt as [T, D, B, H], then
// torch's Transpose/Reshape/Squeeze back to [T, B, D*H]). The cleanup folds
// what cancels (canonicalization, CSE), joins stacked layers
// (rnn-fuse-stacked-layers), turns batch-first transposes around an op into
// time_major = false (rnn-absorb-batch-major-transposes), and turns the
// permutations that remain into
// tensor.generate, so that a model whose only other ops are data movement
// needs no linalg.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_TRANSLATE_CLEANUP_H
#define RNN_TOOLS_RNN_TRANSLATE_CLEANUP_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

namespace mlir::rnn::onnx_import {

/// Runs the cleanup on `module`; fails (with a diagnostic) when a pass does.
LogicalResult cleanupImportedModule(ModuleOp module);

} // namespace mlir::rnn::onnx_import

#endif // RNN_TOOLS_RNN_TRANSLATE_CLEANUP_H
