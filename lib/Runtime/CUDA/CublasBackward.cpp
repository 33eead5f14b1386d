//===- CublasBackward.cpp - The cuBLAS fallback's training ----------------===//
//
// _mlir_ciface_rnnrt_cublas_rnn_reserve_size, _training_forward and
// _backward. The fallback's reserve (after the ReserveHeader, library
// cublas) holds the outputs of every layer but the last before dropout;
// the backward rebuilds the rest: per layer (last first) and direction the
// gates' GEMMs of the whole sequence (x W^T and H_prev R^T), the LSTM's
// cell states (one scan kernel), then the reverse time loop with one fused
// cell-backward kernel and one recurrent GEMM (dA_h R) per step, and the
// weight gradients as whole-sequence GEMMs (dW = dA_x^T X, dR = dA_h^T
// H_prev, dx = dA_x W; bias gradients dA^T 1). A GRU without
// linear-before-reset rebuilds r * h_{t-1} too, and its step adds one GEMM
// (dA_n R_n) and one kernel for the reset gate. The two directions of a
// layer run on two lanes. Dropout masks come from the shared mask function
// (rnn/Support/DropoutMask.h). The backward is replayed from a CUDA graph
// per tuple of pointers.
//
//===----------------------------------------------------------------------===//

#include "CellGradKernels.h"
#include "CellKernels.h"
#include "Context.h"
#include "CublasLoader.h"
#include "CublasPlan.h"
#include "CublasTraining.h"
#include "ForwardCall.h"
#include "GraphReplay.h"
#include "MemRefChecks.h"
#include "ReserveHeader.h"
#include "SequenceKernels.h"
#include "Status.h"
#include "TrainingCall.h"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Runtime/ShapeCheckCodes.h"
#include "rnn/Support/RNNEnums.h"

#include <algorithm>
#include <cstring>

namespace rnnrt::cuda {
namespace {

void *mut(const void *pointer) { return const_cast<void *>(pointer); }

/// Bytes of the fallback's reserve payload: the inner layers' outputs.
size_t payloadBytes(const PlanKey &key) {
  return static_cast<size_t>((key.numLayers - 1) * key.seqLength * key.batch *
                             key.numDirections() * key.hiddenSize()) *
         elementSize(key.dtype);
}

/// The key of the fallback's plan for a training call (training only with
/// a dropout, like the forward entry point's).
void setKey(ForwardCall &call, int64_t mode, int64_t numLayers,
            int64_t numUnits, int64_t inputSize, int64_t numProj,
            int64_t direction, int64_t inputMode, int64_t dtype, int64_t math,
            double dropout, int64_t seed, int64_t linearBeforeReset) {
  call.setConfig(Library::Cublas, mode, numLayers, numUnits, inputSize, numProj,
                 direction, inputMode, dtype, math);
  call.key.training = dropout != 0.0;
  if (call.key.training) {
    std::memcpy(&call.key.dropoutBits, &dropout, sizeof(dropout));
    call.key.seed = seed;
  }
  call.key.linearBeforeReset = linearBeforeReset;
}

/// Column-major C[m, n] = beta C + op(A) op(B), A and B of the data type,
/// C of `cType`.
Status gemm(const Lane &lane, const GemmTypes &types, bool transA, bool transB,
            int64_t m, int64_t n, int64_t k, const void *a, int64_t lda,
            const void *b, int64_t ldb, void *c, cudaDataType_t cType,
            int64_t ldc, bool accumulate) {
  const double one64 = 1.0, beta64 = accumulate ? 1.0 : 0.0;
  const float one32 = 1.0f, beta32 = accumulate ? 1.0f : 0.0f;
  const bool wide = types.compute == CUBLAS_COMPUTE_64F;
  const void *alpha = wide ? static_cast<const void *>(&one64)
                           : static_cast<const void *>(&one32);
  const void *beta = wide ? static_cast<const void *>(&beta64)
                          : static_cast<const void *>(&beta32);
  RNNRT_CHECK(cublas().cublasGemmEx(
      lane.handle, transA ? CUBLAS_OP_T : CUBLAS_OP_N,
      transB ? CUBLAS_OP_T : CUBLAS_OP_N, static_cast<int>(m),
      static_cast<int>(n), static_cast<int>(k), alpha, a, types.data,
      static_cast<int>(lda), b, types.data, static_cast<int>(ldb), beta, c,
      cType, static_cast<int>(ldc), types.compute, CUBLAS_GEMM_DEFAULT));
  return success();
}

/// The backward's buffers, views of CublasPlan::gradBuffers.
struct GradBuffers {
  enum PerDirection {
    kInputGates,
    kHiddenGates,
    kDInputGates,
    kDHiddenGates,
    kHPrev,
    kCPrev,
    kDhNext,
    kDcNext,
    /// GRU without linear-before-reset: r * h_{t-1} of every step ([T*B,
    /// H] data type) and one step's dL/d(r * h) ([B, H] accumulation type).
    kResetHidden,
    kDResetHidden,
    /// LSTM with a projection: m_t = o_t tanh(c_t) of every step ([T*B, H]
    /// data type), dL/dh_t of every step ([T*B, P] data type) and one
    /// step's dL/dm ([B, H] accumulation type).
    kCellOutputs,
    kHiddenGrads,
    kProjectionGrad,
    kPerDirection
  };
  enum Shared {
    kDInputA = 2 * kPerDirection,
    kDInputB,
    kDropped,
    kOnes,
    /// Time-major copies of the call's x (its padded steps zeroed: with
    /// seq_lengths or batch-major), y, dy and dx (batch-major).
    kSequenceX,
    kSequenceY,
    kSequenceDy,
    kSequenceDx,
    kCount
  };
  std::vector<void *> *buffers;
  void *at(int direction, PerDirection which) const {
    return (*buffers)[static_cast<size_t>(direction * kPerDirection + which)];
  }
  void *shared(Shared which) const {
    return (*buffers)[static_cast<size_t>(which)];
  }
};

/// Allocates the plan's GradBuffers on its first backward (after a failed
/// allocation, the next call allocates the rest).
Status ensureGradBuffers(const CallContext &call, const PlanKey &key,
                         CublasPlan &plan) {
  if (plan.gradBuffers.size() == GradBuffers::kCount)
    return success();
  const int64_t T = key.seqLength, B = key.batch, H = key.numUnits;
  const int64_t S = key.hiddenSize(), G = key.layerConfig().numGates();
  const int64_t D = key.numDirections();
  const size_t data = elementSize(key.dtype), acc = accumulatorSize(key.dtype);
  const size_t rows = static_cast<size_t>(T * B);
  const size_t gateRow = static_cast<size_t>(G * H);
  const bool resets = key.resetsBeforeMatmul(), projects = key.numProj > 0;
  const size_t perDirection[GradBuffers::kPerDirection] = {
      rows * gateRow * acc,
      rows * gateRow * acc,
      rows * gateRow * data,
      rows * gateRow * data,
      rows * S * data,
      rows * H * acc,
      static_cast<size_t>(B * S) * acc,
      static_cast<size_t>(B * H) * acc,
      resets ? rows * H * data : 0,
      resets ? static_cast<size_t>(B * H) * acc : 0,
      projects ? rows * H * data : 0,
      projects ? rows * S * data : 0,
      projects ? static_cast<size_t>(B * H) * acc : 0};
  const size_t layerBytes = rows * static_cast<size_t>(D * S) * data;
  const size_t inputBytes = rows * static_cast<size_t>(key.inputSize) * data;
  const bool batchMajor = !key.timeMajor, copiesX = batchMajor || key.lengths;
  std::vector<size_t> sizes;
  for (int d = 0; d < 2; ++d)
    sizes.insert(sizes.end(), perDirection,
                 perDirection + GradBuffers::kPerDirection);
  sizes.insert(sizes.end(),
               {layerBytes, layerBytes, layerBytes, rows * data,
                copiesX ? inputBytes : 0, batchMajor ? layerBytes : 0,
                batchMajor ? layerBytes : 0, batchMajor ? inputBytes : 0});
  for (size_t i = plan.gradBuffers.size(); i < sizes.size(); ++i) {
    void *buffer = nullptr;
    RNNRT_RETURN_IF_ERROR(
        allocateDevice(call.ctx(), call.stream, sizes[i], &buffer));
    plan.heldBytes += sizes[i];
    plan.gradBuffers.push_back(buffer);
  }
  return success();
}

/// x, y, dy and dx as the backward reads and writes them: time-major,
/// the call's own buffers or GradBuffers' sequence copies.
struct TimeMajorData {
  const void *x, *y, *dy;
  void *dx;
};

/// One backward's state for the enqueue functions.
struct Backward {
  const PlanKey &key;
  CublasPlan &plan;
  const BackwardPointers &p;
  GradBuffers buffers;
  GemmTypes types;
  size_t data, acc;
  /// Direction d runs on lanes[d].
  const std::vector<Lane> &lanes;
  TimeMajorData sequences;
  /// seq_lengths in device memory, or null.
  const int32_t *lengths;

  const char *weight(int64_t offset) const {
    return static_cast<const char *>(p[kW]) + offset * data;
  }
  char *weightGrad(int64_t offset) const {
    return static_cast<char *>(mut(p[kDw])) + offset * data;
  }
  /// Layer l's output (the reserve's copy below the top).
  const char *layerOutput(int64_t layer) const {
    if (layer + 1 == key.numLayers)
      return static_cast<const char *>(sequences.y);
    const size_t bytes = payloadBytes(key) / (key.numLayers - 1);
    return static_cast<const char *>(p[kReserve]) + kReserveHeaderBytes +
           layer * bytes;
  }
};

/// The recurrent gates of every step of a GRU without linear-before-reset,
/// as its forward computed them: H_prev R_{r,z}^T into the r and z blocks,
/// r * h_{t-1} (launchResetHidden over all T*B rows), then (r * h) R_n^T
/// into the n block.
Status enqueueResetBeforeMatmulGates(const Backward &b, const Lane &lane,
                                     const LayerWeights &w, const char *px,
                                     char *ph, const char *hPrev,
                                     void *resetHidden) {
  const int64_t TB = b.key.seqLength * b.key.batch, H = b.key.numUnits;
  const char *recurrent = b.weight(w.recurrentMatrices);
  RNNRT_RETURN_IF_ERROR(gemm(lane, b.types, true, false, 2 * H, TB, H,
                             recurrent, H, hPrev, H, ph, b.types.gates, 3 * H,
                             false));
  CellStepArgs rows;
  rows.inputGates = px;
  rows.hiddenGates = ph;
  rows.inputBias = b.weight(w.inputBiases);
  rows.hiddenBias = b.weight(w.recurrentBiases);
  rows.hPrev = hPrev;
  rows.hPrevStride = H;
  rows.batch = TB;
  rows.hidden = H;
  RNNRT_CHECK(launchResetHidden(b.key.dtype, rows, resetHidden, lane.stream));
  return gemm(lane, b.types, true, false, H, TB, H,
              recurrent + 2 * H * H * b.data, H, resetHidden, H,
              ph + 2 * H * b.acc, b.types.gates, 3 * H, false);
}

/// One layer and direction of the backward: its sizes, weights, lane and
/// GradBuffers. S is the width of h (P with a projection, else H).
struct Direction {
  const Backward &b;
  int64_t layer;
  int d;
  int64_t T, B, H, S, D, GH, TB, inputWidth;
  const LayerWeights &w;
  const Lane &lane;
  bool reverse, resets, lstm, projects;
  /// Offsets of this pseudo-layer's rows in h-shaped ([L*D, B, S]) and
  /// c-shaped ([L*D, B, H]) states.
  size_t hOffset, cOffset;

  Direction(const Backward &b, int64_t layer, int d)
      : b(b), layer(layer), d(d), T(b.key.seqLength), B(b.key.batch),
        H(b.key.numUnits), S(b.key.hiddenSize()), D(b.key.numDirections()),
        GH(b.key.layerConfig().numGates() * H), TB(T * B),
        inputWidth(b.key.layerConfig().layerInputSize(layer)),
        w(b.plan.weights[static_cast<size_t>(layer * D + d)]),
        lane(b.lanes[static_cast<size_t>(d)]), reverse(d == 1),
        resets(b.key.resetsBeforeMatmul()), lstm(b.key.mode == RNNRT_MODE_LSTM),
        projects(b.key.numProj > 0),
        hOffset(static_cast<size_t>((layer * D + d) * B * S) * b.data),
        cOffset(static_cast<size_t>((layer * D + d) * B * H) * b.data) {}

  char *buffer(GradBuffers::PerDirection which) const {
    return static_cast<char *>(b.buffers.at(d, which));
  }
  const char *recurrent() const { return b.weight(w.recurrentMatrices); }
};

/// The forward's intermediates of one direction, rebuilt from its input
/// and output: the gates' GEMMs of the whole sequence (x W^T and H_prev
/// R^T), H_prev (the output shifted by one step, h_0 at each sequence's
/// first) and an LSTM's cell states (and m_t with a projection).
Status enqueueForwardState(const Direction &r, const char *input) {
  const Backward &b = r.b;
  cudaStream_t stream = r.lane.stream;
  char *px = r.buffer(GradBuffers::kInputGates);
  char *ph = r.buffer(GradBuffers::kHiddenGates);
  char *hPrev = r.buffer(GradBuffers::kHPrev);
  if (r.w.inputMatrices >= 0)
    RNNRT_RETURN_IF_ERROR(gemm(r.lane, b.types, true, false, r.GH, r.TB,
                               r.inputWidth, b.weight(r.w.inputMatrices),
                               r.inputWidth, input, r.inputWidth, px,
                               b.types.gates, r.GH, false));
  else
    RNNRT_CHECK(launchBroadcastInput(b.key.dtype, input, px, r.TB, r.H,
                                     r.GH / r.H, stream));
  const char *output = b.layerOutput(r.layer) + r.d * r.S * b.data;
  const size_t rowBytes = static_cast<size_t>(r.S) * b.data;
  const size_t stepBytes = static_cast<size_t>(r.B) * rowBytes;
  const char *h0 = static_cast<const char *>(b.p[kHx]) + r.hOffset;
  if (r.T > 1)
    RNNRT_CHECK(cudaMemcpy2DAsync(
        hPrev + (r.reverse ? 0 : stepBytes), rowBytes,
        output + (r.reverse ? r.B * r.D * r.S * b.data : 0), r.D * rowBytes,
        rowBytes, static_cast<size_t>((r.T - 1) * r.B),
        cudaMemcpyDeviceToDevice, stream));
  RNNRT_CHECK(cudaMemcpyAsync(hPrev + (r.reverse ? (r.T - 1) * stepBytes : 0),
                              h0, stepBytes, cudaMemcpyDeviceToDevice, stream));
  if (r.reverse && b.lengths)
    RNNRT_CHECK(launchReverseStartStates(b.data, h0, hPrev, b.lengths, r.T, r.B,
                                         r.S, stream));
  if (r.resets)
    RNNRT_RETURN_IF_ERROR(enqueueResetBeforeMatmulGates(
        b, r.lane, r.w, px, ph, hPrev, r.buffer(GradBuffers::kResetHidden)));
  else
    RNNRT_RETURN_IF_ERROR(gemm(r.lane, b.types, true, false, r.GH, r.TB, r.S,
                               r.recurrent(), r.S, hPrev, r.S, ph,
                               b.types.gates, r.GH, false));
  if (r.lstm)
    RNNRT_CHECK(launchCellStates(
        b.key.dtype, px, ph, b.weight(r.w.inputBiases),
        b.weight(r.w.recurrentBiases),
        static_cast<const char *>(b.p[kCx]) + r.cOffset,
        r.buffer(GradBuffers::kCPrev),
        r.projects ? r.buffer(GradBuffers::kCellOutputs) : nullptr, b.lengths,
        r.T, r.B, r.H, r.reverse, stream));
  return success();
}

/// The reverse time loop of one direction: per step the cell's backward,
/// then dh_{t-1} += dA_h R (without linear-before-reset: the reset gate's
/// part through dA_n R_n first, and only the r and z blocks of dA_h meet R
/// there; with a projection dL/dh_t first becomes dL/dm_t = dL/dh_t
/// W_proj). Ends with dh_0 and dc_0.
Status enqueueReverseSteps(const Direction &r, const char *dOutput) {
  const Backward &b = r.b;
  const PlanKey &key = b.key;
  const int64_t B = r.B, H = r.H, S = r.S, GH = r.GH;
  cudaStream_t stream = r.lane.stream;
  void *dhNext = r.buffer(GradBuffers::kDhNext);
  void *dcNext = r.buffer(GradBuffers::kDcNext);
  RNNRT_CHECK(launchConvert(key.dtype,
                            static_cast<const char *>(b.p[kDhy]) + r.hOffset,
                            dhNext, B * S, true, stream));
  if (r.lstm)
    RNNRT_CHECK(launchConvert(key.dtype,
                              static_cast<const char *>(b.p[kDcy]) + r.cOffset,
                              dcNext, B * H, true, stream));
  const size_t gateStep = static_cast<size_t>(B * GH);
  for (int64_t s = 0; s < r.T; ++s) {
    const int64_t t = r.reverse ? s : r.T - 1 - s;
    const char *dy = dOutput + (t * B * r.D * S + r.d * S) * b.data;
    CellGradArgs args;
    args.inputGates = r.buffer(GradBuffers::kInputGates) + t * gateStep * b.acc;
    args.hiddenGates =
        r.buffer(GradBuffers::kHiddenGates) + t * gateStep * b.acc;
    args.inputBias = b.weight(r.w.inputBiases);
    args.hiddenBias = b.weight(r.w.recurrentBiases);
    args.hPrev = r.buffer(GradBuffers::kHPrev) + t * B * S * b.data;
    args.cPrev =
        r.lstm ? r.buffer(GradBuffers::kCPrev) + t * B * H * b.acc : nullptr;
    args.dy = dy;
    args.dyStride = r.D * S;
    args.dhNext = dhNext;
    args.dcNext = r.lstm ? dcNext : nullptr;
    args.dInputGates =
        r.buffer(GradBuffers::kDInputGates) + t * gateStep * b.data;
    args.dHiddenGates =
        r.buffer(GradBuffers::kDHiddenGates) + t * gateStep * b.data;
    args.batch = B;
    args.hidden = H;
    args.lengths = b.lengths;
    args.step = t;
    args.linearBeforeReset = !r.resets;
    if (r.projects) {
      char *dh = r.buffer(GradBuffers::kHiddenGrads) + t * B * S * b.data;
      void *dm = r.buffer(GradBuffers::kProjectionGrad);
      RNNRT_CHECK(launchProjectionGrad(key.dtype, dhNext, dy, r.D * S, dh,
                                       b.lengths, t, B, S, stream));
      RNNRT_RETURN_IF_ERROR(gemm(r.lane, b.types, false, false, H, B, S,
                                 b.weight(r.w.projection), H, dh, S, dm,
                                 b.types.gates, H, false));
      args.dy = nullptr;
      args.dhNext = dm;
    }
    RNNRT_CHECK(launchCellGradStep(key.mode, key.dtype, args, stream));
    const char *dGates = static_cast<const char *>(args.dHiddenGates);
    if (r.resets) {
      void *dResetHidden = r.buffer(GradBuffers::kDResetHidden);
      RNNRT_RETURN_IF_ERROR(gemm(r.lane, b.types, false, false, H, B, H,
                                 r.recurrent() + 2 * H * H * b.data, H,
                                 dGates + 2 * H * b.data, GH, dResetHidden,
                                 b.types.gates, H, false));
      RNNRT_CHECK(launchResetGrad(key.dtype, args, dResetHidden, stream));
    }
    RNNRT_RETURN_IF_ERROR(gemm(r.lane, b.types, false, false, S, B,
                               r.resets ? 2 * H : GH, r.recurrent(), S, dGates,
                               GH, dhNext, b.types.gates, S, true));
  }
  RNNRT_CHECK(launchConvert(key.dtype, dhNext,
                            static_cast<char *>(mut(b.p[kDhx])) + r.hOffset,
                            B * S, false, stream));
  if (r.lstm)
    RNNRT_CHECK(launchConvert(key.dtype, dcNext,
                              static_cast<char *>(mut(b.p[kDcx])) + r.cOffset,
                              B * H, false, stream));
  return success();
}

/// The weight gradients of one direction as whole-sequence GEMMs: dW =
/// dA_x^T X, dR = dA_h^T H_prev (dR_n of a GRU without linear-before-reset
/// from r * h), dW_proj = dH^T M, biases as dA^T times ones.
Status enqueueWeightGradients(const Direction &r, const char *input) {
  const Backward &b = r.b;
  const int64_t H = r.H, S = r.S, GH = r.GH, TB = r.TB;
  const char *dAx = r.buffer(GradBuffers::kDInputGates);
  const char *dAh = r.buffer(GradBuffers::kDHiddenGates);
  if (r.w.inputMatrices >= 0)
    RNNRT_RETURN_IF_ERROR(gemm(r.lane, b.types, false, true, r.inputWidth, GH,
                               TB, input, r.inputWidth, dAx, GH,
                               b.weightGrad(r.w.inputMatrices), b.types.data,
                               r.inputWidth, false));
  char *dR = b.weightGrad(r.w.recurrentMatrices);
  RNNRT_RETURN_IF_ERROR(gemm(
      r.lane, b.types, false, true, S, r.resets ? 2 * H : GH, TB,
      r.buffer(GradBuffers::kHPrev), S, dAh, GH, dR, b.types.data, S, false));
  if (r.resets)
    RNNRT_RETURN_IF_ERROR(
        gemm(r.lane, b.types, false, true, H, H, TB,
             r.buffer(GradBuffers::kResetHidden), H, dAh + 2 * H * b.data, GH,
             dR + 2 * H * H * b.data, b.types.data, H, false));
  if (r.projects)
    RNNRT_RETURN_IF_ERROR(gemm(r.lane, b.types, false, true, H, S, TB,
                               r.buffer(GradBuffers::kCellOutputs), H,
                               r.buffer(GradBuffers::kHiddenGrads), S,
                               b.weightGrad(r.w.projection), b.types.data, H,
                               false));
  const void *ones = b.buffers.shared(GradBuffers::kOnes);
  RNNRT_RETURN_IF_ERROR(gemm(r.lane, b.types, false, false, GH, 1, TB, dAx, GH,
                             ones, TB, b.weightGrad(r.w.inputBiases),
                             b.types.data, GH, false));
  return gemm(r.lane, b.types, false, false, GH, 1, TB, dAh, GH, ones, TB,
              b.weightGrad(r.w.recurrentBiases), b.types.data, GH, false);
}

/// The reverse pass of one layer and direction on lanes[d]: fills its dA_x
/// and dA_h (GradBuffers), dh_0/dc_0 rows and weight gradients.
Status enqueueDirection(const Backward &b, int64_t layer, int d,
                        const char *input, const char *dOutput) {
  const Direction r(b, layer, d);
  RNNRT_RETURN_IF_ERROR(enqueueForwardState(r, input));
  RNNRT_RETURN_IF_ERROR(enqueueReverseSteps(r, dOutput));
  return enqueueWeightGradients(r, input);
}

/// The whole backward, forked from and joined to `main`: per layer (last
/// first) the directions on lanes 0 and 1, then dL/d(input) on lane 0.
Status enqueueBackward(const Backward &b, ExecutionContext &context,
                       cudaStream_t main) {
  const PlanKey &key = b.key;
  const int64_t T = key.seqLength, B = key.batch, H = key.numUnits;
  const int64_t D = key.numDirections(), G = key.layerConfig().numGates();
  const int64_t TB = T * B, outputs = TB * D * key.hiddenSize();
  const double rate = key.dropout();
  const Lane &first = b.lanes[0];
  cudaStream_t stream = first.stream;
  RNNRT_CHECK(cudaEventRecord(context.fork, main));
  for (int64_t d = 0; d < D; ++d)
    RNNRT_CHECK(cudaStreamWaitEvent(b.lanes[static_cast<size_t>(d)].stream,
                                    context.fork, 0));
  // The bias gradients' ones (lane 1 waits for lane 0 before each layer).
  RNNRT_CHECK(launchFillOnes(key.dtype, b.buffers.shared(GradBuffers::kOnes),
                             TB, stream));
  const char *dOutput = static_cast<const char *>(b.sequences.dy);
  for (int64_t layer = key.numLayers - 1; layer >= 0; --layer) {
    const char *input = static_cast<const char *>(b.sequences.x);
    if (layer > 0) {
      input = b.layerOutput(layer - 1);
      if (key.training && rate > 0.0) {
        void *dropped = b.buffers.shared(GradBuffers::kDropped);
        RNNRT_CHECK(launchDropout(key.dtype, input, dropped, 0, outputs, rate,
                                  static_cast<uint64_t>(key.seed),
                                  static_cast<uint64_t>(layer - 1), stream));
        input = static_cast<const char *>(dropped);
      }
    }
    // Lane 1 starts after lane 0's work so far: the dropped input, the
    // layer above's dInput (this layer's dOutput) and its reads of lane 1's
    // buffers.
    if (D == 2) {
      RNNRT_CHECK(cudaEventRecord(first.progress, stream));
      RNNRT_CHECK(cudaStreamWaitEvent(b.lanes[1].stream, first.progress, 0));
    }
    for (int d = 0; d < D; ++d)
      RNNRT_RETURN_IF_ERROR(enqueueDirection(b, layer, d, input, dOutput));
    if (D == 2) {
      RNNRT_CHECK(cudaEventRecord(b.lanes[1].progress, b.lanes[1].stream));
      RNNRT_CHECK(cudaStreamWaitEvent(stream, b.lanes[1].progress, 0));
    }
    // dL/d(input) = sum over directions of dA_x W.
    const int64_t inputWidth = key.layerConfig().layerInputSize(layer);
    char *dInput = static_cast<char *>(
        layer == 0 ? b.sequences.dx
                   : b.buffers.shared(layer % 2 ? GradBuffers::kDInputA
                                                : GradBuffers::kDInputB));
    for (int d = 0; d < D; ++d) {
      const LayerWeights &w =
          b.plan.weights[static_cast<size_t>(layer * D + d)];
      const void *dAx = b.buffers.at(d, GradBuffers::kDInputGates);
      if (w.inputMatrices >= 0)
        RNNRT_RETURN_IF_ERROR(gemm(first, b.types, false, false, inputWidth, TB,
                                   G * H, b.weight(w.inputMatrices), inputWidth,
                                   dAx, G * H, dInput, b.types.data, inputWidth,
                                   d > 0));
      else
        RNNRT_CHECK(
            launchSumGates(key.dtype, dAx, dInput, TB, H, G, d > 0, stream));
    }
    if (layer > 0 && key.training && rate > 0.0)
      RNNRT_CHECK(launchDropout(key.dtype, dInput, dInput, 0, outputs, rate,
                                static_cast<uint64_t>(key.seed),
                                static_cast<uint64_t>(layer - 1), stream));
    dOutput = dInput;
  }
  RNNRT_CHECK(cudaEventRecord(first.progress, stream));
  RNNRT_CHECK(cudaStreamWaitEvent(main, first.progress, 0));
  return success();
}

/// The time-major data of a call in `key`'s layout.
TimeMajorData timeMajorData(const PlanKey &key, const BackwardPointers &p,
                            const GradBuffers &buffers) {
  TimeMajorData data{p[kX], p[kY], p[kDy], mut(p[kDx])};
  if (key.lengths || !key.timeMajor)
    data.x = buffers.shared(GradBuffers::kSequenceX);
  if (!key.timeMajor) {
    data.y = buffers.shared(GradBuffers::kSequenceY);
    data.dy = buffers.shared(GradBuffers::kSequenceDy);
    data.dx = buffers.shared(GradBuffers::kSequenceDx);
  }
  return data;
}

/// enqueueBackward in the call's layout: x (its padded steps zeroed, so
/// that padding, NaN included, never meets a weight gradient) and, when
/// batch-major, y and dy go to their time-major copies first; dx comes
/// back in the call's layout with its steps past each length zero.
Status enqueueLayout(const Backward &b, ExecutionContext &context,
                     cudaStream_t main) {
  const PlanKey &key = b.key;
  const int64_t T = key.seqLength, B = key.batch;
  const int64_t outputWidth = key.numDirections() * key.hiddenSize();
  const bool timeMajor = key.timeMajor != 0;
  const TimeMajorData &s = b.sequences;
  if (s.x != b.p[kX])
    RNNRT_CHECK(launchMaskSteps(b.data, {b.p[kX], timeMajor}, mut(s.x), true,
                                b.lengths, T, B, key.inputSize, main));
  if (!timeMajor) {
    RNNRT_CHECK(launchMaskSteps(b.data, {b.p[kY], false}, mut(s.y), true,
                                nullptr, T, B, outputWidth, main));
    RNNRT_CHECK(launchMaskSteps(b.data, {b.p[kDy], false}, mut(s.dy), true,
                                b.lengths, T, B, outputWidth, main));
  }
  RNNRT_RETURN_IF_ERROR(enqueueBackward(b, context, main));
  if (timeMajor && !b.lengths)
    return success();
  RNNRT_CHECK(launchMaskSteps(b.data, {s.dx, true}, mut(b.p[kDx]), timeMajor,
                              b.lengths, T, B, key.inputSize, main));
  return success();
}

} // namespace

Status cublasBackward(BackwardCall &call) {
  CallContext &context = call.forward.context;
  RNNRT_RETURN_IF_ERROR(beginCall(context));
  RNNRT_RETURN_IF_ERROR(call.validate());
  bool valid = true;
  RNNRT_RETURN_IF_ERROR(
      call.forward.loadLengths(call.key().mode + RNNRT_OP_GRAD, valid));
  if (!valid)
    return success();
  RNNRT_REQUIRE(isCublasLoaded(), "the cuBLAS fallback is not available: %s",
                runtime().cublasUnavailable.c_str());
  const PlanKey &key = call.key();
  const BackwardPointers pointers = call.pointers();
  const int64_t reserveBytes = call.reserve->sizes[0];
  const bool empty = key.seqLength == 0 || key.batch == 0;
  RNNRT_RETURN_IF_ERROR(
      checkReserve(context, key, pointers[kReserve], reserveBytes,
                   makeReserveHeader(key, empty ? 0 : payloadBytes(key))));
  bool done = false;
  RNNRT_RETURN_IF_ERROR(call.runWithoutSteps(done));
  if (done)
    return success();
  CublasPlan *plan = nullptr;
  RNNRT_RETURN_IF_ERROR(findOrCreateCublasPlan(context, key, plan));
  RNNRT_RETURN_IF_ERROR(call.forward.validateWeights(plan->weightElements));
  RNNRT_RETURN_IF_ERROR(call.validateWeightGradient(plan->weightElements));
  RNNRT_RETURN_IF_ERROR(ensureGradBuffers(context, key, *plan));
  ExecutionContext &ctx = context.ctx();
  RNNRT_RETURN_IF_ERROR(
      ctx.ensureLanes(static_cast<size_t>(key.numDirections())));
  const GradBuffers buffers{&plan->gradBuffers};
  const int32_t *lengths = call.forward.deviceLengths();
  Backward b{key,
             *plan,
             pointers,
             buffers,
             gemmTypesOf(key),
             elementSize(key.dtype),
             accumulatorSize(key.dtype),
             ctx.lanes,
             timeMajorData(key, pointers, buffers),
             lengths};
  // The kernels read the lengths from device memory: a graph serves every
  // lengths vector at the same address.
  std::array<const void *, kCopyFlag + 2> graphKey;
  std::array<size_t, kCopyFlag + 2> graphBytes;
  const BackwardExtents extents = call.extents();
  std::copy(pointers.begin(), pointers.end(), graphKey.begin());
  std::copy(extents.begin(), extents.end(), graphBytes.begin());
  graphKey.back() = lengths;
  graphBytes.back() = call.forward.lengthsBytes();
  return launchWithGraphs(
      plan->backwardGraphs, GraphBuffers(graphKey, graphBytes), context,
      [&](cudaStream_t stream) { return enqueueLayout(b, ctx, stream); });
}

/// The training forward: the fallback's forward, then the header and the
/// inner layers' outputs into the reserve.
Status cublasTrainingForward(ForwardCall &call) {
  RNNRT_RETURN_IF_ERROR(beginCall(call.context));
  RNNRT_RETURN_IF_ERROR(call.validate());
  bool valid = true;
  RNNRT_RETURN_IF_ERROR(call.loadLengths(call.key.mode, valid));
  if (!valid)
    return success();
  const bool empty = call.key.seqLength == 0 || call.key.batch == 0;
  const ReserveHeader header =
      makeReserveHeader(call.key, empty ? 0 : payloadBytes(call.key));
  const int64_t shape[1] = {static_cast<int64_t>(kReserveHeaderBytes) +
                            header.payloadBytes};
  RNNRT_RETURN_IF_ERROR(checkMemRef("reserve", call.reserve, shape));
  char *reserve = static_cast<char *>(dataOf(call.reserve, 1));
  bool done = false;
  RNNRT_RETURN_IF_ERROR(call.runWithoutSteps(done));
  if (!done) {
    RNNRT_RETURN_IF_ERROR(runCublasForward(call));
    CublasPlan *plan = nullptr;
    RNNRT_RETURN_IF_ERROR(findOrCreateCublasPlan(call.context, call.key, plan));
    const size_t layerBytes =
        call.key.numLayers > 1 ? payloadBytes(call.key) /
                                     static_cast<size_t>(call.key.numLayers - 1)
                               : 0;
    for (size_t layer = 0; layer < plan->layerOutputs.size(); ++layer)
      RNNRT_CHECK(
          cudaMemcpyAsync(reserve + kReserveHeaderBytes + layer * layerBytes,
                          plan->layerOutputs[layer], layerBytes,
                          cudaMemcpyDeviceToDevice, call.context.stream));
  }
  unsigned char padded[kReserveHeaderBytes] = {};
  std::memcpy(padded, &header, sizeof(header));
  // From pageable memory: the copy has read `padded` when it returns.
  RNNRT_CHECK(cudaMemcpyAsync(reserve, padded, sizeof(padded),
                              cudaMemcpyHostToDevice, call.context.stream));
  recordReserve(reserve, header);
  return success();
}

void useCublasForTraining(PlanKey &key) {
  key.library = static_cast<int64_t>(Library::Cublas);
  key.algo = 0;
  key.training = key.dropoutBits != 0;
  key.linearBeforeReset = 1;
}

Status cublasReserveSize(ForwardCall &call, int64_t &bytes) {
  bytes = 0;
  RNNRT_RETURN_IF_ERROR(call.validateInput(/*withWeights=*/false));
  const bool empty = call.key.seqLength == 0 || call.key.batch == 0;
  bytes = static_cast<int64_t>(kReserveHeaderBytes +
                               (empty ? 0 : payloadBytes(call.key)));
  return success();
}

} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" int64_t _mlir_ciface_rnnrt_cublas_rnn_reserve_size(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t numProj, int64_t direction, int64_t inputMode, int64_t dtype,
    int64_t math, double dropout, int64_t seed, int64_t linearBeforeReset,
    rnnrt_memref3d *x, int64_t timeMajor, rnnrt_memref1d *seqLengths) {
  if (hasThreadError())
    return 0;
  ForwardCall call;
  setKey(call, mode, numLayers, numUnits, inputSize, numProj, direction,
         inputMode, dtype, math, dropout, seed, linearBeforeReset);
  call.x = x;
  call.setLayout(timeMajor, seqLengths);
  ErrorContext context(describeForwardCall, &call);
  int64_t bytes = 0;
  return setThreadError(cublasReserveSize(call, bytes)) ? bytes : 0;
}

extern "C" void _mlir_ciface_rnnrt_cublas_rnn_training_forward(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t numProj, int64_t direction, int64_t inputMode, int64_t dtype,
    int64_t math, double dropout, int64_t seed, int64_t linearBeforeReset,
    rnnrt_memref3d *x, rnnrt_memref3d *hx, rnnrt_memref3d *cx,
    rnnrt_memref1d *w, rnnrt_memref3d *y, rnnrt_memref3d *hy,
    rnnrt_memref3d *cy, rnnrt_memref1d *reserve, int64_t timeMajor,
    rnnrt_memref1d *seqLengths) {
  if (hasThreadError())
    return;
  ForwardCall call;
  setKey(call, mode, numLayers, numUnits, inputSize, numProj, direction,
         inputMode, dtype, math, dropout, seed, linearBeforeReset);
  call.setBuffers(x, hx, cx, w, y, hy, cy);
  call.setLayout(timeMajor, seqLengths);
  call.reserve = reserve;
  ErrorContext context(describeForwardCall, &call);
  setThreadError(cublasTrainingForward(call));
}

extern "C" void _mlir_ciface_rnnrt_cublas_rnn_backward(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t numProj, int64_t direction, int64_t inputMode, int64_t dtype,
    int64_t math, double dropout, int64_t seed, int64_t linearBeforeReset,
    rnnrt_memref3d *x, rnnrt_memref3d *hx, rnnrt_memref3d *cx,
    rnnrt_memref1d *w, rnnrt_memref3d *y, rnnrt_memref1d *reserve,
    rnnrt_memref3d *dy, rnnrt_memref3d *dhy, rnnrt_memref3d *dcy,
    rnnrt_memref3d *dx, rnnrt_memref3d *dhx, rnnrt_memref3d *dcx,
    rnnrt_memref1d *dw, int64_t timeMajor, rnnrt_memref1d *seqLengths) {
  if (hasThreadError())
    return;
  BackwardCall call;
  setKey(call.forward, mode, numLayers, numUnits, inputSize, numProj, direction,
         inputMode, dtype, math, dropout, seed, linearBeforeReset);
  call.setBuffers(x, hx, cx, w, y, reserve, dy, dhy, dcy, dx, dhx, dcx, dw,
                  timeMajor, seqLengths);
  ErrorContext context(describeBackwardCall, &call);
  setThreadError(cublasBackward(call));
}
