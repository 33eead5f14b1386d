//===- PackParams.cpp - Run-time packing of canonical weights -------------===//
//
// rnn.pack_params of run-time weights lowers to one call per packed buffer:
// a plain loop of memcpy over a table the compiler builds (source address,
// packed offset, element count), instead of one copy op per matrix.
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CPURuntime.h"

#include <cstring>

namespace {

/// Copies every row of the table into `dst` (elements of `elementSize`
/// bytes). The compiler guarantees that the rows lie inside `dst` and that
/// each source is contiguous.
void packParams(char *dst, int64_t elementSize,
                const rnnrt_memref1d_i64 *sources,
                const rnnrt_memref2d_i64 *layout) {
  const int64_t *addresses = sources->aligned + sources->offset;
  const int64_t *rows = layout->aligned + layout->offset;
  for (int64_t k = 0; k < layout->sizes[0]; ++k) {
    const int64_t *row = rows + k * layout->strides[0];
    int64_t offset = row[0 * layout->strides[1]];
    int64_t count = row[1 * layout->strides[1]];
    if (count == 0)
      continue;
    const void *source = reinterpret_cast<const void *>(
        static_cast<intptr_t>(addresses[k * sources->strides[0]]));
    std::memcpy(dst + offset * elementSize, source, count * elementSize);
  }
}

} // namespace

extern "C" {

void _mlir_ciface_rnnrt_cpu_pack_params_f32(rnnrt_memref1d_f32 *dst,
                                            rnnrt_memref1d_i64 *sources,
                                            rnnrt_memref2d_i64 *layout) {
  packParams(reinterpret_cast<char *>(dst->aligned + dst->offset),
             sizeof(float), sources, layout);
}

void _mlir_ciface_rnnrt_cpu_pack_params_f64(rnnrt_memref1d_f64 *dst,
                                            rnnrt_memref1d_i64 *sources,
                                            rnnrt_memref2d_i64 *layout) {
  packParams(reinterpret_cast<char *>(dst->aligned + dst->offset),
             sizeof(double), sources, layout);
}

} // extern "C"
