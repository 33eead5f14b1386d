//===- rnn-opt.cpp - The rnn-mlir optimizer driver ------------------------===//
//
// mlir-opt for the rnn dialect: the dialect, its passes and pipelines, and
// only the upstream dialects and passes those need.
//
//===----------------------------------------------------------------------===//

#include "rnn/InitAllRNN.h"

#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::rnn::registerAllRNN(registry);

  // The upstream passes rnn-opt's own tests run between rnn passes.
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerLoopInvariantCodeMotionPass();
  mlir::bufferization::registerOneShotBufferizePass();

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "rnn-mlir optimizer driver\n", registry));
}
