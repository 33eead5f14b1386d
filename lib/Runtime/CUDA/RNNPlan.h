//===- RNNPlan.h - Cached cuDNN descriptors of one RNN forward --*- C++ -*-===//
//
// A plan holds everything cudnnRNNForward (and, for a training
// configuration, cudnnRNNBackwardData_v8/BackwardWeights_v8) needs besides
// the data: the RNN descriptor, the x/y sequence descriptors, the h/c tensor
// descriptor, the sequence lengths on host and device, the workspace and, in
// training, the dropout descriptor and the reserve header. It is created once
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
#include "ReserveHeader.h"

#include <cudnn.h>

#include <array>
#include <cstdint>
#include <list>
#include <memory>
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
  /// [L*D, B, P] with a projection, else [L*D, B, H]: describes h.
  cudnnTensorDescriptor_t hDesc = nullptr;
  /// [L*D, B, H]: describes c.
  cudnnTensorDescriptor_t cDesc = nullptr;
  /// B copies of T, in host and device memory (cudnnRNNForward reads the
  /// device copy); a plan with seq_lengths sets both to each call's
  /// (PaddedSequences.h).
  std::vector<int32_t> seqLengths;
  int32_t *devSeqLengths = nullptr;
  /// Training plans with seq_lengths: what cuDNN reads instead of x, dy,
  /// dhy and dcy (copies with the padded steps and the empty sequences
  /// zeroed, PaddedSequences.h), allocated at creation.
  void *maskedX = nullptr;
  void *maskedDy = nullptr;
  void *maskedDhy = nullptr;
  void *maskedDcy = nullptr;
  size_t maskedBytes = 0;
  /// The packed weights: elements and bytes (cudnnGetRNNWeightSpaceSize).
  int64_t weightElements = 0;
  size_t weightSpaceBytes = 0;
  void *workspace = nullptr;
  size_t workspaceBytes = 0;
  /// cuDNN's reserve space size for the plan's forward mode.
  size_t reserveSpaceBytes = 0;
  /// The plan's own reserve space, allocated on first use (scratchReserve):
  /// for an inference forward that needs one, a training forward whose op
  /// returns no reserve, and the copy a backward works on when the reserve
  /// has another use (the three never overlap on the plan's stream).
  void *reserveSpace = nullptr;

  /// Training plans whose dropout acts (rate > 0, two layers or more): the
  /// dropout descriptor and its generator states, seeded once when the plan
  /// is created (cudnnSetDropoutDescriptor is expensive), and a copy of the
  /// seeded states that every forward starts from, so one seed gives the
  /// same masks on every call. Other plans use the context's rate-0 one.
  cudnnDropoutDescriptor_t dropout = nullptr;
  void *dropoutStates = nullptr;
  void *seededDropoutStates = nullptr;
  size_t dropoutStateBytes = 0;
  /// Training plans: the reserve header of this configuration
  /// (ReserveHeader.h), and its device copy, copied in front of each
  /// returned reserve.
  ReserveHeader reserveHeader;
  void *deviceHeader = nullptr;

  /// The forward, and the backward of training plans, captured in CUDA
  /// graphs per tuple of data pointers: replaying one costs one launch
  /// instead of cuDNN's per-step launches.
  GraphSet graphs;
  GraphSet backwardGraphs;
  /// Plans with seq_lengths: cuDNN's enqueued work depends on the host
  /// lengths, so a graph serves only the lengths it was captured with;
  /// the graphs of the last kMaxLengthGraphs distinct lengths (as cuDNN
  /// sees them, seqLengths), most recent first.
  struct LengthGraphs {
    std::vector<int32_t> lengths;
    std::unique_ptr<GraphSet> forward, backward;
  };
  static constexpr size_t kMaxLengthGraphs = 8;
  std::list<LengthGraphs> lengthGraphs;
  /// The forward's or the backward's graphs: of the current seqLengths
  /// when `withLengths`, else `graphs` or `backwardGraphs`.
  GraphSet &graphsFor(bool withLengths, bool backward);

  /// Device memory held or to be held (the caches' byte limit counts it;
  /// fixed at creation, as the caches require).
  size_t bytes() const {
    return workspaceBytes + reserveSpaceBytes + 2 * dropoutStateBytes +
           seqLengths.size() * sizeof(int32_t) + maskedBytes;
  }
  /// Whether this plan runs cuDNN's training mode.
  bool isTraining() const { return deviceHeader != nullptr; }
  /// The plan's own reserve space (allocated on first use).
  Status scratchReserve(const CallContext &call, void *&result);

  RNNPlan() = default;
  RNNPlan(const RNNPlan &) = delete;
  RNNPlan &operator=(const RNNPlan &) = delete;
  ~RNNPlan();
};

/// The plan of `key` in the call's context, created on first use (a
/// training plan when key.training is set: normalizeTrainingKey first);
/// `weights` is the device weight space of this call, used only to compute
/// the offsets cuDNN reports at creation (nothing is read or written). A
/// failed creation is not cached; a refusal is recognised from the status
/// (Status::isCudnnRefusal).
Status findOrCreatePlan(const CallContext &call, const PlanKey &key,
                        const void *weights, RNNPlan *&result);

/// Sets the plan's x and y descriptors to plan.seqLengths in `key`'s
/// layout (packed sequence-major unless key.paddedIO()).
Status setDataDescriptors(const PlanKey &key, RNNPlan &plan);

/// Sets `key`'s training fields for cuDNN: training on, and the dropout
/// rate and seed only where dropout acts (rate > 0 between two layers or
/// more), so plans that compute the same share one.
void setCudnnTraining(PlanKey &key, double dropout, int64_t seed);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_RNNPLAN_H
