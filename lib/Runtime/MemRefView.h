//===- MemRefView.h - Memref descriptors in the runtimes --------*- C++ -*-===//
//-*-===//
//
// The ranked descriptor behind an unranked one (rnnrt_unranked_memref):
// {allocated, aligned, offset, sizes[rank], strides[rank]}, every field 8
// bytes. Shared by the CPU and GPU runtimes' memref copies.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_MEMREFVIEW_H
#define RNN_LIB_RUNTIME_MEMREFVIEW_H

#include "rnn/Runtime/CPURuntime.h"

#include <cstdint>

namespace rnnrt {

/// A view of the ranked descriptor an unranked memref points to.
struct RankedMemRefView {
  int64_t rank;
  char *aligned;
  int64_t offset;
  const int64_t *sizes;
  const int64_t *strides;
};

inline RankedMemRefView viewOf(const rnnrt_unranked_memref *memref) {
  const auto *words = static_cast<const int64_t *>(memref->descriptor);
  RankedMemRefView view;
  view.rank = memref->rank;
  view.aligned = reinterpret_cast<char *>(words[1]);
  view.offset = words[2];
  view.sizes = words + 3;
  view.strides = words + 3 + memref->rank;
  return view;
}

} // namespace rnnrt

#endif // RNN_LIB_RUNTIME_MEMREFVIEW_H
