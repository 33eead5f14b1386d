//===- Passes.cpp - C API of the rnn passes and pipelines -----------------===//

#include "rnn-c/Passes.h"

#include "rnn/InitAllRNN.h"
#include "rnn/Pipelines/Pipelines.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;

void rnnRegisterAllPasses(void) {
  mlir::rnn::registerAllRNNPasses();
  mlir::rnn::registerAllRNNPipelines();
}

/// Runs the pipeline that `build` adds on `module`, after giving its context
/// the dialects and interface models the pipelines need. Implicit nesting, as
/// in rnn-opt: the pipelines add function passes at the top level.
template <typename BuildFn>
static MlirLogicalResult runPipeline(MlirModule module, BuildFn build) {
  ModuleOp moduleOp = unwrap(module);
  MLIRContext *context = moduleOp->getContext();
  DialectRegistry registry;
  mlir::rnn::registerAllRNNDialects(registry);
  context->appendDialectRegistry(registry);
  PassManager passManager(context, ModuleOp::getOperationName(),
                          PassManager::Nesting::Implicit);
  build(passManager);
  return wrap(passManager.run(moduleOp));
}

MlirLogicalResult rnnRunCPUPipelineWithOptions(MlirModule module, bool useBlas,
                                               bool approximateMath) {
  return runPipeline(module, [&](OpPassManager &pm) {
    mlir::rnn::CPUPipelineOptions options;
    options.useBlas = useBlas;
    options.approximateMath = approximateMath;
    mlir::rnn::buildCPUPipeline(pm, options);
  });
}

MlirLogicalResult rnnRunCPUPipeline(MlirModule module) {
  mlir::rnn::CPUPipelineOptions defaults;
  return rnnRunCPUPipelineWithOptions(module, defaults.useBlas,
                                      defaults.approximateMath);
}

MlirLogicalResult rnnRunCUDNNPipeline(MlirModule module, MlirStringRef math,
                                      MlirStringRef algo) {
  return runPipeline(module, [&](OpPassManager &pm) {
    mlir::rnn::CUDNNPipelineOptions options;
    if (math.length != 0)
      options.math = unwrap(math).str();
    if (algo.length != 0)
      options.algo = unwrap(algo).str();
    mlir::rnn::buildCUDNNPipeline(pm, options);
  });
}
