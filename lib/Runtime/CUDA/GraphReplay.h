//===- GraphReplay.h - CUDA-graph replay of a plan's forward ----*- C++ -*-===//
//
// The cuDNN and cuBLAS plans replay their work from CUDA graphs: the first
// call captures the enqueued work on the context's private capture stream
// (so no other thread's work can be captured, and the host's stream is
// never in capture mode), later calls launch a graph on the call's stream.
// A call with other data pointers gets the first capture's graph with its
// pointers rewritten (GraphRelocation.h) once a second capture has shown
// where they live; where that is not possible, a graph per tuple of
// pointers. Where the work cannot be captured, the plan launches it
// directly from then on.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_GRAPHREPLAY_H
#define RNN_LIB_RUNTIME_CUDA_GRAPHREPLAY_H

#include "ForwardCall.h"
#include "GraphRelocation.h"
#include "Status.h"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <tuple>
#include <utility>
#include <vector>

namespace rnnrt::cuda {

/// `values` (pointers or their buffers' sizes) in a GraphKey's slots, the
/// rest zero.
template <typename T, size_t N>
std::array<T, std::tuple_size<GraphKey>::value>
toGraphSlots(const std::array<T, N> &values) {
  static_assert(N <= std::tuple_size<GraphKey>::value);
  std::array<T, std::tuple_size<GraphKey>::value> slots{};
  std::copy(values.begin(), values.end(), slots.begin());
  return slots;
}

/// The data pointers of a call and the sizes of their buffers, slot by
/// slot (a graph's key).
struct GraphBuffers {
  GraphKey key{};
  GraphExtents extents{};

  template <size_t N>
  GraphBuffers(const std::array<const void *, N> &pointers,
               const std::array<size_t, N> &bytes)
      : key(toGraphSlots(pointers)), extents(toGraphSlots(bytes)) {}
};

/// The graphs of one plan (at most kMaxGraphs, oldest evicted).
struct GraphSet {
  static constexpr size_t kMaxGraphs = 8;
  std::vector<std::pair<GraphKey, cudaGraphExec_t>> graphs;
  /// The first capture, replayed on other pointers; null until captured,
  /// or when it cannot be relocated.
  std::unique_ptr<RelocatableGraph> relocatable;
  bool relocationFailed = false;
  /// Whether capturing this plan's work failed once, or stopped paying
  /// (then never again).
  bool unsupported = false;
  /// Graphs captured and replays of a captured graph: when the pointers do
  /// not repeat (every call's buffers at new addresses), every call would
  /// pay a capture; after kMaxGraphs captures with fewer replays than
  /// captures the plan launches its work directly.
  int64_t captures = 0;
  int64_t replays = 0;
  /// Replays with rewritten pointers (counted in `replays` too).
  int64_t relocations = 0;

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
/// `buffers.key` (captured first when new), or launched directly when
/// graphs are off or unsupported. A failure inside `enqueue` is returned
/// as is.
Status launchWithGraphs(GraphSet &set, const GraphBuffers &buffers,
                        const CallContext &call, const EnqueueFn &enqueue);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_GRAPHREPLAY_H
