//===- CublasForward.cpp - The cuBLAS fallback's forward ------------------===//
//
// _mlir_ciface_rnnrt_cublas_rnn_forward and runCublasForward: per layer and
// direction one GEMM for the input projection of a chunk of steps (all T
// unless the layers run as a wavefront), then per step one GEMM for the
// recurrent part and one fused cell kernel (for batches of at most 8, one
// kernel doing both). The whole forward is captured
// once per tuple of data pointers into a CUDA graph and replayed.
//
//===----------------------------------------------------------------------===//

#include "CellKernels.h"
#include "Context.h"
#include "CublasLoader.h"
#include "CublasPlan.h"
#include "ForwardCall.h"
#include "GraphReplay.h"
#include "SequenceKernels.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Support/RNNEnums.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace rnnrt::cuda {
namespace {

/// Everything the enqueue functions need about one forward.
struct ForwardPlan {
  ExecutionContext &context;
  const PlanKey &key;
  CublasPlan &plan;
  /// x and y in the time-major layout (the plan's copies for a
  /// batch-major call).
  ForwardPointers pointers;
  GemmTypes types;
  int64_t gates, elementBytes, gateBytes;
  /// seq_lengths in device memory, or null.
  const int32_t *lengths;

  const char *data(int index) const {
    return static_cast<const char *>(pointers[index]);
  }
  char *mutableData(int index) const { return const_cast<char *>(data(index)); }
};

/// out[rows, cols] (row stride outStride, gate type) = lhs[rows, depth]
/// (row stride lhsStride) x weights[cols, depth]^T (row stride depth).
Status gemmTransposedWeights(const Lane &lane, const GemmTypes &types,
                             int64_t rows, int64_t cols, int64_t depth,
                             const void *lhs, int64_t lhsStride,
                             const void *weights, void *out,
                             int64_t outStride) {
  const double alpha64 = 1.0, beta64 = 0.0;
  const float alpha32 = 1.0f, beta32 = 0.0f;
  const bool doubleScalars = types.compute == CUBLAS_COMPUTE_64F;
  const void *alpha = doubleScalars ? static_cast<const void *>(&alpha64)
                                    : static_cast<const void *>(&alpha32);
  const void *beta = doubleScalars ? static_cast<const void *>(&beta64)
                                   : static_cast<const void *>(&beta32);
  // Column-major: out^T [cols, rows] = weights [cols, depth] x lhs^T.
  RNNRT_CHECK(cublas().cublasGemmEx(
      lane.handle, CUBLAS_OP_T, CUBLAS_OP_N, static_cast<int>(cols),
      static_cast<int>(rows), static_cast<int>(depth), alpha, weights,
      types.data, static_cast<int>(depth), lhs, types.data,
      static_cast<int>(lhsStride), beta, out, types.gates,
      static_cast<int>(outStride), types.compute, CUBLAS_GEMM_DEFAULT));
  return success();
}

/// The recurrent gates of one step of a GRU without linear-before-reset:
/// h R_{r,z}^T into the r and z blocks of args.hiddenGates, r * h into
/// `resetHidden` ([B, H]), then (r * h) R_n^T into the n block.
Status enqueueResetBeforeMatmulGates(const ForwardPlan &f, const Lane &lane,
                                     const CellStepArgs &args,
                                     const char *recurrentMatrices,
                                     void *resetHidden) {
  const int64_t B = args.batch, H = args.hidden, gateRow = 3 * H;
  char *gates = static_cast<char *>(const_cast<void *>(args.hiddenGates));
  RNNRT_RETURN_IF_ERROR(gemmTransposedWeights(
      lane, f.types, B, 2 * H, H, args.hPrev, args.hPrevStride,
      recurrentMatrices, gates, gateRow));
  RNNRT_CHECK(launchResetHidden(f.key.dtype, args, resetHidden, lane.stream));
  return gemmTransposedWeights(lane, f.types, B, H, H, resetHidden, H,
                               recurrentMatrices + 2 * H * H * f.elementBytes,
                               gates + 2 * H * f.gateBytes, gateRow);
}

/// Steps [t0, t1) of one layer and direction on `lane`: the input
/// projection of those steps, then the recurrence (a reverse direction
/// always runs all T steps in one chunk).
Status enqueueChunk(const ForwardPlan &f, int64_t layer, int64_t direction,
                    int64_t t0, int64_t t1, const Lane &lane) {
  const PlanKey &key = f.key;
  const int64_t T = key.seqLength, B = key.batch, H = key.numUnits;
  const int64_t D = key.numDirections(), G = f.gates;
  const int64_t pseudoLayer = layer * D + direction;
  const LayerWeights &w = f.plan.weights[static_cast<size_t>(pseudoLayer)];
  const char *weights = f.data(3);
  auto at = [&](int64_t elementOffset) {
    return weights + elementOffset * f.elementBytes;
  };
  const bool training = !f.plan.droppedOutputs.empty();
  const char *input = layer == 0
                          ? f.data(0)
                          : static_cast<const char *>(
                                (training ? f.plan.droppedOutputs
                                          : f.plan.layerOutputs)[layer - 1]);
  const int64_t inputWidth = layer == 0 ? key.inputSize : D * H;
  char *output = layer + 1 == key.numLayers
                     ? f.mutableData(4)
                     : static_cast<char *>(f.plan.layerOutputs[layer]);
  char *gates = static_cast<char *>(f.plan.inputGates[direction]);
  const int64_t gateRow = G * H;

  if (w.inputMatrices >= 0)
    RNNRT_RETURN_IF_ERROR(gemmTransposedWeights(
        lane, f.types, (t1 - t0) * B, gateRow, inputWidth,
        input + t0 * B * inputWidth * f.elementBytes, inputWidth,
        at(w.inputMatrices), gates + t0 * B * gateRow * f.gateBytes, gateRow));
  else
    RNNRT_CHECK(launchBroadcastInput(key.dtype,
                                     input + t0 * B * H * f.elementBytes,
                                     gates + t0 * B * gateRow * f.gateBytes,
                                     (t1 - t0) * B, H, G, lane.stream));

  const bool reverse = direction == 1;
  const int64_t stateOffset = pseudoLayer * B * H * f.elementBytes;
  const int64_t outputRow = B * D * H; // elements per step of the output
  // Small batches: the recurrent GEMV and the cell in one kernel per step.
  const bool fused = B <= fusedStepMaxBatch();
  for (int64_t step = t0; step < t1; ++step) {
    const int64_t t = reverse ? T - 1 - step : step;
    const bool first = step == 0, last = step == T - 1;
    CellStepArgs args;
    if (first) {
      args.hPrev = f.data(1) + stateOffset;
      args.hPrevStride = H;
    } else {
      const int64_t previous = reverse ? t + 1 : t - 1;
      args.hPrev =
          output + (previous * outputRow + direction * H) * f.elementBytes;
      args.hPrevStride = D * H;
    }
    args.inputGates = gates + t * B * gateRow * f.gateBytes;
    args.hiddenGates = f.plan.hiddenGates[pseudoLayer];
    args.inputBias = at(w.inputBiases);
    args.hiddenBias = at(w.recurrentBiases);
    args.hOut = output + (t * outputRow + direction * H) * f.elementBytes;
    args.hOutStride = D * H;
    args.hFinal = last ? f.mutableData(5) + stateOffset : nullptr;
    if (key.mode == RNNRT_MODE_LSTM) {
      args.cPrev = (first ? f.data(2) : f.data(6)) + stateOffset;
      args.cOut = f.mutableData(6) + stateOffset;
    }
    args.batch = B;
    args.hidden = H;
    args.lengths = f.lengths;
    args.step = t;
    args.linearBeforeReset = !key.resetsBeforeMatmul();
    if (key.resetsBeforeMatmul()) {
      RNNRT_RETURN_IF_ERROR(
          enqueueResetBeforeMatmulGates(f, lane, args, at(w.recurrentMatrices),
                                        f.plan.resetHidden[pseudoLayer]));
    } else if (fused) {
      RNNRT_CHECK(launchFusedStep(key.mode, key.dtype, args,
                                  at(w.recurrentMatrices), lane.stream));
      continue;
    } else {
      RNNRT_RETURN_IF_ERROR(gemmTransposedWeights(
          lane, f.types, B, gateRow, H, args.hPrev, args.hPrevStride,
          at(w.recurrentMatrices), f.plan.hiddenGates[pseudoLayer], gateRow));
    }
    RNNRT_CHECK(launchCellStep(key.mode, key.dtype, args,
                               chooseCellLaunch(key.dtype, args), lane.stream));
  }
  return success();
}

/// The whole forward, forked from `main` onto the context's lanes and
/// joined back.
Status enqueueForward(const ForwardPlan &f, cudaStream_t main) {
  const PlanKey &key = f.key;
  const int64_t T = key.seqLength, B = key.batch, L = key.numLayers;
  const int64_t D = key.numDirections();
  std::vector<Lane> &all = f.context.lanes;
  const size_t used =
      static_cast<size_t>(D == 2 ? 2 : std::min<int64_t>(L, kMaxLanes));
  auto laneOf = [&](int64_t layer, int64_t direction) -> const Lane & {
    return all[static_cast<size_t>(D == 2 ? direction : layer) % used];
  };

  cudaEvent_t fork = f.context.fork;
  RNNRT_CHECK(cudaEventRecord(fork, main));
  for (size_t lane = 0; lane < used; ++lane)
    RNNRT_CHECK(cudaStreamWaitEvent(all[lane].stream, fork, 0));

  const double rate = key.dropout();
  for (int64_t t0 = 0; t0 < T; t0 += f.plan.chunkSteps) {
    const int64_t t1 = std::min(T, t0 + f.plan.chunkSteps);
    for (int64_t layer = 0; layer < L; ++layer) {
      if (layer > 0)
        for (int64_t d = 0; d < D; ++d)
          for (int64_t from = 0; from < D; ++from)
            RNNRT_CHECK(cudaStreamWaitEvent(
                laneOf(layer, d).stream, laneOf(layer - 1, from).progress, 0));
      if (layer > 0 && !f.plan.droppedOutputs.empty()) {
        // Dropout of the layer below's output, steps [t0, t1).
        const Lane &lane = laneOf(layer, 0);
        const int64_t row = B * D * key.numUnits;
        RNNRT_CHECK(
            launchDropout(key.dtype, f.plan.layerOutputs[layer - 1],
                          f.plan.droppedOutputs[layer - 1], t0 * row, t1 * row,
                          rate, static_cast<uint64_t>(key.seed),
                          static_cast<uint64_t>(layer - 1), lane.stream));
        if (D == 2) {
          RNNRT_CHECK(cudaEventRecord(lane.progress, lane.stream));
          RNNRT_CHECK(
              cudaStreamWaitEvent(laneOf(layer, 1).stream, lane.progress, 0));
        }
      }
      for (int64_t d = 0; d < D; ++d) {
        const Lane &lane = laneOf(layer, d);
        RNNRT_RETURN_IF_ERROR(enqueueChunk(f, layer, d, t0, t1, lane));
        RNNRT_CHECK(cudaEventRecord(lane.progress, lane.stream));
      }
    }
  }
  for (size_t lane = 0; lane < used; ++lane)
    RNNRT_CHECK(cudaStreamWaitEvent(main, all[lane].progress, 0));
  return success();
}

/// enqueueForward in the call's layout: a batch-major x is transposed into
/// the plan's time-major copy first, and y (from that copy, or in place)
/// gets its steps past each length zeroed (the kernels carried the frozen
/// states through them).
Status enqueueLayout(const ForwardCall &call, const ForwardPlan &f,
                     cudaStream_t stream) {
  const PlanKey &key = f.key;
  const size_t bytes = static_cast<size_t>(f.elementBytes);
  const ForwardPointers original = call.pointers();
  if (!key.timeMajor)
    RNNRT_CHECK(launchMaskSteps(
        bytes, {original[0], false}, const_cast<void *>(f.pointers[0]), true,
        nullptr, key.seqLength, key.batch, key.inputSize, stream));
  RNNRT_RETURN_IF_ERROR(enqueueForward(f, stream));
  if (key.timeMajor && !f.lengths)
    return success();
  RNNRT_CHECK(launchMaskSteps(
      bytes, {f.pointers[4], true}, const_cast<void *>(original[4]),
      key.timeMajor != 0, f.lengths, key.seqLength, key.batch,
      key.numDirections() * key.numUnits, stream));
  return success();
}

/// The fallback's own training fields (the dropout rate is checked by
/// ForwardCall::validateInput).
Status checkTraining(const PlanKey &key) {
  RNNRT_REQUIRE(key.linearBeforeReset == 1 ||
                    (key.linearBeforeReset == 0 && key.mode == RNNRT_MODE_GRU),
                "linear_before_reset must be 1, or 0 for a GRU, got %lld",
                static_cast<long long>(key.linearBeforeReset));
  return success();
}

} // namespace

Status runCublasForward(ForwardCall &call) {
  RNNRT_REQUIRE(isCublasLoaded(), "the cuBLAS fallback is not available: %s",
                runtime().cublasUnavailable.c_str());
  call.key.library = static_cast<int64_t>(Library::Cublas);
  RNNRT_RETURN_IF_ERROR(checkTraining(call.key));
  RNNRT_REQUIRE(call.key.numProj == 0,
                "the cuBLAS fallback has no LSTM projection yet (num_proj "
                "%lld): the cudnn and cpu backends run it",
                static_cast<long long>(call.key.numProj));
  RNNRT_REQUIRE(call.key.dtype != RNNRT_DTYPE_BF16,
                "the cuBLAS fallback has no bf16 yet: the cudnn and cpu "
                "backends run it");
  const int64_t gates = call.key.layerConfig().numGates();
  RNNRT_REQUIRE(call.key.seqLength * call.key.batch <= INT32_MAX &&
                    gates * call.key.numUnits <= INT32_MAX,
                "T*B and G*H must fit cuBLAS's 32-bit sizes");
  ExecutionContext &context = call.context.ctx();
  CublasPlan *plan = nullptr;
  RNNRT_RETURN_IF_ERROR(findOrCreateCublasPlan(call.context, call.key, plan));
  RNNRT_RETURN_IF_ERROR(call.validateWeights(plan->weightElements));
  RNNRT_RETURN_IF_ERROR(context.ensureLanes(
      call.key.numDirections() == 2 ? 2 : call.key.numLayers));
  const ForwardPointers pointers = call.pointers();
  ForwardPlan f{context,
                call.key,
                *plan,
                pointers,
                gemmTypesOf(call.key),
                gates,
                static_cast<int64_t>(elementSize(call.key.dtype)),
                static_cast<int64_t>(accumulatorSize(call.key.dtype)),
                call.deviceLengths()};
  if (!call.key.timeMajor) {
    f.pointers[0] = plan->timeMajorX;
    f.pointers[4] = plan->timeMajorY;
  }
  // The kernels read the lengths from device memory: a graph serves every
  // lengths vector at the same address.
  std::array<const void *, 8> graphKey;
  std::copy(pointers.begin(), pointers.end(), graphKey.begin());
  graphKey[7] = f.lengths;
  const ForwardExtents extents = call.extents();
  std::array<size_t, 8> bytes;
  std::copy(extents.begin(), extents.end(), bytes.begin());
  bytes[7] = call.lengthsBytes();
  return launchWithGraphs(
      plan->graphs, GraphBuffers(graphKey, bytes), call.context,
      [&](cudaStream_t stream) { return enqueueLayout(call, f, stream); });
}

} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" void _mlir_ciface_rnnrt_cublas_rnn_forward(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t numProj, int64_t direction, int64_t inputMode, int64_t dtype,
    int64_t math, int64_t training, double dropout, int64_t seed,
    int64_t linearBeforeReset, rnnrt_memref3d *x, rnnrt_memref3d *hx,
    rnnrt_memref3d *cx, rnnrt_memref1d *w, rnnrt_memref3d *y,
    rnnrt_memref3d *hy, rnnrt_memref3d *cy, int64_t timeMajor,
    rnnrt_memref1d *seqLengths) {
  // Compiled code does nothing while an error is pending on its thread.
  if (hasThreadError())
    return;
  ForwardCall call;
  call.setConfig(Library::Cublas, mode, numLayers, numUnits, inputSize, numProj,
                 direction, inputMode, dtype, math);
  call.key.training = training != 0 && dropout != 0.0;
  if (call.key.training) {
    std::memcpy(&call.key.dropoutBits, &dropout, sizeof(dropout));
    call.key.seed = seed;
  }
  call.key.linearBeforeReset = linearBeforeReset;
  call.setBuffers(x, hx, cx, w, y, hy, cy);
  call.setLayout(timeMajor, seqLengths);
  ErrorContext context(describeForwardCall, &call);
  setThreadError([&]() -> Status {
    RNNRT_RETURN_IF_ERROR(beginCall(call.context));
    RNNRT_RETURN_IF_ERROR(call.validate());
    bool valid = true;
    RNNRT_RETURN_IF_ERROR(call.loadLengths(call.key.mode, valid));
    if (!valid)
      return success();
    bool done = false;
    RNNRT_RETURN_IF_ERROR(call.runWithoutSteps(done));
    return done ? success() : runCublasForward(call);
  }());
}
