//===- RNNPlan.cpp - Cached cuDNN descriptors of one RNN forward ----------===//

#include "RNNPlan.h"
#include "Context.h"
#include "CudnnLoader.h"
#include "ForwardCall.h"
#include "ReserveHeader.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Support/ParamsLayout.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

namespace rnnrt::cuda {

// The runtime's enum values are cuDNN's, so they pass through unchanged.
constexpr bool sameValue(int runtimeValue, int cudnnValue) {
  return runtimeValue == cudnnValue;
}
static_assert(sameValue(RNNRT_MODE_RNN_RELU, CUDNN_RNN_RELU) &&
                  sameValue(RNNRT_MODE_RNN_TANH, CUDNN_RNN_TANH) &&
                  sameValue(RNNRT_MODE_LSTM, CUDNN_LSTM) &&
                  sameValue(RNNRT_MODE_GRU, CUDNN_GRU),
              "rnnrt_mode must mirror cudnnRNNMode_t");
static_assert(sameValue(RNNRT_DIRECTION_UNIDIRECTIONAL, CUDNN_UNIDIRECTIONAL) &&
                  sameValue(RNNRT_DIRECTION_BIDIRECTIONAL, CUDNN_BIDIRECTIONAL),
              "rnnrt_direction must mirror cudnnDirectionMode_t");
static_assert(sameValue(RNNRT_INPUT_LINEAR, CUDNN_LINEAR_INPUT) &&
                  sameValue(RNNRT_INPUT_SKIP, CUDNN_SKIP_INPUT),
              "rnnrt_input_mode must mirror cudnnRNNInputMode_t");
static_assert(sameValue(RNNRT_ALGO_STANDARD, CUDNN_RNN_ALGO_STANDARD) &&
                  sameValue(RNNRT_ALGO_PERSIST_STATIC,
                            CUDNN_RNN_ALGO_PERSIST_STATIC) &&
                  sameValue(RNNRT_ALGO_PERSIST_DYNAMIC,
                            CUDNN_RNN_ALGO_PERSIST_DYNAMIC) &&
                  sameValue(RNNRT_ALGO_PERSIST_STATIC_SMALL_H,
                            CUDNN_RNN_ALGO_PERSIST_STATIC_SMALL_H),
              "rnnrt_algo must mirror cudnnRNNAlgo_t");

namespace {

/// cuDNN's data type, compute precision and math type of a forward.
struct CudnnMath {
  cudnnDataType_t dataType;
  cudnnDataType_t mathPrec;
  cudnnMathType_t mathType;
};

/// The cuDNN types of (dtype, math, algo), or an error for combinations
/// cuDNN cannot run:
/// - f32: compute in f32. strict -> CUDNN_FMA_MATH (no tensor cores, so no
///   TF32 either; CUDNN_DEFAULT_MATH would allow TF32 on Ampere and later),
///   tf32 -> CUDNN_DEFAULT_MATH (TF32 tensor cores allowed, as PyTorch's
///   allow_tf32), tensor_op -> CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION.
/// - f16: data in f16, compute in f32 (as frameworks do). strict ->
///   CUDNN_DEFAULT_MATH, tf32 and tensor_op -> CUDNN_TENSOR_OP_MATH.
/// - bf16: data in bf16, compute in f32, tensor-core math (cuDNN 9's
///   CUDNN_DATA_BFLOAT16; a cuDNN or algorithm without it refuses the
///   plan, and the forward then runs on the fallback with a remark).
/// - f64: strict math and ALGO_STANDARD only.
Status selectMath(const PlanKey &key, CudnnMath &result) {
  switch (key.dtype) {
  case RNNRT_DTYPE_F32:
    result.dataType = CUDNN_DATA_FLOAT;
    result.mathPrec = CUDNN_DATA_FLOAT;
    result.mathType = key.math == RNNRT_MATH_STRICT ? CUDNN_FMA_MATH
                      : key.math == RNNRT_MATH_TF32
                          ? CUDNN_DEFAULT_MATH
                          : CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
    return success();
  case RNNRT_DTYPE_F16:
    result.dataType = CUDNN_DATA_HALF;
    result.mathPrec = CUDNN_DATA_FLOAT;
    result.mathType = key.math == RNNRT_MATH_STRICT ? CUDNN_DEFAULT_MATH
                                                    : CUDNN_TENSOR_OP_MATH;
    return success();
  case RNNRT_DTYPE_BF16:
    result.dataType = CUDNN_DATA_BFLOAT16;
    result.mathPrec = CUDNN_DATA_FLOAT;
    result.mathType = CUDNN_TENSOR_OP_MATH;
    return success();
  case RNNRT_DTYPE_F64:
    RNNRT_REQUIRE(key.math == RNNRT_MATH_STRICT,
                  "f64 needs math strict (got %s): cuDNN has no tensor-core "
                  "math for double",
                  mathName(key.math));
    RNNRT_REQUIRE(key.algo == RNNRT_ALGO_STANDARD,
                  "f64 needs algo standard (got %s): cuDNN's persistent "
                  "algorithms do not support double",
                  algoName(key.algo));
    result.dataType = CUDNN_DATA_DOUBLE;
    result.mathPrec = CUDNN_DATA_DOUBLE;
    result.mathType = CUDNN_DEFAULT_MATH;
    return success();
  }
  return errorf("unknown dtype code %lld", static_cast<long long>(key.dtype));
}

/// A cuDNN tensor descriptor destroyed with its scope.
struct ScopedTensorDescriptor {
  cudnnTensorDescriptor_t descriptor = nullptr;
  ~ScopedTensorDescriptor() {
    if (descriptor)
      cudnn().cudnnDestroyTensorDescriptor(descriptor);
  }
};

/// The dimensions of `descriptor` other than 1 (cuDNN describes a matrix as
/// [1, rows, cols] and a bias as [1, rows, 1]).
Status nonUnitDims(cudnnTensorDescriptor_t descriptor,
                   std::vector<int64_t> &dims, int64_t &elements) {
  constexpr int maxDims = 8;
  cudnnDataType_t dataType;
  int rank = 0;
  int sizes[maxDims] = {0};
  int strides[maxDims] = {0};
  RNNRT_CHECK(cudnn().cudnnGetTensorNdDescriptor(descriptor, maxDims, &dataType,
                                                 &rank, sizes, strides));
  dims.clear();
  elements = 1;
  for (int d = 0; d < rank && d < maxDims; ++d) {
    elements *= sizes[d];
    if (sizes[d] != 1)
      dims.push_back(sizes[d]);
  }
  return success();
}

std::string formatDims(const std::vector<int64_t> &dims) {
  std::string text = "[";
  for (size_t i = 0; i < dims.size(); ++i)
    text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + "]";
}

/// Compares one matrix or bias that cuDNN reports at `address` (null when
/// absent) with the slot ParamsLayout gives it (`expectedOffset` -1 when
/// absent; shape [rows, cols], cols 0 for a bias).
Status checkParam(const char *kind, int64_t layer, int64_t dir, int64_t id,
                  const void *address, cudnnTensorDescriptor_t descriptor,
                  const void *base, size_t elementBytes, int64_t expectedOffset,
                  int64_t rows, int64_t cols) {
  int64_t actualOffset = -1;
  if (address) {
    std::ptrdiff_t bytes =
        static_cast<const char *>(address) - static_cast<const char *>(base);
    RNNRT_REQUIRE(
        bytes >= 0 && bytes % static_cast<std::ptrdiff_t>(elementBytes) == 0,
        "cuDNN weight layout mismatch: layer %lld dir %lld id %lld: "
        "cuDNN %s byte offset %lld is not a whole element",
        static_cast<long long>(layer), static_cast<long long>(dir),
        static_cast<long long>(id), kind, static_cast<long long>(bytes));
    actualOffset = bytes / static_cast<std::ptrdiff_t>(elementBytes);
  }
  RNNRT_REQUIRE(actualOffset == expectedOffset,
                "cuDNN weight layout mismatch: layer %lld dir %lld id %lld: "
                "cuDNN %s offset %lld, expected %lld (-1: absent)",
                static_cast<long long>(layer), static_cast<long long>(dir),
                static_cast<long long>(id), kind,
                static_cast<long long>(actualOffset),
                static_cast<long long>(expectedOffset));
  if (!address)
    return success();

  std::vector<int64_t> actual;
  int64_t elements = 0;
  RNNRT_RETURN_IF_ERROR(nonUnitDims(descriptor, actual, elements));
  std::vector<int64_t> expected;
  for (int64_t size : {rows, cols})
    if (size > 1)
      expected.push_back(size);
  int64_t expectedElements = cols ? rows * cols : rows;
  RNNRT_REQUIRE(actual == expected && elements == expectedElements,
                "cuDNN weight layout mismatch: layer %lld dir %lld id %lld: "
                "cuDNN %s shape %s, expected %s",
                static_cast<long long>(layer), static_cast<long long>(dir),
                static_cast<long long>(id), kind, formatDims(actual).c_str(),
                formatDims(expected).c_str());
  return success();
}

/// Checks cuDNN's weight space against ParamsLayout: its size, then the
/// offset and shape of every matrix and bias, the projection matrix (id
/// 2G, [P, H], no bias) included (cudnnGetRNNWeightParams on
/// the real weight space of the call; cuDNN rejects a null one, and only
/// computes addresses from it).
Status checkWeightLayout(const PlanKey &key, cudnnHandle_t handle,
                         RNNPlan &plan, const void *weights) {
  LayerConfig config = key.layerConfig();
  ParamsLayout layout(config);
  size_t elementBytes = elementSize(key.dtype);

  plan.weightElements = layout.size();
  size_t expectedBytes = static_cast<size_t>(layout.size()) * elementBytes;
  RNNRT_REQUIRE(plan.weightSpaceBytes == expectedBytes,
                "cuDNN weight space is %zu bytes, ParamsLayout expects %lld "
                "elements of %zu bytes (%zu bytes)",
                plan.weightSpaceBytes, static_cast<long long>(layout.size()),
                elementBytes, expectedBytes);
  RNNRT_REQUIRE(weights, "the weight memref has a null data pointer");

  ScopedTensorDescriptor matrixDesc, biasDesc;
  RNNRT_CHECK(cudnn().cudnnCreateTensorDescriptor(&matrixDesc.descriptor));
  RNNRT_CHECK(cudnn().cudnnCreateTensorDescriptor(&biasDesc.descriptor));
  const int64_t numIds =
      config.numMatrixIds() + (config.hasProjection() ? 1 : 0);
  for (int64_t layer = 0; layer < key.numLayers; ++layer) {
    for (int64_t dir = 0; dir < key.numDirections(); ++dir) {
      int32_t pseudoLayer =
          static_cast<int32_t>(layer * key.numDirections() + dir);
      for (int64_t id = 0; id < numIds; ++id) {
        void *matrix = nullptr;
        void *bias = nullptr;
        RNNRT_CHECK(cudnn().cudnnGetRNNWeightParams(
            handle, plan.rnn, pseudoLayer, plan.weightSpaceBytes, weights,
            static_cast<int32_t>(id), matrixDesc.descriptor, &matrix,
            biasDesc.descriptor, &bias));
        const bool isInput = id < config.numGates();
        const bool isProjection = id == config.projectionId();
        const int64_t rows = isProjection ? key.numProj : key.numUnits;
        const int64_t cols = isInput        ? config.layerInputSize(layer)
                             : isProjection ? key.numUnits
                                            : config.hiddenSize();
        RNNRT_RETURN_IF_ERROR(checkParam(
            "matrix", layer, dir, id, matrix, matrixDesc.descriptor, weights,
            elementBytes, layout.matrixOffset(layer, dir, id), rows, cols));
        RNNRT_RETURN_IF_ERROR(checkParam(
            "bias", layer, dir, id, bias, biasDesc.descriptor, weights,
            elementBytes, layout.biasOffset(layer, dir, id), key.numUnits, 0));
      }
    }
  }
  return success();
}

/// The rate-0 dropout descriptor every RNN descriptor of a context refers
/// to (cuDNN wants one even for inference), created on first use.
Status getDropout(const CallContext &call, cudnnHandle_t handle,
                  cudnnDropoutDescriptor_t &result) {
  ExecutionContext &context = call.ctx();
  if (!context.inferenceDropout) {
    size_t stateBytes = 0;
    RNNRT_CHECK(cudnn().cudnnDropoutGetStatesSize(handle, &stateBytes));
    if (!context.dropoutStates)
      RNNRT_RETURN_IF_ERROR(allocateDevice(context, call.stream, stateBytes,
                                           &context.dropoutStates));
    cudnnDropoutDescriptor_t dropout = nullptr;
    RNNRT_CHECK(cudnn().cudnnCreateDropoutDescriptor(&dropout));
    cudnnStatus_t status = cudnn().cudnnSetDropoutDescriptor(
        dropout, handle, 0.0f, context.dropoutStates, stateBytes, 0);
    if (status != CUDNN_STATUS_SUCCESS) {
      cudnn().cudnnDestroyDropoutDescriptor(dropout);
      RNNRT_CHECK(status);
    }
    context.inferenceDropout = dropout;
  }
  result = context.inferenceDropout;
  return success();
}

/// The seeded dropout of a training plan (PlanKey::dropout between layers,
/// cuDNN's generator seeded with PlanKey::seed), with the copy of its
/// seeded states every forward restores.
Status createTrainingDropout(const CallContext &call, cudnnHandle_t handle,
                             const PlanKey &key, RNNPlan &plan) {
  const CudnnApi &api = cudnn();
  const ExecutionContext &context = call.ctx();
  RNNRT_CHECK(api.cudnnDropoutGetStatesSize(handle, &plan.dropoutStateBytes));
  RNNRT_RETURN_IF_ERROR(allocateDevice(
      context, call.stream, plan.dropoutStateBytes, &plan.dropoutStates));
  RNNRT_RETURN_IF_ERROR(allocateDevice(
      context, call.stream, plan.dropoutStateBytes, &plan.seededDropoutStates));
  RNNRT_CHECK(api.cudnnCreateDropoutDescriptor(&plan.dropout));
  RNNRT_CHECK(api.cudnnSetDropoutDescriptor(
      plan.dropout, handle, static_cast<float>(key.dropout()),
      plan.dropoutStates, plan.dropoutStateBytes,
      static_cast<unsigned long long>(key.seed)));
  RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(plan.seededDropoutStates,
                                        plan.dropoutStates,
                                        plan.dropoutStateBytes,
                                        cudaMemcpyDeviceToDevice, call.stream),
                        "copy to plan.seededDropoutStates");
  return success();
}

/// Whether dropout acts in a training plan of `key`.
bool hasActiveDropout(const PlanKey &key) {
  return key.training && key.dropoutBits != 0 && key.numLayers > 1;
}

/// Uploads the reserve header of a training plan (zero-padded to
/// kReserveHeaderBytes).
Status uploadReserveHeader(const CallContext &call, const PlanKey &key,
                           RNNPlan &plan) {
  plan.reserveHeader = makeReserveHeader(key, plan.reserveSpaceBytes);
  unsigned char padded[kReserveHeaderBytes] = {};
  std::memcpy(padded, &plan.reserveHeader, sizeof(plan.reserveHeader));
  RNNRT_RETURN_IF_ERROR(allocateDevice(
      call.ctx(), call.stream, kReserveHeaderBytes, &plan.deviceHeader));
  // Synchronous: `padded` is on this stack, and a failure is this call's
  // (plan creation is not on the replayed path).
  RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(plan.deviceHeader, padded,
                                        sizeof(padded), cudaMemcpyHostToDevice,
                                        call.stream),
                        "copy to plan.deviceHeader");
  RNNRT_CHECK(cudaStreamSynchronize(call.stream));
  return success();
}

/// The masked copies of x, dy, dhy and dcy of a training plan with
/// seq_lengths.
Status allocateMaskedCopies(const CallContext &call, const PlanKey &key,
                            RNNPlan &plan) {
  const size_t element = elementSize(key.dtype);
  const auto rows = static_cast<size_t>(key.seqLength * key.batch);
  const auto states =
      static_cast<size_t>(key.numLayers * key.numDirections() * key.batch);
  const auto hidden = static_cast<size_t>(key.hiddenSize());
  const auto cell = static_cast<size_t>(key.numUnits);
  const size_t sizes[4] = {rows * static_cast<size_t>(key.inputSize) * element,
                           rows * static_cast<size_t>(key.numDirections()) *
                               hidden * element,
                           states * hidden * element, states * cell * element};
  void **buffers[4] = {&plan.maskedX, &plan.maskedDy, &plan.maskedDhy,
                       &plan.maskedDcy};
  for (int i = 0; i < 4; ++i) {
    RNNRT_RETURN_IF_ERROR(
        allocateDevice(call.ctx(), call.stream, sizes[i], buffers[i]));
    plan.maskedBytes += sizes[i];
  }
  return success();
}

/// Fills `plan` for `key`.
Status createPlan(const CallContext &call, const PlanKey &key,
                  const void *weights, RNNPlan &plan) {
  const CudnnApi &api = cudnn();
  ExecutionContext &context = call.ctx();
  cudnnHandle_t handle;
  RNNRT_RETURN_IF_ERROR(context.cudnnHandle(call.stream, handle));
  CudnnMath math;
  RNNRT_RETURN_IF_ERROR(selectMath(key, math));
  cudnnDropoutDescriptor_t dropout;
  if (hasActiveDropout(key)) {
    RNNRT_RETURN_IF_ERROR(createTrainingDropout(call, handle, key, plan));
    dropout = plan.dropout;
  } else {
    RNNRT_RETURN_IF_ERROR(getDropout(call, handle, dropout));
  }

  const int32_t inputSize = static_cast<int32_t>(key.inputSize);
  const int32_t hidden = static_cast<int32_t>(key.numUnits);
  const auto projection = static_cast<int32_t>(key.hiddenSize());
  const int32_t layers = static_cast<int32_t>(key.numLayers);
  const int32_t seqLength = static_cast<int32_t>(key.seqLength);
  const int32_t batch = static_cast<int32_t>(key.batch);
  const int32_t directions = static_cast<int32_t>(key.numDirections());

  if (takeInjectedCudnnRefusal())
    return Status::error("cudnnSetRNNDescriptor_v8 failed: "
                         "CUDNN_STATUS_NOT_SUPPORTED (3000): injected by "
                         "rnnrt_cuda_inject_fault",
                         CUDNN_STATUS_NOT_SUPPORTED);
  RNNRT_CHECK(api.cudnnCreateRNNDescriptor(&plan.rnn));
  RNNRT_CHECK(api.cudnnSetRNNDescriptor_v8(
      plan.rnn, static_cast<cudnnRNNAlgo_t>(key.algo),
      static_cast<cudnnRNNMode_t>(key.mode), CUDNN_RNN_DOUBLE_BIAS,
      static_cast<cudnnDirectionMode_t>(key.direction),
      static_cast<cudnnRNNInputMode_t>(key.inputMode), math.dataType,
      math.mathPrec, math.mathType, inputSize, hidden, projection, layers,
      dropout,
      key.paddedIO() ? CUDNN_RNN_PADDED_IO_ENABLED
                     : CUDNN_RNN_PADDED_IO_DISABLED));
  if (key.algo == RNNRT_ALGO_PERSIST_DYNAMIC)
    RNNRT_CHECK(api.cudnnBuildRNNDynamic(handle, plan.rnn, batch));

  RNNRT_CHECK(
      api.cudnnGetRNNWeightSpaceSize(handle, plan.rnn, &plan.weightSpaceBytes));
  RNNRT_RETURN_IF_ERROR(checkWeightLayout(key, handle, plan, weights));

  // Every sequence full-length: the largest workspace and reserve space
  // a call with seq_lengths can need.
  plan.seqLengths.assign(static_cast<size_t>(batch), seqLength);
  RNNRT_CHECK(api.cudnnCreateRNNDataDescriptor(&plan.xDesc));
  RNNRT_CHECK(api.cudnnCreateRNNDataDescriptor(&plan.yDesc));
  RNNRT_RETURN_IF_ERROR(setDataDescriptors(key, plan));

  for (auto [descriptor, width] :
       {std::pair{&plan.hDesc, projection}, std::pair{&plan.cDesc, hidden}}) {
    const int stateDims[3] = {layers * directions, batch, width};
    const int stateStrides[3] = {batch * width, width, 1};
    RNNRT_CHECK(api.cudnnCreateTensorDescriptor(descriptor));
    RNNRT_CHECK(api.cudnnSetTensorNdDescriptor(*descriptor, math.dataType, 3,
                                               stateDims, stateStrides));
  }

  // The host vector lives as long as the plan, so the copy may stay
  // asynchronous: everything that reads it is ordered after it.
  void *seqLengthsOnDevice = nullptr;
  RNNRT_RETURN_IF_ERROR(allocateDevice(context, call.stream,
                                       plan.seqLengths.size() * sizeof(int32_t),
                                       &seqLengthsOnDevice));
  plan.devSeqLengths = static_cast<int32_t *>(seqLengthsOnDevice);
  RNNRT_CHECK(cudaMemcpyAsync(plan.devSeqLengths, plan.seqLengths.data(),
                              plan.seqLengths.size() * sizeof(int32_t),
                              cudaMemcpyHostToDevice, call.stream));

  RNNRT_CHECK(api.cudnnGetRNNTempSpaceSizes(
      handle, plan.rnn,
      key.training ? CUDNN_FWD_MODE_TRAINING : CUDNN_FWD_MODE_INFERENCE,
      plan.xDesc, &plan.workspaceBytes, &plan.reserveSpaceBytes));
  if (plan.workspaceBytes)
    RNNRT_RETURN_IF_ERROR(allocateDevice(context, call.stream,
                                         plan.workspaceBytes, &plan.workspace));
  if (key.training)
    RNNRT_RETURN_IF_ERROR(uploadReserveHeader(call, key, plan));
  if (key.training && key.lengths)
    RNNRT_RETURN_IF_ERROR(allocateMaskedCopies(call, key, plan));
  return success();
}

} // namespace

RNNPlan::~RNNPlan() {
  if (!isCudnnLoaded())
    return;
  const CudnnApi &api = cudnn();
  if (rnn)
    api.cudnnDestroyRNNDescriptor(rnn);
  if (xDesc)
    api.cudnnDestroyRNNDataDescriptor(xDesc);
  if (yDesc)
    api.cudnnDestroyRNNDataDescriptor(yDesc);
  if (hDesc)
    api.cudnnDestroyTensorDescriptor(hDesc);
  if (cDesc)
    api.cudnnDestroyTensorDescriptor(cDesc);
  if (dropout)
    api.cudnnDestroyDropoutDescriptor(dropout);
  for (void *memory : {static_cast<void *>(devSeqLengths), workspace,
                       reserveSpace, dropoutStates, seededDropoutStates,
                       deviceHeader, maskedX, maskedDy, maskedDhy, maskedDcy})
    if (memory && owner)
      (void)freeDevice(*owner,
                       owner->lastStream ? owner->lastStream : owner->ownStream,
                       memory);
}

GraphSet &RNNPlan::graphsFor(bool withLengths, bool backward) {
  if (!withLengths)
    return backward ? backwardGraphs : graphs;
  auto found = std::find_if(
      lengthGraphs.begin(), lengthGraphs.end(),
      [&](const LengthGraphs &entry) { return entry.lengths == seqLengths; });
  if (found == lengthGraphs.end()) {
    if (lengthGraphs.size() == kMaxLengthGraphs)
      lengthGraphs.pop_back();
    lengthGraphs.push_front({seqLengths, std::make_unique<GraphSet>(),
                             std::make_unique<GraphSet>()});
  } else {
    lengthGraphs.splice(lengthGraphs.begin(), lengthGraphs, found);
  }
  LengthGraphs &entry = lengthGraphs.front();
  return backward ? *entry.backward : *entry.forward;
}

Status RNNPlan::scratchReserve(const CallContext &call, void *&result) {
  if (!reserveSpace && reserveSpaceBytes)
    RNNRT_RETURN_IF_ERROR(allocateDevice(call.ctx(), call.stream,
                                         reserveSpaceBytes, &reserveSpace));
  result = reserveSpace;
  return success();
}

Status setDataDescriptors(const PlanKey &key, RNNPlan &plan) {
  CudnnMath math;
  RNNRT_RETURN_IF_ERROR(selectMath(key, math));
  // The padding's fill value (y past each length): all-zero bits, zero in
  // every data type.
  static double zero = 0.0;
  const cudnnRNNDataLayout_t layout =
      !key.paddedIO() ? CUDNN_RNN_DATA_LAYOUT_SEQ_MAJOR_PACKED
      : key.timeMajor ? CUDNN_RNN_DATA_LAYOUT_SEQ_MAJOR_UNPACKED
                      : CUDNN_RNN_DATA_LAYOUT_BATCH_MAJOR_UNPACKED;
  void *fill = key.paddedIO() ? &zero : nullptr;
  const auto seqLength = static_cast<int32_t>(key.seqLength);
  const auto batch = static_cast<int32_t>(key.batch);
  const CudnnApi &api = cudnn();
  RNNRT_CHECK(api.cudnnSetRNNDataDescriptor(
      plan.xDesc, math.dataType, layout, seqLength, batch,
      static_cast<int32_t>(key.inputSize), plan.seqLengths.data(), fill));
  RNNRT_CHECK(api.cudnnSetRNNDataDescriptor(
      plan.yDesc, math.dataType, layout, seqLength, batch,
      static_cast<int32_t>(key.numDirections() * key.hiddenSize()),
      plan.seqLengths.data(), fill));
  return success();
}

void setCudnnTraining(PlanKey &key, double dropout, int64_t seed) {
  key.training = 1;
  key.dropoutBits = 0;
  key.seed = 0;
  if (dropout > 0.0 && key.numLayers > 1) {
    static_assert(sizeof(dropout) == sizeof(key.dropoutBits));
    std::memcpy(&key.dropoutBits, &dropout, sizeof(dropout));
    key.seed = seed;
  }
}

Status findOrCreatePlan(const CallContext &call, const PlanKey &key,
                        const void *weights, RNNPlan *&result) {
  ExecutionContext &context = call.ctx();
  result = context.cudnnPlans.find(key);
  if (result)
    return success();
  auto plan = std::make_unique<RNNPlan>();
  plan->owner = &context;
  if (key.algo == RNNRT_ALGO_PREFER_PERSIST_STATIC) {
    // Persistent kernels where cuDNN supports them (it says so when the
    // plan is built), the standard algorithm otherwise. Only a refusal
    // reroutes; any other failure (out of memory, a layout mismatch) is
    // the call's error.
    PlanKey persistent = key;
    persistent.algo = RNNRT_ALGO_PERSIST_STATIC;
    Status created = createPlan(call, persistent, weights, *plan);
    if (!created.ok()) {
      if (!created.isCudnnRefusal())
        return created;
      plan = std::make_unique<RNNPlan>();
      plan->owner = &context;
      PlanKey standard = key;
      standard.algo = RNNRT_ALGO_STANDARD;
      RNNRT_RETURN_IF_ERROR(createPlan(call, standard, weights, *plan));
    }
  } else {
    RNNRT_RETURN_IF_ERROR(createPlan(call, key, weights, *plan));
  }
  result = context.cudnnPlans.insert(key, std::move(plan));
  return success();
}

} // namespace rnnrt::cuda
