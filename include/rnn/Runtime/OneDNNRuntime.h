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
 * this thread's error (rnnrt_take_error). Thread-safe. */
RNNRT_EXPORT void _mlir_ciface_rnnrt_onednn_rnn_forward_f32(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t direction, int64_t linear_before_reset, int64_t weights_constant,
    rnnrt_memref3d_f32 *x, rnnrt_memref3d_f32 *hx, rnnrt_memref3d_f32 *cx,
    rnnrt_memref1d_f32 *w, rnnrt_memref3d_f32 *y, rnnrt_memref3d_f32 *hy,
    rnnrt_memref3d_f32 *cy);

/* Whether this build has oneDNN (else the forward above only records an
 * error). */
RNNRT_EXPORT int rnnrt_onednn_available(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RNN_RUNTIME_ONEDNNRUNTIME_H */
