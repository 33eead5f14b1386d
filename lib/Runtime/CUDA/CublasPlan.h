//===- CublasPlan.h - State of the cuBLAS fallback's forwards ---*- C++ -*-===//
//
// The cuBLAS fallback runs a stacked RNN as GEMMs (cuBLAS) and one fused
// pointwise kernel per step (CellKernels.h). A plan, created once per
// (configuration, T, B) in an execution context's bounded cache, holds its
// device buffers: per direction the input
// gates of all T steps and the recurrent gates of one step, per layer below
// the top its output (and, in training, its output after dropout). Work is
// spread over lanes (a stream with its own cuBLAS handle and workspace):
// the two directions of a layer run on two lanes, and the layers of a
// unidirectional stack run as a wavefront on one lane each.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_CUBLASPLAN_H
#define RNN_LIB_RUNTIME_CUDA_CUBLASPLAN_H

#include "ForwardCall.h"
#include "GraphReplay.h"

#include <cublas_api.h>
#include <cuda_runtime_api.h>

#include <utility>
#include <vector>

namespace rnnrt::cuda {

/// The data, gate-buffer and compute types of the fallback's GEMMs for
/// `key` (forward and backward).
struct GemmTypes {
  cudaDataType_t data;
  cudaDataType_t gates;
  cublasComputeType_t compute;
};

inline GemmTypes gemmTypesOf(const PlanKey &key) {
  switch (key.dtype) {
  case RNNRT_DTYPE_F64:
    return {CUDA_R_64F, CUDA_R_64F, CUBLAS_COMPUTE_64F};
  case RNNRT_DTYPE_F16:
    return {CUDA_R_16F, CUDA_R_32F, CUBLAS_COMPUTE_32F};
  case RNNRT_DTYPE_BF16:
    return {CUDA_R_16BF, CUDA_R_32F, CUBLAS_COMPUTE_32F};
  default:
    return {CUDA_R_32F, CUDA_R_32F,
            key.math == RNNRT_MATH_TF32 ? CUBLAS_COMPUTE_32F_FAST_TF32
                                        : CUBLAS_COMPUTE_32F};
  }
}

/// A stream with its own cuBLAS handle (and workspace, so GEMMs of
/// different lanes never share one) and an event marking its progress.
struct Lane {
  cudaStream_t stream = nullptr;
  cublasHandle_t handle = nullptr;
  void *workspace = nullptr;
  cudaEvent_t progress = nullptr;
};

/// Lanes an execution context creates at most (ExecutionContext::ensureLanes;
/// callers use lane i % lanes.size()).
constexpr size_t kMaxLanes = 8;

/// Creates a lane (nothing is kept when it fails).
Status createLane(Lane &lane);

/// Where the weights of one pseudo-layer (layer, direction) are, in
/// elements from the start of the packed buffer (ParamsLayout).
struct LayerWeights {
  int64_t inputMatrices = -1; // -1: skip_input, no matrices
  int64_t recurrentMatrices = 0;
  int64_t inputBiases = 0;
  int64_t recurrentBiases = 0;
  int64_t projection = -1; // -1: no LSTM projection
};

struct CublasPlan {
  /// The context whose stream frees the plan's memory.
  const ExecutionContext *owner = nullptr;
  /// Device memory held (the caches' byte limit counts it).
  size_t heldBytes = 0;
  size_t bytes() const { return heldBytes; }
  /// Per pseudo-layer layer * D + direction.
  std::vector<LayerWeights> weights;
  int64_t weightElements = 0;
  /// Per direction: [T*B, G*H], accumulation type (in a wavefront the
  /// layers work on different chunks of rows, never on the same).
  void *inputGates[2] = {nullptr, nullptr};
  /// Per pseudo-layer: [B, G*H], accumulation type (layers of a wavefront
  /// run concurrently).
  std::vector<void *> hiddenGates;
  /// Per pseudo-layer, a GRU without linear-before-reset only: r * h_{t-1},
  /// [B, H] of the data type (the n gate's GEMM input).
  std::vector<void *> resetHidden;
  /// Per pseudo-layer, an LSTM with a projection only: o * tanh(c_t), [B,
  /// H] of the data type (the projection's input).
  std::vector<void *> cellOutputs;
  /// Per layer but the last: [T, B, D*P] outputs (D*H without a
  /// projection), and in training the same after dropout.
  std::vector<void *> layerOutputs;
  std::vector<void *> droppedOutputs;
  /// Batch-major plans: x and y in the time-major layout the layers run
  /// on ([T, B, I] and [T, B, D*P]; transposed in and out by each call).
  void *timeMajorX = nullptr;
  void *timeMajorY = nullptr;
  /// Steps per wavefront chunk (T when the layers are not pipelined).
  int64_t chunkSteps = 0;
  /// The forward captured in CUDA graphs per tuple of data pointers.
  GraphSet graphs;
  /// The backward's buffers (CublasBackward.cpp), made by its first call,
  /// and its graphs.
  std::vector<void *> gradBuffers;
  GraphSet backwardGraphs;

  CublasPlan() = default;
  CublasPlan(const CublasPlan &) = delete;
  CublasPlan &operator=(const CublasPlan &) = delete;
  ~CublasPlan();
};

/// The plan of `key` (library Cublas) in the call's context, created on
/// first use.
Status findOrCreateCublasPlan(const CallContext &call, const PlanKey &key,
                              CublasPlan *&result);

/// Runs a validated forward with T, B > 0 on the cuBLAS fallback, on the
/// call's context and stream. Used by the cuBLAS entry point and by the
/// cuDNN entry point when cuDNN is absent or refuses the configuration.
Status runCublasForward(ForwardCall &call);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_CUBLASPLAN_H
