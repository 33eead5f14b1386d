//===- MemRefChecks.h - Checks of compiled code's memrefs -------*- C++ -*-===//
//
// The runtime entry points check every memref descriptor compiled code
// passes (shape, row-major contiguity, offset, data) before they use it.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_MEMREFCHECKS_H
#define RNN_LIB_RUNTIME_CUDA_MEMREFCHECKS_H

#include "Status.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace rnnrt::cuda {

/// "[2, 3, 4]".
inline std::string formatShape(const int64_t *dims, int rank) {
  std::string text = "[";
  for (int d = 0; d < rank; ++d)
    text += (d ? ", " : "") + std::to_string(dims[d]);
  return text + "]";
}

/// Checks that `memref` has shape `expected` with row-major strides (dims
/// of size 1 may have any stride) and data when it is not empty.
template <typename MemRef, int Rank>
Status checkMemRef(const char *name, const MemRef *memref,
                   const int64_t (&expected)[Rank]) {
  RNNRT_REQUIRE(memref, "%s: null memref descriptor", name);
  int64_t elements = 1;
  for (int d = 0; d < Rank; ++d)
    elements *= expected[d];
  bool sameShape = true;
  for (int d = 0; d < Rank; ++d)
    sameShape &= memref->sizes[d] == expected[d];
  RNNRT_REQUIRE(sameShape, "%s has shape %s, expected %s", name,
                formatShape(memref->sizes, Rank).c_str(),
                formatShape(expected, Rank).c_str());
  int64_t rowMajor[Rank];
  int64_t stride = 1;
  bool contiguous = true;
  for (int d = Rank - 1; d >= 0; --d) {
    rowMajor[d] = stride;
    contiguous &= expected[d] == 1 || memref->strides[d] == stride;
    stride *= expected[d];
  }
  RNNRT_REQUIRE(contiguous, "%s is not contiguous: strides %s, expected %s",
                name, formatShape(memref->strides, Rank).c_str(),
                formatShape(rowMajor, Rank).c_str());
  RNNRT_REQUIRE(memref->offset >= 0, "%s has a negative offset %lld", name,
                static_cast<long long>(memref->offset));
  RNNRT_REQUIRE(elements == 0 || memref->aligned, "%s has a null data pointer",
                name);
  return success();
}

/// Where element 0 of a memref lies.
template <typename MemRef>
void *dataOf(const MemRef *memref, size_t elementBytes) {
  if (!memref || !memref->aligned)
    return nullptr;
  return static_cast<char *>(memref->aligned) +
         memref->offset * static_cast<int64_t>(elementBytes);
}

/// The bytes a contiguous memref's elements span (0 without data).
template <typename MemRef>
size_t bytesOf(const MemRef *memref, size_t elementBytes) {
  if (!memref || !memref->aligned)
    return 0;
  size_t elements = 1;
  for (int64_t size : memref->sizes)
    elements *= static_cast<size_t>(size);
  return elements * elementBytes;
}

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_MEMREFCHECKS_H
