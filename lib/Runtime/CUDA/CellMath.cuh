//===- CellMath.cuh - The cells of the cuBLAS fallback's kernels -*- C++
//-*-===//
//
// Shared by the forward step kernels (CellKernels.cu) and the backward
// (CellGradKernels.cu): the accumulation types, vector loads, and the cells
// as structs with `apply` (one forward step of one hidden unit) and
// `backward` (its gradient). Device code only, internal to each .cu file.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_CELLMATH_CUH
#define RNN_LIB_RUNTIME_CUDA_CELLMATH_CUH

#include "rnn/Runtime/CUDARuntime.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <cstdint>

namespace rnnrt::cuda {
namespace {

/// The type gates are accumulated and the cell is computed in (f32 for the
/// 16-bit storage types f16 and bf16, and for f32).
template <typename T> struct AccumulatorOf { using type = float; };
template <> struct AccumulatorOf<double> { using type = double; };
template <typename T> using Acc = typename AccumulatorOf<T>::type;

__device__ inline float toAcc(__half value) { return __half2float(value); }
__device__ inline float toAcc(__nv_bfloat16 value) {
  return __bfloat162float(value);
}
__device__ inline float toAcc(float value) { return value; }
__device__ inline double toAcc(double value) { return value; }

template <typename T> __device__ inline T fromAcc(Acc<T> value);
template <> __device__ inline __half fromAcc<__half>(float value) {
  return __float2half_rn(value);
}
template <>
__device__ inline __nv_bfloat16 fromAcc<__nv_bfloat16>(float value) {
  return __float2bfloat16_rn(value);
}
template <> __device__ inline float fromAcc<float>(float value) {
  return value;
}
template <> __device__ inline double fromAcc<double>(double value) {
  return value;
}

/// Calls f(T{}) with the storage type T of the runtime's `dtype` code
/// (rnnrt_dtype): every launcher instantiates its kernels through this, so
/// a storage type is added in one place.
template <typename F> cudaError_t withType(int64_t dtype, F &&f) {
  switch (dtype) {
  case RNNRT_DTYPE_F16:
    return f(__half{});
  case RNNRT_DTYPE_BF16:
    return f(__nv_bfloat16{});
  case RNNRT_DTYPE_F32:
    return f(float{});
  case RNNRT_DTYPE_F64:
    return f(double{});
  }
  return cudaErrorInvalidValue;
}

__device__ inline float sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }
__device__ inline double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/// V elements loaded or stored as one aligned access.
template <typename E, int V> struct alignas(sizeof(E) * V) Vector {
  E lane[V];
};

template <typename E, int V>
__device__ inline Vector<E, V> load(const void *base, int64_t index) {
  return *reinterpret_cast<const Vector<E, V> *>(static_cast<const E *>(base) +
                                                 index);
}

template <typename E, int V>
__device__ inline void store(void *base, int64_t index,
                             const Vector<E, V> &value) {
  *reinterpret_cast<Vector<E, V> *>(static_cast<E *>(base) + index) = value;
}

//===--- Cells: x[g] = x W_g^T + b_W_g, h[g] = h R_g^T + b_R_g
//-------------===//

struct LSTMCell {
  static constexpr int kGates = 4;
  static constexpr bool kHasCell = true;
  template <typename A>
  __device__ static A apply(const A (&x)[4], const A (&h)[4], A, A &c) {
    A input = sigmoid(x[0] + h[0]);
    A forget = sigmoid(x[1] + h[1]);
    A candidate = tanh(x[2] + h[2]);
    A output = sigmoid(x[3] + h[3]);
    c = forget * c + input * candidate;
    return output * tanh(c);
  }
  /// The gradients of the gates' pre-activations (dx for the input part,
  /// dh for the recurrent part) given dL/dh' and dL/dc' (`dc`, replaced by
  /// dL/dc); returns the direct part of dL/dh (none for an LSTM).
  template <typename A>
  __device__ static A backward(const A (&x)[4], const A (&h)[4], A, A dhOut,
                               A &dc, A cPrev, A (&dx)[4], A (&dh)[4]) {
    A input = sigmoid(x[0] + h[0]);
    A forget = sigmoid(x[1] + h[1]);
    A candidate = tanh(x[2] + h[2]);
    A output = sigmoid(x[3] + h[3]);
    A c = forget * cPrev + input * candidate;
    A tc = tanh(c);
    A dcTotal = dc + dhOut * output * (A(1) - tc * tc);
    dx[0] = dcTotal * candidate * input * (A(1) - input);
    dx[1] = dcTotal * cPrev * forget * (A(1) - forget);
    dx[2] = dcTotal * input * (A(1) - candidate * candidate);
    dx[3] = dhOut * tc * output * (A(1) - output);
#pragma unroll
    for (int g = 0; g < 4; ++g)
      dh[g] = dx[g];
    dc = dcTotal * forget;
    return A(0);
  }
};

/// GRU. LinearBeforeReset (cuDNN's and PyTorch's): the reset gate scales
/// h R_n^T + b_R_n; otherwise h[2] is already (r * h) R_n^T + b_R_n
/// (launchResetHidden and a second GEMM computed it).
template <bool LinearBeforeReset> struct GRUCell {
  static constexpr int kGates = 3;
  static constexpr bool kHasCell = false;
  template <typename A>
  __device__ static A apply(const A (&x)[3], const A (&h)[3], A hPrev, A &) {
    A reset = sigmoid(x[0] + h[0]);
    A update = sigmoid(x[1] + h[1]);
    A candidate = tanh(x[2] + (LinearBeforeReset ? reset * h[2] : h[2]));
    return (A(1) - update) * candidate + update * hPrev;
  }
  /// Without linear-before-reset the reset gate's gradient goes through
  /// dL/d(r * h) = dn R_n, a GEMM after this step: dx[0] and dh[0] are left
  /// 0 here and resetGradKernel (CellGradKernels.cu) fills them, and dh[2]
  /// is the gradient of (r * h) R_n^T, not of h R_n^T.
  template <typename A>
  __device__ static A backward(const A (&x)[3], const A (&h)[3], A hPrev,
                               A dhOut, A &, A, A (&dx)[3], A (&dh)[3]) {
    A reset = sigmoid(x[0] + h[0]);
    A update = sigmoid(x[1] + h[1]);
    A candidate = tanh(x[2] + (LinearBeforeReset ? reset * h[2] : h[2]));
    A dn = dhOut * (A(1) - update) * (A(1) - candidate * candidate);
    dx[0] = dh[0] =
        LinearBeforeReset ? dn * h[2] * reset * (A(1) - reset) : A(0);
    dx[1] = dh[1] = dhOut * (hPrev - candidate) * update * (A(1) - update);
    dx[2] = dn;
    dh[2] = LinearBeforeReset ? dn * reset : dn;
    return dhOut * update;
  }
};

template <bool Relu> struct ElmanCell {
  static constexpr int kGates = 1;
  static constexpr bool kHasCell = false;
  template <typename A>
  __device__ static A apply(const A (&x)[1], const A (&h)[1], A, A &) {
    A sum = x[0] + h[0];
    if constexpr (Relu)
      return sum > A(0) ? sum : A(0);
    else
      return tanh(sum);
  }
  template <typename A>
  __device__ static A backward(const A (&x)[1], const A (&h)[1], A, A dhOut,
                               A &, A, A (&dx)[1], A (&dh)[1]) {
    A sum = x[0] + h[0];
    A slope;
    if constexpr (Relu) {
      slope = sum > A(0) ? A(1) : A(0);
    } else {
      A out = tanh(sum);
      slope = A(1) - out * out;
    }
    dx[0] = dh[0] = dhOut * slope;
    return A(0);
  }
};

} // namespace
} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_CELLMATH_CUH
