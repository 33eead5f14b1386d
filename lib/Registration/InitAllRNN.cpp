//===- InitAllRNN.cpp - Register everything rnn-mlir provides -------------===//
//
// Pass and pipeline registration goes into process-wide registries, which
// reject a pipeline registered twice: each function registers once, however
// often it is called (from C++, the C API or several host plugins).
//
//===----------------------------------------------------------------------===//

#include "rnn/InitAllRNN.h"

#include "rnn/Conversion/Passes.h"
#include "rnn/Dialect/RNN/Transforms/Passes.h"
#include "rnn/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"

void mlir::rnn::registerAllRNNDialects(DialectRegistry &registry) {
  registerPipelineDialects(registry);
}

void mlir::rnn::registerAllRNNPasses() {
  static const bool registered = [] {
    registerRNNConversionPasses();
    registerRNNTransformsPasses();
    return true;
  }();
  (void)registered;
}

void mlir::rnn::registerAllRNNPipelines() {
  static const bool registered = [] {
    registerRNNPipelines();
    return true;
  }();
  (void)registered;
}

void mlir::rnn::registerAllRNN(DialectRegistry &registry) {
  registerAllRNNDialects(registry);
  registerAllRNNPasses();
  registerAllRNNPipelines();
}
