//===- GraphReplay.h - CUDA-graph replay of a plan's forward ----*- C++ -*-===//
//
// The cuDNN and cuBLAS plans replay their forward from a CUDA graph per
// tuple of data pointers: the first call with new pointers captures the
// enqueued work on the context's private capture stream (so no other
// thread's work can be captured, and the host's stream is never in capture
// mode), later calls launch the graph on the call's stream. Where the work
// cannot be captured, the plan launches it directly from then on.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_GRAPHREPLAY_H
#define RNN_LIB_RUNTIME_CUDA_GRAPHREPLAY_H

#include "ForwardCall.h"
#include "Status.h"

#include <cuda_runtime_api.h>

#include <functional>
#include <utility>
#include <vector>

namespace rnnrt::cuda {

/// The graphs of one plan (at most kMaxGraphs, oldest evicted).
struct GraphSet {
  static constexpr size_t kMaxGraphs = 8;
  std::vector<std::pair<ForwardPointers, cudaGraphExec_t>> graphs;
  /// Whether capturing this plan's work failed once (then never again).
  bool unsupported = false;

  GraphSet() = default;
  GraphSet(const GraphSet &) = delete;
  GraphSet &operator=(const GraphSet &) = delete;
  ~GraphSet();
};

/// Enqueues the work on the given stream.
using EnqueueFn = std::function<Status(cudaStream_t stream)>;

/// Whether CUDA-graph replay is on (unless RNNRT_CUDA_GRAPHS=0).
bool graphReplayEnabled();

/// Runs `enqueue`'s work on `call`'s stream: replayed from the graph of
/// `pointers` (captured first when new), or launched directly when graphs
/// are off or unsupported. A failure inside `enqueue` is returned as is.
Status launchWithGraphs(GraphSet &set, const ForwardPointers &pointers,
                        const CallContext &call, const EnqueueFn &enqueue);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_GRAPHREPLAY_H
