//===- PaddedSequences.cpp - cuDNN calls with seq_lengths -----------------===//

#include "PaddedSequences.h"
#include "Context.h"
#include "CudnnLoader.h"
#include "MemRefChecks.h"
#include "SequenceKernels.h"

#include "rnn/Support/RNNEnums.h"

#include <algorithm>

namespace rnnrt::cuda {
namespace {

/// dst = src with the steps past each length zeroed, both in the call's
/// layout (dst may be src).
Status maskSteps(const ForwardCall &call, const void *src, void *dst,
                 int64_t width) {
  const PlanKey &key = call.key;
  const bool timeMajor = key.timeMajor != 0;
  RNNRT_CHECK(launchMaskSteps(elementSize(key.dtype), {src, timeMajor}, dst,
                              timeMajor, call.deviceLengths(), key.seqLength,
                              key.batch, width, call.context.stream));
  return success();
}

/// dst = keep, with the empty sequences' rows from `replace` (0 when
/// null), for states [L*D, B, width].
Status selectEmptyStates(const ForwardCall &call, const void *keep,
                         const void *replace, void *dst, int64_t width) {
  const PlanKey &key = call.key;
  RNNRT_CHECK(launchSelectEmptyStates(elementSize(key.dtype), keep, replace,
                                      dst, call.deviceLengths(),
                                      key.numLayers * key.numDirections(),
                                      key.batch, width, call.context.stream));
  return success();
}

void *mut(const void *pointer) { return const_cast<void *>(pointer); }

} // namespace

Status setPlanLengths(const ForwardCall &call, RNNPlan &plan) {
  const PlanKey &key = call.key;
  RNNRT_REQUIRE(call.lengths.size() == plan.seqLengths.size(),
                "seq_lengths has %zu values for a plan of B = %zu",
                call.lengths.size(), plan.seqLengths.size());
  for (size_t b = 0; b < call.lengths.size(); ++b)
    plan.seqLengths[b] = std::max<int32_t>(call.lengths[b], 1);
  RNNRT_RETURN_IF_ERROR(setDataDescriptors(key, plan));
  // Stream-ordered after every earlier call's reads of the device copy;
  // from pageable memory, so the host vector may change once it returns.
  RNNRT_CHECK_CUDA_WHAT(
      cudaMemcpyAsync(plan.devSeqLengths, plan.seqLengths.data(),
                      plan.seqLengths.size() * sizeof(int32_t),
                      cudaMemcpyHostToDevice, call.context.stream),
      "copy of seq_lengths to plan.devSeqLengths");
  cudnnHandle_t handle;
  RNNRT_RETURN_IF_ERROR(
      call.context.ctx().cudnnHandle(call.context.stream, handle));
  size_t workspaceBytes = 0, reserveBytes = 0;
  RNNRT_CHECK(cudnn().cudnnGetRNNTempSpaceSizes(
      handle, plan.rnn,
      key.training ? CUDNN_FWD_MODE_TRAINING : CUDNN_FWD_MODE_INFERENCE,
      plan.xDesc, &workspaceBytes, &reserveBytes));
  RNNRT_REQUIRE(workspaceBytes <= plan.workspaceBytes &&
                    reserveBytes <= plan.reserveSpaceBytes,
                "cuDNN asks for %zu workspace and %zu reserve bytes for these "
                "seq_lengths, more than the %zu and %zu of full-length "
                "sequences",
                workspaceBytes, reserveBytes, plan.workspaceBytes,
                plan.reserveSpaceBytes);
  return success();
}

Status maskForwardInput(const ForwardCall &call, RNNPlan &plan,
                        ForwardPointers &pointers) {
  RNNRT_RETURN_IF_ERROR(
      maskSteps(call, pointers[0], plan.maskedX, call.key.inputSize));
  pointers[0] = plan.maskedX;
  return success();
}

Status finishPaddedForward(const ForwardCall &call) {
  const PlanKey &key = call.key;
  const ForwardPointers p = call.pointers();
  RNNRT_RETURN_IF_ERROR(
      maskSteps(call, p[4], mut(p[4]), key.numDirections() * key.hiddenSize()));
  RNNRT_RETURN_IF_ERROR(
      selectEmptyStates(call, p[5], p[1], mut(p[5]), key.hiddenSize()));
  if (key.mode == RNNRT_MODE_LSTM)
    RNNRT_RETURN_IF_ERROR(
        selectEmptyStates(call, p[6], p[2], mut(p[6]), key.numUnits));
  return success();
}

Status maskBackwardInputs(const BackwardCall &call, RNNPlan &plan,
                          BackwardPointers &pointers) {
  const ForwardCall &forward = call.forward;
  const PlanKey &key = forward.key;
  RNNRT_RETURN_IF_ERROR(
      maskSteps(forward, pointers[kX], plan.maskedX, key.inputSize));
  pointers[kX] = plan.maskedX;
  RNNRT_RETURN_IF_ERROR(maskSteps(forward, pointers[kDy], plan.maskedDy,
                                  key.numDirections() * key.hiddenSize()));
  pointers[kDy] = plan.maskedDy;
  RNNRT_RETURN_IF_ERROR(selectEmptyStates(forward, pointers[kDhy], nullptr,
                                          plan.maskedDhy, key.hiddenSize()));
  pointers[kDhy] = plan.maskedDhy;
  if (key.mode == RNNRT_MODE_LSTM) {
    RNNRT_RETURN_IF_ERROR(selectEmptyStates(forward, pointers[kDcy], nullptr,
                                            plan.maskedDcy, key.numUnits));
    pointers[kDcy] = plan.maskedDcy;
  }
  return success();
}

Status finishPaddedBackward(const BackwardCall &call) {
  const ForwardCall &forward = call.forward;
  const PlanKey &key = forward.key;
  const BackwardPointers p = call.pointers();
  RNNRT_RETURN_IF_ERROR(maskSteps(forward, p[kDx], mut(p[kDx]), key.inputSize));
  RNNRT_RETURN_IF_ERROR(selectEmptyStates(forward, p[kDhx], p[kDhy],
                                          mut(p[kDhx]), key.hiddenSize()));
  if (key.mode == RNNRT_MODE_LSTM)
    RNNRT_RETURN_IF_ERROR(selectEmptyStates(forward, p[kDcx], p[kDcy],
                                            mut(p[kDcx]), key.numUnits));
  return success();
}

} // namespace rnnrt::cuda
