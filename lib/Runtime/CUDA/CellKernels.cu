//===- CellKernels.cu - The cuBLAS fallback's own CUDA kernels ------------===//
//
// One step kernel template for every cell: a thread computes V consecutive
// hidden units of one batch row (all G gates of them), reading the gate
// rows and biases as V-element vectors (up to 16 bytes of the data type)
// where the shape and the pointers allow. For small batches a second
// template fuses the recurrent GEMV into the step. The cells differ only in
// their `apply`. Every kernel is instantiated for the storage types of
// withType (f16, bf16, f32, f64), computing in Acc<T>.
//
//===----------------------------------------------------------------------===//

#include "CellKernels.h"
#include "CellMath.cuh"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Support/DropoutMask.h"
#include "rnn/Support/RNNEnums.h"

#include <algorithm>
#include <cstdlib>
#include <type_traits>

namespace rnnrt::cuda {
namespace {

/// Threads per block at most (the kernels' launch bounds).
constexpr int kMaxBlockSize = 512;

/// Whether row b steps at args.step (seq_lengths, CellStepArgs).
__device__ inline bool isActive(const CellStepArgs &args, int64_t b) {
  return !args.lengths || args.step < args.lengths[b];
}

//===--- The step kernel --------------------------------------------------===//

template <typename Cell, typename T, int V>
__global__ void __launch_bounds__(kMaxBlockSize)
    cellStepKernel(CellStepArgs args) {
  using A = Acc<T>;
  constexpr int G = Cell::kGates;
  const int64_t unitsPerRow = args.hidden / V;
  const int64_t thread =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (thread >= args.batch * unitsPerRow)
    return;
  const int64_t b = thread / unitsPerRow;
  const int64_t j = (thread % unitsPerRow) * V;
  const int64_t H = args.hidden;
  const int64_t gateRow = b * G * H;

  A x[V][G], h[V][G];
#pragma unroll
  for (int g = 0; g < G; ++g) {
    Vector<A, V> xg = load<A, V>(args.inputGates, gateRow + g * H + j);
    Vector<A, V> hg = load<A, V>(args.hiddenGates, gateRow + g * H + j);
    Vector<T, V> bx = load<T, V>(args.inputBias, g * H + j);
    Vector<T, V> bh = load<T, V>(args.hiddenBias, g * H + j);
#pragma unroll
    for (int v = 0; v < V; ++v) {
      x[v][g] = xg.lane[v] + toAcc(bx.lane[v]);
      h[v][g] = hg.lane[v] + toAcc(bh.lane[v]);
    }
  }
  // With a projection h_{t-1} is P wide and unused by the (LSTM) cell.
  Vector<T, V> hPrev{};
  if (!args.projection)
    hPrev = load<T, V>(args.hPrev, b * args.hPrevStride + j);
  Vector<T, V> cell{};
  if constexpr (Cell::kHasCell)
    cell = load<T, V>(args.cPrev, b * H + j);

  // Past its length a row keeps its state (the cell's values, computed
  // on the padding, are discarded).
  const bool active = isActive(args, b);
  Vector<T, V> hOut, cOut;
#pragma unroll
  for (int v = 0; v < V; ++v) {
    A c = toAcc(cell.lane[v]);
    A hNew = Cell::apply(x[v], h[v], toAcc(hPrev.lane[v]), c);
    hOut.lane[v] = active ? fromAcc<T>(hNew) : hPrev.lane[v];
    cOut.lane[v] = active ? fromAcc<T>(c) : cell.lane[v];
  }
  store<T, V>(args.hOut, b * args.hOutStride + j, hOut);
  if (args.hFinal)
    store<T, V>(args.hFinal, b * H + j, hOut);
  if constexpr (Cell::kHasCell)
    store<T, V>(args.cOut, b * H + j, cOut);
}

template <typename Cell, typename T, int V>
cudaError_t launchStepWithWidth(const CellStepArgs &args,
                                const CellLaunchConfig &launch,
                                cudaStream_t stream) {
  if constexpr (V * sizeof(T) > 16) {
    return cudaErrorInvalidValue;
  } else {
    const int64_t threads = args.batch * (args.hidden / V);
    const int64_t blocks = (threads + launch.blockSize - 1) / launch.blockSize;
    cellStepKernel<Cell, T, V><<<blocks, launch.blockSize, 0, stream>>>(args);
    return cudaGetLastError();
  }
}

template <typename Cell, typename T>
cudaError_t launchStep(const CellStepArgs &args, const CellLaunchConfig &launch,
                       cudaStream_t stream) {
  switch (launch.vectorWidth) {
  case 8:
    return launchStepWithWidth<Cell, T, 8>(args, launch, stream);
  case 4:
    return launchStepWithWidth<Cell, T, 4>(args, launch, stream);
  case 2:
    return launchStepWithWidth<Cell, T, 2>(args, launch, stream);
  case 1:
    return launchStepWithWidth<Cell, T, 1>(args, launch, stream);
  }
  return cudaErrorInvalidValue;
}

//===--- The fused step: recurrent GEMV and cell in one kernel ------------===//

constexpr int kMaxFusedBatch = 8;
constexpr int kFusedWarpsPerBlock = 4;

/// Sums over a warp: lane l adds its partial sums of every batch row.
template <int Rows, typename A>
__device__ inline void reduceOverWarp(A (&sum)[Rows]) {
#pragma unroll
  for (int b = 0; b < Rows; ++b)
#pragma unroll
    for (int offset = 16; offset > 0; offset /= 2)
      sum[b] += __shfl_xor_sync(0xffffffffu, sum[b], offset);
}

/// One warp per hidden unit j: lanes stride over k < K (K = H, or P with a
/// projection), accumulating R[g*H + j, k] * h_{t-1}[b, k] for every gate g
/// and batch row b, then a shuffle reduction; lane b applies the cell to
/// (b, j).
template <typename Cell, typename T>
__global__ void __launch_bounds__(32 * kFusedWarpsPerBlock)
    fusedStepKernel(CellStepArgs args, const T *recurrent) {
  using A = Acc<T>;
  constexpr int G = Cell::kGates;
  const int lane = threadIdx.x % 32;
  const int64_t j =
      static_cast<int64_t>(blockIdx.x) * kFusedWarpsPerBlock + threadIdx.x / 32;
  const int64_t H = args.hidden;
  if (j >= H)
    return;
  const int64_t K = args.projection ? args.projection : H;
  const int B = static_cast<int>(args.batch);
  const T *hPrev = static_cast<const T *>(args.hPrev);

  A sum[G][kMaxFusedBatch] = {};
  for (int64_t k = lane; k < K; k += 32) {
    A r[G];
#pragma unroll
    for (int g = 0; g < G; ++g)
      r[g] = toAcc(recurrent[(g * H + j) * K + k]);
#pragma unroll
    for (int b = 0; b < kMaxFusedBatch; ++b) {
      if (b >= B)
        break;
      const A h = toAcc(hPrev[b * args.hPrevStride + k]);
#pragma unroll
      for (int g = 0; g < G; ++g)
        sum[g][b] += r[g] * h;
    }
  }
#pragma unroll
  for (int g = 0; g < G; ++g)
    reduceOverWarp(sum[g]);

    // Lane b takes batch row b (a register array is indexed by constants
    // only, hence the unrolled selection).
#pragma unroll
  for (int b = 0; b < kMaxFusedBatch; ++b) {
    if (b != lane || b >= B)
      continue;
    const A *gates = static_cast<const A *>(args.inputGates) + b * G * H;
    const T *inputBias = static_cast<const T *>(args.inputBias);
    const T *hiddenBias = static_cast<const T *>(args.hiddenBias);
    A x[G], h[G];
#pragma unroll
    for (int g = 0; g < G; ++g) {
      x[g] = gates[g * H + j] + toAcc(inputBias[g * H + j]);
      h[g] = sum[g][b] + toAcc(hiddenBias[g * H + j]);
    }
    const T cPrev =
        Cell::kHasCell ? static_cast<const T *>(args.cPrev)[b * H + j] : T{};
    const T hOld = args.projection ? T{} : hPrev[b * args.hPrevStride + j];
    A c = toAcc(cPrev);
    const bool active = isActive(args, b);
    const T hNew =
        active ? fromAcc<T>(Cell::apply(x, h, toAcc(hOld), c)) : hOld;
    static_cast<T *>(args.hOut)[b * args.hOutStride + j] = hNew;
    if (args.hFinal)
      static_cast<T *>(args.hFinal)[b * H + j] = hNew;
    if constexpr (Cell::kHasCell)
      static_cast<T *>(args.cOut)[b * H + j] = active ? fromAcc<T>(c) : cPrev;
  }
}

template <typename Cell, typename T>
cudaError_t launchFused(const CellStepArgs &args, const void *recurrent,
                        cudaStream_t stream) {
  if (args.batch > kMaxFusedBatch)
    return cudaErrorInvalidValue;
  const int64_t blocks =
      (args.hidden + kFusedWarpsPerBlock - 1) / kFusedWarpsPerBlock;
  fusedStepKernel<Cell, T><<<blocks, 32 * kFusedWarpsPerBlock, 0, stream>>>(
      args, static_cast<const T *>(recurrent));
  return cudaGetLastError();
}

template <typename T>
cudaError_t launchFusedOfMode(int64_t mode, const CellStepArgs &args,
                              const void *recurrent, cudaStream_t stream) {
  switch (mode) {
  case RNNRT_MODE_LSTM:
    return launchFused<LSTMCell, T>(args, recurrent, stream);
  case RNNRT_MODE_GRU:
    // The fused step runs one recurrent product: linear-before-reset only.
    if (!args.linearBeforeReset)
      return cudaErrorInvalidValue;
    return launchFused<GRUCell<true>, T>(args, recurrent, stream);
  case RNNRT_MODE_RNN_TANH:
    return launchFused<ElmanCell<false>, T>(args, recurrent, stream);
  case RNNRT_MODE_RNN_RELU:
    return launchFused<ElmanCell<true>, T>(args, recurrent, stream);
  }
  return cudaErrorInvalidValue;
}

template <typename T>
cudaError_t launchStepOfMode(int64_t mode, const CellStepArgs &args,
                             const CellLaunchConfig &launch,
                             cudaStream_t stream) {
  switch (mode) {
  case RNNRT_MODE_LSTM:
    return launchStep<LSTMCell, T>(args, launch, stream);
  case RNNRT_MODE_GRU:
    return args.linearBeforeReset
               ? launchStep<GRUCell<true>, T>(args, launch, stream)
               : launchStep<GRUCell<false>, T>(args, launch, stream);
  case RNNRT_MODE_RNN_TANH:
    return launchStep<ElmanCell<false>, T>(args, launch, stream);
  case RNNRT_MODE_RNN_RELU:
    return launchStep<ElmanCell<true>, T>(args, launch, stream);
  }
  return cudaErrorInvalidValue;
}

//===--- The LSTM projection: h_t = m W_proj^T ----------------------------===//

/// h_t[b, p] = `value` (a row past its length keeps h_{t-1}) into hOut and
/// hFinal (args' P-wide h fields).
template <typename T>
__device__ inline void storeProjected(const CellStepArgs &args, int64_t b,
                                      int64_t p, T value) {
  if (!isActive(args, b))
    value = static_cast<const T *>(args.hPrev)[b * args.hPrevStride + p];
  static_cast<T *>(args.hOut)[b * args.hOutStride + p] = value;
  if (args.hFinal)
    static_cast<T *>(args.hFinal)[b * args.projection + p] = value;
}

/// One warp per output unit p: lanes stride over k < H accumulating
/// W_proj[p, k] * m[b, k] for every batch row b; lane b stores (b, p).
template <typename T>
__global__ void __launch_bounds__(32 * kFusedWarpsPerBlock)
    fusedProjectionKernel(CellStepArgs args, const T *cellOutput,
                          const T *projection) {
  using A = Acc<T>;
  const int lane = threadIdx.x % 32;
  const int64_t p =
      static_cast<int64_t>(blockIdx.x) * kFusedWarpsPerBlock + threadIdx.x / 32;
  const int64_t H = args.hidden;
  if (p >= args.projection)
    return;
  const int B = static_cast<int>(args.batch);
  A sum[kMaxFusedBatch] = {};
  for (int64_t k = lane; k < H; k += 32) {
    const A w = toAcc(projection[p * H + k]);
#pragma unroll
    for (int b = 0; b < kMaxFusedBatch; ++b) {
      if (b >= B)
        break;
      sum[b] += w * toAcc(cellOutput[b * H + k]);
    }
  }
  reduceOverWarp(sum);
#pragma unroll
  for (int b = 0; b < kMaxFusedBatch; ++b)
    if (b == lane && b < B)
      storeProjected(args, b, p, fromAcc<T>(sum[b]));
}

/// After the projection's GEMM: hOut[b, p] stays (or gets h_{t-1} past the
/// row's length) and is copied to hFinal.
template <typename T> __global__ void projectionCarryKernel(CellStepArgs args) {
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= args.batch * args.projection)
    return;
  const int64_t b = index / args.projection, p = index % args.projection;
  storeProjected(args, b, p,
                 static_cast<const T *>(args.hOut)[b * args.hOutStride + p]);
}

//===--- GRU without linear-before-reset: r * h before R_n
//-----------------===//

template <typename T>
__global__ void resetHiddenKernel(CellStepArgs args, T *resetHidden) {
  using A = Acc<T>;
  const int64_t H = args.hidden;
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= args.batch * H)
    return;
  const int64_t b = index / H, j = index % H;
  const A x = static_cast<const A *>(args.inputGates)[b * 3 * H + j] +
              toAcc(static_cast<const T *>(args.inputBias)[j]);
  const A h = static_cast<const A *>(args.hiddenGates)[b * 3 * H + j] +
              toAcc(static_cast<const T *>(args.hiddenBias)[j]);
  const A hPrev =
      toAcc(static_cast<const T *>(args.hPrev)[b * args.hPrevStride + j]);
  resetHidden[b * H + j] = fromAcc<T>(sigmoid(x + h) * hPrev);
}

//===--- skip_input and dropout -------------------------------------------===//

template <typename T>
__global__ void broadcastInputKernel(const T *x, Acc<T> *gates, int64_t rows,
                                     int64_t hidden, int64_t numGates) {
  const int64_t index =
      static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= rows * hidden)
    return;
  const int64_t row = index / hidden, unit = index % hidden;
  const Acc<T> value = toAcc(x[index]);
  for (int64_t g = 0; g < numGates; ++g)
    gates[(row * numGates + g) * hidden + unit] = value;
}

/// Inverted dropout of in[begin, end) with the mask of
/// rnn/Support/DropoutMask.h. `scale` is 1 / (1 - rate) rounded to T; the
/// product of two T values is exact in Acc<T>, so rounding it to T is T's
/// own multiplication.
template <typename T>
__global__ void dropoutKernel(const T *in, T *out, int64_t begin, int64_t end,
                              DropoutMask mask, T scale) {
  const int64_t index =
      begin + static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (index >= end)
    return;
  out[index] = mask.keeps(static_cast<uint64_t>(index))
                   ? fromAcc<T>(toAcc(in[index]) * toAcc(scale))
                   : T{};
}

/// `value` rounded to the storage type T (host code).
template <typename T> T roundTo(double value) {
  if constexpr (std::is_same_v<T, __half>)
    return __double2half(value);
  else if constexpr (std::is_same_v<T, __nv_bfloat16>)
    return __double2bfloat16(value);
  else
    return static_cast<T>(value);
}

int environmentInt(const char *name, int fallback) {
  const char *value = std::getenv(name);
  return value ? std::atoi(value) : fallback;
}

bool aligned(const void *pointer, size_t bytes) {
  return reinterpret_cast<uintptr_t>(pointer) % bytes == 0;
}

} // namespace

CellLaunchConfig chooseCellLaunch(int64_t dtype, const CellStepArgs &args) {
  // Measured on the H100 (bench/results/gpu-cell-variants.md): one unit per
  // thread beats 4- and 8-wide vectors on every benchmark shape up to
  // B x H = 65536 units (S5: 0.780 ms against 0.867 and 0.907), because a
  // step is latency-bound and more threads hide more of it. Vectors are
  // kept for steps so large that even 2^19 threads remain at full width.
  constexpr int64_t kMinThreads = int64_t(1) << 19;
  // RNNRT_CELL_VECTOR=N: the widest allowed width <= N, whatever the
  // thread count (for measurements); 0 or unset: the heuristic.
  static const int vectorSetting = environmentInt("RNNRT_CELL_VECTOR", 0);
  static const int blockSetting = environmentInt("RNNRT_CELL_BLOCK", 128);
  CellLaunchConfig config;
  config.blockSize =
      blockSetting >= 32 && blockSetting <= kMaxBlockSize ? blockSetting : 128;
  const size_t elementBytes =
      dtype == RNNRT_DTYPE_F16 || dtype == RNNRT_DTYPE_BF16 ? 2
      : dtype == RNNRT_DTYPE_F64                            ? 8
                                                            : 4;
  const size_t accBytes = dtype == RNNRT_DTYPE_F64 ? 8 : 4;
  auto allows = [&](int width) {
    const size_t dataBytes = width * elementBytes, gateBytes = width * accBytes;
    return args.hidden % width == 0 && args.hPrevStride % width == 0 &&
           args.hOutStride % width == 0 &&
           aligned(args.inputGates, gateBytes) &&
           aligned(args.hiddenGates, gateBytes) &&
           aligned(args.inputBias, dataBytes) &&
           aligned(args.hiddenBias, dataBytes) &&
           aligned(args.hPrev, dataBytes) && aligned(args.hOut, dataBytes) &&
           aligned(args.hFinal, dataBytes) && aligned(args.cPrev, dataBytes) &&
           aligned(args.cOut, dataBytes);
  };
  const int64_t units = args.batch * args.hidden;
  config.vectorWidth = 1;
  for (int width = static_cast<int>(16 / elementBytes); width > 1; width /= 2)
    if (allows(width) && (vectorSetting > 0 ? width <= vectorSetting
                                            : units / width >= kMinThreads)) {
      config.vectorWidth = width;
      break;
    }
  return config;
}

int64_t fusedStepMaxBatch() {
  static const int64_t limit = std::min<int64_t>(
      environmentInt("RNNRT_FUSED_STEP_MAX_BATCH", kMaxFusedBatch),
      kMaxFusedBatch);
  return limit;
}

cudaError_t launchFusedStep(int64_t mode, int64_t dtype,
                            const CellStepArgs &args,
                            const void *recurrentMatrices,
                            cudaStream_t stream) {
  return withType(dtype, [&](auto type) {
    return launchFusedOfMode<decltype(type)>(mode, args, recurrentMatrices,
                                             stream);
  });
}

cudaError_t launchCellStep(int64_t mode, int64_t dtype,
                           const CellStepArgs &args,
                           const CellLaunchConfig &launch,
                           cudaStream_t stream) {
  return withType(dtype, [&](auto type) {
    return launchStepOfMode<decltype(type)>(mode, args, launch, stream);
  });
}

cudaError_t launchFusedProjection(int64_t dtype, const CellStepArgs &args,
                                  const void *cellOutput,
                                  const void *projection, cudaStream_t stream) {
  if (args.batch > kMaxFusedBatch || args.projection <= 0)
    return cudaErrorInvalidValue;
  const int64_t blocks =
      (args.projection + kFusedWarpsPerBlock - 1) / kFusedWarpsPerBlock;
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    fusedProjectionKernel<T><<<blocks, 32 * kFusedWarpsPerBlock, 0, stream>>>(
        args, static_cast<const T *>(cellOutput),
        static_cast<const T *>(projection));
    return cudaGetLastError();
  });
}

cudaError_t launchProjectionCarry(int64_t dtype, const CellStepArgs &args,
                                  cudaStream_t stream) {
  constexpr int kBlock = 256;
  const int64_t blocks = (args.batch * args.projection + kBlock - 1) / kBlock;
  if (blocks == 0 || (!args.lengths && !args.hFinal))
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    projectionCarryKernel<decltype(type)><<<blocks, kBlock, 0, stream>>>(args);
    return cudaGetLastError();
  });
}

cudaError_t launchResetHidden(int64_t dtype, const CellStepArgs &args,
                              void *resetHidden, cudaStream_t stream) {
  constexpr int kBlock = 256;
  const int64_t blocks = (args.batch * args.hidden + kBlock - 1) / kBlock;
  if (blocks == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    resetHiddenKernel<T>
        <<<blocks, kBlock, 0, stream>>>(args, static_cast<T *>(resetHidden));
    return cudaGetLastError();
  });
}

cudaError_t launchBroadcastInput(int64_t dtype, const void *x, void *gates,
                                 int64_t rows, int64_t hidden, int64_t numGates,
                                 cudaStream_t stream) {
  constexpr int kBlock = 256;
  const int64_t blocks = (rows * hidden + kBlock - 1) / kBlock;
  if (blocks == 0)
    return cudaSuccess;
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    broadcastInputKernel<<<blocks, kBlock, 0, stream>>>(
        static_cast<const T *>(x), static_cast<Acc<T> *>(gates), rows, hidden,
        numGates);
    return cudaGetLastError();
  });
}

cudaError_t launchDropout(int64_t dtype, const void *in, void *out,
                          int64_t begin, int64_t end, double rate,
                          uint64_t seed, uint64_t stream,
                          cudaStream_t cudaStream) {
  constexpr int kBlock = 256;
  const int64_t blocks = (end - begin + kBlock - 1) / kBlock;
  if (blocks <= 0)
    return cudaSuccess;
  const DropoutMask mask(seed, stream, rate);
  const double scale = dropoutScale(rate);
  return withType(dtype, [&](auto type) {
    using T = decltype(type);
    dropoutKernel<<<blocks, kBlock, 0, cudaStream>>>(
        static_cast<const T *>(in), static_cast<T *>(out), begin, end, mask,
        roundTo<T>(scale));
    return cudaGetLastError();
  });
}

} // namespace rnnrt::cuda
