//===- PaddedSequences.h - cuDNN calls with seq_lengths ---------*- C++ -*-===//
//
// A cuDNN call with seq_lengths runs on padded I/O with each call's
// lengths in the plan's descriptors. cuDNN rejects length 0, so an empty
// sequence runs as length 1, and the results are made what the contract
// says without trusting what cuDNN computed for it:
// - forward: y is zeroed past each length (so the fake step's row too),
//   and h_n = h_0, c_n = c_0 for empty sequences;
// - training: cuDNN reads x with the padded steps zeroed (the padding may
//   hold anything, NaN included, and 0 * NaN would reach the weight
//   gradients); the backward reads dy with the padded steps zeroed and dhy,
//   dcy with the empty sequences' rows zeroed, so every gradient that
//   flows through an empty sequence's fake step is exactly 0 and its
//   weight-gradient contribution vanishes; then dx is zeroed past each
//   length and dh_0 = dh_n, dc_0 = dc_n for empty sequences.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_PADDEDSEQUENCES_H
#define RNN_LIB_RUNTIME_CUDA_PADDEDSEQUENCES_H

#include "ForwardCall.h"
#include "RNNPlan.h"
#include "TrainingCall.h"

namespace rnnrt::cuda {

/// Puts the call's lengths (0 run as 1) into the plan's descriptors and
/// device lengths, and checks that the plan's workspace and reserve space
/// (sized for full-length sequences) suffice.
Status setPlanLengths(const ForwardCall &call, RNNPlan &plan);

/// Training forward: copies x into plan.maskedX with the padded steps
/// zeroed; the forward then reads pointers[0] = plan.maskedX.
Status maskForwardInput(const ForwardCall &call, RNNPlan &plan,
                        ForwardPointers &pointers);

/// After the forward: y zero past each length, h_n = h_0 and c_n = c_0
/// for empty sequences.
Status finishPaddedForward(const ForwardCall &call);

/// Backward: the masked copies of x, dy, dhy and dcy the backward reads
/// instead (pointers updated).
Status maskBackwardInputs(const BackwardCall &call, RNNPlan &plan,
                          BackwardPointers &pointers);

/// After the backward: dx zero past each length, dh_0 = dh_n and dc_0 =
/// dc_n for empty sequences.
Status finishPaddedBackward(const BackwardCall &call);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_PADDEDSEQUENCES_H
