//===- CellGradKernels.cu - The cuBLAS fallback's backward kernels --------===//
//
// One reverse-step kernel template for every cell: a thread takes one
// hidden unit of one batch row, rebuilds the gates' pre-activations from
// the whole-sequence GEMMs and the biases, and applies the cell's
// `backward` (CellMath.cuh, beside the forward's `apply`); a GRU without
// linear-before-reset adds its reset gate's part after the step's GEMM
// through r * h.
//
//===----------------------------------------------------------------------===//

#include "CellGradKernels.h"
#include "CellMath.cuh"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Support/RNNEnums.h"

namespace rnnrt::cuda {
namespace {

constexpr int kBlock = 256;

int64_t blocksFor(int64_t threads) { return (threads + kBlock - 1) / kBlock; }

/// Whether row b's forward stepped at args.step (seq_lengths).
__device__ bool stepsRow(const CellGradArgs &args, int64_t b) {
  return !args.lengths || args.step < args.lengths[b];
}

template <typename Cell, typename T>
__global__ void cellGradKernel(CellGradArgs args) {
  using A = Acc<T>;
  constexpr int G = Cell::kGates;
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  const int64_t H = args.hidden;
  if (index >= args.batch * H)
    return;
  const int64_t b = index / H, j = index % H;
  T *dInput = static_cast<T *>(args.dInputGates) + b * G * H;
  T *dHidden = static_cast<T *>(args.dHiddenGates) + b * G * H;
  if (!stepsRow(args, b)) {
#pragma unroll
    for (int g = 0; g < G; ++g) {
      dInput[g * H + j] = fromAcc<T>(A(0));
      dHidden[g * H + j] = fromAcc<T>(A(0));
    }
    return;
  }
  const A *px = static_cast<const A *>(args.inputGates) + b * G * H;
  const A *ph = static_cast<const A *>(args.hiddenGates) + b * G * H;
  const T *bx = static_cast<const T *>(args.inputBias);
  const T *bh = static_cast<const T *>(args.hiddenBias);
  A x[G], h[G], dx[G], dh[G];
#pragma unroll
  for (int g = 0; g < G; ++g) {
    x[g] = px[g * H + j] + toAcc(bx[g * H + j]);
    h[g] = ph[g * H + j] + toAcc(bh[g * H + j]);
  }
  A hPrev = A(0);
  if constexpr (!Cell::kHasCell)
    hPrev = toAcc(static_cast<const T *>(args.hPrev)[b * H + j]);
  A *dhNext = static_cast<A *>(args.dhNext);
  A dhOut = dhNext[b * H + j];
  if (args.dy)
    dhOut += toAcc(static_cast<const T *>(args.dy)[b * args.dyStride + j]);
  A dc = A(0), cPrev = A(0);
  if constexpr (Cell::kHasCell) {
    dc = static_cast<A *>(args.dcNext)[b * H + j];
    cPrev = static_cast<const A *>(args.cPrev)[b * H + j];
  }
  dhNext[b * H + j] = Cell::backward(x, h, hPrev, dhOut, dc, cPrev, dx, dh);
  if constexpr (Cell::kHasCell)
    static_cast<A *>(args.dcNext)[b * H + j] = dc;
#pragma unroll
  for (int g = 0; g < G; ++g) {
    dInput[g * H + j] = fromAcc<T>(dx[g]);
    dHidden[g * H + j] = fromAcc<T>(dh[g]);
  }
}

template <typename Cell, typename T>
cudaError_t launchGrad(const CellGradArgs &args, cudaStream_t stream) {
  cellGradKernel<Cell, T>
      <<<blocksFor(args.batch * args.hidden), kBlock, 0, stream>>>(args);
  return cudaGetLastError();
}

template <typename T>
cudaError_t launchGradOfMode(int64_t mode, const CellGradArgs &args,
                             cudaStream_t stream) {
  switch (mode) {
  case RNNRT_MODE_LSTM:
    return launchGrad<LSTMCell, T>(args, stream);
  case RNNRT_MODE_GRU:
    return args.linearBeforeReset ? launchGrad<GRUCell<true>, T>(args, stream)
                                  : launchGrad<GRUCell<false>, T>(args, stream);
  case RNNRT_MODE_RNN_TANH:
    return launchGrad<ElmanCell<false>, T>(args, stream);
  case RNNRT_MODE_RNN_RELU:
    return launchGrad<ElmanCell<true>, T>(args, stream);
  }
  return cudaErrorInvalidValue;
}

template <typename T>
__global__ void cellStatesKernel(const Acc<T> *px, const Acc<T> *ph,
                                 const T *bx, const T *bh, const T *c0,
                                 Acc<T> *cPrev, T *cellOutput,
                                 const int32_t *lengths, int64_t steps,
                                 int64_t batch, int64_t H, bool reverse) {
  using A = Acc<T>;
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= batch * H)
    return;
  const int64_t b = index / H, j = index % H;
  A c = toAcc(c0[index]);
  for (int64_t s = 0; s < steps; ++s) {
    const int64_t t = reverse ? steps - 1 - s : s;
    const int64_t row = (t * batch + b) * 4 * H;
    cPrev[t * batch * H + index] = c;
    if (lengths && t >= lengths[b]) {
      if (cellOutput)
        cellOutput[t * batch * H + index] = fromAcc<T>(A(0));
      continue;
    }
    A g[4];
#pragma unroll
    for (int k = 0; k < 4; ++k)
      g[k] = px[row + k * H + j] + ph[row + k * H + j] + toAcc(bx[k * H + j]) +
             toAcc(bh[k * H + j]);
    c = sigmoid(g[1]) * c + sigmoid(g[0]) * tanh(g[2]);
    if (cellOutput)
      cellOutput[t * batch * H + index] = fromAcc<T>(sigmoid(g[3]) * tanh(c));
    c = toAcc(fromAcc<T>(c));
  }
}

/// The reset gate of a GRU without linear-before-reset: r = sigmoid(x_r +
/// h_r), dL/dr = dL/d(r * h) * h, and h gets dL/d(r * h) * r directly.
template <typename T>
__global__ void resetGradKernel(CellGradArgs args, const Acc<T> *dResetHidden) {
  using A = Acc<T>;
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  const int64_t H = args.hidden;
  if (index >= args.batch * H)
    return;
  const int64_t b = index / H, j = index % H, row = b * 3 * H;
  if (!stepsRow(args, b))
    return;
  const A x = static_cast<const A *>(args.inputGates)[row + j] +
              toAcc(static_cast<const T *>(args.inputBias)[j]);
  const A h = static_cast<const A *>(args.hiddenGates)[row + j] +
              toAcc(static_cast<const T *>(args.hiddenBias)[j]);
  const A reset = sigmoid(x + h);
  const A hPrev = toAcc(static_cast<const T *>(args.hPrev)[index]);
  const A dRh = dResetHidden[index];
  const T dr = fromAcc<T>(dRh * hPrev * reset * (A(1) - reset));
  static_cast<T *>(args.dInputGates)[row + j] = dr;
  static_cast<T *>(args.dHiddenGates)[row + j] = dr;
  static_cast<A *>(args.dhNext)[index] += dRh * reset;
}

template <typename T>
__global__ void projectionGradKernel(Acc<T> *dhNext, const T *dy,
                                     int64_t dyStride, T *hiddenGrad,
                                     const int32_t *lengths, int64_t step,
                                     int64_t batch, int64_t P) {
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= batch * P)
    return;
  const int64_t b = index / P, k = index % P;
  if (lengths && step >= lengths[b]) {
    hiddenGrad[index] = fromAcc<T>(Acc<T>(0));
    return;
  }
  hiddenGrad[index] = fromAcc<T>(dhNext[index] + toAcc(dy[b * dyStride + k]));
  dhNext[index] = Acc<T>(0);
}

template <typename T> __global__ void fillOnesKernel(T *out, int64_t count) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < count)
    out[i] = fromAcc<T>(Acc<T>(1));
}

template <typename T>
__global__ void convertKernel(const void *in, void *out, int64_t count,
                              bool toAccumulator) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= count)
    return;
  if (toAccumulator)
    static_cast<Acc<T> *>(out)[i] = toAcc(static_cast<const T *>(in)[i]);
  else
    static_cast<T *>(out)[i] = fromAcc<T>(static_cast<const Acc<T> *>(in)[i]);
}

template <typename T>
__global__ void sumGatesKernel(const T *dGates, T *dx, int64_t rows, int64_t H,
                               int64_t G, bool accumulate) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= rows * H)
    return;
  const int64_t r = i / H, j = i % H;
  Acc<T> sum = accumulate ? toAcc(dx[i]) : Acc<T>(0);
  for (int64_t g = 0; g < G; ++g)
    sum += toAcc(dGates[(r * G + g) * H + j]);
  dx[i] = fromAcc<T>(sum);
}

} // namespace

cudaError_t launchCellGradStep(int64_t mode, int64_t dtype,
                               const CellGradArgs &args, cudaStream_t stream) {
  if (args.batch * args.hidden == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    return launchGradOfMode<decltype(type)>(mode, args, stream);
  });
}

cudaError_t launchCellStates(int64_t dtype, const void *inputGates,
                             const void *hiddenGates, const void *inputBias,
                             const void *hiddenBias, const void *c0,
                             void *cPrev, void *cellOutput,
                             const int32_t *lengths, int64_t steps,
                             int64_t batch, int64_t hidden, bool reverse,
                             cudaStream_t stream) {
  if (batch * hidden == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    cellStatesKernel<T><<<blocksFor(batch * hidden), kBlock, 0, stream>>>(
        static_cast<const Acc<T> *>(inputGates),
        static_cast<const Acc<T> *>(hiddenGates),
        static_cast<const T *>(inputBias), static_cast<const T *>(hiddenBias),
        static_cast<const T *>(c0), static_cast<Acc<T> *>(cPrev),
        static_cast<T *>(cellOutput), lengths, steps, batch, hidden, reverse);
    return cudaGetLastError();
  });
}

cudaError_t launchProjectionGrad(int64_t dtype, void *dhNext, const void *dy,
                                 int64_t dyStride, void *hiddenGrad,
                                 const int32_t *lengths, int64_t step,
                                 int64_t batch, int64_t proj,
                                 cudaStream_t stream) {
  if (batch * proj == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    projectionGradKernel<T><<<blocksFor(batch * proj), kBlock, 0, stream>>>(
        static_cast<Acc<T> *>(dhNext), static_cast<const T *>(dy), dyStride,
        static_cast<T *>(hiddenGrad), lengths, step, batch, proj);
    return cudaGetLastError();
  });
}

cudaError_t launchResetGrad(int64_t dtype, const CellGradArgs &args,
                            const void *resetHiddenGrad, cudaStream_t stream) {
  if (args.batch * args.hidden == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    resetGradKernel<T>
        <<<blocksFor(args.batch * args.hidden), kBlock, 0, stream>>>(
            args, static_cast<const Acc<T> *>(resetHiddenGrad));
    return cudaGetLastError();
  });
}

cudaError_t launchFillOnes(int64_t dtype, void *out, int64_t count,
                           cudaStream_t stream) {
  if (count == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    fillOnesKernel<T>
        <<<blocksFor(count), kBlock, 0, stream>>>(static_cast<T *>(out), count);
    return cudaGetLastError();
  });
}

cudaError_t launchConvert(int64_t dtype, const void *in, void *out,
                          int64_t count, bool toAccumulator,
                          cudaStream_t stream) {
  if (count == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    convertKernel<decltype(type)><<<blocksFor(count), kBlock, 0, stream>>>(
        in, out, count, toAccumulator);
    return cudaGetLastError();
  });
}

cudaError_t launchSumGates(int64_t dtype, const void *dGates, void *dx,
                           int64_t rows, int64_t hidden, int64_t numGates,
                           bool accumulate, cudaStream_t stream) {
  if (rows * hidden == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    sumGatesKernel<T><<<blocksFor(rows * hidden), kBlock, 0, stream>>>(
        static_cast<const T *>(dGates), static_cast<T *>(dx), rows, hidden,
        numGates, accumulate);
    return cudaGetLastError();
  });
}

} // namespace rnnrt::cuda
