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

int64_t blocksFor(int64_t elements) { return (elements + kBlock - 1) / kBlock; }

template <size_t Bytes>
cudaError_t maskSteps(SequenceTensor src, void *dst, bool dstTimeMajor,
                      const int32_t *lengths, int64_t steps, int64_t batch,
                      int64_t width, cudaStream_t stream) {
  using E = typename BitsOf<Bytes>::type;
  maskStepsKernel<E><<<blocksFor(steps * batch * width), kBlock, 0, stream>>>(
      static_cast<const E *>(src.data), src.timeMajor, static_cast<E *>(dst),
      dstTimeMajor, lengths, steps, batch, width);
  return cudaGetLastError();
}

template <size_t Bytes>
cudaError_t selectEmptyStates(const void *keep, const void *replace, void *dst,
                              const int32_t *lengths, int64_t states,
                              int64_t batch, int64_t hidden,
                              cudaStream_t stream) {
  using E = typename BitsOf<Bytes>::type;
  selectEmptyStatesKernel<E>
      <<<blocksFor(states * batch * hidden), kBlock, 0, stream>>>(
          static_cast<const E *>(keep), static_cast<const E *>(replace),
          static_cast<E *>(dst), lengths, states, batch, hidden);
  return cudaGetLastError();
}

} // namespace

cudaError_t launchMaskSteps(size_t elementBytes, SequenceTensor src, void *dst,
                            bool dstTimeMajor, const int32_t *lengths,
                            int64_t steps, int64_t batch, int64_t width,
                            cudaStream_t stream) {
  if (steps * batch * width == 0)
    return cudaSuccess;
  switch (elementBytes) {
  case 2:
    return maskSteps<2>(src, dst, dstTimeMajor, lengths, steps, batch, width,
                        stream);
  case 4:
    return maskSteps<4>(src, dst, dstTimeMajor, lengths, steps, batch, width,
                        stream);
  case 8:
    return maskSteps<8>(src, dst, dstTimeMajor, lengths, steps, batch, width,
                        stream);
  }
  return cudaErrorInvalidValue;
}

cudaError_t launchSelectEmptyStates(size_t elementBytes, const void *keep,
                                    const void *replace, void *dst,
                                    const int32_t *lengths, int64_t states,
                                    int64_t batch, int64_t hidden,
                                    cudaStream_t stream) {
  if (states * batch * hidden == 0)
    return cudaSuccess;
  switch (elementBytes) {
  case 2:
    return selectEmptyStates<2>(keep, replace, dst, lengths, states, batch,
                                hidden, stream);
  case 4:
    return selectEmptyStates<4>(keep, replace, dst, lengths, states, batch,
                                hidden, stream);
  case 8:
    return selectEmptyStates<8>(keep, replace, dst, lengths, states, batch,
                                hidden, stream);
  }
  return cudaErrorInvalidValue;
}

} // namespace rnnrt::cuda
