//===- CUDNNPipeline.cpp - tensor-level rnn to LLVM with cuDNN calls ------===//

#include "CommonPasses.h"

#include "rnn/Conversion/Passes.h"
#include "rnn/Dialect/RNN/Transforms/Passes.h"
#include "rnn/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::rnn::buildCUDNNPipeline(OpPassManager &pm,
                                   const CUDNNPipelineOptions &options) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createRNNFuseWeightPacking());
  pm.addPass(createRNNCheckDeviceFunction());
  ConvertRNNToCUDNNOptions cudnnOptions;
  cudnnOptions.math = options.math;
  cudnnOptions.algo = options.algo;
  pm.addPass(createConvertRNNToCUDNN(cudnnOptions));
  // What is left of rnn: run-time pack becomes one call of the GPU
  // runtime's batched device copy, unpack becomes views.
  ConvertRNNToLinalgOptions packOptions;
  packOptions.allowF16 = true;
  packOptions.runtimePack = "cuda";
  pm.addPass(createConvertRNNToLinalg(packOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  addBufferizationPasses(pm);
  pm.addPass(createRNNDeviceMemory());
  addLLVMLoweringPasses(pm, /*genericAllocationFunctions=*/true);
}
