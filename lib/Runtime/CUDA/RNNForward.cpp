//===- RNNForward.cpp - The cuDNN RNN forward entry point -----------------===//
//
// _mlir_ciface_rnnrt_cudnn_rnn_forward: validates the configuration and the
// memref descriptors compiled code passes, finds or creates the plan, and
// enqueues cudnnRNNForward (inference) on the calling thread's stream. Where
// cuDNN is absent or refuses the configuration, the cuBLAS fallback runs it.
//
//===----------------------------------------------------------------------===//

#include "Context.h"
#include "CublasLoader.h"
#include "CublasPlan.h"
#include "CudnnLoader.h"
#include "ForwardCall.h"
#include "GraphReplay.h"
#include "PaddedSequences.h"
#include "RNNPlan.h"
#include "Status.h"

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Support/RNNEnums.h"

#include <cstdint>
#include <string>

namespace rnnrt::cuda {
namespace {

/// Enqueues cudnnRNNForward (inference) on `stream`, with `reserveSpace`
/// (plan.reserveSpaceBytes).
Status enqueueForward(ExecutionContext &context, RNNPlan &plan,
                      const ForwardPointers &p, void *reserveSpace,
                      cudaStream_t stream) {
  cudnnHandle_t handle;
  RNNRT_RETURN_IF_ERROR(context.cudnnHandle(stream, handle));
  auto mut = [](const void *pointer) { return const_cast<void *>(pointer); };
  RNNRT_CHECK(cudnn().cudnnRNNForward(
      handle, plan.rnn, CUDNN_FWD_MODE_INFERENCE, plan.devSeqLengths,
      plan.xDesc, p[0], plan.yDesc, mut(p[4]), plan.hDesc, p[1], mut(p[5]),
      plan.cDesc, p[2], mut(p[6]), plan.weightSpaceBytes, p[3],
      plan.workspaceBytes, plan.workspace, plan.reserveSpaceBytes,
      reserveSpace));
  return success();
}

/// Runs the forward on cuDNN. `refused` is set (and success returned) when
/// cuDNN refuses the configuration, with the refusal in `refusal`.
Status runOnCudnn(ForwardCall &call, bool &refused, Status &refusal) {
  refused = false;
  const ForwardPointers pointers = call.pointers();
  const CallContext &context = call.context;
  RNNPlan *plan = nullptr;
  Status created = findOrCreatePlan(context, call.key, pointers[3], plan);
  if (!created.ok()) {
    if (!created.isCudnnRefusal())
      return created;
    refused = true;
    refusal = created;
    return success();
  }
  RNNRT_RETURN_IF_ERROR(call.validateWeights(plan->weightElements));
  void *reserveSpace = nullptr;
  RNNRT_RETURN_IF_ERROR(plan->scratchReserve(context, reserveSpace));
  // cuDNN bakes the host lengths into the work it enqueues: a graph of
  // these lengths only.
  if (call.key.lengths)
    RNNRT_RETURN_IF_ERROR(setPlanLengths(call, *plan));
  GraphSet &graphs = plan->graphsFor(call.key.lengths != 0, /*backward=*/false);
  RNNRT_RETURN_IF_ERROR(
      launchWithGraphs(graphs, GraphBuffers(pointers, call.extents()), context,
                       [&](cudaStream_t stream) {
                         return enqueueForward(context.ctx(), *plan, pointers,
                                               reserveSpace, stream);
                       }));
  return call.key.lengths ? finishPaddedForward(call) : success();
}

Status forward(ForwardCall &call) {
  RNNRT_RETURN_IF_ERROR(beginCall(call.context));
  RNNRT_RETURN_IF_ERROR(call.validate());
  bool valid = true;
  RNNRT_RETURN_IF_ERROR(call.loadLengths(call.key.mode, valid));
  if (!valid)
    return success();
  bool done = false;
  RNNRT_RETURN_IF_ERROR(call.runWithoutSteps(done));
  if (done)
    return success();
  if (!isCudnnLoaded()) {
    remark("cuDNN is not available (" + runtime().cudnnUnavailable +
           "): rnn forwards run on the cuBLAS fallback");
    return runCublasForward(call);
  }
  bool refused = false;
  Status refusal;
  RNNRT_RETURN_IF_ERROR(runOnCudnn(call, refused, refusal));
  if (!refused)
    return success();
  if (!isCublasLoaded())
    return refusal;
  std::string configuration;
  call.key.describe(configuration);
  remark("cuDNN does not support " + configuration + " (" + refusal.message() +
         "): running it on the cuBLAS fallback");
  return runCublasForward(call);
}

} // namespace
} // namespace rnnrt::cuda

using namespace rnnrt::cuda;

extern "C" void _mlir_ciface_rnnrt_cudnn_rnn_forward(
    int64_t mode, int64_t numLayers, int64_t numUnits, int64_t inputSize,
    int64_t numProj, int64_t direction, int64_t inputMode, int64_t dtype,
    int64_t math, int64_t algo, rnnrt_memref3d *x, rnnrt_memref3d *hx,
    rnnrt_memref3d *cx, rnnrt_memref1d *w, rnnrt_memref3d *y,
    rnnrt_memref3d *hy, rnnrt_memref3d *cy, int64_t timeMajor,
    rnnrt_memref1d *seqLengths) {
  // Compiled code does nothing while an error is pending on its thread.
  if (hasThreadError())
    return;
  ForwardCall call;
  call.setConfig(Library::Cudnn, mode, numLayers, numUnits, inputSize, numProj,
                 direction, inputMode, dtype, math);
  call.key.algo = algo;
  call.setBuffers(x, hx, cx, w, y, hy, cy);
  call.setLayout(timeMajor, seqLengths);
  ErrorContext context(describeForwardCall, &call);
  setThreadError(forward(call));
}
