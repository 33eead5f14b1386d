//===- CublasPlan.cpp - State of the cuBLAS fallback's forwards -----------===//

#include "CublasPlan.h"
#include "Context.h"
#include "CublasLoader.h"
#include "Status.h"

#include "rnn/Support/ParamsLayout.h"

#include <map>
#include <memory>

namespace rnnrt::cuda {

namespace {

/// cuBLAS's recommended workspace on Hopper.
constexpr size_t kWorkspaceBytes = 32u << 20;

/// Chunks a unidirectional stack's time axis is cut into for the wavefront:
/// layer l + 1 starts chunk k once layer l has finished it.
constexpr int64_t kWavefrontChunks = 8;

} // namespace

Status createLane(Lane &lane) {
  Status created = [&]() -> Status {
    const CublasApi &api = cublas();
    RNNRT_CHECK(cudaStreamCreateWithFlags(&lane.stream, cudaStreamNonBlocking));
    RNNRT_CHECK(
        cudaEventCreateWithFlags(&lane.progress, cudaEventDisableTiming));
    RNNRT_CHECK(api.cublasCreate_v2(&lane.handle));
    RNNRT_CHECK(api.cublasSetStream_v2(lane.handle, lane.stream));
    // An explicit workspace: cuBLAS then never allocates while a forward is
    // being captured into a CUDA graph.
    RNNRT_CHECK(cudaMalloc(&lane.workspace, kWorkspaceBytes));
    RNNRT_CHECK(api.cublasSetWorkspace_v2(lane.handle, lane.workspace,
                                          kWorkspaceBytes));
    return success();
  }();
  if (!created.ok()) {
    // Keep nothing half-made: the next call starts over.
    if (lane.handle)
      cublas().cublasDestroy_v2(lane.handle);
    if (lane.workspace)
      cudaFree(lane.workspace);
    if (lane.progress)
      cudaEventDestroy(lane.progress);
    if (lane.stream)
      cudaStreamDestroy(lane.stream);
    lane = Lane();
  }
  return created;
}

namespace {

Status createPlan(const CallContext &call, const PlanKey &key,
                  CublasPlan &plan) {
  const ExecutionContext &context = call.ctx();
  auto allocate = [&](size_t bytes, void **result) {
    plan.heldBytes += bytes;
    return allocateDevice(context, call.stream, bytes, result);
  };
  const rnnrt::LayerConfig config = key.layerConfig();
  const rnnrt::ParamsLayout layout(config);
  plan.weightElements = layout.size();
  const int64_t directions = key.numDirections();
  for (int64_t layer = 0; layer < key.numLayers; ++layer)
    for (int64_t direction = 0; direction < directions; ++direction) {
      LayerWeights w;
      w.inputMatrices = layout.inputMatricesOffset(layer, direction);
      w.recurrentMatrices = layout.recurrentMatricesOffset(layer, direction);
      w.inputBiases = layout.inputBiasesOffset(layer, direction);
      w.recurrentBiases = layout.recurrentBiasesOffset(layer, direction);
      w.projection = layout.projectionOffset(layer, direction);
      plan.weights.push_back(w);
    }

  const int64_t T = key.seqLength, B = key.batch, H = key.numUnits;
  const size_t gateRowBytes =
      static_cast<size_t>(config.numGates() * H) * accumulatorSize(key.dtype);
  for (int64_t direction = 0; direction < directions; ++direction) {
    RNNRT_RETURN_IF_ERROR(allocate(gateRowBytes * static_cast<size_t>(T * B),
                                   &plan.inputGates[direction]));
  }
  for (int64_t p = 0; p < key.numLayers * directions; ++p) {
    void *gates = nullptr;
    RNNRT_RETURN_IF_ERROR(
        allocate(gateRowBytes * static_cast<size_t>(B), &gates));
    plan.hiddenGates.push_back(gates);
    if (key.resetsBeforeMatmul()) {
      void *reset = nullptr;
      RNNRT_RETURN_IF_ERROR(allocate(
          static_cast<size_t>(B * H) * elementSize(key.dtype), &reset));
      plan.resetHidden.push_back(reset);
    }
    if (config.hasProjection()) {
      void *cellOutput = nullptr;
      RNNRT_RETURN_IF_ERROR(allocate(
          static_cast<size_t>(B * H) * elementSize(key.dtype), &cellOutput));
      plan.cellOutputs.push_back(cellOutput);
    }
  }
  const size_t outputBytes =
      static_cast<size_t>(T * B * directions * config.hiddenSize()) *
      elementSize(key.dtype);
  for (int64_t layer = 0; layer + 1 < key.numLayers; ++layer) {
    void *output = nullptr;
    RNNRT_RETURN_IF_ERROR(allocate(outputBytes, &output));
    plan.layerOutputs.push_back(output);
    if (key.training && key.dropout() > 0.0) {
      void *dropped = nullptr;
      RNNRT_RETURN_IF_ERROR(allocate(outputBytes, &dropped));
      plan.droppedOutputs.push_back(dropped);
    }
  }
  if (!key.timeMajor) {
    RNNRT_RETURN_IF_ERROR(allocate(static_cast<size_t>(T * B * key.inputSize) *
                                       elementSize(key.dtype),
                                   &plan.timeMajorX));
    RNNRT_RETURN_IF_ERROR(allocate(outputBytes, &plan.timeMajorY));
  }
  const bool wavefront = directions == 1 && key.numLayers > 1;
  const int64_t chunks = wavefront ? std::min(T, kWavefrontChunks) : 1;
  plan.chunkSteps = (T + chunks - 1) / chunks;
  return success();
}

} // namespace

CublasPlan::~CublasPlan() {
  if (!owner)
    return;
  cudaStream_t stream =
      owner->lastStream ? owner->lastStream : owner->ownStream;
  auto release = [&](void *buffer) {
    if (buffer)
      (void)freeDevice(*owner, stream, buffer);
  };
  release(inputGates[0]);
  release(inputGates[1]);
  release(timeMajorX);
  release(timeMajorY);
  for (const std::vector<void *> *buffers :
       {&hiddenGates, &resetHidden, &cellOutputs, &layerOutputs,
        &droppedOutputs, &gradBuffers})
    for (void *buffer : *buffers)
      release(buffer);
}

Status findOrCreateCublasPlan(const CallContext &call, const PlanKey &key,
                              CublasPlan *&result) {
  ExecutionContext &context = call.ctx();
  result = context.cublasPlans.find(key);
  if (result)
    return success();
  auto plan = std::make_unique<CublasPlan>();
  plan->owner = &context;
  // On failure the destructor frees what was allocated.
  RNNRT_RETURN_IF_ERROR(createPlan(call, key, *plan));
  result = context.cublasPlans.insert(key, std::move(plan));
  return success();
}

} // namespace rnnrt::cuda
