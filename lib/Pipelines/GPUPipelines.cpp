//===- GPUPipelines.cpp - tensor-level rnn to LLVM with GPU runtime calls -===//
//
// The cuDNN and the cuBLAS pipelines differ only in the conversion of the
// recurrent ops; everything around it (packing, bufferization, device
// memory, LLVM lowering) is one pipeline.
//
//===----------------------------------------------------------------------===//

#include "CommonPasses.h"

#include "rnn/Conversion/Passes.h"
#include "rnn/Dialect/RNN/Transforms/Passes.h"
#include "rnn/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

/// The GPU pipeline around `conversion` (a pass lowering the recurrent ops
/// to GPU runtime calls).
static void buildGPUPipeline(OpPassManager &pm,
                             std::unique_ptr<Pass> conversion) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(rnn::createRNNFuseWeightPacking());
  pm.addPass(rnn::createRNNCheckDeviceFunction());
  pm.addPass(std::move(conversion));
  // What is left of rnn: run-time pack becomes one call of the GPU
  // runtime's gather-copy kernel (one launch), unpack becomes views.
  rnn::ConvertRNNToLinalgOptions packOptions;
  packOptions.runtimePack = "cuda";
  pm.addPass(rnn::createConvertRNNToLinalg(packOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  rnn::addBufferizationPasses(pm);
  pm.addPass(rnn::createRNNDeviceMemory());
  rnn::addLLVMLoweringPasses(pm, /*genericAllocationFunctions=*/true);
  pm.addPass(rnn::createRNNReleaseModuleConstants());
}

void mlir::rnn::buildCUDNNPipeline(OpPassManager &pm,
                                   const CUDNNPipelineOptions &options) {
  ConvertRNNToCUDNNOptions cudnnOptions;
  cudnnOptions.math = options.math;
  cudnnOptions.algo = options.algo;
  cudnnOptions.fallback = options.fallback;
  buildGPUPipeline(pm, createConvertRNNToCUDNN(cudnnOptions));
}

void mlir::rnn::buildCUBLASPipeline(OpPassManager &pm,
                                    const CUBLASPipelineOptions &options) {
  ConvertRNNToCUBLASOptions cublasOptions;
  cublasOptions.math = options.math;
  buildGPUPipeline(pm, createConvertRNNToCUBLAS(cublasOptions));
}
