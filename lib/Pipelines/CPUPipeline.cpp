//===- CPUPipeline.cpp - tensor-level rnn to LLVM for the CPU -------------===//

#include "CommonPasses.h"

#include "rnn/Conversion/Passes.h"
#include "rnn/Dialect/RNN/Transforms/Passes.h"
#include "rnn/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

/// The CPU pipeline; `conversion`, when given, lowers some recurrent ops
/// before convert-rnn-to-linalg takes the rest.
static void buildPipeline(OpPassManager &pm,
                          const rnn::CPUPipelineOptions &options,
                          std::unique_ptr<Pass> conversion) {
  using namespace mlir::rnn;
  // Tensor level: resolve auto_select, fold pack/unpack, make constant
  // weight packing free, lower rnn ops.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createRNNFuseWeightPacking());
  if (conversion)
    pm.addPass(std::move(conversion));
  pm.addPass(createConvertRNNToLinalg());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  addBufferizationPasses(pm);
  if (options.useBlas)
    pm.addPass(createRNNMatmulToBLAS());
  if (options.approximateMath)
    pm.addPass(createRNNApproximateMath());
  addLLVMLoweringPasses(pm, /*genericAllocationFunctions=*/false);
}

void mlir::rnn::buildCPUPipeline(OpPassManager &pm,
                                 const CPUPipelineOptions &options) {
  buildPipeline(pm, options, nullptr);
}

void mlir::rnn::buildOneDNNPipeline(OpPassManager &pm,
                                    const CPUPipelineOptions &options) {
  buildPipeline(pm, options, createConvertRNNToOneDNN());
}
