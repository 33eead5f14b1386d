/*===- CPURuntime.h - The CPU runtime's C ABI ----------------------*- C
-*-===*\
|*                                                                            *|
|* Functions the CPU pipeline's code calls. The compiler emits calls with    *|
|* MLIR's C interface (llvm.emit_c_interface): each memref argument is passed *|
|* as a pointer to its descriptor, laid out as rnnrt_memref2d_* below.        *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef RNN_RUNTIME_CPURUNTIME_H
#define RNN_RUNTIME_CPURUNTIME_H

#include "rnn/Runtime/Export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The descriptor of a rank-2 memref (MLIR's StridedMemRefType<T, 2>). */
typedef struct rnnrt_memref2d_f32 {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
} rnnrt_memref2d_f32;

typedef struct rnnrt_memref2d_f64 {
  double *allocated;
  double *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
} rnnrt_memref2d_f64;

/* The transpose flags of rnnrt_cpu_gemm_<T>. */
#define RNNRT_GEMM_TRANSPOSE_A 2
#define RNNRT_GEMM_TRANSPOSE_B 1

/* C += op(A) * op(B) with C [M, N]; A is [M, K], or [K, M] when transpose
 * has RNNRT_GEMM_TRANSPOSE_A; B is [K, N], or [N, K] with
 * RNNRT_GEMM_TRANSPOSE_B. Rows must be contiguous (inner stride 1), which
 * the compiler guarantees before it emits the call. */
RNNRT_EXPORT void _mlir_ciface_rnnrt_cpu_gemm_f32(rnnrt_memref2d_f32 *a,
                                                  rnnrt_memref2d_f32 *b,
                                                  rnnrt_memref2d_f32 *c,
                                                  int64_t transpose);
RNNRT_EXPORT void _mlir_ciface_rnnrt_cpu_gemm_f64(rnnrt_memref2d_f64 *a,
                                                  rnnrt_memref2d_f64 *b,
                                                  rnnrt_memref2d_f64 *c,
                                                  int64_t transpose);

/* Descriptors of rank-1 memrefs and of the rank-2 i64 table of
 * rnnrt_cpu_pack_params_*. */
typedef struct rnnrt_memref1d_f32 {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} rnnrt_memref1d_f32;

typedef struct rnnrt_memref1d_f64 {
  double *allocated;
  double *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} rnnrt_memref1d_f64;

typedef struct rnnrt_memref1d_i64 {
  int64_t *allocated;
  int64_t *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} rnnrt_memref1d_i64;

typedef struct rnnrt_memref2d_i64 {
  int64_t *allocated;
  int64_t *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
} rnnrt_memref2d_i64;

/* Packs run-time canonical weights in one call (rnn.pack_params): for each
 * row k of layout [N, 2] = {packed offset, element count}, copies count
 * elements from the contiguous data at address sources[k] to
 * dst[offset : offset + count]. */
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cpu_pack_params_f32(rnnrt_memref1d_f32 *dst,
                                       rnnrt_memref1d_i64 *sources,
                                       rnnrt_memref2d_i64 *layout);
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cpu_pack_params_f64(rnnrt_memref1d_f64 *dst,
                                       rnnrt_memref1d_i64 *sources,
                                       rnnrt_memref2d_i64 *layout);

/* Training dropout of one layer's output, flattened row-major: out[i] =
 * in[i] / (1 - rate) where rnnrt::DropoutMask(seed, layer, rate) keeps
 * element i (rnn/Support/DropoutMask.h), else 0. in and out have the same
 * size. */
RNNRT_EXPORT void _mlir_ciface_rnnrt_cpu_dropout_f32(rnnrt_memref1d_f32 *in,
                                                     rnnrt_memref1d_f32 *out,
                                                     int64_t seed,
                                                     int64_t layer,
                                                     double rate);
RNNRT_EXPORT void _mlir_ciface_rnnrt_cpu_dropout_f64(rnnrt_memref1d_f64 *in,
                                                     rnnrt_memref1d_f64 *out,
                                                     int64_t seed,
                                                     int64_t layer,
                                                     double rate);

/* MLIR's unranked memref descriptor: a rank and a pointer to a ranked
 * descriptor {allocated, aligned, offset, sizes[rank], strides[rank]}. */
typedef struct rnnrt_unranked_memref {
  int64_t rank;
  void *descriptor;
} rnnrt_unranked_memref;

/* Strided copy between two memrefs of the same shape; the JIT resolves the
 * `memrefCopy` symbol that memref.copy lowers to here. */
RNNRT_EXPORT void rnnrt_memref_copy(int64_t element_size,
                                    rnnrt_unranked_memref *src,
                                    rnnrt_unranked_memref *dst);

/* A symbol the JIT must resolve to the runtime. */
typedef struct rnnrt_symbol {
  const char *name;
  void *address;
} rnnrt_symbol;

/* Run-time shape checks of compiled code, on every backend. Returns 1 when
 * lhs_size == rhs_size; otherwise records this thread's error, e.g.
 * "rnn.lstm: dimension 1 of h_0 is 3, but dimension 1 of x is 5 (they must
 * match)" or, with rhs_operand RNNRT_OPERAND_CONFIGURATION, "rnn.lstm:
 * dimension 0 of h_0 is 2, but the op's attributes make it 1", and returns
 * 0. Codes are those of ShapeCheckCodes.h. The first
 * error of a call is kept; later ones are dropped until it is taken. */
RNNRT_EXPORT int8_t rnnrt_check_same_size(int64_t op_code, int64_t lhs_operand,
                                          int64_t lhs_dim, int64_t lhs_size,
                                          int64_t rhs_operand, int64_t rhs_dim,
                                          int64_t rhs_size);

/* Checks a training reserve before a grad op of the CPU backend reads it:
 * its size in bytes, and its header (RNNRT_CPU_RESERVE_MAGIC, the
 * configuration fingerprint, T and B) against what the op expects. Returns
 * 1 when all agree; otherwise records this thread's error, which says what
 * differs, and returns 0. */
RNNRT_EXPORT int8_t rnnrt_check_reserve(int64_t op_code, int64_t size,
                                        int64_t expected_size, int64_t magic,
                                        int64_t fingerprint,
                                        int64_t expected_fingerprint,
                                        int64_t steps, int64_t expected_steps,
                                        int64_t batch, int64_t expected_batch);

/* Checks one sequence length before an op with seq_lengths reads x:
 * 0 <= length <= steps (T). Returns 1 when it holds; otherwise records this
 * thread's error, e.g. "rnn.lstm: seq_lengths[3] is 7, but every length
 * must be in [0, T] = [0, 5]", and returns 0. */
RNNRT_EXPORT int8_t rnnrt_check_sequence_length(int64_t op_code, int64_t index,
                                                int64_t length, int64_t steps);

/* Records `message` as this thread's error unless one is pending (runtime
 * functions that fail, e.g. a library call of the onednn backend). */
RNNRT_EXPORT void rnnrt_set_error(const char *message);

/* Whether this thread has a pending shape-check error. Errors of one thread
 * never affect another. */
RNNRT_EXPORT int rnnrt_has_error(void);

/* This thread's pending shape-check error ("" when none), and clears it.
 * The pointer stays valid until the next call into the runtime from this
 * thread. */
RNNRT_EXPORT const char *rnnrt_take_error(void);

/* Allocation functions for compiled code (the `malloc`, `aligned_alloc` and
 * `free` that memref.alloc/dealloc lower to), to be used together: freed
 * blocks of 128 KiB and more stay in a cache (at most 2 GiB) and are handed
 * out again for the same size, so calls of one shape do not go to the
 * system for memory after the first. rnnrt_cpu_free also takes pointers from
 * malloc. Thread-safe. */
RNNRT_EXPORT void *rnnrt_cpu_malloc(size_t bytes);
RNNRT_EXPORT void *rnnrt_cpu_aligned_alloc(size_t alignment, size_t bytes);
RNNRT_EXPORT void rnnrt_cpu_free(void *pointer);

/* Counters of those functions since the process started. */
typedef struct rnnrt_cpu_heap_stats_t {
  /* Calls of rnnrt_cpu_malloc and rnnrt_cpu_aligned_alloc. */
  uint64_t allocations;
  /* Large blocks (128 KiB and more) the cache could not serve: they went to
   * aligned_alloc, which maps them from the system. Small blocks go to
   * malloc's bins and are not counted here. */
  uint64_t system_allocations;
  /* Calls of rnnrt_cpu_free with a non-null pointer. */
  uint64_t frees;
  /* Bytes of freed blocks waiting in the cache. */
  int64_t cached_bytes;
} rnnrt_cpu_heap_stats_t;

RNNRT_EXPORT void rnnrt_cpu_heap_stats(rnnrt_cpu_heap_stats_t *stats);

/* Returns the cached blocks to the system. */
RNNRT_EXPORT void rnnrt_cpu_heap_release(void);

/* The CPU runtime's symbols, for a JIT to register; *count receives their
 * number. */
RNNRT_EXPORT const rnnrt_symbol *rnnrt_cpu_symbols(size_t *count);

/* The name of the GEMM implementation linked in ("openblas" or
 * "reference"). */
RNNRT_EXPORT const char *rnnrt_cpu_gemm_backend(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RNN_RUNTIME_CPURUNTIME_H */
