//===- CellGradKernels.h - The cuBLAS fallback's backward kernels -*- C++
//-*-===//
//
// The pointwise work of the fallback's backward (CellGradKernels.cu): one
// fused kernel per reverse step that turns dL/dh_t (and, for an LSTM,
// dL/dc_t) into the gradients of the gates' pre-activations, one template
// for every cell (the cells of CellMath.cuh), and the reset gate's part of
// a GRU without linear-before-reset; the LSTM's cell states recomputed over
// the whole sequence from the gates; the ones vector of the bias
// gradients' GEMM; conversions between the data and accumulation types.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_CELLGRADKERNELS_H
#define RNN_LIB_RUNTIME_CUDA_CELLGRADKERNELS_H

#include <cuda_runtime_api.h>

#include <cstdint>

namespace rnnrt::cuda {

/// One reverse step of one direction (all device memory, B rows).
struct CellGradArgs {
  /// x W^T and h_{t-1} R^T of this step without biases: [B, G*H],
  /// accumulation type.
  const void *inputGates = nullptr;
  const void *hiddenGates = nullptr;
  /// b_W and b_R: [G*H] each, data type.
  const void *inputBias = nullptr;
  const void *hiddenBias = nullptr;
  /// h_{t-1}: [B, H] data type (read by the cells without c only: an
  /// LSTM's gradients do not depend on it).
  const void *hPrev = nullptr;
  /// LSTM: c_{t-1}, [B, H] accumulation type.
  const void *cPrev = nullptr;
  /// dL/dy of this step and direction: row b at dy + b * dyStride (data
  /// type), or null when the caller folded it into dhNext (the LSTM
  /// projection's launchProjectionGrad and GEMM).
  const void *dy = nullptr;
  int64_t dyStride = 0;
  /// In: dL/dh_t through the recurrence; out: the direct part of
  /// dL/dh_{t-1} (the caller adds dA_h R). [B, H], accumulation type.
  void *dhNext = nullptr;
  /// LSTM, in: dL/dc_t from the later step; out: dL/dc_{t-1}.
  void *dcNext = nullptr;
  /// Out: gradients of the input and recurrent pre-activations, [B, G*H],
  /// data type (the GEMMs' operands).
  void *dInputGates = nullptr;
  void *dHiddenGates = nullptr;
  int64_t batch = 0;
  int64_t hidden = 0;
  /// seq_lengths (B int32 in device memory) or null, and this step's time
  /// index t: past its length (t >= lengths[b]) row b's forward kept its
  /// state, so its step passes dhNext and dcNext through unchanged, ignores
  /// dy and writes zero gate gradients.
  const int32_t *lengths = nullptr;
  int64_t step = 0;
  /// GRU: false when hiddenGates' n block is (r * h_{t-1}) R_n^T; then the
  /// step leaves the reset gate's gradients to launchResetGrad.
  bool linearBeforeReset = true;
};

/// Enqueues one reverse step of `mode` for `dtype`.
cudaError_t launchCellGradStep(int64_t mode, int64_t dtype,
                               const CellGradArgs &args, cudaStream_t stream);

/// GRU without linear-before-reset, after launchCellGradStep and the GEMM
/// dL/d(r * h_{t-1}) = dA_n R_n (`resetHiddenGrad`, [B, H] accumulation
/// type): the reset gate's pre-activation gradient into the r blocks of
/// dInputGates and dHiddenGates, and dL/d(r * h) * r added to dhNext.
cudaError_t launchResetGrad(int64_t dtype, const CellGradArgs &args,
                            const void *resetHiddenGrad, cudaStream_t stream);

/// An LSTM with a projection, before step t's cell backward: dL/dh_t =
/// dhNext + dy_t into hiddenGrad (row b at b * proj, data type, the
/// operand of dL/dm = dL/dh W_proj and of dW_proj's GEMM) and dhNext
/// zeroed, so that the step's recurrent GEMM writes dL/dh_{t-1} into it.
/// A row past its length (t >= lengths[b]) gets a zero hiddenGrad and
/// keeps dhNext. dhNext is [B, proj] accumulation type; dy's row b is at
/// dy + b * dyStride (data type).
cudaError_t launchProjectionGrad(int64_t dtype, void *dhNext, const void *dy,
                                 int64_t dyStride, void *hiddenGrad,
                                 const int32_t *lengths, int64_t step,
                                 int64_t batch, int64_t proj,
                                 cudaStream_t stream);

/// LSTM: cPrev[t] = c_{t-1} for every step t of one direction (reverse:
/// steps run T-1 down to 0), c of step t = f c_{t-1} + i g from the gates
/// (inputGates/hiddenGates [T, B, 4H] accumulation type without biases,
/// biases of the data type), c of the first step from c0 ([B, H] data
/// type); cPrev is [T, B, H] accumulation type, each c rounded through the
/// data type like the forward's. With `lengths` (B int32 in device memory,
/// or null) a row keeps its c at the steps past its length, as the
/// forward's step kernels do. cellOutput (an LSTM with a projection, else
/// null) gets m_t = o_t tanh(c_t) of every step, [T, B, H] data type, zero
/// past each length.
cudaError_t launchCellStates(int64_t dtype, const void *inputGates,
                             const void *hiddenGates, const void *inputBias,
                             const void *hiddenBias, const void *c0,
                             void *cPrev, void *cellOutput,
                             const int32_t *lengths, int64_t steps,
                             int64_t batch, int64_t hidden, bool reverse,
                             cudaStream_t stream);

/// out[i] = 1 for `count` elements of the data type (the ones vector whose
/// GEMM with the gates' gradients gives the bias gradients).
cudaError_t launchFillOnes(int64_t dtype, void *out, int64_t count,
                           cudaStream_t stream);

/// out[i] = in[i], `count` elements, from the data type to the
/// accumulation type (toAccumulator) or back.
cudaError_t launchConvert(int64_t dtype, const void *in, void *out,
                          int64_t count, bool toAccumulator,
                          cudaStream_t stream);

/// skip_input: dx[r, j] (+)= sum over gates g of dGates[r, g*H + j] (data
/// type; accumulate adds to dx).
cudaError_t launchSumGates(int64_t dtype, const void *dGates, void *dx,
                           int64_t rows, int64_t hidden, int64_t numGates,
                           bool accumulate, cudaStream_t stream);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_CELLGRADKERNELS_H
