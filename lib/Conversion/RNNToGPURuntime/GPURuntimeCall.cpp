//===- GPURuntimeCall.cpp - rnn compute ops to GPU runtime calls ----------===//

#include "GPURuntimeCall.h"

#include "../Utils/DimensionChecks.h"

#include "rnn/Conversion/ModuleConstantSlot.h"
#include "rnn/Conversion/Utils/RuntimeFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// The runtime's dtype code for an element type.
std::optional<rnnrt_dtype> getDtype(Type type) {
  if (type.isF32())
    return RNNRT_DTYPE_F32;
  if (type.isF64())
    return RNNRT_DTYPE_F64;
  if (type.isF16())
    return RNNRT_DTYPE_F16;
  return std::nullopt;
}

/// The forward function of `library`.
RuntimeFunction getForwardFunction(rnnrt_library library) {
  return library == RNNRT_LIBRARY_CUDNN ? RuntimeFunction::CudnnRnnForward
                                        : RuntimeFunction::CublasRnnForward;
}

/// memref<?x...x?xT> with the identity layout: the ABI type of a rank-r
/// buffer argument.
MemRefType getAbiType(int64_t rank, Type elementType) {
  return MemRefType::get(SmallVector<int64_t>(rank, ShapedType::kDynamic),
                         elementType);
}

/// The algorithm for a configuration when the user did not pick one, from
/// measurements on an H100 with CUDA-graph replay (bench/results/gpu.md):
/// cuDNN's persistent kernels, which keep R on chip across steps, win 4.8x
/// for a batch of 1 (S1) and tie at T=1, while the standard algorithm is as
/// fast or faster from B=32 up (S2-S6; persistent loses 3.4x on S2). f64 has
/// only the standard algorithm; a dynamic batch keeps it too. The runtime
/// falls back to standard where cuDNN rejects the persistent plan.
rnnrt_algo chooseAlgorithm(Type elementType, int64_t staticBatch) {
  constexpr int64_t kMaxPersistentBatch = 8;
  if (elementType.isF64() || ShapedType::isDynamic(staticBatch) ||
      staticBatch > kMaxPersistentBatch)
    return RNNRT_ALGO_STANDARD;
  return RNNRT_ALGO_PREFER_PERSIST_STATIC;
}

/// A buffer view of `tensor`, read-only, cast to the ABI type. Packed
/// params that are constants are uploaded once per module
/// (rnnrt_cuda_upload_constant with the module's slot).
Value getInputBuffer(OpBuilder &b, Location loc, Operation *op, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto bufferType = MemRefType::get(type.getShape(), type.getElementType());
  Value buffer = bufferization::ToBufferOp::create(b, loc, bufferType, tensor,
                                                   /*read_only=*/true);
  MemRefType abiType = getAbiType(type.getRank(), type.getElementType());
  if (!matchPattern(tensor, m_Constant()))
    return memref::CastOp::create(b, loc, abiType, buffer);

  // A constant lives in host memory (a global): upload it, flattened, once
  // per module and device. isSupportedByGPURuntime checked that the upload
  // exists; the device copy belongs to this module (ModuleConstantSlot.h).
  ReassociationIndices all =
      llvm::to_vector(llvm::seq<int64_t>(type.getRank()));
  Value flat = buffer;
  if (type.getRank() != 1)
    flat = memref::CollapseShapeOp::create(b, loc, buffer,
                                           ArrayRef<ReassociationIndices>{all});
  Value flatAbi = memref::CastOp::create(
      b, loc, getAbiType(1, type.getElementType()), flat);
  Value slot = getModuleConstantSlot(b, loc, op->getParentOfType<ModuleOp>());
  func::FuncOp upload = *declareRuntimeFunction(
      op, RuntimeFunction::CudaUploadConstant, type.getElementType());
  Value device = func::CallOp::create(b, loc, upload, ValueRange{flatAbi, slot})
                     .getResult(0);
  if (type.getRank() == 1)
    return device;
  // Back to the constant's static shape, then to the ABI's.
  Value staticFlat = memref::CastOp::create(b, loc, flat.getType(), device);
  Value shaped =
      memref::ExpandShapeOp::create(b, loc, bufferType.getShape(), staticFlat,
                                    ArrayRef<ReassociationIndices>{all});
  return memref::CastOp::create(b, loc, abiType, shaped);
}

/// A fresh buffer for a result of type `type` whose dynamic sizes are
/// `dynamicSizes` (in order).
Value allocateResult(OpBuilder &b, Location loc, RankedTensorType type,
                     ValueRange dynamicSizes) {
  auto bufferType = MemRefType::get(type.getShape(), type.getElementType());
  return memref::AllocOp::create(b, loc, bufferType, dynamicSizes);
}

} // namespace

std::optional<rnnrt_math> mlir::rnn::parseMathOption(StringRef math) {
  if (math == "strict")
    return RNNRT_MATH_STRICT;
  if (math == "tf32")
    return RNNRT_MATH_TF32;
  return std::nullopt;
}

bool mlir::rnn::isSupportedByGPURuntime(RecurrentLayerOpInterface op) {
  Type elementType =
      cast<RankedTensorType>(op.getInput().getType()).getElementType();
  return getDtype(elementType) &&
         hasRuntimeFunction(RuntimeFunction::CudnnRnnForward, elementType) &&
         hasRuntimeFunction(RuntimeFunction::CublasRnnForward, elementType) &&
         hasRuntimeFunction(RuntimeFunction::CudaUploadConstant, elementType);
}

void mlir::rnn::lowerToGPURuntimeCall(RecurrentLayerOpInterface op,
                                      const GPUForwardOptions &options,
                                      PatternRewriter &rewriter) {
  Location loc = op.getLoc();
  // Device results cannot be zero-filled from the host: after a failed
  // check the caller reads none of them.
  DimensionGuard guard(rewriter, op, /*zeroFill=*/false);
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  Type elementType = inputType.getElementType();
  rnnrt_dtype dtype = *getDtype(elementType);

  rnnrt::LayerConfig config = op.getLayerConfig();
  rnnrt_math math = options.math;
  if (dtype == RNNRT_DTYPE_F16)
    math = RNNRT_MATH_TENSOR_OP;
  if (dtype == RNNRT_DTYPE_F64)
    math = RNNRT_MATH_STRICT;

  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantOp::create(rewriter, loc,
                                     rewriter.getI64IntegerAttr(value));
  };
  SmallVector<Value> args = {constant(config.mode),
                             constant(config.numLayers),
                             constant(config.numUnits),
                             constant(config.inputSize),
                             constant(config.direction),
                             constant(config.resolvedInputMode()),
                             constant(dtype),
                             constant(math)};
  if (options.library == RNNRT_LIBRARY_CUDNN) {
    args.push_back(constant(
        options.algo ? *options.algo
                     : chooseAlgorithm(elementType, inputType.getDimSize(1))));
  } else {
    args.push_back(constant(op.getIsTraining() ? 1 : 0));
    args.push_back(arith::ConstantOp::create(
        rewriter, loc, rewriter.getF64FloatAttr(op.getDropoutRate())));
    args.push_back(constant(op.getDropoutSeed()));
    args.push_back(constant(op.getLinearBeforeReset() ? 1 : 0));
  }

  Value x = getInputBuffer(rewriter, loc, op, op.getInput());
  Value hx = getInputBuffer(rewriter, loc, op, op.getInitialHidden());
  Value cx = op.getInitialCell()
                 ? getInputBuffer(rewriter, loc, op, op.getInitialCell())
                 : hx;
  Value w = getInputBuffer(rewriter, loc, op, op.getParams());

  SmallVector<Value> resultBuffers;
  for (Value result : op->getResults()) {
    auto type = cast<RankedTensorType>(result.getType());
    resultBuffers.push_back(allocateResult(
        rewriter, loc, type, getResultDynamicSizes(rewriter, loc, op, result)));
  }
  auto abi = [&](Value buffer) -> Value {
    auto type = cast<MemRefType>(buffer.getType());
    return memref::CastOp::create(
        rewriter, loc, getAbiType(type.getRank(), elementType), buffer);
  };
  Value y = abi(resultBuffers[0]);
  Value hy = abi(resultBuffers[1]);
  Value cy = op.getFinalCell() ? abi(resultBuffers[2]) : hy;
  args.append({x, hx, cx, w, y, hy, cy});

  func::FuncOp forward = *declareRuntimeFunction(
      op, getForwardFunction(options.library), elementType);
  func::CallOp::create(rewriter, loc, forward, args);

  SmallVector<Value> results;
  for (auto [result, buffer] : llvm::zip(op->getResults(), resultBuffers)) {
    results.push_back(bufferization::ToTensorOp::create(
        rewriter, loc, result.getType(), buffer, /*restrict=*/true,
        /*writable=*/true));
  }
  rewriter.replaceOp(op, guard.finish(results));
}

LogicalResult mlir::rnn::lowerRecurrentOpsToGPURuntime(
    ModuleOp module, StringRef passName, const GPUForwardOptions &options,
    function_ref<rnnrt_library(RecurrentLayerOpInterface)> chooseLibrary) {
  // Training on the GPU (the reserve, the grad ops) is not lowered yet:
  // reject it by name instead of producing a forward without a reserve.
  WalkResult training = module.walk([&](Operation *op) {
    if (isa<RecurrentGradOpInterface>(op)) {
      op->emitOpError() << "is not supported by " << passName
                        << " yet (the cpu backend runs grad ops)";
      return WalkResult::interrupt();
    }
    auto layer = dyn_cast<RecurrentLayerOpInterface>(op);
    // Variable lengths and batch-major layout (issue 17) are CPU-only so
    // far: reject them rather than run the padding through the cell.
    auto recurrent = dyn_cast<RecurrentOpInterface>(op);
    if (recurrent && recurrent.getSeqLengths()) {
      op->emitOpError() << "with seq_lengths is not supported by " << passName
                        << " yet (the cpu backend runs it)";
      return WalkResult::interrupt();
    }
    if (recurrent && !recurrent.getTimeMajor()) {
      op->emitOpError() << "with time_major = false is not supported by "
                        << passName << " yet (the cpu backend runs it)";
      return WalkResult::interrupt();
    }
    if (layer && layer.getReserve()) {
      op->emitOpError() << "returns a reserve, which " << passName
                        << " does not produce yet (the cpu backend does)";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (training.wasInterrupted())
    return failure();

  // Collect first: the rewrite declares functions in the module.
  SmallVector<RecurrentLayerOpInterface> ops;
  module.walk([&](RecurrentLayerOpInterface op) { ops.push_back(op); });
  for (RecurrentLayerOpInterface op : ops) {
    if (!isSupportedByGPURuntime(op))
      return op->emitOpError() << "element type is not supported by "
                               << passName << " (f16, f32, f64)";
    GPUForwardOptions opOptions = options;
    opOptions.library = chooseLibrary(op);
    PatternRewriter rewriter(module.getContext());
    rewriter.setInsertionPoint(op);
    lowerToGPURuntimeCall(op, opOptions, rewriter);
  }
  return success();
}
