//===- RNNPlan.h - Cached cuDNN descriptors of one RNN forward --*- C++ -*-===//
//
// A plan holds everything cudnnRNNForward needs besides the data: the RNN
// descriptor, the x/y sequence descriptors, the h/c tensor descriptor, the
// sequence lengths on host and device, and the workspace. It is created once
// per (configuration, T, B) in an execution context and kept in the
// context's bounded cache (least recently used evicted first). At
// creation the weight space cuDNN describes is checked against
// rnnrt::ParamsLayout, offset by offset.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_RNNPLAN_H
#define RNN_LIB_RUNTIME_CUDA_RNNPLAN_H

#include "ForwardCall.h"
#include "GraphReplay.h"

#include <cudnn.h>

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rnnrt::cuda {

/// The cuDNN state of one forward configuration.
struct RNNPlan {
  /// The context whose stream frees the plan's memory.
  const ExecutionContext *owner = nullptr;
  cudnnRNNDescriptor_t rnn = nullptr;
  cudnnRNNDataDescriptor_t xDesc = nullptr;
  cudnnRNNDataDescriptor_t yDesc = nullptr;
  /// [L*D, B, H]: describes h and c alike.
  cudnnTensorDescriptor_t hDesc = nullptr;
  /// B copies of T, in host and device memory (cudnnRNNForward reads the
  /// device copy).
  std::vector<int32_t> seqLengths;
  int32_t *devSeqLengths = nullptr;
  /// The packed weights: elements and bytes (cudnnGetRNNWeightSpaceSize).
  int64_t weightElements = 0;
  size_t weightSpaceBytes = 0;
  void *workspace = nullptr;
  size_t workspaceBytes = 0;
  void *reserveSpace = nullptr;
  size_t reserveSpaceBytes = 0;
  /// The forward captured in CUDA graphs, per tuple of data pointers (x, hx,
  /// cx, w, y, hy, cy): replaying one costs one launch instead of cuDNN's
  /// per-step launches.
  GraphSet graphs;

  /// Device memory held (the caches' byte limit counts it).
  size_t bytes() const {
    return workspaceBytes + reserveSpaceBytes +
           seqLengths.size() * sizeof(int32_t);
  }

  RNNPlan() = default;
  RNNPlan(const RNNPlan &) = delete;
  RNNPlan &operator=(const RNNPlan &) = delete;
  ~RNNPlan();
};

/// The plan of `key` in the call's context, created on first use;
/// `weights` is the device weight space of this call, used only to compute
/// the offsets cuDNN reports at creation (nothing is read or written). A
/// failed creation is not cached; a refusal is recognised from the status
/// (Status::isCudnnRefusal).
Status findOrCreatePlan(const CallContext &call, const PlanKey &key,
                        const void *weights, RNNPlan *&result);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_RNNPLAN_H
