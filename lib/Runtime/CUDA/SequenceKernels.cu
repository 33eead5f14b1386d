//===- SequenceKernels.cu - Kernels of padded sequences -------------------===//

#include "SequenceKernels.h"

namespace rnnrt::cuda {
namespace {

constexpr int kBlock = 256;

/// The unsigned integer of `Bytes` bytes: elements move as bits.
template <size_t Bytes> struct BitsOf;
template <> struct BitsOf<2> { using type = uint16_t; };
template <> struct BitsOf<4> { using type = uint32_t; };
template <> struct BitsOf<8> { using type = uint64_t; };

template <typename E>
__global__ void maskStepsKernel(const E *src, bool srcTimeMajor, E *dst,
                                bool dstTimeMajor, const int32_t *lengths,
                                int64_t steps, int64_t batch, int64_t width) {
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= steps * batch * width)
    return;
  // index enumerates dst's elements in dst's order.
  const int64_t w = index % width, row = index / width;
  const int64_t t = dstTimeMajor ? row / batch : row % steps;
  const int64_t b = dstTimeMajor ? row % batch : row / steps;
  const int64_t from =
      (srcTimeMajor ? t * batch + b : b * steps + t) * width + w;
  dst[index] = lengths && t >= lengths[b] ? E(0) : src[from];
}

template <typename E>
__global__ void selectEmptyStatesKernel(const E *keep, const E *replace, E *dst,
                                        const int32_t *lengths, int64_t states,
                                        int64_t batch, int64_t hidden) {
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= states * batch * hidden)
    return;
  const int64_t b = (index / hidden) % batch;
  dst[index] = lengths[b] > 0 ? keep[index] : replace ? replace[index] : E(0);
}

template <typename E>
__global__ void reverseStartStatesKernel(const E *h0, E *hPrev,
                                         const int32_t *lengths, int64_t steps,
                                         int64_t batch, int64_t width) {
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= batch * width)
    return;
  const int64_t b = index / width, length = lengths[b];
  if (length > 0 && length < steps)
    hPrev[(length - 1) * batch * width + index] = h0[index];
}

int64_t blocksFor(int64_t elements) { return (elements + kBlock - 1) / kBlock; }

/// Calls `launch` with a value of the unsigned integer type of
/// `elementBytes` bytes (2, 4 or 8).
template <typename Launch>
cudaError_t withBits(size_t elementBytes, Launch &&launch) {
  switch (elementBytes) {
  case 2:
    return launch(typename BitsOf<2>::type{});
  case 4:
    return launch(typename BitsOf<4>::type{});
  case 8:
    return launch(typename BitsOf<8>::type{});
  }
  return cudaErrorInvalidValue;
}

} // namespace

cudaError_t launchMaskSteps(size_t elementBytes, SequenceTensor src, void *dst,
                            bool dstTimeMajor, const int32_t *lengths,
                            int64_t steps, int64_t batch, int64_t width,
                            cudaStream_t stream) {
  if (steps * batch * width == 0)
    return cudaSuccess;
  return withBits(elementBytes, [&](auto bits) {
    using E = decltype(bits);
    maskStepsKernel<E><<<blocksFor(steps * batch * width), kBlock, 0, stream>>>(
        static_cast<const E *>(src.data), src.timeMajor, static_cast<E *>(dst),
        dstTimeMajor, lengths, steps, batch, width);
    return cudaGetLastError();
  });
}

cudaError_t launchSelectEmptyStates(size_t elementBytes, const void *keep,
                                    const void *replace, void *dst,
                                    const int32_t *lengths, int64_t states,
                                    int64_t batch, int64_t hidden,
                                    cudaStream_t stream) {
  if (states * batch * hidden == 0)
    return cudaSuccess;
  return withBits(elementBytes, [&](auto bits) {
    using E = decltype(bits);
    selectEmptyStatesKernel<E>
        <<<blocksFor(states * batch * hidden), kBlock, 0, stream>>>(
            static_cast<const E *>(keep), static_cast<const E *>(replace),
            static_cast<E *>(dst), lengths, states, batch, hidden);
    return cudaGetLastError();
  });
}

cudaError_t launchReverseStartStates(size_t elementBytes, const void *h0,
                                     void *hPrev, const int32_t *lengths,
                                     int64_t steps, int64_t batch,
                                     int64_t width, cudaStream_t stream) {
  if (steps * batch * width == 0)
    return cudaSuccess;
  return withBits(elementBytes, [&](auto bits) {
    using E = decltype(bits);
    reverseStartStatesKernel<E>
        <<<blocksFor(batch * width), kBlock, 0, stream>>>(
            static_cast<const E *>(h0), static_cast<E *>(hPrev), lengths, steps,
            batch, width);
    return cudaGetLastError();
  });
}

} // namespace rnnrt::cuda
