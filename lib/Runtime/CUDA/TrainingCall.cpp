//===- TrainingCall.cpp - One training forward or backward call -----------===//

#include "TrainingCall.h"
#include "MemRefChecks.h"

#include "rnn/Support/ParamsLayout.h"
#include "rnn/Support/RNNEnums.h"

namespace rnnrt::cuda {

Status BackwardCall::validate() {
  RNNRT_RETURN_IF_ERROR(forward.validate());
  const PlanKey &k = key();
  const int64_t states = k.numLayers * k.numDirections();
  const std::array<int64_t, 3> dyShape =
      forward.dataShape(k.numDirections() * k.hiddenSize());
  const std::array<int64_t, 3> dxShape = forward.dataShape(k.inputSize);
  RNNRT_RETURN_IF_ERROR(
      checkMemRef("dy", dy, {dyShape[0], dyShape[1], dyShape[2]}));
  RNNRT_RETURN_IF_ERROR(
      checkMemRef("dx", dx, {dxShape[0], dxShape[1], dxShape[2]}));
  RNNRT_RETURN_IF_ERROR(
      checkMemRef("dhx", dhx, {states, k.batch, k.hiddenSize()}));
  if (k.mode == RNNRT_MODE_LSTM)
    RNNRT_RETURN_IF_ERROR(
        checkMemRef("dcx", dcx, {states, k.batch, k.numUnits}));
  RNNRT_REQUIRE(reserve, "reserve: null memref descriptor");
  RNNRT_REQUIRE(reserve->strides[0] == 1 || reserve->sizes[0] <= 1,
                "reserve is not contiguous: stride %lld",
                static_cast<long long>(reserve->strides[0]));
  RNNRT_REQUIRE(reserve->sizes[0] == 0 || reserve->aligned,
                "reserve has a null data pointer");
  RNNRT_REQUIRE(dw, "dw: null memref descriptor");
  return success();
}

Status BackwardCall::validateWeightGradient(int64_t elements) const {
  const int64_t shape[1] = {elements};
  return checkMemRef("dw", dw, shape);
}

BackwardPointers BackwardCall::pointers() const {
  const ForwardPointers f = forward.pointers();
  const size_t bytes = elementSize(key().dtype);
  const bool hasCell = key().mode == RNNRT_MODE_LSTM;
  BackwardPointers p{};
  p[kX] = f[0];
  p[kHx] = f[1];
  p[kCx] = f[2];
  p[kW] = f[3];
  p[kY] = f[4];
  p[kReserve] = dataOf(reserve, 1);
  p[kDy] = dataOf(dy, bytes);
  p[kDhy] = f[5];
  p[kDcy] = f[6];
  p[kDx] = dataOf(dx, bytes);
  p[kDhx] = dataOf(dhx, bytes);
  p[kDcx] = hasCell ? dataOf(dcx, bytes) : nullptr;
  p[kDw] = dataOf(dw, bytes);
  static const char copyFlag = 1;
  p[kCopyFlag] = copyReserve ? &copyFlag : nullptr;
  return p;
}

BackwardExtents BackwardCall::extents() const {
  const ForwardExtents f = forward.extents();
  const size_t bytes = elementSize(key().dtype);
  const bool hasCell = key().mode == RNNRT_MODE_LSTM;
  BackwardExtents e{};
  e[kX] = f[0];
  e[kHx] = f[1];
  e[kCx] = f[2];
  e[kW] = f[3];
  e[kY] = f[4];
  e[kReserve] = bytesOf(reserve, 1);
  e[kDy] = bytesOf(dy, bytes);
  e[kDhy] = f[5];
  e[kDcy] = f[6];
  e[kDx] = bytesOf(dx, bytes);
  e[kDhx] = bytesOf(dhx, bytes);
  e[kDcx] = hasCell ? bytesOf(dcx, bytes) : 0;
  e[kDw] = bytesOf(dw, bytes);
  return e;
}

Status BackwardCall::runWithoutSteps(bool &done) const {
  const PlanKey &k = key();
  done = k.batch == 0 || k.seqLength == 0;
  if (!done)
    return success();
  const int64_t elements = ParamsLayout(k.layerConfig()).size();
  RNNRT_RETURN_IF_ERROR(forward.validateWeights(elements));
  RNNRT_RETURN_IF_ERROR(validateWeightGradient(elements));
  const BackwardPointers p = pointers();
  const size_t bytes = elementSize(k.dtype);
  cudaStream_t stream = forward.context.stream;
  // No step: the weights get no gradient and the states' gradients pass
  // through unchanged.
  RNNRT_CHECK_CUDA_WHAT(cudaMemsetAsync(const_cast<void *>(p[kDw]), 0,
                                        static_cast<size_t>(elements) * bytes,
                                        stream),
                        "zero const_cast<void *>(p[kDw])");
  if (k.batch == 0)
    return success();
  const size_t rowBytes =
      static_cast<size_t>(k.numLayers * k.numDirections() * k.batch) * bytes;
  const size_t stateBytes = rowBytes * static_cast<size_t>(k.hiddenSize());
  const size_t cellBytes = rowBytes * static_cast<size_t>(k.numUnits);
  RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(const_cast<void *>(p[kDhx]), p[kDhy],
                                        stateBytes, cudaMemcpyDeviceToDevice,
                                        stream),
                        "copy to const_cast<void *>(p[kDhx])");
  if (k.mode == RNNRT_MODE_LSTM)
    RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(const_cast<void *>(p[kDcx]), p[kDcy],
                                          cellBytes, cudaMemcpyDeviceToDevice,
                                          stream),
                          "copy to const_cast<void *>(p[kDcx])");
  return success();
}

void describeBackwardCall(const void *call, std::string &out) {
  out += "backward of ";
  static_cast<const BackwardCall *>(call)->key().describe(out);
}

} // namespace rnnrt::cuda
