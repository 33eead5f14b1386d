//===- MemRefCopy.cpp - memrefCopy for JIT-compiled code ------------------===//
//
// The MemRef-to-LLVM lowering turns memref.copy between non-contiguous
// memrefs into a call to `memrefCopy(elementSize, src, dst)` with unranked
// descriptors (MLIR's C runner ABI). The CPU runtime provides it so that
// compiled code does not need libmlir_c_runner_utils.
//
//===----------------------------------------------------------------------===//

#include "../MemRefView.h"

#include "rnn/Runtime/CPURuntime.h"

#include <cstring>
#include <vector>

using rnnrt::RankedMemRefView;
using rnnrt::viewOf;

extern "C" void rnnrt_memref_copy(int64_t elementSize,
                                  rnnrt_unranked_memref *srcArg,
                                  rnnrt_unranked_memref *dstArg) {
  int64_t rank = srcArg->rank;
  RankedMemRefView src = viewOf(srcArg);
  RankedMemRefView dst = viewOf(dstArg);

  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d)
    count *= src.sizes[d];
  if (count == 0)
    return;
  char *srcBase = src.aligned + src.offset * elementSize;
  char *dstBase = dst.aligned + dst.offset * elementSize;
  if (rank == 0) {
    std::memcpy(dstBase, srcBase, elementSize);
    return;
  }

  // Copy rows of the innermost dimension; contiguous rows use memcpy.
  int64_t inner = rank - 1;
  bool rowsContiguous = src.strides[inner] == 1 && dst.strides[inner] == 1;
  std::vector<int64_t> index(rank, 0);
  while (true) {
    int64_t srcOffset = 0, dstOffset = 0;
    for (int64_t d = 0; d < inner; ++d) {
      srcOffset += index[d] * src.strides[d];
      dstOffset += index[d] * dst.strides[d];
    }
    char *srcRow = srcBase + srcOffset * elementSize;
    char *dstRow = dstBase + dstOffset * elementSize;
    if (rowsContiguous) {
      std::memcpy(dstRow, srcRow, src.sizes[inner] * elementSize);
    } else {
      for (int64_t i = 0; i < src.sizes[inner]; ++i)
        std::memcpy(dstRow + i * dst.strides[inner] * elementSize,
                    srcRow + i * src.strides[inner] * elementSize, elementSize);
    }
    // Next row index (odometer over the outer dimensions).
    int64_t d = inner - 1;
    while (d >= 0 && ++index[d] == src.sizes[d])
      index[d--] = 0;
    if (d < 0)
      return;
  }
}
