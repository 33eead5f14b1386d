//===- RNNTraining.cpp - The cuDNN training entry points ------------------===//
//
// _mlir_ciface_rnnrt_cudnn_rnn_reserve_size, _training_forward and
// _backward: cudnnRNNForward in CUDNN_FWD_MODE_TRAINING writing the
// reserve (ReserveHeader.h, then cuDNN's reserve space), and
// cudnnRNNBackwardData_v8 then cudnnRNNBackwardWeights_v8 reading it. Each
// call's work is replayed from a CUDA graph per tuple of pointers, like the
// inference forward's. Where cuDNN is missing or refuses a configuration,
// all three calls run on the cuBLAS fallback instead (CublasTraining.h),
// each deciding so from the same key, with one remark: the reserve is then
// the fallback's (its header names the library, so a cuDNN reserve is
// never read as a fallback one) and the dropout masks are the fallback's.
//
//===----------------------------------------------------------------------===//

#include "Context.h"
#include "CublasLoader.h"
#include "CublasPlan.h"
#include "CublasTraining.h"
#include "CudnnLoader.h"
#include "ForwardCall.h"
#include "GraphReplay.h"
#include "MemRefChecks.h"
#include "PaddedSequences.h"
#include "RNNPlan.h"
#include "ReserveHeader.h"
#include "Status.h"
#include "TrainingCall.h"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Runtime/ShapeCheckCodes.h"
#include "rnn/Support/RNNEnums.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace rnnrt::cuda {
namespace {

void *mut(const void *pointer) { return const_cast<void *>(pointer); }

/// Why cuDNN does not run `key`: it refused it (`refusal`), or, without
/// one, it is not available.
std::string whyNotOnCudnn(const PlanKey &key, const Status *refusal) {
  if (!refusal)
    return "cuDNN is not available (" + runtime().cudnnUnavailable + ")";
  std::string configuration;
  key.describe(configuration);
  return "cuDNN does not support " + configuration + " (" + refusal->message() +
         ")";
}

/// The training plan of `key`; `refused` (with success) when cuDNN refuses
/// the configuration, the refusal in `refusal`.
Status findTrainingPlan(const CallContext &call, const PlanKey &key,
                        const void *weights, RNNPlan *&plan, bool &refused,
                        Status &refusal) {
  refused = false;
  Status created = findOrCreatePlan(call, key, weights, plan);
  if (created.ok() || !created.isCudnnRefusal())
    return created;
  refused = true;
  refusal = created;
  return success();
}

/// The training plan of `key`, or, where cuDNN is missing or refuses the
/// configuration, none (`plan` null): then, after a remark, `key` is the
/// fallback's and the call runs there.
Status findTrainingPlanOrFallback(const CallContext &call, PlanKey &key,
                                  const void *weights, RNNPlan *&plan) {
  plan = nullptr;
  const bool loaded = isCudnnLoaded();
  bool refused = !loaded;
  Status refusal;
  if (loaded)
    RNNRT_RETURN_IF_ERROR(
        findTrainingPlan(call, key, weights, plan, refused, refusal));
  if (!refused)
    return success();
  plan = nullptr;
  const std::string why = whyNotOnCudnn(key, loaded ? &refusal : nullptr);
  if (!isCublasLoaded())
    return Status::error(why + ", and the cuBLAS fallback is not available (" +
                         runtime().cublasUnavailable + ")");
  remark(why + ": running this training on the cuBLAS fallback (its own "
               "reserve layout and dropout masks)");
  useCublasForTraining(key);
  return success();
}

/// The reserve bytes of `call`'s configuration and shape.
Status reserveSize(ForwardCall &call, int64_t &bytes) {
  bytes = 0;
  RNNRT_RETURN_IF_ERROR(beginCall(call.context));
  RNNRT_RETURN_IF_ERROR(call.validateInput());
  if (call.key.seqLength == 0 || call.key.batch == 0) {
    bytes = kReserveHeaderBytes;
    return success();
  }
  RNNPlan *plan = nullptr;
  const ForwardPointers pointers = call.pointers();
  RNNRT_RETURN_IF_ERROR(
      findTrainingPlanOrFallback(call.context, call.key, pointers[3], plan));
  if (!plan)
    return cublasReserveSize(call, bytes);
  RNNRT_RETURN_IF_ERROR(call.validateWeights(plan->weightElements));
  bytes = static_cast<int64_t>(kReserveHeaderBytes + plan->reserveSpaceBytes);
  return success();
}

/// Checks that a returned reserve has the size of `header`'s.
Status checkReserveSize(const ForwardCall &call, const ReserveHeader &header) {
  const int64_t expected =
      static_cast<int64_t>(kReserveHeaderBytes) + header.payloadBytes;
  const int64_t shape[1] = {expected};
  return checkMemRef("reserve", call.reserve, shape);
}

/// Checks that the reserve at `data` keeps cuDNN's reserve space aligned.
Status checkReserveAlignment(const void *data) {
  RNNRT_REQUIRE(reinterpret_cast<uintptr_t>(data) % kReserveAlignment == 0,
                "the reserve's data must be %zu-byte aligned (got %p)",
                kReserveAlignment, data);
  return success();
}

/// Writes the header of a forward without steps into its reserve.
Status writeStepsLessReserve(const ForwardCall &call) {
  const ReserveHeader header = makeReserveHeader(call.key, 0);
  RNNRT_RETURN_IF_ERROR(checkReserveSize(call, header));
  void *data = dataOf(call.reserve, 1);
  unsigned char padded[kReserveHeaderBytes] = {};
  std::memcpy(padded, &header, sizeof(header));
  // From pageable memory: the copy has read `padded` when it returns.
  RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(data, padded, sizeof(padded),
                                        cudaMemcpyHostToDevice,
                                        call.context.stream),
                        "copy to data");
  recordReserve(data, header);
  return success();
}

/// Enqueues a training forward on `stream`: restores the seeded dropout
/// states, runs cudnnRNNForward (training) into `reserveSpace`, and puts
/// the header in front of a returned reserve.
Status enqueueTrainingForward(ExecutionContext &context, RNNPlan &plan,
                              const ForwardPointers &p, void *reserve,
                              void *reserveSpace, cudaStream_t stream) {
  cudnnHandle_t handle;
  RNNRT_RETURN_IF_ERROR(context.cudnnHandle(stream, handle));
  if (plan.dropout)
    RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(plan.dropoutStates,
                                          plan.seededDropoutStates,
                                          plan.dropoutStateBytes,
                                          cudaMemcpyDeviceToDevice, stream),
                          "copy to plan.dropoutStates");
  RNNRT_CHECK(cudnn().cudnnRNNForward(
      handle, plan.rnn, CUDNN_FWD_MODE_TRAINING, plan.devSeqLengths, plan.xDesc,
      p[0], plan.yDesc, mut(p[4]), plan.hDesc, p[1], mut(p[5]), plan.cDesc,
      p[2], mut(p[6]), plan.weightSpaceBytes, p[3], plan.workspaceBytes,
      plan.workspace, plan.reserveSpaceBytes, reserveSpace));
  if (reserve)
    RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(reserve, plan.deviceHeader,
                                          kReserveHeaderBytes,
                                          cudaMemcpyDeviceToDevice, stream),
                          "copy to reserve");
  return success();
}

Status trainingForward(ForwardCall &call) {
  RNNRT_RETURN_IF_ERROR(beginCall(call.context));
  RNNRT_RETURN_IF_ERROR(call.validate());
  bool valid = true;
  RNNRT_RETURN_IF_ERROR(call.loadLengths(call.key.mode, valid));
  if (!valid)
    return success();
  const bool returnsReserve = call.reserve && call.reserve->sizes[0] != 0;
  bool done = false;
  RNNRT_RETURN_IF_ERROR(call.runWithoutSteps(done));
  if (done)
    return returnsReserve ? writeStepsLessReserve(call) : success();

  ForwardPointers pointers = call.pointers();
  const CallContext &context = call.context;
  RNNPlan *plan = nullptr;
  RNNRT_RETURN_IF_ERROR(
      findTrainingPlanOrFallback(context, call.key, pointers[3], plan));
  if (!plan)
    return returnsReserve ? cublasTrainingForward(call)
                          : runCublasForward(call);
  RNNRT_RETURN_IF_ERROR(call.validateWeights(plan->weightElements));
  void *reserve = nullptr;
  void *reserveSpace = nullptr;
  if (returnsReserve) {
    RNNRT_RETURN_IF_ERROR(checkReserveSize(call, plan->reserveHeader));
    reserve = dataOf(call.reserve, 1);
    RNNRT_RETURN_IF_ERROR(checkReserveAlignment(reserve));
    reserveSpace = static_cast<char *>(reserve) + kReserveHeaderBytes;
  } else {
    RNNRT_RETURN_IF_ERROR(plan->scratchReserve(context, reserveSpace));
  }
  // With lengths: a graph of these lengths only (see the inference
  // forward), on x with its padded steps zeroed.
  if (call.key.lengths) {
    RNNRT_RETURN_IF_ERROR(setPlanLengths(call, *plan));
    RNNRT_RETURN_IF_ERROR(maskForwardInput(call, *plan, pointers));
  }
  std::array<const void *, 8> key;
  std::copy(pointers.begin(), pointers.end(), key.begin());
  key[7] = reserve;
  const ForwardExtents extents = call.extents();
  std::array<size_t, 8> bytes;
  std::copy(extents.begin(), extents.end(), bytes.begin());
  bytes[7] = bytesOf(call.reserve, 1);
  GraphSet &graphs = plan->graphsFor(call.key.lengths != 0, /*backward=*/false);
  RNNRT_RETURN_IF_ERROR(launchWithGraphs(
      graphs, GraphBuffers(key, bytes), context, [&](cudaStream_t stream) {
        return enqueueTrainingForward(context.ctx(), *plan, pointers, reserve,
                                      reserveSpace, stream);
      }));
  if (call.key.lengths)
    RNNRT_RETURN_IF_ERROR(finishPaddedForward(call));
  if (reserve)
    recordReserve(reserve, plan->reserveHeader);
  return success();
}

/// Enqueues the backward on `stream`: the copy of the reserve if asked
/// for, dw = 0 (cuDNN 9 accumulates weight gradients), BackwardData, then
/// BackwardWeights on the reserve space BackwardData left.
Status enqueueBackward(ExecutionContext &context, RNNPlan &plan,
                       const BackwardPointers &p, void *reserveSpace,
                       size_t weightBytes, cudaStream_t stream) {
  cudnnHandle_t handle;
  RNNRT_RETURN_IF_ERROR(context.cudnnHandle(stream, handle));
  const void *payload =
      static_cast<const char *>(p[kReserve]) + kReserveHeaderBytes;
  if (reserveSpace != payload)
    RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(reserveSpace, payload,
                                          plan.reserveSpaceBytes,
                                          cudaMemcpyDeviceToDevice, stream),
                          "copy to reserveSpace");
  RNNRT_CHECK_CUDA_WHAT(cudaMemsetAsync(mut(p[kDw]), 0, weightBytes, stream),
                        "zero mut(p[kDw])");
  const CudnnApi &api = cudnn();
  RNNRT_CHECK(api.cudnnRNNBackwardData_v8(
      handle, plan.rnn, plan.devSeqLengths, plan.yDesc, p[kY], p[kDy],
      plan.xDesc, mut(p[kDx]), plan.hDesc, p[kHx], p[kDhy], mut(p[kDhx]),
      plan.cDesc, p[kCx], p[kDcy], mut(p[kDcx]), plan.weightSpaceBytes, p[kW],
      plan.workspaceBytes, plan.workspace, plan.reserveSpaceBytes,
      reserveSpace));
  RNNRT_CHECK(api.cudnnRNNBackwardWeights_v8(
      handle, plan.rnn, CUDNN_WGRAD_MODE_ADD, plan.devSeqLengths, plan.xDesc,
      p[kX], plan.hDesc, p[kHx], plan.yDesc, p[kY], plan.weightSpaceBytes,
      mut(p[kDw]), plan.workspaceBytes, plan.workspace, plan.reserveSpaceBytes,
      reserveSpace));
  return success();
}

Status backward(BackwardCall &call) {
  CallContext &context = call.forward.context;
  RNNRT_RETURN_IF_ERROR(beginCall(context));
  RNNRT_RETURN_IF_ERROR(call.validate());
  bool valid = true;
  RNNRT_RETURN_IF_ERROR(
      call.forward.loadLengths(call.key().mode + RNNRT_OP_GRAD, valid));
  if (!valid)
    return success();
  const PlanKey &key = call.key();
  BackwardPointers pointers = call.pointers();
  const int64_t reserveBytes = call.reserve->sizes[0];
  if (key.seqLength == 0 || key.batch == 0) {
    RNNRT_RETURN_IF_ERROR(checkReserve(context, key, pointers[kReserve],
                                       reserveBytes,
                                       makeReserveHeader(key, 0)));
    bool done = false;
    return call.runWithoutSteps(done);
  }
  RNNPlan *plan = nullptr;
  RNNRT_RETURN_IF_ERROR(findTrainingPlanOrFallback(context, call.forward.key,
                                                   pointers[kW], plan));
  if (!plan)
    return cublasBackward(call);
  RNNRT_RETURN_IF_ERROR(call.forward.validateWeights(plan->weightElements));
  RNNRT_RETURN_IF_ERROR(call.validateWeightGradient(plan->weightElements));
  RNNRT_RETURN_IF_ERROR(checkReserve(context, key, pointers[kReserve],
                                     reserveBytes, plan->reserveHeader));
  RNNRT_RETURN_IF_ERROR(checkReserveAlignment(pointers[kReserve]));
  void *reserveSpace =
      static_cast<char *>(mut(pointers[kReserve])) + kReserveHeaderBytes;
  if (call.copyReserve)
    RNNRT_RETURN_IF_ERROR(plan->scratchReserve(context, reserveSpace));
  const size_t weightBytes = plan->weightSpaceBytes;
  // With lengths: a graph of these lengths only, on the masked inputs.
  if (key.lengths) {
    RNNRT_RETURN_IF_ERROR(setPlanLengths(call.forward, *plan));
    RNNRT_RETURN_IF_ERROR(maskBackwardInputs(call, *plan, pointers));
  }
  GraphSet &graphs = plan->graphsFor(key.lengths != 0, /*backward=*/true);
  RNNRT_RETURN_IF_ERROR(launchWithGraphs(
      graphs, GraphBuffers(pointers, call.extents()), context,
      [&](cudaStream_t stream) {
        return enqueueBackward(context.ctx(), *plan, pointers, reserveSpace,
                               weightBytes, stream);
      }));
  return key.lengths ? finishPaddedBackward(call) : success();
}

/// The training configuration of a call of compiled code.
void setTrainingConfig(ForwardCall &call, int64_t mode, int64_t numLayers,
                       int64_t numUnits, int64_t inputSize, int64_t numProj,
                       int64_t direction, int64_t inputMode, int64_t dtype,
                       int64_t math, int64_t algo, double dropout,
                       int64_t seed) {
  call.setConfig(Library::Cudnn, mode, numLayers, numUnits, inputSize, numProj,
                 direction, inputMode, dtype, math);
  call.key.algo = algo;
  setCudnnTraining(call.key, dropout, seed);
  // A rate outside [0, 1) is kept for validateInput to report.
  if (!(dropout >= 0.0 && dropout < 1.0))
    std::memcpy(&call.key.dropoutBits, &dropout, sizeof(dropout));
}

} // namespace
} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" int64_t _mlir_ciface_rnnrt_cudnn_rnn_reserve_size(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t numProj, int64_t direction, int64_t inputMode, int64_t dtype,
    int64_t math, int64_t algo, double dropout, int64_t seed, rnnrt_memref3d *x,
    rnnrt_memref1d *w, int64_t timeMajor, rnnrt_memref1d *seqLengths) {
  if (hasThreadError())
    return 0;
  ForwardCall call;
  setTrainingConfig(call, mode, numLayers, numUnits, inputSize, numProj,
                    direction, inputMode, dtype, math, algo, dropout, seed);
  call.x = x;
  call.w = w;
  call.setLayout(timeMajor, seqLengths);
  ErrorContext context(describeForwardCall, &call);
  int64_t bytes = 0;
  return setThreadError(reserveSize(call, bytes)) ? bytes : 0;
}

extern "C" void _mlir_ciface_rnnrt_cudnn_rnn_training_forward(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t numProj, int64_t direction, int64_t inputMode, int64_t dtype,
    int64_t math, int64_t algo, double dropout, int64_t seed, rnnrt_memref3d *x,
    rnnrt_memref3d *hx, rnnrt_memref3d *cx, rnnrt_memref1d *w,
    rnnrt_memref3d *y, rnnrt_memref3d *hy, rnnrt_memref3d *cy,
    rnnrt_memref1d *reserve, int64_t timeMajor, rnnrt_memref1d *seqLengths) {
  if (hasThreadError())
    return;
  ForwardCall call;
  setTrainingConfig(call, mode, numLayers, numUnits, inputSize, numProj,
                    direction, inputMode, dtype, math, algo, dropout, seed);
  call.setBuffers(x, hx, cx, w, y, hy, cy);
  call.setLayout(timeMajor, seqLengths);
  call.reserve = reserve;
  ErrorContext context(describeForwardCall, &call);
  setThreadError(trainingForward(call));
}

extern "C" void _mlir_ciface_rnnrt_cudnn_rnn_backward(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t numProj, int64_t direction, int64_t inputMode, int64_t dtype,
    int64_t math, int64_t algo, double dropout, int64_t seed,
    int64_t copyReserve, rnnrt_memref3d *x, rnnrt_memref3d *hx,
    rnnrt_memref3d *cx, rnnrt_memref1d *w, rnnrt_memref3d *y,
    rnnrt_memref1d *reserve, rnnrt_memref3d *dy, rnnrt_memref3d *dhy,
    rnnrt_memref3d *dcy, rnnrt_memref3d *dx, rnnrt_memref3d *dhx,
    rnnrt_memref3d *dcx, rnnrt_memref1d *dw, int64_t timeMajor,
    rnnrt_memref1d *seqLengths) {
  if (hasThreadError())
    return;
  BackwardCall call;
  setTrainingConfig(call.forward, mode, numLayers, numUnits, inputSize, numProj,
                    direction, inputMode, dtype, math, algo, dropout, seed);
  call.setBuffers(x, hx, cx, w, y, reserve, dy, dhy, dcy, dx, dhx, dcx, dw,
                  timeMajor, seqLengths);
  call.copyReserve = copyReserve != 0;
  ErrorContext context(describeBackwardCall, &call);
  setThreadError(backward(call));
}
