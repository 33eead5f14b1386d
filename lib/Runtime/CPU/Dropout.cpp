//===- Dropout.cpp - The CPU runtime's training dropout -------------------===//
//
// Inverted dropout of one layer's output with the mask of
// rnn/Support/DropoutMask.h, the one the cuBLAS fallback's kernel draws.
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Support/DropoutMask.h"

namespace {

template <typename T, typename Desc>
void applyDropout(const Desc *in, Desc *out, int64_t seed, int64_t layer,
                  double rate) {
  const rnnrt::DropoutMask mask(static_cast<uint64_t>(seed),
                                static_cast<uint64_t>(layer), rate);
  const T scale = static_cast<T>(rnnrt::dropoutScale(rate));
  const T *source = in->aligned + in->offset;
  T *target = out->aligned + out->offset;
  for (int64_t i = 0, e = in->sizes[0]; i < e; ++i)
    target[i * out->strides[0]] = mask.keeps(static_cast<uint64_t>(i))
                                      ? source[i * in->strides[0]] * scale
                                      : T(0);
}

} // namespace

extern "C" {

void _mlir_ciface_rnnrt_cpu_dropout_f32(rnnrt_memref1d_f32 *in,
                                        rnnrt_memref1d_f32 *out, int64_t seed,
                                        int64_t layer, double rate) {
  applyDropout<float>(in, out, seed, layer, rate);
}

void _mlir_ciface_rnnrt_cpu_dropout_f64(rnnrt_memref1d_f64 *in,
                                        rnnrt_memref1d_f64 *out, int64_t seed,
                                        int64_t layer, double rate) {
  applyDropout<double>(in, out, seed, layer, rate);
}

} // extern "C"
