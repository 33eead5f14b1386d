/*===- OneDNNRuntime.h - The oneDNN backend's C ABI ---------------*- C -*-===*\
|*                                                                            *|
|* What the onednn backend's code calls (convert-rnn-to-onednn): one call of  *|
|* oneDNN's RNN primitives per recurrent op, in the CPU runtime. Memref       *|
|* arguments are passed as pointers to their descriptors (MLIR's C           *|
|* interface).                                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef RNN_RUNTIME_ONEDNNRUNTIME_H
#define RNN_RUNTIME_ONEDNNRUNTIME_H

#include "rnn/Runtime/CPURuntime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The descriptor of a rank-3 f32 memref. */
typedef struct rnnrt_memref3d_f32 {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[3];
  int64_t strides[3];
} rnnrt_memref3d_f32;

/* Descriptors of bf16 memrefs: the elements are the 16-bit patterns. */
typedef struct rnnrt_memref1d_bf16 {
  uint16_t *allocated;
  uint16_t *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} rnnrt_memref1d_bf16;

typedef struct rnnrt_memref3d_bf16 {
  uint16_t *allocated;
  uint16_t *aligned;
  int64_t offset;
  int64_t sizes[3];
  int64_t strides[3];
} rnnrt_memref3d_bf16;

/* Inference forward of a stacked recurrent layer with oneDNN's RNN
 * primitives (one per layer, both directions in one with
 * bidirectional_concat), with the rnn dialect's semantics: mode
 * (rnnrt_mode), num_layers, num_units, input_size, direction
 * (rnnrt_direction), linear_before_reset (GRU: 1 = lbr_gru, 0 =
 * vanilla_gru), weights_constant (1: the params are a compile-time
 * constant, never written); x [T, B, I], hx/cx [L*D, B, H], the packed
 * params w (cuDNN's layout, rnn/Support/ParamsLayout.h), y [T, B, D*H],
 * hy/cy [L*D, B, H] (cx/cy are ignored without a cell state). Buffers are
 * contiguous. Weights are converted to oneDNN's layout and reordered into
 * the primitive's packed GEMM format once per configuration, shape and
 * params contents (a fingerprint of the params is compared on every call
 * unless weights_constant), then reused. Batches of 1 and 2 (on CPUs with
 * AVX2 and FMA) take a matrix-vector path that reads the packed params
 * directly instead, with nothing to prepare or fingerprint. Failures are
 * this thread's error (rnnrt_take_error). Thread-safe.
 *
 * The bf16 forward runs the same primitives with bf16 x, h, y and weights,
 * an f32 bias (b_W + b_R summed in f32) and an f32 cell state (cx and cy
 * are converted), f32 accumulation: oneDNN needs AVX-512 for it, and on a
 * CPU without, the call fails with an error saying so. oneDNN 2.6 has no
 * f16 RNN on the CPU, so there is no f16 forward. */
RNNRT_EXPORT void _mlir_ciface_rnnrt_onednn_rnn_forward_f32(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t direction, int64_t linear_before_reset, int64_t weights_constant,
    rnnrt_memref3d_f32 *x, rnnrt_memref3d_f32 *hx, rnnrt_memref3d_f32 *cx,
    rnnrt_memref1d_f32 *w, rnnrt_memref3d_f32 *y, rnnrt_memref3d_f32 *hy,
    rnnrt_memref3d_f32 *cy);
RNNRT_EXPORT void _mlir_ciface_rnnrt_onednn_rnn_forward_bf16(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t direction, int64_t linear_before_reset, int64_t weights_constant,
    rnnrt_memref3d_bf16 *x, rnnrt_memref3d_bf16 *hx, rnnrt_memref3d_bf16 *cx,
    rnnrt_memref1d_bf16 *w, rnnrt_memref3d_bf16 *y, rnnrt_memref3d_bf16 *hy,
    rnnrt_memref3d_bf16 *cy);

/* Whether this build has oneDNN (else the forward above only records an
 * error). */
RNNRT_EXPORT int rnnrt_onednn_available(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RNN_RUNTIME_ONEDNNRUNTIME_H */
