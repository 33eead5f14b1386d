//===- GraphRelocation.h - Replaying a graph on other buffers ---*- C++ -*-===//
//
// A captured graph of a plan's work, replayed on data pointers other than
// the ones it was captured with. Compiled code allocates its results from
// a stream-ordered pool, which gives small buffers new addresses on most
// calls; a graph keyed by the pointers would be captured again on every
// call (the host cost of capture is the host cost of launching the work
// directly, plus instantiation). Instead, the first two captures with
// different pointers are compared: every word of the nodes' parameters
// that differs must be one data pointer plus a fixed offset (else the plan
// keeps exact-key graphs), which gives the table of where each pointer
// lives. A call with new pointers then rewrites only the nodes that hold a
// pointer that changed, in one of a few executable graphs of the first
// capture (cudaGraphExec*SetParams), instead of capturing again. (cuDNN's
// training graphs could not be instantiated a second time on the H200,
// clone or not: there, the one executable graph is rewritten per call,
// 8-49 nodes of 100-1000.)
//
// Pointers are only replaced by pointers with the same alignment modulo
// 256 bytes, so that a library's alignment-dependent choices made at
// capture hold. A changed word is attributed to the slot whose buffer holds
// it (the callers pass the buffers' sizes); slots that shared a buffer, or
// whose attribution stayed ambiguous (views of one allocation that moved
// together), must keep sharing it or their distance.
// RNNRT_CHECK_GRAPH_RELOCATION=1 captures the work again on every relocated
// call and compares the result with the rewritten graph (tests);
// RNNRT_GRAPH_RELOCATION=0 turns relocation off.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_GRAPHRELOCATION_H
#define RNN_LIB_RUNTIME_CUDA_GRAPHRELOCATION_H

#include "GraphSnapshot.h"

#include <array>
#include <memory>
#include <string>

namespace rnnrt::cuda {

/// The data pointers (and flags) a graph was captured for: a forward's
/// ForwardPointers, a backward's BackwardPointers; unused slots are null.
using GraphKey = std::array<const void *, 16>;
/// The byte size of each slot's buffer (0 where none or not known): a
/// pointer word is attributed to the slot whose buffer holds it.
using GraphExtents = std::array<size_t, std::tuple_size<GraphKey>::value>;

/// Whether graphs are relocated (unless RNNRT_GRAPH_RELOCATION=0 or the
/// driver cannot take snapshots).
bool graphRelocationEnabled();
/// Whether every relocated call is checked against a new capture
/// (RNNRT_CHECK_GRAPH_RELOCATION=1).
bool checkGraphRelocation();

class RelocatableGraph {
public:
  /// A graph captured for `key` and an executable graph of it; takes
  /// ownership of both when it succeeds (else the caller keeps them).
  static Status create(cudaGraph_t graph, cudaGraphExec_t exec,
                       const GraphKey &key,
                       std::unique_ptr<RelocatableGraph> &result);
  ~RelocatableGraph();
  RelocatableGraph(const RelocatableGraph &) = delete;
  RelocatableGraph &operator=(const RelocatableGraph &) = delete;

  /// Learns where the pointers live from `other`, a snapshot of work
  /// captured for `key` (its buffers of `extents` bytes); `sameWork` says
  /// whether it was this graph's work (the same nodes, and null in the
  /// same slots), else nothing is learnt. An error means the same work
  /// differs in more than pointers: this graph cannot be relocated.
  Status learn(const GraphSnapshot &other, const GraphKey &key,
               const GraphExtents &extents, bool &sameWork);
  /// Whether an executable graph can be given `key`'s pointers (else
  /// `why`, when given, says why not).
  bool canServe(const GraphKey &key, std::string *why = nullptr) const;
  /// An executable graph with `key`'s pointers; `rewritten` is the number
  /// of nodes changed for it (0: it had them already).
  Status execFor(const GraphKey &key, cudaGraphExec_t &exec, size_t &rewritten);
  /// Checks that the graph given `key`'s pointers is `fresh`, a snapshot
  /// of the work captured for `key`.
  Status verify(const GraphSnapshot &fresh, const GraphKey &key) const;

  /// The executable graphs made so far.
  size_t executableGraphs() const { return execs.size(); }

private:
  /// A pointer word in a node: `slot`'s pointer plus `delta`.
  struct Reference {
    size_t node;
    size_t offset;
    size_t slot;
    int64_t delta;
  };
  /// An executable graph, the pointers it has, and its nodes by index
  /// (of the first capture, or of `graph`, its own clone of it).
  struct Exec {
    cudaGraphExec_t exec = nullptr;
    GraphKey applied{};
    cudaGraph_t graph = nullptr;
    std::vector<cudaGraphNode_t> nodes;
  };
  static constexpr size_t kMaxExecs = 4;

  RelocatableGraph() = default;
  const Reference *referenceAt(size_t node, size_t offset) const;
  bool isIgnored(size_t node, size_t offset) const;
  /// Node `node`'s bytes with `key`'s pointers.
  std::vector<unsigned char> bytesFor(size_t node, const GraphKey &key) const;
  Status rewrite(Exec &exec, const GraphKey &key, size_t &rewritten) const;
  /// Adds an executable graph of a clone of the first capture's graph.
  Status instantiateClone(Exec &added) const;

  cudaGraph_t graph = nullptr;
  GraphKey baseKey{};
  GraphSnapshot base;
  std::vector<Reference> references;
  /// Per node, its references (indices into `references`).
  std::vector<std::vector<size_t>> referencesOfNode;
  /// Per node, the words that differed between captures without being
  /// device memory in either (they keep the first capture's value).
  std::vector<std::vector<size_t>> ignoredOfNode;
  /// Slots whose pointer has differed between two captures: their
  /// references are known. The others must keep the first capture's value.
  std::array<bool, std::tuple_size<GraphKey>::value> learned{};
  std::vector<Exec> execs;
  bool cannotInstantiate = false;
  /// Slots a word could have been attributed to when learning (they moved
  /// together): relocation needs them at the same distance.
  struct TiedSlots {
    size_t chosen, other;
    int64_t distance;
  };
  std::vector<TiedSlots> tiedSlots;
  void tie(size_t chosen, size_t other);
};

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_GRAPHRELOCATION_H
