//===- rnn-opt.cpp - The rnn-mlir optimizer driver ------------------------===//
//
// mlir-opt for the rnn dialect: the dialect, its passes and pipelines, and
// only the upstream dialects and passes those need.
//
//===----------------------------------------------------------------------===//

#include "rnn/Dialect/RNN/IR/RNNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<mlir::rnn::RNNDialect, mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::tensor::TensorDialect>();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "rnn-mlir optimizer driver\n", registry));
}
