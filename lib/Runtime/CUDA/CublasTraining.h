//===- CublasTraining.h - The cuBLAS fallback's training --------*- C++ -*-===//
//
// The fallback's reserve size, training forward and backward
// (CublasBackward.cpp), for its own entry points and for the cuDNN ones
// where cuDNN is missing or refuses a training configuration: then the
// whole training (reserve size, forward, backward) runs on the fallback,
// with the fallback's reserve layout and dropout masks, decided the same
// way from the same key by each of the three calls.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_CUBLASTRAINING_H
#define RNN_LIB_RUNTIME_CUDA_CUBLASTRAINING_H

#include "ForwardCall.h"
#include "Status.h"
#include "TrainingCall.h"

#include <cstdint>

namespace rnnrt::cuda {

/// Turns the key of a cuDNN training call into the fallback's key for the
/// same training (dropout and seed kept; cuDNN's GRU is
/// linear-before-reset).
void useCublasForTraining(PlanKey &key);

/// The bytes of the fallback's reserve for `call`'s configuration and
/// shape (x checked; the weights are not needed).
Status cublasReserveSize(ForwardCall &call, int64_t &bytes);

/// The fallback's training forward: its forward, then the header and the
/// inner layers' outputs into the reserve.
Status cublasTrainingForward(ForwardCall &call);

/// The fallback's backward on a reserve its training forward wrote.
Status cublasBackward(BackwardCall &call);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_CUBLASTRAINING_H
