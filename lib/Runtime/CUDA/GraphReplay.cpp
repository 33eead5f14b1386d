//===- GraphReplay.cpp - CUDA-graph replay of a plan's forward ------------===//

#include "GraphReplay.h"
#include "Context.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace rnnrt::cuda {

GraphSet::~GraphSet() {
  // An executable graph still in flight is freed when it completes.
  for (auto &entry : graphs)
    cudaGraphExecDestroy(entry.second);
}

namespace {

/// RNNRT_DEBUG_GRAPHS=1 prints each capture's key to stderr (which data
/// pointers changed is why a plan captures again).
bool debugGraphs() {
  static const bool enabled = [] {
    const char *value = std::getenv("RNNRT_DEBUG_GRAPHS");
    return value && std::string(value) == "1";
  }();
  return enabled;
}

void printCapture(const GraphSet &set, const GraphKey &key) {
  std::fprintf(stderr, "rnnrt: capture %lld (replays %lld) of graph set %p:",
               static_cast<long long>(set.captures),
               static_cast<long long>(set.replays),
               static_cast<const void *>(&set));
  for (const void *pointer : key)
    std::fprintf(stderr, " %p", pointer);
  std::fprintf(stderr, "\n");
}

} // namespace

bool graphReplayEnabled() {
  static const bool enabled = [] {
    const char *value = std::getenv("RNNRT_CUDA_GRAPHS");
    return !value || std::string(value) != "0";
  }();
  return enabled;
}

Status launchWithGraphs(GraphSet &set, const GraphKey &key,
                        const CallContext &call, const EnqueueFn &enqueue) {
  if (!graphReplayEnabled() || set.unsupported)
    return enqueue(call.stream);
  for (auto &entry : set.graphs)
    if (entry.first == key) {
      ++set.replays;
      RNNRT_CHECK(cudaGraphLaunch(entry.second, call.stream));
      return success();
    }
  if (set.captures >= static_cast<int64_t>(GraphSet::kMaxGraphs) &&
      set.replays < set.captures) {
    set.unsupported = true;
    return enqueue(call.stream);
  }
  ++set.captures;
  if (debugGraphs())
    printCapture(set, key);

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
  set.graphs.emplace_back(key, exec);
  RNNRT_CHECK(cudaGraphLaunch(exec, call.stream));
  return success();
}

} // namespace rnnrt::cuda
