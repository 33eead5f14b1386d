//===- RNNForward.cpp - The cuDNN RNN forward entry point -----------------===//
//
// _mlir_ciface_rnnrt_cudnn_rnn_forward: validates the configuration and the
// memref descriptors compiled code passes, finds or creates the plan, and
// enqueues cudnnRNNForward (inference) on the runtime's stream. Where cuDNN
// is absent or refuses the configuration, the cuBLAS fallback runs it.
//
//===----------------------------------------------------------------------===//

#include "CublasLoader.h"
#include "CublasPlan.h"
#include "CudnnLoader.h"
#include "ForwardCall.h"
#include "RNNPlan.h"
#include "Runtime.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Support/RNNEnums.h"

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <string>

namespace rnnrt::cuda {
namespace {

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

/// Whether a cuDNN status is one of the CUDNN_STATUS_NOT_SUPPORTED family
/// (cuDNN 9 numbers them 3000-3999).
bool isNotSupported(cudnnStatus_t status) {
  return status >= CUDNN_STATUS_NOT_SUPPORTED &&
         status < CUDNN_STATUS_NOT_SUPPORTED + 1000;
}

/// Outcome of trying cuDNN.
enum class CudnnAttempt { Done, Failed, Refused };

CudnnAttempt runOnCudnn(ForwardCall &call, std::string &refusal) {
  const ForwardPointers pointers = call.pointers();
  Runtime &rt = runtime();
  std::lock_guard<std::mutex> lock(rt.mutex);
  clearLastCudnnFailure();
  RNNPlan *plan = findOrCreatePlan(call.key, pointers[3]);
  if (!plan) {
    if (!isNotSupported(lastCudnnFailure()))
      return CudnnAttempt::Failed;
    refusal = takeError();
    return CudnnAttempt::Refused;
  }
  if (!call.validateWeights(plan->weightElements))
    return CudnnAttempt::Failed;
  bool launched = useGraphs() && !plan->graphsUnsupported
                      ? launchCaptured(*plan, pointers)
                      : enqueueForward(*plan, pointers);
  return launched ? CudnnAttempt::Done : CudnnAttempt::Failed;
}

bool forward(ForwardCall &call) {
  RNNRT_RETURN_IF_ERROR(requireInitialized());
  RNNRT_RETURN_IF_ERROR(call.validate());
  bool done = false;
  RNNRT_RETURN_IF_ERROR(call.runWithoutSteps(done));
  if (done)
    return true;
  if (!isCudnnLoaded()) {
    remark("cuDNN is not available (" + runtime().cudnnUnavailable +
           "): rnn forwards run on the cuBLAS fallback");
    return runCublasForward(call);
  }
  std::string refusal;
  switch (runOnCudnn(call, refusal)) {
  case CudnnAttempt::Done:
    return true;
  case CudnnAttempt::Failed:
    return false;
  case CudnnAttempt::Refused:
    break;
  }
  if (!isCublasLoaded()) {
    recordError(refusal);
    return false;
  }
  std::string configuration;
  call.key.describe(configuration);
  // The refusal ends with the same configuration in brackets: say it once.
  size_t context = refusal.rfind(" [");
  if (context != std::string::npos)
    refusal.resize(context);
  remark("cuDNN does not support " + configuration + " (" + refusal +
         "): running it on the cuBLAS fallback");
  return runCublasForward(call);
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
  call.setConfig(Library::Cudnn, mode, numLayers, numUnits, inputSize,
                 direction, inputMode, dtype, math);
  call.key.algo = algo;
  call.setBuffers(x, hx, cx, w, y, hy, cy);
  ErrorContext context(describeForwardCall, &call);
  forward(call);
}
