//===- InitAllRNN.h - Register everything rnn-mlir provides -----*- C++ -*-===//
//
// The one registration entry point for host tools (an mlir-opt-like driver, a
// frontend, a serving system) that embed rnn-mlir: the rnn dialect with the
// dialects and interface models its lowerings need, its passes and its
// pipelines. Link RNNMLIR::Registration.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_INITALLRNN_H
#define RNN_INITALLRNN_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::rnn {

/// Adds the rnn dialect and everything its passes and pipelines create or
/// need to `registry`: the upstream dialects they produce, the bufferization
/// and allocation interface models, and the builtin/LLVM dialect translations
/// to LLVM IR.
void registerAllRNNDialects(DialectRegistry &registry);

/// Registers the rnn-* and convert-rnn-to-* passes with the global pass
/// registry. Safe to call more than once.
void registerAllRNNPasses();

/// Registers the rnn-cpu-pipeline and rnn-cudnn-pipeline pass pipelines with
/// the global pass registry. Safe to call more than once.
void registerAllRNNPipelines();

/// All of the above, in one call.
void registerAllRNN(DialectRegistry &registry);

} // namespace mlir::rnn

#endif // RNN_INITALLRNN_H
