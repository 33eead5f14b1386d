//===- DropoutMask.h - One dropout mask for cpu and cublas ------*- C++ -*-===//
//
// The one definition of which elements training dropout keeps, shared by
// the CPU runtime (rnnrt_cpu_dropout_<T>) and the cuBLAS fallback's kernel,
// so both backends draw the same masks. No MLIR dependency; every function
// is usable from host code and, under nvcc, from device code.
//
// Dropout applies between stacked layers to layer `layer`'s output
// y[T, B, W] (W = D*H, row-major). Element (step, row, unit) has the linear
// index (step * B + row) * W + unit; it is kept iff
//
//   top24(mix64(index + seed * 0x9e3779b97f4a7c15 + layer)) >= rate * 2^24
//
// where mix64 is splitmix64's finalizer and top24 takes the hash's 24 most
// significant bits (all arithmetic modulo 2^64). A kept element is scaled
// by 1 / (1 - rate), a dropped one is 0 (inverted dropout), so the mask is
// a deterministic function of (seed, layer, step, batch row, unit) and
// keeps a fraction 1 - rate of the elements.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_SUPPORT_DROPOUTMASK_H
#define RNN_SUPPORT_DROPOUTMASK_H

#include <cstdint>

#ifdef __CUDACC__
#define RNN_HOST_DEVICE __host__ __device__
#else
#define RNN_HOST_DEVICE
#endif

namespace rnnrt {

/// splitmix64's finalizer: a strong 64-bit mix.
RNN_HOST_DEVICE inline uint64_t dropoutMix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// The decision for one (seed, layer) pair, precomputed once per layer.
struct DropoutMask {
  uint64_t key;
  uint64_t threshold;

  RNN_HOST_DEVICE DropoutMask(uint64_t seed, uint64_t layer, double rate)
      : key(seed * 0x9e3779b97f4a7c15ULL + layer),
        threshold(static_cast<uint64_t>(rate * double(1 << 24))) {}

  /// Whether the element of row-major linear index `index` is kept.
  RNN_HOST_DEVICE bool keeps(uint64_t index) const {
    return (dropoutMix(index + key) >> 40) >= threshold;
  }
};

/// The linear index of element (step, row, unit) of a [T, batch, width]
/// layer output.
RNN_HOST_DEVICE inline uint64_t dropoutIndex(int64_t step, int64_t row,
                                             int64_t unit, int64_t batch,
                                             int64_t width) {
  return static_cast<uint64_t>((step * batch + row) * width + unit);
}

/// Whether dropout with `rate` keeps element `index` of layer `layer`'s
/// output under `seed`.
RNN_HOST_DEVICE inline bool dropoutKeeps(uint64_t seed, uint64_t layer,
                                         double rate, uint64_t index) {
  return DropoutMask(seed, layer, rate).keeps(index);
}

/// The factor kept elements are multiplied by.
RNN_HOST_DEVICE inline double dropoutScale(double rate) {
  return 1.0 / (1.0 - rate);
}

} // namespace rnnrt

#undef RNN_HOST_DEVICE

#endif // RNN_SUPPORT_DROPOUTMASK_H
