//===- PackParams.cpp - The fused run-time pack on the GPU ----------------===//
//
// rnn.pack_params of run-time weights in GPU-compiled code: one call that
// copies every canonical tensor (device memory) to its offset in the packed
// buffer with one kernel launch (GatherCopyKernel.h) on the calling thread's
// stream, same ABI as the CPU runtime's rnnrt_cpu_pack_params_<T> (host
// address table, host layout).
//
//===----------------------------------------------------------------------===//

#include "Context.h"
#include "GatherCopyKernel.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"

#include <vector>

namespace rnnrt::cuda {
namespace {

Status packParams(rnnrt_memref1d *dst, int64_t elementSize,
                  const rnnrt_memref1d_i64 *sources,
                  const rnnrt_memref2d_i64 *layout) {
  CallContext call;
  RNNRT_RETURN_IF_ERROR(beginCall(call));
  char *base = static_cast<char *>(dst->aligned) + dst->offset * elementSize;
  const int64_t *addresses = sources->aligned + sources->offset;
  const int64_t *rows = layout->aligned + layout->offset;
  std::vector<GatherCopy> copies;
  copies.reserve(static_cast<size_t>(layout->sizes[0]));
  for (int64_t k = 0; k < layout->sizes[0]; ++k) {
    const int64_t *row = rows + k * layout->strides[0];
    int64_t offset = row[0], count = row[layout->strides[1]];
    if (count == 0)
      continue;
    copies.push_back({reinterpret_cast<const void *>(static_cast<intptr_t>(
                          addresses[k * sources->strides[0]])),
                      base + offset * elementSize,
                      static_cast<uint64_t>(count * elementSize)});
  }
  if (copies.empty())
    return success();
  RNNRT_CHECK(launchGatherCopies(copies.data(), copies.size(), call.stream));
  return success();
}

/// Compiled code does nothing while an error is pending on its thread.
void packEntry(rnnrt_memref1d *dst, int64_t elementSize,
               rnnrt_memref1d_i64 *sources, rnnrt_memref2d_i64 *layout) {
  if (!hasThreadError())
    setThreadError(packParams(dst, elementSize, sources, layout));
}

} // namespace
} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" void
_mlir_ciface_rnnrt_cuda_pack_params_f16(rnnrt_memref1d *dst,
                                        rnnrt_memref1d_i64 *sources,
                                        rnnrt_memref2d_i64 *layout) {
  packEntry(dst, 2, sources, layout);
}
extern "C" void
_mlir_ciface_rnnrt_cuda_pack_params_f32(rnnrt_memref1d *dst,
                                        rnnrt_memref1d_i64 *sources,
                                        rnnrt_memref2d_i64 *layout) {
  packEntry(dst, 4, sources, layout);
}
extern "C" void
_mlir_ciface_rnnrt_cuda_pack_params_f64(rnnrt_memref1d *dst,
                                        rnnrt_memref1d_i64 *sources,
                                        rnnrt_memref2d_i64 *layout) {
  packEntry(dst, 8, sources, layout);
}
