//===- SequenceKernels.h - Kernels of padded sequences ----------*- C++ -*-===//
//
// What seq_lengths and the batch-major layout add to a GPU call
// (CUDARuntime.h): the masked (and possibly transposing) copy of a
// [T, B, W] or [B, T, W] tensor that zeroes the steps past each sequence's
// length, the selection of the state rows of empty sequences (length
// 0, which cuDNN cannot run), and the start states of the cuBLAS
// fallback's reverse directions in its backward. Both copy elements as bits, so
// one kernel per element size serves every data type (zero is all-zero bits in
// each). Launchers return the launch's status; callers check it with
// RNNRT_CHECK.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_SEQUENCEKERNELS_H
#define RNN_LIB_RUNTIME_CUDA_SEQUENCEKERNELS_H

#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

namespace rnnrt::cuda {

/// One [T, B, W] (time-major) or [B, T, W] (batch-major) tensor in device
/// memory, contiguous.
struct SequenceTensor {
  const void *data = nullptr;
  bool timeMajor = true;
};

/// dst[t, b, :] = lengths && t >= lengths[b] ? 0 : src[t, b, :] for t < T,
/// b < B, over W elements of `elementBytes` (2, 4 or 8) each; src and dst
/// may be the same buffer when their layouts agree. `lengths` (B int32 in
/// device memory) may be null: a plain (transposing) copy.
cudaError_t launchMaskSteps(size_t elementBytes, SequenceTensor src, void *dst,
                            bool dstTimeMajor, const int32_t *lengths,
                            int64_t steps, int64_t batch, int64_t width,
                            cudaStream_t stream);

/// For states [S, B, H]: dst[s, b, :] = lengths[b] > 0 ? keep[s, b, :] :
/// (replace ? replace[s, b, :] : 0); `keep` may be `dst`.
cudaError_t launchSelectEmptyStates(size_t elementBytes, const void *keep,
                                    const void *replace, void *dst,
                                    const int32_t *lengths, int64_t states,
                                    int64_t batch, int64_t hidden,
                                    cudaStream_t stream);

/// A reverse direction's H_prev, [T, B, W] (the layer's output one step
/// later, h_0 at T-1), as the backward rebuilds it: each sequence starts at
/// its own last step, so hPrev[lengths[b] - 1, b, :] = h0[b, :] for
/// 0 < lengths[b] < T (h0 is [B, W]).
cudaError_t launchReverseStartStates(size_t elementBytes, const void *h0,
                                     void *hPrev, const int32_t *lengths,
                                     int64_t steps, int64_t batch,
                                     int64_t width, cudaStream_t stream);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_SEQUENCEKERNELS_H
