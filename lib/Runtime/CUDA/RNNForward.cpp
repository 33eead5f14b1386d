//===- RNNForward.cpp - The cuDNN RNN forward entry point -----------------===//
//
// _mlir_ciface_rnnrt_cudnn_rnn_forward: validates the configuration and the
// memref descriptors compiled code passes, finds or creates the plan, and
// enqueues cudnnRNNForward (inference) on the runtime's stream.
//
//===----------------------------------------------------------------------===//

#include "CudnnLoader.h"
#include "RNNPlan.h"
#include "Runtime.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Runtime/RNNEnums.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

namespace rnnrt::cuda {
namespace {

/// One forward call's arguments.
struct ForwardCall {
  PlanKey key;
  rnnrt_memref3d *x, *hx, *cx, *y, *hy, *cy;
  rnnrt_memref1d *w;
};

void describeCall(const void *data, std::string &out) {
  static_cast<const ForwardCall *>(data)->key.describe(out);
}

bool fitsInt32(int64_t value) {
  return value >= 0 && value <= std::numeric_limits<int32_t>::max();
}

/// Checks the scalar arguments (everything but T and B).
bool validateConfig(const PlanKey &key) {
  RNNRT_REQUIRE(key.mode >= RNNRT_MODE_RNN_RELU && key.mode <= RNNRT_MODE_GRU,
                "unknown mode code %lld", static_cast<long long>(key.mode));
  RNNRT_REQUIRE(key.direction == RNNRT_DIRECTION_UNIDIRECTIONAL ||
                    key.direction == RNNRT_DIRECTION_BIDIRECTIONAL,
                "unknown direction code %lld",
                static_cast<long long>(key.direction));
  RNNRT_REQUIRE(
      key.inputMode == RNNRT_INPUT_LINEAR || key.inputMode == RNNRT_INPUT_SKIP,
      "unknown input_mode code %lld", static_cast<long long>(key.inputMode));
  RNNRT_REQUIRE(elementSize(key.dtype) != 0, "unknown dtype code %lld",
                static_cast<long long>(key.dtype));
  RNNRT_REQUIRE(key.math >= RNNRT_MATH_STRICT &&
                    key.math <= RNNRT_MATH_TENSOR_OP,
                "unknown math code %lld", static_cast<long long>(key.math));
  RNNRT_REQUIRE(key.algo >= RNNRT_ALGO_STANDARD &&
                    key.algo <= RNNRT_ALGO_PREFER_PERSIST_STATIC,
                "unknown algo code %lld", static_cast<long long>(key.algo));
  RNNRT_REQUIRE(key.numLayers >= 1 && key.numUnits >= 1 && key.inputSize >= 1,
                "num_layers, num_units and input_size must be >= 1");
  RNNRT_REQUIRE(fitsInt32(key.numLayers * key.numDirections()) &&
                    fitsInt32(key.numUnits * key.numDirections()) &&
                    fitsInt32(key.inputSize),
                "sizes exceed cuDNN's 32-bit limits");
  RNNRT_REQUIRE(key.inputMode != RNNRT_INPUT_SKIP ||
                    key.inputSize == key.numUnits,
                "skip_input needs input_size == num_units (got %lld and "
                "%lld)",
                static_cast<long long>(key.inputSize),
                static_cast<long long>(key.numUnits));
  return true;
}

std::string formatShape(const int64_t *dims, int rank) {
  std::string text = "[";
  for (int d = 0; d < rank; ++d)
    text += (d ? ", " : "") + std::to_string(dims[d]);
  return text + "]";
}

/// Checks that `memref` has shape `expected` with row-major strides (dims
/// of size 1 may have any stride) and data when it is not empty.
template <typename MemRef, int Rank>
bool checkMemRef(const char *name, const MemRef *memref,
                 const int64_t (&expected)[Rank]) {
  RNNRT_REQUIRE(memref, "%s: null memref descriptor", name);
  int64_t elements = 1;
  for (int d = 0; d < Rank; ++d)
    elements *= expected[d];
  bool sameShape = true;
  for (int d = 0; d < Rank; ++d)
    sameShape &= memref->sizes[d] == expected[d];
  RNNRT_REQUIRE(sameShape, "%s has shape %s, expected %s", name,
                formatShape(memref->sizes, Rank).c_str(),
                formatShape(expected, Rank).c_str());
  int64_t rowMajor[Rank];
  int64_t stride = 1;
  bool contiguous = true;
  for (int d = Rank - 1; d >= 0; --d) {
    rowMajor[d] = stride;
    contiguous &= expected[d] == 1 || memref->strides[d] == stride;
    stride *= expected[d];
  }
  RNNRT_REQUIRE(contiguous, "%s is not contiguous: strides %s, expected %s",
                name, formatShape(memref->strides, Rank).c_str(),
                formatShape(rowMajor, Rank).c_str());
  RNNRT_REQUIRE(memref->offset >= 0, "%s has a negative offset %lld", name,
                static_cast<long long>(memref->offset));
  RNNRT_REQUIRE(elements == 0 || memref->aligned, "%s has a null data pointer",
                name);
  return true;
}

/// Where element 0 of a memref lies.
template <typename MemRef>
void *dataOf(const MemRef *memref, size_t elementBytes) {
  if (!memref || !memref->aligned)
    return nullptr;
  return static_cast<char *>(memref->aligned) +
         memref->offset * static_cast<int64_t>(elementBytes);
}

/// The device pointers of one forward: x, hx, cx, w, y, hy, cy.
using ForwardPointers = std::array<const void *, 7>;

/// Enqueues cudnnRNNForward (inference) on the runtime's stream.
bool enqueueForward(RNNPlan &plan, const ForwardPointers &p) {
  Runtime &rt = runtime();
  auto mut = [](const void *pointer) { return const_cast<void *>(pointer); };
  RNNRT_CHECK(cudnn().cudnnRNNForward(
      rt.handle, plan.rnn, CUDNN_FWD_MODE_INFERENCE, plan.devSeqLengths,
      plan.xDesc, p[0], plan.yDesc, mut(p[4]), plan.hDesc, p[1], mut(p[5]),
      plan.hDesc, p[2], mut(p[6]), plan.weightSpaceBytes, p[3],
      plan.workspaceBytes, plan.workspace, plan.reserveSpaceBytes,
      plan.reserveSpace));
  return true;
}

/// CUDA-graph replay is on unless RNNRT_CUDA_GRAPHS=0.
bool useGraphs() {
  static const bool enabled = [] {
    const char *value = std::getenv("RNNRT_CUDA_GRAPHS");
    return !value || std::string(value) != "0";
  }();
  return enabled;
}

/// Launches the forward as a CUDA graph, capturing it on first use of these
/// pointers. If cuDNN's calls cannot be captured for this plan, falls back
/// to direct launches for good.
bool launchCaptured(RNNPlan &plan, const ForwardPointers &pointers) {
  constexpr size_t kMaxGraphsPerPlan = 8;
  Runtime &rt = runtime();
  for (auto &entry : plan.graphs)
    if (entry.first == pointers) {
      RNNRT_CHECK(cudaGraphLaunch(entry.second, rt.stream));
      return true;
    }

  cudaGraph_t graph = nullptr;
  RNNRT_CHECK(
      cudaStreamBeginCapture(rt.stream, cudaStreamCaptureModeThreadLocal));
  bool enqueued = enqueueForward(plan, pointers);
  cudaError_t endStatus = cudaStreamEndCapture(rt.stream, &graph);
  cudaGraphExec_t exec = nullptr;
  if (enqueued && endStatus == cudaSuccess &&
      cudaGraphInstantiate(&exec, graph, 0) == cudaSuccess) {
    cudaGraphDestroy(graph);
    if (plan.graphs.size() == kMaxGraphsPerPlan) {
      cudaGraphExecDestroy(plan.graphs.front().second);
      plan.graphs.erase(plan.graphs.begin());
    }
    plan.graphs.emplace_back(pointers, exec);
    RNNRT_CHECK(cudaGraphLaunch(exec, rt.stream));
    return true;
  }
  // Not capturable: forget the capture's errors and launch directly.
  if (graph)
    cudaGraphDestroy(graph);
  (void)cudaGetLastError();
  (void)takeError();
  plan.graphsUnsupported = true;
  return enqueueForward(plan, pointers);
}

bool forward(ForwardCall &call) {
  PlanKey &key = call.key;
  RNNRT_RETURN_IF_ERROR(requireInitialized());
  RNNRT_RETURN_IF_ERROR(validateConfig(key));
  RNNRT_REQUIRE(call.x, "x: null memref descriptor");
  key.seqLength = call.x->sizes[0];
  key.batch = call.x->sizes[1];
  const int64_t seqLength = key.seqLength, batch = key.batch;
  RNNRT_REQUIRE(fitsInt32(seqLength) && fitsInt32(batch),
                "x has shape %s: T and B must be in [0, 2^31)",
                formatShape(call.x->sizes, 3).c_str());
  const int64_t states = key.numLayers * key.numDirections();
  const int64_t hidden = key.numUnits;
  const bool hasCell = key.mode == RNNRT_MODE_LSTM;
  RNNRT_RETURN_IF_ERROR(
      checkMemRef("x", call.x, {seqLength, batch, key.inputSize}));
  RNNRT_RETURN_IF_ERROR(checkMemRef(
      "y", call.y, {seqLength, batch, key.numDirections() * hidden}));
  RNNRT_RETURN_IF_ERROR(checkMemRef("hx", call.hx, {states, batch, hidden}));
  RNNRT_RETURN_IF_ERROR(checkMemRef("hy", call.hy, {states, batch, hidden}));
  if (hasCell) {
    RNNRT_RETURN_IF_ERROR(checkMemRef("cx", call.cx, {states, batch, hidden}));
    RNNRT_RETURN_IF_ERROR(checkMemRef("cy", call.cy, {states, batch, hidden}));
  }
  RNNRT_REQUIRE(call.w, "w: null memref descriptor");

  const size_t elementBytes = elementSize(key.dtype);
  Runtime &rt = runtime();
  if (batch == 0)
    return true;
  if (seqLength == 0) {
    // No step: the final states are the initial ones.
    size_t stateBytes =
        static_cast<size_t>(states * batch * hidden) * elementBytes;
    RNNRT_CHECK(cudaMemcpyAsync(dataOf(call.hy, elementBytes),
                                dataOf(call.hx, elementBytes), stateBytes,
                                cudaMemcpyDeviceToDevice, rt.stream));
    if (hasCell)
      RNNRT_CHECK(cudaMemcpyAsync(dataOf(call.cy, elementBytes),
                                  dataOf(call.cx, elementBytes), stateBytes,
                                  cudaMemcpyDeviceToDevice, rt.stream));
    return true;
  }

  void *weights = dataOf(call.w, elementBytes);
  std::lock_guard<std::mutex> lock(rt.mutex);
  RNNPlan *plan = findOrCreatePlan(key, weights);
  if (!plan)
    return false;
  const int64_t weightShape[1] = {plan->weightElements};
  RNNRT_RETURN_IF_ERROR(checkMemRef("w", call.w, weightShape));

  ForwardPointers pointers = {dataOf(call.x, elementBytes),
                              dataOf(call.hx, elementBytes),
                              hasCell ? dataOf(call.cx, elementBytes) : nullptr,
                              weights,
                              dataOf(call.y, elementBytes),
                              dataOf(call.hy, elementBytes),
                              hasCell ? dataOf(call.cy, elementBytes)
                                      : nullptr};
  if (useGraphs() && !plan->graphsUnsupported)
    return launchCaptured(*plan, pointers);
  return enqueueForward(*plan, pointers);
}

} // namespace
} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" void _mlir_ciface_rnnrt_cudnn_rnn_forward(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t direction, int64_t inputMode, int64_t dtype, int64_t math,
    int64_t algo, rnnrt_memref3d *x, rnnrt_memref3d *hx, rnnrt_memref3d *cx,
    rnnrt_memref1d *w, rnnrt_memref3d *y, rnnrt_memref3d *hy,
    rnnrt_memref3d *cy) {
  // Compiled code does nothing while an error is pending.
  if (hasError())
    return;
  ForwardCall call;
  call.key.mode = mode;
  call.key.numLayers = numLayers;
  call.key.numUnits = numUnits;
  call.key.inputSize = inputSize;
  call.key.direction = direction;
  // auto_select is resolved by the compiler; resolve it here as well so
  // that the plan key and cuDNN only ever see linear or skip.
  call.key.inputMode = inputMode;
  if (inputMode == RNNRT_INPUT_AUTO_SELECT)
    call.key.inputMode =
        inputSize == numUnits ? RNNRT_INPUT_SKIP : RNNRT_INPUT_LINEAR;
  call.key.dtype = dtype;
  call.key.math = math;
  call.key.algo = algo;
  call.x = x;
  call.hx = hx;
  call.cx = cx;
  call.w = w;
  call.y = y;
  call.hy = hy;
  call.cy = cy;
  ErrorContext context(describeCall, &call);
  forward(call);
}
