//===- GraphSnapshot.h - The parameters of a captured CUDA graph -*- C++
//-*-===//
//
// A copy of what every node of a captured graph was given: a kernel node's
// parameter bytes (sizes from the driver's cuFuncGetParamInfo), a memcpy
// node's source and destination, a memset node's destination, and the
// edges between the nodes. Two snapshots of the same work enqueued with
// different data pointers differ only in the words that hold those
// pointers, which is what GraphRelocation learns from; a snapshot also
// writes changed words back into an executable graph of the same graph.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_GRAPHSNAPSHOT_H
#define RNN_LIB_RUNTIME_CUDA_GRAPHSNAPSHOT_H

#include "Status.h"

#include <cuda.h>
#include <cuda_runtime_api.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rnnrt::cuda {

/// One node of a snapshot. `bytes` holds everything of the node that may
/// name device memory (a kernel's parameters back to back, a memcpy's
/// source and destination pointers, a memset's destination), and
/// `wordOffsets` the 8-byte-aligned positions in `bytes` that can hold a
/// pointer. The rest of the node (grid, function, sizes) is in `shape`,
/// which two snapshots of the same work must agree on.
struct NodeSnapshot {
  cudaGraphNode_t node = nullptr;
  cudaGraphNodeType type = cudaGraphNodeTypeEmpty;
  std::vector<unsigned char> bytes;
  std::vector<size_t> wordOffsets;
  /// Kernel nodes: the launch as the driver reports it, and where each
  /// parameter starts in `bytes`.
  CUDA_KERNEL_NODE_PARAMS kernel{};
  std::vector<size_t> paramOffsets;
  /// Kernel nodes with packed parameters (kernel.extra): the buffer's
  /// size (`bytes` is the buffer).
  size_t packedSize = 0;
  cudaMemcpy3DParms copy{};
  cudaMemsetParams set{};
  /// Everything but the pointers, as bytes (equal for the same work).
  std::vector<unsigned char> shape;

  uint64_t word(size_t offset) const;
};

/// The nodes of a captured graph in the graph's order and its edges as
/// index pairs.
struct GraphSnapshot {
  std::vector<NodeSnapshot> nodes;
  std::vector<std::pair<size_t, size_t>> edges;

  /// Whether `other` is the same work (same nodes, kernels, launch shapes
  /// and edges); else says in `why` what differs.
  bool sameWorkAs(const GraphSnapshot &other, std::string &why) const;
};

/// Whether this driver offers what snapshots need (CUDA 12.4 or newer:
/// cuFuncGetParamInfo).
bool graphSnapshotsSupported();

/// Takes the snapshot of `graph`. Fails for node kinds whose pointers a
/// snapshot cannot see (host callbacks, child graphs, allocations).
Status takeSnapshot(cudaGraph_t graph, GraphSnapshot &snapshot);

/// Writes node `n` of a snapshot with its bytes replaced by `bytes` into
/// `exec`, as `node` (n's node in the graph `exec` was instantiated from).
Status writeNode(cudaGraphExec_t exec, cudaGraphNode_t node,
                 const NodeSnapshot &n,
                 const std::vector<unsigned char> &bytes);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_GRAPHSNAPSHOT_H
