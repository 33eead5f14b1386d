//===- GatherCopyKernel.cu - Many device copies in one launch -------------===//

#include "GatherCopyKernel.h"

#include <algorithm>

namespace rnnrt::cuda {
namespace {

struct GatherBatch {
  GatherCopy copies[kMaxGatherCopies];
};
static_assert(sizeof(GatherBatch) < 4000,
              "a gather batch must fit the 4 KB of kernel parameters");

constexpr int kThreads = 256;
/// Bytes one block moves per pass of its loop (16-byte words).
constexpr uint64_t kBlockBytes = kThreads * 16;
/// Blocks per copy at most (each loops over its share).
constexpr uint64_t kMaxBlocksPerCopy = 512;

/// Copies `bytes` bytes as words of `Word` (both pointers and `bytes` are
/// multiples of its size), this block's share of them.
template <typename Word>
__device__ void copyWords(const void *source, void *target, uint64_t bytes) {
  const Word *from = static_cast<const Word *>(source);
  Word *to = static_cast<Word *>(target);
  const uint64_t words = bytes / sizeof(Word);
  for (uint64_t i = uint64_t(blockIdx.x) * blockDim.x + threadIdx.x;
       i < words; i += uint64_t(gridDim.x) * blockDim.x)
    to[i] = from[i];
}

/// blockIdx.y selects the copy; blockIdx.x and the threads split it.
__global__ void gatherCopyKernel(GatherBatch batch) {
  const GatherCopy copy = batch.copies[blockIdx.y];
  const uint64_t alignment = reinterpret_cast<uintptr_t>(copy.source) |
                             reinterpret_cast<uintptr_t>(copy.target) |
                             copy.bytes;
  if (alignment % 16 == 0)
    copyWords<uint4>(copy.source, copy.target, copy.bytes);
  else if (alignment % 8 == 0)
    copyWords<uint2>(copy.source, copy.target, copy.bytes);
  else if (alignment % 4 == 0)
    copyWords<uint32_t>(copy.source, copy.target, copy.bytes);
  else if (alignment % 2 == 0)
    copyWords<uint16_t>(copy.source, copy.target, copy.bytes);
  else
    copyWords<unsigned char>(copy.source, copy.target, copy.bytes);
}

} // namespace

cudaError_t launchGatherCopies(const GatherCopy *copies, size_t count,
                               cudaStream_t stream) {
  for (size_t first = 0; first < count; first += kMaxGatherCopies) {
    const size_t n = std::min<size_t>(kMaxGatherCopies, count - first);
    GatherBatch batch{};
    uint64_t largest = 0;
    for (size_t i = 0; i < n; ++i) {
      batch.copies[i] = copies[first + i];
      largest = std::max(largest, copies[first + i].bytes);
    }
    const uint64_t blocks = std::clamp<uint64_t>(
        (largest + kBlockBytes - 1) / kBlockBytes, 1, kMaxBlocksPerCopy);
    gatherCopyKernel<<<dim3(static_cast<unsigned>(blocks),
                            static_cast<unsigned>(n)),
                       kThreads, 0, stream>>>(batch);
    cudaError_t status = cudaGetLastError();
    if (status != cudaSuccess)
      return status;
  }
  return cudaSuccess;
}

} // namespace rnnrt::cuda
