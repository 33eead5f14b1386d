//===- GatherCopyKernel.h - Many device copies in one launch ----*- C++ -*-===//
//
// The run-time rnn.pack_params copies every canonical tensor to its offset in
// the packed buffer: 8-16 copies per layer and direction, of a few KB to a
// few MB each. One cudaMemcpyAsync per tensor costs the host a few
// microseconds each (and cudaMemcpyBatchAsync about as much per copy), far
// more than the bytes take on the device; one kernel launch moves a batch of
// up to kMaxGatherCopies in one go, with the widest aligned word each copy
// allows.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_GATHERCOPYKERNEL_H
#define RNN_LIB_RUNTIME_CUDA_GATHERCOPYKERNEL_H

#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

namespace rnnrt::cuda {

/// One device-to-device copy of `bytes` bytes (the ranges do not overlap).
struct GatherCopy {
  const void *source;
  void *target;
  uint64_t bytes;
};

/// Copies per launch: the batch is passed by value as the kernel's
/// parameter, which must stay under the 4 KB every device takes.
constexpr int kMaxGatherCopies = 128;

/// Enqueues `count` copies on `stream`, in ceil(count / kMaxGatherCopies)
/// launches.
cudaError_t launchGatherCopies(const GatherCopy *copies, size_t count,
                               cudaStream_t stream);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_GATHERCOPYKERNEL_H
