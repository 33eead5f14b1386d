/*===- CUDARuntime.h - The GPU runtime's C ABI ---------------------*- C
-*-===*\
|*                                                                            *|
|* The functions the cuDNN pipeline's code and rnn-run call. All tensors a    *|
|* compiled function touches live in device memory: rnn-run (or any host)     *|
|* stages the arguments with rnnrt_cuda_alloc + rnnrt_cuda_memcpy, calls the  *|
|* function, and copies the results back.                                     *|
|*                                                                            *|
|* Threads: every function works on the calling thread's device and stream   *|
|* (rnnrt_cuda_set_device / rnnrt_cuda_set_stream, CUDA's "current"          *|
|* semantics; by default device 0 and a stream of the runtime's own per       *|
|* thread). Calls from different threads on different streams run            *|
|* concurrently; each thread has its own cuDNN/cuBLAS handles, plans and      *|
|* graphs (an execution context, reused by the next thread when one exits).   *|
|*                                                                            *|
|* Errors: library code never aborts. A failing CUDA/cuDNN call makes an      *|
|* error (which call, which status, which configuration) pending on the       *|
|* calling thread only; functions called by compiled code return nothing and  *|
|* do nothing while an error is pending on their thread, and the host reads   *|
|* it with rnnrt_cuda_take_error() after the call. Functions the host calls   *|
|* directly return 0 on success, non-zero on failure (the message is then     *|
|* pending on the thread).                                                    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef RNN_RUNTIME_CUDARUNTIME_H
#define RNN_RUNTIME_CUDARUNTIME_H

#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Runtime/Export.h"
#include "rnn/Support/RNNEnums.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*===--- Descriptors of memrefs passed by compiled code -------------------===*/

/* Rank-1 and rank-3 memref descriptors (MLIR's StridedMemRefType); the data
 * is in device memory and contiguous (identity layout). */
typedef struct rnnrt_memref1d {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} rnnrt_memref1d;

typedef struct rnnrt_memref3d {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[3];
  int64_t strides[3];
} rnnrt_memref3d;

/*===--- Element type and math mode codes ---------------------------------===*/

enum rnnrt_dtype {
  RNNRT_DTYPE_F32 = 0,
  RNNRT_DTYPE_F64 = 1,
  RNNRT_DTYPE_F16 = 2,
  /* bf16 data, f32 compute (cuDNN's CUDNN_DATA_BFLOAT16). */
  RNNRT_DTYPE_BF16 = 3,
};

/* Math: strict IEEE (CUDNN_DEFAULT_MATH, FMA allowed), TF32 tensor cores
 * (CUDNN_FMA_MATH disallowed -> TENSOR_OP_MATH_ALLOW_CONVERSION for f32) or
 * tensor cores for f16 (CUDNN_TENSOR_OP_MATH). */
enum rnnrt_math {
  RNNRT_MATH_STRICT = 0,
  RNNRT_MATH_TF32 = 1,
  RNNRT_MATH_TENSOR_OP = 2,
};

/* cudnnRNNAlgo_t. */
enum rnnrt_algo {
  RNNRT_ALGO_STANDARD = 0,
  RNNRT_ALGO_PERSIST_STATIC = 1,
  RNNRT_ALGO_PERSIST_DYNAMIC = 2,
  RNNRT_ALGO_PERSIST_STATIC_SMALL_H = 3,
  /* Not a cuDNN value: PERSIST_STATIC where cuDNN supports the
   * configuration, else STANDARD (the compiler's choice from the shapes). */
  RNNRT_ALGO_PREFER_PERSIST_STATIC = 4,
};

/*===--- Host API ---------------------------------------------------------===*/

/* Counts the devices and loads cuDNN (libcudnn.so.9) and cuBLAS
 * (libcublas.so.13) with dlopen. Returns 0 on success: a GPU and at least
 * one of the two libraries; else a clear error. Idempotent, thread-safe. */
RNNRT_EXPORT int rnnrt_cuda_init(void);

/* The calling thread's device (default 0). Setting another device resets
 * the thread's stream to the runtime's own. Returns 0, or 1 with an error
 * ("device 3 does not exist: ...") pending. */
RNNRT_EXPORT int rnnrt_cuda_set_device(int device);
RNNRT_EXPORT int rnnrt_cuda_get_device(void);

/* The calling thread's stream (a cudaStream_t of the thread's device), or
 * NULL for the runtime's own stream of this thread. Compiled code and the
 * host API of this thread run on it; switching streams orders the new one
 * after the thread's earlier work. Returns 0, or 1 with an error pending. */
RNNRT_EXPORT int rnnrt_cuda_set_stream(void *stream);
/* The stream the calling thread's work runs on (NULL on error). */
RNNRT_EXPORT void *rnnrt_cuda_get_stream(void);

/* Bounded caches. Each execution context (one per thread and device) keeps
 * at most max_plans cuDNN plans and max_plans cuBLAS-fallback plans (each
 * with its CUDA graphs, replayed on new data pointers), and at most
 * max_bytes of plan memory (workspaces, reserve and intermediate buffers);
 * the least recently used plans are freed first. The device's memory pool
 * keeps freed memory for reuse up to RNNRT_CACHE_MAX_BYTES where that is
 * set, else up to a quarter of the device's memory (set when the device is
 * first used). Defaults: 64 plans, 1 GiB, or RNNRT_CACHE_MAX_PLANS /
 * RNNRT_CACHE_MAX_BYTES. A value < 1
 * (plans) or < 0 (bytes) leaves that limit unchanged. Takes effect at each
 * thread's next call. */
RNNRT_EXPORT void rnnrt_cuda_set_cache_limits(int64_t max_plans,
                                              int64_t max_bytes);

typedef struct rnnrt_cache_stats {
  int64_t cudnn_plans;
  int64_t cublas_plans;
  /* Device memory held by the plans of each cache, and both together. */
  int64_t cudnn_bytes;
  int64_t cublas_bytes;
  int64_t plan_bytes;
  int64_t max_plans;
  int64_t max_bytes;
} rnnrt_cache_stats;

/* The calling thread's execution context's cache occupancy. Returns 0. */
RNNRT_EXPORT int rnnrt_cuda_cache_stats(rnnrt_cache_stats *stats);

/* Test hooks: the calling thread's next `count` device allocations fail as
 * if the device were out of memory, or its next `count` cuDNN plan
 * creations are refused with CUDNN_STATUS_NOT_SUPPORTED. Other threads are
 * not affected. */
enum rnnrt_fault {
  RNNRT_FAULT_ALLOCATION = 0,
  RNNRT_FAULT_CUDNN_REFUSAL = 1,
};
RNNRT_EXPORT void rnnrt_cuda_inject_fault(int kind, int64_t count);

enum rnnrt_library {
  RNNRT_LIBRARY_CUDNN = 0,
  RNNRT_LIBRARY_CUBLAS = 1,
};

/* After a successful rnnrt_cuda_init: NULL when `library` (rnnrt_library)
 * is loaded, else why it is not ("cuDNN not found: dlopen(...) ..."). */
RNNRT_EXPORT const char *rnnrt_cuda_library_error(int library);

/* Remarks: the runtime tells, once per distinct message, where it deviates
 * from what was asked without failing (a cuDNN forward that runs on the
 * cuBLAS fallback). By default "rnnrt: remark: <message>" goes to stderr;
 * a handler (NULL restores the default) receives the message instead. */
typedef void (*rnnrt_remark_handler)(const char *message);
RNNRT_EXPORT void rnnrt_cuda_set_remark_handler(rnnrt_remark_handler handler);

/* The calling thread's pending error message ("" when none), and clears
 * it. The pointer stays valid until the thread's next take. */
RNNRT_EXPORT const char *rnnrt_cuda_take_error(void);

/* Whether an error is pending on the calling thread. */
RNNRT_EXPORT int rnnrt_cuda_has_error(void);

/* Device memory. rnnrt_cuda_alloc returns NULL (and records an error) on
 * failure; a zero-byte request returns a valid unique pointer. */
RNNRT_EXPORT void *rnnrt_cuda_alloc(int64_t bytes);
RNNRT_EXPORT void rnnrt_cuda_free(void *device_ptr);

/* kind: 0 host->device, 1 device->host, 2 device->device, 3 inferred from
 * the pointers (unified addressing: host or device). Synchronous with
 * respect to the thread's stream. Returns 0 on success. */
RNNRT_EXPORT int rnnrt_cuda_memcpy(void *dst, const void *src, int64_t bytes,
                                   int kind);

/* Waits for all work on the thread's stream. Returns 0 on success. */
RNNRT_EXPORT int rnnrt_cuda_synchronize(void);

/* Times `calls` invocations of fn(arg) on the thread's stream with CUDA
 * events; writes each call's time in milliseconds to times_ms[i]. Returns 0
 * on success. */
RNNRT_EXPORT int rnnrt_cuda_time_calls(void (*fn)(void *), void *arg,
                                       int64_t calls, double *times_ms);

/* "cuDNN 9.14.0, cuBLAS 13.1.0 (runtime), device NVIDIA H100 80GB HBM3"
 * or an error. */
RNNRT_EXPORT const char *rnnrt_cuda_describe(void);

/*===--- Called by compiled code ------------------------------------------===*/

/* Every forward and backward below ends in time_major and seq_lengths:
 * time_major != 0 means x, y, dx and dy are [T, B, *], 0 means [B, T, *]
 * (states stay [L*D, B, H]); seq_lengths is NULL or empty (no lengths) or
 * holds B int32 lengths in device memory (copied to the host once per
 * call, after the thread's stream has finished; a length outside [0, T] is
 * reported through rnnrt_check_sequence_length, rnnrt_take_error, and the
 * call does nothing). Steps past a sequence's length leave its state
 * unchanged and give zero y (and dx) rows; length 0 gives h_n = h_0. On
 * cuDNN both need algo STANDARD (padded I/O); a call with lengths is
 * launched directly, not replayed from a CUDA graph (cuDNN bakes the host
 * lengths into the work it enqueues); length 0, which cuDNN rejects, runs
 * as length 1 on zeroed inputs and gradients whose results are then
 * replaced (lib/Runtime/CUDA/PaddedSequences.h). */

/* Every cuDNN and cuBLAS entry point takes num_proj after input_size: the
 * LSTM projection size P (0: none). With P, hx/hy (and dhx/dhy) are
 * [L*D, B, P], y (and dy) [T, B, D*P], cx/cy stay [L*D, B, H]. */

/* One stacked RNN forward with cuDNN (cudnnRNNForward, inference), on the
 * packed weight space `w` (layout: rnn/Support/ParamsLayout.h). The plan
 * (descriptors, workspace) is created once per (configuration, T, B) and
 * cached; at creation the weight offsets cudnnGetRNNWeightParams reports are
 * checked against ParamsLayout. mode/direction/input_mode use the values of
 * rnn/Support/RNNEnums.h (input_mode resolved); cx/cy are ignored unless
 * mode is LSTM. When cuDNN is not installed, or refuses the configuration
 * (CUDNN_STATUS_NOT_SUPPORTED*), the forward runs on the cuBLAS fallback
 * instead, with a remark saying why. */
RNNRT_EXPORT void _mlir_ciface_rnnrt_cudnn_rnn_forward(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t num_proj, int64_t direction, int64_t input_mode, int64_t dtype,
    int64_t math, int64_t algo, rnnrt_memref3d *x, rnnrt_memref3d *hx,
    rnnrt_memref3d *cx, rnnrt_memref1d *w, rnnrt_memref3d *y,
    rnnrt_memref3d *hy, rnnrt_memref3d *cy, int64_t time_major,
    rnnrt_memref1d *seq_lengths);

/* Training on cuDNN (CUDNN_FWD_MODE_TRAINING, then cudnnRNNBackwardData_v8
 * and cudnnRNNBackwardWeights_v8). The configuration is the inference
 * forward's, plus the dropout rate between layers and its seed (cuDNN's
 * generator, seeded once per plan: the same seed gives the same masks on
 * every call). The reserve is a byte buffer: a 64-byte header naming the
 * configuration, T and B, then cuDNN's reserve space. */

/* The reserve's size in bytes for x's T and B (creates the plan; 0 with an
 * error pending on failure). */
RNNRT_EXPORT int64_t _mlir_ciface_rnnrt_cudnn_rnn_reserve_size(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t num_proj, int64_t direction, int64_t input_mode, int64_t dtype,
    int64_t math, int64_t algo, double dropout, int64_t seed, rnnrt_memref3d *x,
    rnnrt_memref1d *w, int64_t time_major, rnnrt_memref1d *seq_lengths);

/* The training forward. `reserve` holds the reserve size's bytes, or none
 * (size 0) when the op returns no reserve: then the plan's own is used. */
RNNRT_EXPORT void _mlir_ciface_rnnrt_cudnn_rnn_training_forward(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t num_proj, int64_t direction, int64_t input_mode, int64_t dtype,
    int64_t math, int64_t algo, double dropout, int64_t seed, rnnrt_memref3d *x,
    rnnrt_memref3d *hx, rnnrt_memref3d *cx, rnnrt_memref1d *w,
    rnnrt_memref3d *y, rnnrt_memref3d *hy, rnnrt_memref3d *cy,
    rnnrt_memref1d *reserve, int64_t time_major, rnnrt_memref1d *seq_lengths);

/* The backward of a training forward: dx, dhx, dcx and the packed weight
 * gradient dw from the forward's x, hx, cx, w, y and reserve and the
 * incoming dy, dhy, dcy. The reserve's header is checked first (another
 * configuration, T or B is an error). cuDNN's backward overwrites the
 * reserve: copy_reserve != 0 works on a copy (the compiler sets it when the
 * reserve has another use), else the reserve is consumed. */
RNNRT_EXPORT void _mlir_ciface_rnnrt_cudnn_rnn_backward(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t num_proj, int64_t direction, int64_t input_mode, int64_t dtype,
    int64_t math, int64_t algo, double dropout, int64_t seed,
    int64_t copy_reserve, rnnrt_memref3d *x, rnnrt_memref3d *hx,
    rnnrt_memref3d *cx, rnnrt_memref1d *w, rnnrt_memref3d *y,
    rnnrt_memref1d *reserve, rnnrt_memref3d *dy, rnnrt_memref3d *dhy,
    rnnrt_memref3d *dcy, rnnrt_memref3d *dx, rnnrt_memref3d *dhx,
    rnnrt_memref3d *dcx, rnnrt_memref1d *dw, int64_t time_major,
    rnnrt_memref1d *seq_lengths);

/* The same forward on the cuBLAS fallback: per layer and direction one
 * GEMM for the input projection, per step one GEMM for the recurrent part
 * and one fused cell kernel of the runtime's own; both directions of a layer
 * on two streams, the layers of a unidirectional stack as a wavefront; all
 * of it captured once per shape and pointers into a CUDA graph and
 * replayed. math: STRICT or TF32 for f32 (f16 uses tensor cores with f32
 * accumulation, f64 is strict). training != 0 with dropout in (0, 1)
 * applies dropout between layers with the CPU lowering's seeded hash (same
 * mask, same values). linear_before_reset == 0 runs a GRU whose reset gate
 * scales h before R_n (two recurrent GEMMs per step); it must be 1 for
 * every other mode. */
RNNRT_EXPORT void _mlir_ciface_rnnrt_cublas_rnn_forward(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t num_proj, int64_t direction, int64_t input_mode, int64_t dtype,
    int64_t math, int64_t training, double dropout, int64_t seed,
    int64_t linear_before_reset, rnnrt_memref3d *x, rnnrt_memref3d *hx,
    rnnrt_memref3d *cx, rnnrt_memref1d *w, rnnrt_memref3d *y,
    rnnrt_memref3d *hy, rnnrt_memref3d *cy, int64_t time_major,
    rnnrt_memref1d *seq_lengths);

/* cuBLAS fallback training (the training forward returning a reserve, and
 * the backward reading it). The fallback's reserve is a ReserveHeader
 * (library cublas) then the outputs of every layer but the last before
 * dropout; the backward rebuilds gates and cell states from them with
 * whole-sequence GEMMs, then runs the reverse time loop (one recurrent
 * GEMM and one fused cell-backward kernel per step) and the weight
 * gradients as whole-sequence GEMMs; dropout masks are the forward's
 * (the shared mask function); a GRU with linear_before_reset == 0 adds the
 * reset gate's GEMM through r * h per step. The directions of a layer run
 * on two streams. Time-major without seq_lengths, no projection (num_proj
 * must be 0) and no bf16, for now. dw is in the packed layout. */
RNNRT_EXPORT int64_t _mlir_ciface_rnnrt_cublas_rnn_reserve_size(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t num_proj, int64_t direction, int64_t input_mode, int64_t dtype,
    int64_t math, double dropout, int64_t seed, int64_t linear_before_reset,
    rnnrt_memref3d *x, int64_t time_major, rnnrt_memref1d *seq_lengths);
RNNRT_EXPORT void _mlir_ciface_rnnrt_cublas_rnn_training_forward(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t num_proj, int64_t direction, int64_t input_mode, int64_t dtype,
    int64_t math, double dropout, int64_t seed, int64_t linear_before_reset,
    rnnrt_memref3d *x, rnnrt_memref3d *hx, rnnrt_memref3d *cx,
    rnnrt_memref1d *w, rnnrt_memref3d *y, rnnrt_memref3d *hy,
    rnnrt_memref3d *cy, rnnrt_memref1d *reserve, int64_t time_major,
    rnnrt_memref1d *seq_lengths);
RNNRT_EXPORT void _mlir_ciface_rnnrt_cublas_rnn_backward(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t num_proj, int64_t direction, int64_t input_mode, int64_t dtype,
    int64_t math, double dropout, int64_t seed, int64_t linear_before_reset,
    rnnrt_memref3d *x, rnnrt_memref3d *hx, rnnrt_memref3d *cx,
    rnnrt_memref1d *w, rnnrt_memref3d *y, rnnrt_memref1d *reserve,
    rnnrt_memref3d *dy, rnnrt_memref3d *dhy, rnnrt_memref3d *dcy,
    rnnrt_memref3d *dx, rnnrt_memref3d *dhx, rnnrt_memref3d *dcx,
    rnnrt_memref1d *dw, int64_t time_major, rnnrt_memref1d *seq_lengths);

/* A device copy of a constant host buffer of a compiled module (packed
 * weights folded at compile time) on the thread's device, uploaded on
 * first use. `module_slot` is the module's own int64 slot (0 until the
 * first upload gives the module a fresh id): copies are keyed by (module,
 * device, host address, size), so another module never gets this one's
 * copy, even at a reused host address. Returns the device pointer, or NULL
 * with an error pending. */
RNNRT_EXPORT void *rnnrt_cuda_constant(int64_t *module_slot,
                                       const void *host_data, int64_t bytes);

/* Frees every device copy of the module of `module_slot` (waits for the
 * device first) and resets the slot; the lowered module's destructor calls
 * it. */
RNNRT_EXPORT void rnnrt_cuda_release_module(int64_t *module_slot);

/* How many constant copies are alive (all modules, all devices). */
RNNRT_EXPORT int64_t rnnrt_cuda_constant_count(void);

/* The GPU lowerings' constant upload (rnnrt_cuda_constant through the C
 * interface): *result views the module's device copy of host's data;
 * module_slot is a memref<1xi64> global of the module. */
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cuda_upload_constant_f16(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host,
                                            rnnrt_memref1d_i64 *module_slot);
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cuda_upload_constant_f32(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host,
                                            rnnrt_memref1d_i64 *module_slot);
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cuda_upload_constant_f64(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host,
                                            rnnrt_memref1d_i64 *module_slot);
/* Constant seq_lengths (i32). */
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cuda_upload_constant_i32(rnnrt_memref1d *result,
                                            rnnrt_memref1d *host,
                                            rnnrt_memref1d_i64 *module_slot);

/* The fused run-time pack of GPU-compiled code (rnn.pack_params), same ABI
 * as rnnrt_cpu_pack_params_<T>: `sources` holds the device address of each
 * canonical tensor (a host table), `layout` one (packed offset, element
 * count) row per tensor; one gather-copy kernel launch on the thread's
 * stream. */
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cuda_pack_params_f16(rnnrt_memref1d *dst,
                                        rnnrt_memref1d_i64 *sources,
                                        rnnrt_memref2d_i64 *layout);
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cuda_pack_params_f32(rnnrt_memref1d *dst,
                                        rnnrt_memref1d_i64 *sources,
                                        rnnrt_memref2d_i64 *layout);
RNNRT_EXPORT void
_mlir_ciface_rnnrt_cuda_pack_params_f64(rnnrt_memref1d *dst,
                                        rnnrt_memref1d_i64 *sources,
                                        rnnrt_memref2d_i64 *layout);

/* Allocation functions the compiled code's memref.alloc / dealloc lower to
 * (MLIR's generic allocation functions), so every buffer of a cuDNN-compiled
 * function is device memory. */
RNNRT_EXPORT void *rnnrt_cuda_memref_alloc(size_t bytes);
RNNRT_EXPORT void *rnnrt_cuda_memref_aligned_alloc(size_t alignment,
                                                   size_t bytes);
RNNRT_EXPORT void rnnrt_cuda_memref_free(void *device_ptr);

/* Device-side memref.copy (same ABI as rnnrt_memref_copy); the compiler's
 * rnn-device-memory pass calls it as
 * _mlir_ciface_rnnrt_cuda_memref_copy_<type>. Contiguous memrefs only. */
RNNRT_EXPORT void rnnrt_cuda_memref_copy(int64_t element_size,
                                         rnnrt_unranked_memref *src,
                                         rnnrt_unranked_memref *dst);

/* The symbols a JIT must resolve for cuDNN-compiled code (names as the
 * lowered code references them, e.g. _mlir_memref_to_llvm_alloc ->
 * rnnrt_cuda_memref_alloc, memrefCopy -> rnnrt_cuda_memref_copy). */
RNNRT_EXPORT const rnnrt_symbol *rnnrt_cuda_symbols(size_t *count);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RNN_RUNTIME_CUDARUNTIME_H */
