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

bool mlir::rnn::needsPaddedIO(RecurrentOpInterface op) {
  return op.getSeqLengths() || !op.getTimeMajor();
}

namespace {

/// The runtime's dtype code for an element type.
std::optional<rnnrt_dtype> getDtype(Type type) {
  if (type.isF32())
    return RNNRT_DTYPE_F32;
  if (type.isF64())
    return RNNRT_DTYPE_F64;
  if (type.isF16())
    return RNNRT_DTYPE_F16;
  if (type.isBF16())
    return RNNRT_DTYPE_BF16;
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
/// falls back to standard where cuDNN rejects the persistent plan. Padded
/// I/O (seq_lengths or the batch-major layout) is standard only: cuDNN's
/// persistent algorithms run full-length, sequence-major data.
rnnrt_algo chooseAlgorithm(RecurrentOpInterface op, Type elementType,
                           int64_t staticBatch) {
  constexpr int64_t kMaxPersistentBatch = 8;
  if (elementType.isF64() || ShapedType::isDynamic(staticBatch) ||
      staticBatch > kMaxPersistentBatch || needsPaddedIO(op))
    return RNNRT_ALGO_STANDARD;
  return RNNRT_ALGO_PREFER_PERSIST_STATIC;
}

/// `buffer` cast to the ABI type of its rank (as it is when it has it).
Value castToAbi(OpBuilder &b, Location loc, Value buffer) {
  auto type = cast<MemRefType>(buffer.getType());
  MemRefType abiType = getAbiType(type.getRank(), type.getElementType());
  if (type == abiType)
    return buffer;
  return memref::CastOp::create(b, loc, abiType, buffer);
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
    return castToAbi(b, loc, buffer);

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

bool mlir::rnn::isSupportedByGPURuntime(RecurrentOpInterface op) {
  Type elementType =
      cast<RankedTensorType>(op.getInput().getType()).getElementType();
  return getDtype(elementType) &&
         hasRuntimeFunction(RuntimeFunction::CudnnRnnForward, elementType) &&
         hasRuntimeFunction(RuntimeFunction::CublasRnnForward, elementType) &&
         hasRuntimeFunction(RuntimeFunction::CudnnRnnBackward, elementType) &&
         hasRuntimeFunction(RuntimeFunction::CudaUploadConstant, elementType);
}

namespace {

/// What every runtime call of one op shares: the element type, the ABI
/// type of its buffers, the configuration arguments and the rewriter.
class RuntimeCallBuilder {
public:
  RuntimeCallBuilder(RecurrentOpInterface op, const GPUForwardOptions &options,
                     PatternRewriter &rewriter)
      : op(op), options(options), rewriter(rewriter), loc(op.getLoc()) {
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    elementType = inputType.getElementType();
    staticBatch = inputType.getDimSize(op.getBatchDim());
  }

  Value constant(int64_t value) {
    return arith::ConstantOp::create(rewriter, loc,
                                     rewriter.getI64IntegerAttr(value));
  }
  Value realConstant(double value) {
    return arith::ConstantOp::create(rewriter, loc,
                                     rewriter.getF64FloatAttr(value));
  }

  /// mode, num_layers, num_units, input_size, num_proj, direction,
  /// input_mode, dtype, math, then the library's own: cuDNN's algo (and
  /// for a training entry point the dropout rate and seed), the fallback's
  /// training flag (not for its training entry points, which always
  /// train), dropout, seed and linear_before_reset.
  SmallVector<Value> configuration(bool trainingEntry) {
    rnnrt::LayerConfig config = op.getLayerConfig();
    rnnrt_dtype dtype = *getDtype(elementType);
    rnnrt_math math = options.math;
    if (dtype == RNNRT_DTYPE_F16 || dtype == RNNRT_DTYPE_BF16)
      math = RNNRT_MATH_TENSOR_OP;
    if (dtype == RNNRT_DTYPE_F64)
      math = RNNRT_MATH_STRICT;
    SmallVector<Value> args = {constant(int64_t(config.mode)),
                               constant(config.numLayers),
                               constant(config.numUnits),
                               constant(config.inputSize),
                               constant(config.numProj),
                               constant(int64_t(config.direction)),
                               constant(int64_t(config.resolvedInputMode())),
                               constant(int64_t(dtype)),
                               constant(int64_t(math))};
    if (options.library == RNNRT_LIBRARY_CUDNN) {
      args.push_back(constant(int64_t(
          options.algo ? *options.algo
                       : chooseAlgorithm(op, elementType, staticBatch))));
      if (trainingEntry)
        args.append(
            {realConstant(op.getDropoutRate()), constant(op.getDropoutSeed())});
      return args;
    }
    if (!trainingEntry)
      args.push_back(constant(int64_t(op.getIsTraining() ? 1 : 0)));
    args.push_back(realConstant(op.getDropoutRate()));
    args.push_back(constant(op.getDropoutSeed()));
    args.push_back(constant(int64_t(op.getLinearBeforeReset() ? 1 : 0)));
    return args;
  }

  /// The ABI view of `tensor` (an operand of the op).
  Value input(Value tensor) {
    return getInputBuffer(rewriter, loc, op, tensor);
  }

  /// What every cuDNN and cuBLAS call ends in: time_major, then the
  /// seq_lengths buffer (an empty one when the op has none).
  SmallVector<Value> layoutArguments() {
    Value lengths;
    if (Value tensor = op.getSeqLengths()) {
      lengths = input(tensor);
    } else {
      Value empty = memref::AllocaOp::create(
          rewriter, loc, MemRefType::get({0}, rewriter.getI32Type()));
      lengths = abi(empty);
    }
    return {constant(op.getTimeMajor() ? 1 : 0), lengths};
  }

  /// A fresh buffer for `result` of the op.
  Value allocate(Value result) {
    return allocateResult(rewriter, loc,
                          cast<RankedTensorType>(result.getType()),
                          getResultDynamicSizes(rewriter, loc, op, result));
  }

  /// `buffer` cast to the ABI type of its rank.
  Value abi(Value buffer) { return castToAbi(rewriter, loc, buffer); }

  void call(RuntimeFunction function, ValueRange args) {
    func::FuncOp callee = *declareRuntimeFunction(op, function, elementType);
    func::CallOp::create(rewriter, loc, callee, args);
  }
  Value callWithResult(RuntimeFunction function, ValueRange args) {
    func::FuncOp callee = *declareRuntimeFunction(op, function, elementType);
    return func::CallOp::create(rewriter, loc, callee, args).getResult(0);
  }

  /// The tensors of `buffers` replacing the op's results, in order.
  SmallVector<Value> toTensors(ArrayRef<Value> buffers) {
    SmallVector<Value> results;
    for (auto [result, buffer] : llvm::zip(op->getResults(), buffers))
      results.push_back(bufferization::ToTensorOp::create(
          rewriter, loc, result.getType(), buffer, /*restrict=*/true,
          /*writable=*/true));
    return results;
  }

  RecurrentOpInterface op;
  const GPUForwardOptions &options;
  PatternRewriter &rewriter;
  Location loc;
  Type elementType;
  int64_t staticBatch;
};

/// A buffer for the reserve of a training forward: sized by the runtime
/// (rnnrt_cudnn_rnn_reserve_size, which also takes w, or
/// rnnrt_cublas_rnn_reserve_size) when the op returns one, else an empty
/// one (cuDNN's runtime then uses its own).
Value allocateReserve(RuntimeCallBuilder &b, RecurrentLayerOpInterface op,
                      ArrayRef<Value> configuration, Value x, Value w) {
  Type i8 = b.rewriter.getI8Type();
  if (!op.getReserve()) {
    Value empty =
        memref::AllocaOp::create(b.rewriter, b.loc, MemRefType::get({0}, i8));
    return b.abi(empty);
  }
  const bool cudnn = b.options.library == RNNRT_LIBRARY_CUDNN;
  SmallVector<Value> args(configuration);
  args.push_back(x);
  if (cudnn)
    args.push_back(w);
  args.append(b.layoutArguments());
  Value bytes = b.callWithResult(cudnn ? RuntimeFunction::CudnnRnnReserveSize
                                       : RuntimeFunction::CublasRnnReserveSize,
                                 args);
  Value size = arith::IndexCastOp::create(b.rewriter, b.loc,
                                          b.rewriter.getIndexType(), bytes);
  return memref::AllocOp::create(b.rewriter, b.loc,
                                 MemRefType::get({ShapedType::kDynamic}, i8),
                                 ValueRange{size});
}

} // namespace

void mlir::rnn::lowerToGPURuntimeCall(RecurrentLayerOpInterface op,
                                      const GPUForwardOptions &options,
                                      PatternRewriter &rewriter) {
  // Device results cannot be zero-filled from the host: after a failed
  // check the caller reads none of them.
  DimensionGuard guard(rewriter, op, /*zeroFill=*/false);
  RuntimeCallBuilder b(op, options, rewriter);
  // cuDNN runs every training forward through its training entry point;
  // the fallback only those that return a reserve (its plain forward
  // applies the dropout of the others).
  const bool cudnn = options.library == RNNRT_LIBRARY_CUDNN;
  const bool trainingEntry =
      op.getIsTraining() && (cudnn || bool(op.getReserve()));
  SmallVector<Value> args = b.configuration(trainingEntry);
  const size_t configurationSize = args.size();

  Value x = b.input(op.getInput());
  Value hx = b.input(op.getInitialHidden());
  Value cx = op.getInitialCell() ? b.input(op.getInitialCell()) : hx;
  Value w = b.input(op.getParams());

  SmallVector<Value> resultBuffers;
  for (Value result : {op.getOutput(), op.getFinalHidden(), op.getFinalCell()})
    if (result)
      resultBuffers.push_back(b.allocate(result));
  Value y = b.abi(resultBuffers[0]);
  Value hy = b.abi(resultBuffers[1]);
  Value cy = op.getFinalCell() ? b.abi(resultBuffers[2]) : hy;
  args.append({x, hx, cx, w, y, hy, cy});
  if (!trainingEntry) {
    args.append(b.layoutArguments());
    b.call(getForwardFunction(options.library), args);
  } else {
    Value reserve = allocateReserve(
        b, op, ArrayRef(args).take_front(configurationSize), x, w);
    if (op.getReserve())
      resultBuffers.push_back(reserve);
    args.push_back(b.abi(reserve));
    args.append(b.layoutArguments());
    b.call(cudnn ? RuntimeFunction::CudnnRnnTrainingForward
                 : RuntimeFunction::CublasRnnTrainingForward,
           args);
  }
  rewriter.replaceOp(op, guard.finish(b.toTensors(resultBuffers)));
}

bool mlir::rnn::needsReserveCopy(RecurrentGradOpInterface op) {
  Value reserve = op.getReserve();
  return !reserve.hasOneUse() ||
         !reserve.getDefiningOp<RecurrentLayerOpInterface>();
}

void mlir::rnn::lowerGradToGPURuntimeCall(RecurrentGradOpInterface op,
                                          const GPUForwardOptions &options,
                                          bool copyReserve,
                                          PatternRewriter &rewriter) {
  DimensionGuard guard(rewriter, op, /*zeroFill=*/false);
  RuntimeCallBuilder b(op, options, rewriter);
  const bool cudnn = options.library == RNNRT_LIBRARY_CUDNN;
  SmallVector<Value> args = b.configuration(/*trainingEntry=*/true);
  // The fallback's backward only reads its reserve: it needs no copy.
  if (cudnn)
    args.push_back(b.constant(int64_t(copyReserve ? 1 : 0)));

  Value x = b.input(op.getInput());
  Value hx = b.input(op.getInitialHidden());
  Value cx = op.getInitialCell() ? b.input(op.getInitialCell()) : hx;
  Value w = b.input(op.getParams());
  Value y = b.input(op.getForwardOutput());
  Value reserve = b.input(op.getReserve());
  Value dy = b.input(op.getOutputGrad());
  Value dhy = b.input(op.getFinalHiddenGrad());
  Value dcy = op.getFinalCellGrad() ? b.input(op.getFinalCellGrad()) : dhy;

  SmallVector<Value> resultBuffers;
  for (Value result : {op.getInputGrad(), op.getInitialHiddenGrad(),
                       op.getInitialCellGrad(), op.getParamsGrad()})
    if (result)
      resultBuffers.push_back(b.allocate(result));
  Value dx = b.abi(resultBuffers.front());
  Value dhx = b.abi(resultBuffers[1]);
  Value dcx = op.getInitialCellGrad() ? b.abi(resultBuffers[2]) : dhx;
  Value dw = b.abi(resultBuffers.back());
  args.append({x, hx, cx, w, y, reserve, dy, dhy, dcy, dx, dhx, dcx, dw});
  args.append(b.layoutArguments());
  b.call(cudnn ? RuntimeFunction::CudnnRnnBackward
               : RuntimeFunction::CublasRnnBackward,
         args);
  rewriter.replaceOp(op, guard.finish(b.toTensors(resultBuffers)));
}

LogicalResult mlir::rnn::lowerRecurrentOpsToGPURuntime(
    ModuleOp module, StringRef passName, const GPUForwardOptions &options,
    function_ref<rnnrt_library(RecurrentOpInterface)> chooseLibrary) {
  // Collect and decide first: the rewrite declares functions in the module,
  // and nothing is rewritten when an op cannot be lowered.
  SmallVector<RecurrentOpInterface> ops;
  module.walk([&](RecurrentOpInterface op) { ops.push_back(op); });
  SmallVector<rnnrt_library> libraries;
  SmallVector<bool> copiesReserve;
  for (RecurrentOpInterface op : ops) {
    if (!isSupportedByGPURuntime(op))
      return op->emitOpError() << "element type is not supported by "
                               << passName << " (f16, bf16, f32, f64)";
    rnnrt_library library = chooseLibrary(op);
    if (library == RNNRT_LIBRARY_CUDNN && options.algo &&
        *options.algo != RNNRT_ALGO_STANDARD && needsPaddedIO(op))
      return op->emitOpError()
             << "with seq_lengths or time_major = false needs algo=standard "
                "or algo=auto on the cudnn backend (cuDNN's persistent "
                "algorithms run only full-length, time-major sequences)";
    libraries.push_back(library);
    auto grad = dyn_cast<RecurrentGradOpInterface>(op.getOperation());
    copiesReserve.push_back(grad && needsReserveCopy(grad));
  }
  for (auto [op, library, copyReserve] :
       llvm::zip(ops, libraries, copiesReserve)) {
    GPUForwardOptions opOptions = options;
    opOptions.library = library;
    PatternRewriter rewriter(module.getContext());
    rewriter.setInsertionPoint(op);
    if (auto grad = dyn_cast<RecurrentGradOpInterface>(op.getOperation()))
      lowerGradToGPURuntimeCall(grad, opOptions, copyReserve, rewriter);
    else
      lowerToGPURuntimeCall(cast<RecurrentLayerOpInterface>(op.getOperation()),
                            opOptions, rewriter);
  }
  return success();
}
