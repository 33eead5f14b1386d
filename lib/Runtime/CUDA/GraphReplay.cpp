//===- GraphReplay.cpp - CUDA-graph replay of a plan's forward ------------===//

#include "GraphReplay.h"
#include "Context.h"

#include <cstdlib>
#include <string>

namespace rnnrt::cuda {

GraphSet::~GraphSet() {
  // An executable graph still in flight is freed when it completes.
  for (auto &entry : graphs)
    cudaGraphExecDestroy(entry.second);
}

bool graphReplayEnabled() {
  static const bool enabled = [] {
    const char *value = std::getenv("RNNRT_CUDA_GRAPHS");
    return !value || std::string(value) != "0";
  }();
  return enabled;
}

Status launchWithGraphs(GraphSet &set, const ForwardPointers &pointers,
                        const CallContext &call, const EnqueueFn &enqueue) {
  if (!graphReplayEnabled() || set.unsupported)
    return enqueue(call.stream);
  for (auto &entry : set.graphs)
    if (entry.first == pointers) {
      RNNRT_CHECK(cudaGraphLaunch(entry.second, call.stream));
      return success();
    }

  cudaStream_t capture = call.ctx().captureStream;
  cudaGraph_t graph = nullptr;
  RNNRT_CHECK(
      cudaStreamBeginCapture(capture, cudaStreamCaptureModeThreadLocal));
  Status enqueued = enqueue(capture);
  cudaError_t endStatus = cudaStreamEndCapture(capture, &graph);
  cudaGraphExec_t exec = nullptr;
  bool captured = enqueued.ok() && endStatus == cudaSuccess &&
                  cudaGraphInstantiate(&exec, graph, 0) == cudaSuccess;
  if (graph)
    cudaGraphDestroy(graph);
  if (!captured) {
    // Clear the capture's errors from CUDA's per-thread slot.
    (void)cudaGetLastError();
    // Launch directly: if that fails too, the work itself failed (its
    // error is the call's); if it works, capture is what failed, and the
    // plan stops trying.
    Status direct = enqueue(call.stream);
    if (direct.ok())
      set.unsupported = true;
    return direct;
  }
  if (set.graphs.size() == GraphSet::kMaxGraphs) {
    cudaGraphExecDestroy(set.graphs.front().second);
    set.graphs.erase(set.graphs.begin());
  }
  set.graphs.emplace_back(pointers, exec);
  RNNRT_CHECK(cudaGraphLaunch(exec, call.stream));
  return success();
}

} // namespace rnnrt::cuda
