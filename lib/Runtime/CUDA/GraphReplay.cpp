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

namespace {

/// Captures `enqueue`'s work on the context's capture stream into `graph`.
/// Returns the enqueue's own failure; a failed capture leaves `graph` null.
Status captureWork(const CallContext &call, const EnqueueFn &enqueue,
                   cudaGraph_t &graph) {
  graph = nullptr;
  cudaStream_t capture = call.ctx().captureStream;
  RNNRT_CHECK(
      cudaStreamBeginCapture(capture, cudaStreamCaptureModeThreadLocal));
  Status enqueued = enqueue(capture);
  cudaError_t endStatus = cudaStreamEndCapture(capture, &graph);
  if (endStatus != cudaSuccess || !enqueued.ok()) {
    if (graph)
      cudaGraphDestroy(graph);
    graph = nullptr;
    // Clear the capture's errors from CUDA's per-thread slot.
    (void)cudaGetLastError();
  }
  return enqueued;
}

/// RNNRT_CHECK_GRAPH_RELOCATION=1: captures the work for `key` again and
/// checks that the relocated graph is what the capture gives.
Status checkRelocation(const RelocatableGraph &relocatable, const GraphKey &key,
                       const CallContext &call, const EnqueueFn &enqueue) {
  cudaGraph_t graph = nullptr;
  RNNRT_RETURN_IF_ERROR(captureWork(call, enqueue, graph));
  RNNRT_REQUIRE(graph, "graph relocation check: capturing again failed");
  GraphSnapshot fresh;
  Status taken = takeSnapshot(graph, fresh);
  cudaGraphDestroy(graph);
  RNNRT_RETURN_IF_ERROR(taken);
  return relocatable.verify(fresh, key);
}

/// Launches the first capture's graph with `key`'s pointers.
Status launchRelocated(GraphSet &set, const GraphKey &key,
                       const CallContext &call, const EnqueueFn &enqueue) {
  cudaGraphExec_t exec = nullptr;
  size_t rewritten = 0;
  RNNRT_RETURN_IF_ERROR(set.relocatable->execFor(key, exec, rewritten));
  if (rewritten) {
    ++set.relocations;
    if (debugGraphs())
      std::fprintf(stderr,
                   "rnnrt: relocation %lld of graph set %p: %zu nodes "
                   "rewritten (%zu executable graphs)\n",
                   static_cast<long long>(set.relocations),
                   static_cast<const void *>(&set), rewritten,
                   set.relocatable->executableGraphs());
    if (checkGraphRelocation())
      RNNRT_RETURN_IF_ERROR(
          checkRelocation(*set.relocatable, key, call, enqueue));
  }
  ++set.replays;
  RNNRT_CHECK(cudaGraphLaunch(exec, call.stream));
  return success();
}

/// Keeps a new capture: as the relocatable graph when it is the first, or
/// learns from it where the pointers live. Returns whether `graph` and
/// `exec` now belong to set.relocatable.
bool adoptCapture(GraphSet &set, const GraphBuffers &buffers, cudaGraph_t graph,
                  cudaGraphExec_t exec) {
  const GraphKey &key = buffers.key;
  if (set.relocationFailed || !graphRelocationEnabled())
    return false;
  Status status = success();
  bool adopted = false;
  if (!set.relocatable) {
    status = RelocatableGraph::create(graph, exec, key, set.relocatable);
    adopted = status.ok();
  } else {
    GraphSnapshot snapshot;
    status = takeSnapshot(graph, snapshot);
    bool sameWork = false;
    if (status.ok())
      status = set.relocatable->learn(snapshot, key, buffers.extents, sameWork);
  }
  if (!status.ok()) {
    set.relocationFailed = true;
    set.relocatable.reset();
    if (debugGraphs())
      std::fprintf(stderr, "rnnrt: graph set %p is not relocated: %s\n",
                   static_cast<const void *>(&set), status.message().c_str());
  }
  return adopted;
}

} // namespace

Status launchWithGraphs(GraphSet &set, const GraphBuffers &buffers,
                        const CallContext &call, const EnqueueFn &enqueue) {
  const GraphKey &key = buffers.key;
  if (!graphReplayEnabled() || set.unsupported)
    return enqueue(call.stream);
  for (auto &entry : set.graphs)
    if (entry.first == key) {
      ++set.replays;
      RNNRT_CHECK(cudaGraphLaunch(entry.second, call.stream));
      return success();
    }
  std::string notRelocated;
  if (set.relocatable &&
      set.relocatable->canServe(key, debugGraphs() ? &notRelocated : nullptr)) {
    Status relocated = launchRelocated(set, key, call, enqueue);
    if (relocated.ok())
      return success();
    // A rewrite the driver refuses (or a failed launch: then the capture
    // below fails the same way and reports it): relocation is only a
    // shortcut, so this set stops relocating and captures instead.
    (void)cudaGetLastError();
    if (debugGraphs())
      std::fprintf(stderr, "rnnrt: graph set %p stops relocating: %s\n",
                   static_cast<const void *>(&set),
                   relocated.message().c_str());
    set.relocationFailed = true;
    set.relocatable.reset();
  }
  if (debugGraphs() && !notRelocated.empty())
    std::fprintf(stderr, "rnnrt: graph set %p not relocated: %s\n",
                 static_cast<const void *>(&set), notRelocated.c_str());
  if (set.captures >= static_cast<int64_t>(GraphSet::kMaxGraphs) &&
      set.replays < set.captures) {
    set.unsupported = true;
    set.relocatable.reset();
    return enqueue(call.stream);
  }
  ++set.captures;
  if (debugGraphs())
    printCapture(set, key);

  cudaGraph_t graph = nullptr;
  Status enqueued = captureWork(call, enqueue, graph);
  cudaGraphExec_t exec = nullptr;
  bool captured = enqueued.ok() && graph &&
                  cudaGraphInstantiate(&exec, graph, 0) == cudaSuccess;
  if (!captured) {
    if (graph)
      cudaGraphDestroy(graph);
    (void)cudaGetLastError();
    // Launch directly: if that fails too, the work itself failed (its
    // error is the call's); if it works, capture is what failed, and the
    // plan stops trying.
    Status direct = enqueue(call.stream);
    if (direct.ok()) {
      set.unsupported = true;
      set.relocatable.reset();
    }
    return direct;
  }
  if (!adoptCapture(set, buffers, graph, exec)) {
    cudaGraphDestroy(graph);
    if (set.graphs.size() == GraphSet::kMaxGraphs) {
      cudaGraphExecDestroy(set.graphs.front().second);
      set.graphs.erase(set.graphs.begin());
    }
    set.graphs.emplace_back(key, exec);
  }
  RNNRT_CHECK(cudaGraphLaunch(exec, call.stream));
  return success();
}

} // namespace rnnrt::cuda
