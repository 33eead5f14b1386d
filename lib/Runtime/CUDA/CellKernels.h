//===- CellKernels.h - The cuBLAS fallback's own CUDA kernels ---*- C++ -*-===//
//
// The pointwise work of the cuBLAS fallback (CellKernels.cu, built by nvcc
// for sm_90 with a PTX fallback): one fused kernel per time step that adds
// the biases to the two gate GEMMs' results, applies the cell (LSTM, GRU
// with the reset gate after or before the recurrent GEMM, RNN tanh/relu) and
// writes h (into the layer output and, at the last step, h_n) and c; the
// identity input projection of skip_input; training dropout between layers.
//
// Gate pre-activations are kept in the accumulation type (f32 for f16, bf16
// and f32 data, f64 for f64). The LSTM projection (num_proj) is one more
// product per step, a fused GEMV kernel for small batches. Launchers return the
// launch's status; the caller checks it with RNNRT_CHECK.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_CELLKERNELS_H
#define RNN_LIB_RUNTIME_CUDA_CELLKERNELS_H

#include <cuda_runtime_api.h>

#include <cstdint>

namespace rnnrt::cuda {

/// One time step of one direction: all pointers are device memory, rows
/// are the B batch entries.
struct CellStepArgs {
  /// x W^T of this step: [B, G*H] in the accumulation type.
  const void *inputGates = nullptr;
  /// h_{t-1} R^T: [B, G*H] in the accumulation type.
  const void *hiddenGates = nullptr;
  /// b_W and b_R: [G*H] each.
  const void *inputBias = nullptr;
  const void *hiddenBias = nullptr;
  /// h_{t-1}: row b at hPrev + b * hPrevStride.
  const void *hPrev = nullptr;
  int64_t hPrevStride = 0;
  /// h_t: row b at hOut + b * hOutStride.
  void *hOut = nullptr;
  int64_t hOutStride = 0;
  /// Also h_t, [B, H] contiguous (the last step writes h_n); may be null.
  void *hFinal = nullptr;
  /// LSTM: c_{t-1} and c_t, [B, H] contiguous (may alias).
  const void *cPrev = nullptr;
  void *cOut = nullptr;
  int64_t batch = 0;
  int64_t hidden = 0;
  /// seq_lengths (B int32 in device memory) or null, and this step's time
  /// index t: row b steps only while t < lengths[b]; past its length a row
  /// keeps its state (h_t = h_{t-1}, c_t = c_{t-1}, also in hOut, which
  /// carries it to the next step: the caller zeroes the output rows past
  /// each length once the layer is done).
  const int32_t *lengths = nullptr;
  int64_t step = 0;
  /// GRU: whether hiddenGates' n block is h R_n^T (the reset gate scales
  /// it, cuDNN's GRU) or already (r * h) R_n^T (linear_before_reset =
  /// false; see launchResetHidden).
  bool linearBeforeReset = true;
  /// LSTM projection size P (0: none). With a projection h_{t-1} is [B, P]
  /// (the recurrent product's depth, R is [G*H, P]); the cell kernels do
  /// not read it and write m = o * tanh(c_t) to hOut ([B, H], the
  /// projection's input), and launchFusedProjection or a GEMM followed by
  /// launchProjectionCarry makes h_t = m W_proj^T from it.
  int64_t projection = 0;
};

/// The launch shape of the step kernel: hidden units per thread (1, 2, 4 or
/// 8, at most 16 bytes of the data type; loads and stores are vectors of
/// that width) and threads per block.
struct CellLaunchConfig {
  int vectorWidth = 1;
  int blockSize = 128;
};

/// The configuration the step kernel uses for `args`: the widest vector the
/// shape and the alignment allow that still leaves enough threads to fill
/// the GPU (see CellKernels.cu); RNNRT_CELL_VECTOR=N forces the widest
/// allowed width <= N and RNNRT_CELL_BLOCK sets the block size (for
/// measurements).
CellLaunchConfig chooseCellLaunch(int64_t dtype, const CellStepArgs &args);

/// The largest batch for which a step is one fused kernel (recurrent GEMV
/// and cell together) instead of a cuBLAS GEMM and the step kernel:
/// RNNRT_FUSED_STEP_MAX_BATCH, default 8 (0 disables).
int64_t fusedStepMaxBatch();

/// One step as a single kernel: h_{t-1} R^T computed by one warp per hidden
/// unit (all gates and batch rows of it), then the cell. `args.hiddenGates`
/// is unused; `recurrentMatrices` is R, [G*H, H] row-major. batch <=
/// fusedStepMaxBatch().
cudaError_t launchFusedStep(int64_t mode, int64_t dtype,
                            const CellStepArgs &args,
                            const void *recurrentMatrices, cudaStream_t stream);

/// The LSTM projection of one step as a single kernel, for batches of at
/// most fusedStepMaxBatch(): h_t = m W_proj^T (one warp per output unit),
/// written to args.hOut and args.hFinal (P wide, the h fields of the step
/// with args.projection = P); a row past its length keeps args.hPrev.
/// `cellOutput` is m, [B, H] contiguous; `projection` is W_proj, [P, H]
/// row-major.
cudaError_t launchFusedProjection(int64_t dtype, const CellStepArgs &args,
                                  const void *cellOutput,
                                  const void *projection, cudaStream_t stream);

/// After a GEMM wrote m W_proj^T into args.hOut: rows past their length get
/// args.hPrev back, and args.hFinal (when set) receives the step's h. Does
/// nothing when neither lengths nor hFinal are set.
cudaError_t launchProjectionCarry(int64_t dtype, const CellStepArgs &args,
                                  cudaStream_t stream);

/// Enqueues one step of `mode` (rnn/Support/RNNEnums.h) for `dtype`
/// (rnnrt_dtype).
cudaError_t launchCellStep(int64_t mode, int64_t dtype,
                           const CellStepArgs &args,
                           const CellLaunchConfig &launch, cudaStream_t stream);

/// GRU without linear-before-reset, between the step's two recurrent GEMMs:
/// resetHidden[b, j] = sigmoid(x_r + b_Wr + h_r + b_Rr) * h_{t-1}[b, j] from
/// args' inputGates, hiddenGates (its r block), biases and hPrev;
/// resetHidden is [B, H] of the data type, the n block's GEMM input.
cudaError_t launchResetHidden(int64_t dtype, const CellStepArgs &args,
                              void *resetHidden, cudaStream_t stream);

/// skip_input: gates[r, g*H + j] = x[r, j] for every gate g, rows r < rows
/// (x is [rows, H] of the data type, gates [rows, G*H] of the accumulation
/// type).
cudaError_t launchBroadcastInput(int64_t dtype, const void *x, void *gates,
                                 int64_t rows, int64_t hidden, int64_t numGates,
                                 cudaStream_t stream);

/// Training dropout of the elements [begin, end) of a row-major tensor: out
/// = keep ? in / (1 - rate) : 0, keep = rnnrt::DropoutMask(seed, stream,
/// rate).keeps(linear index) (rnn/Support/DropoutMask.h, `stream` is the
/// layer): the CPU runtime's rnnrt_cpu_dropout_<T> draws the same mask.
cudaError_t launchDropout(int64_t dtype, const void *in, void *out,
                          int64_t begin, int64_t end, double rate,
                          uint64_t seed, uint64_t stream,
                          cudaStream_t cudaStream);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_CELLKERNELS_H
