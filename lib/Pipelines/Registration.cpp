//===- Registration.cpp - Pipeline and dialect registration ---------------===//

#include "rnn/Pipelines/Pipelines.h"

#include "rnn/Conversion/Passes.h"
#include "rnn/Dialect/RNN/IR/RNNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/AllocationOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

using namespace mlir;

void mlir::rnn::registerPipelineDialects(DialectRegistry &registry) {
  registry.insert<rnn::RNNDialect, arith::ArithDialect,
                  bufferization::BufferizationDialect, cf::ControlFlowDialect,
                  func::FuncDialect, linalg::LinalgDialect, LLVM::LLVMDialect,
                  math::MathDialect, memref::MemRefDialect, scf::SCFDialect,
                  tensor::TensorDialect, vector::VectorDialect>();
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  memref::registerAllocationOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

void mlir::rnn::registerRNNPipelines() {
  PassPipelineRegistration<CPUPipelineOptions>(
      "rnn-cpu-pipeline",
      "Lower tensor-level rnn to the LLVM dialect for the CPU",
      buildCPUPipeline);
  PassPipelineRegistration<CPUPipelineOptions>(
      "rnn-onednn-pipeline",
      "Lower tensor-level rnn to the LLVM dialect for the CPU with oneDNN "
      "RNN primitive calls (what oneDNN cannot run takes the cpu path)",
      buildOneDNNPipeline);
  PassPipelineRegistration<CUDNNPipelineOptions>(
      "rnn-cudnn-pipeline",
      "Lower tensor-level rnn to the LLVM dialect with cuDNN runtime calls",
      buildCUDNNPipeline);
  PassPipelineRegistration<CUBLASPipelineOptions>(
      "rnn-cublas-pipeline",
      "Lower tensor-level rnn to the LLVM dialect with calls of the cuBLAS "
      "fallback (cuBLAS GEMMs and the runtime's fused cell kernels)",
      buildCUBLASPipeline);
}
