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

void BackwardCall::setBuffers(rnnrt_memref3d *x, rnnrt_memref3d *hx,
                              rnnrt_memref3d *cx, rnnrt_memref1d *w,
                              rnnrt_memref3d *y, rnnrt_memref1d *reserve,
                              rnnrt_memref3d *dy, rnnrt_memref3d *dhy,
                              rnnrt_memref3d *dcy, rnnrt_memref3d *dx,
                              rnnrt_memref3d *dhx, rnnrt_memref3d *dcx,
                              rnnrt_memref1d *dw, int64_t timeMajor,
                              rnnrt_memref1d *seqLengths) {
  forward.setBuffers(x, hx, cx, w, y, dhy, dcy);
  forward.setLayout(timeMajor, seqLengths);
  this->reserve = reserve;
  this->dy = dy;
  this->dx = dx;
  this->dhx = dhx;
  this->dcx = dcx;
  this->dw = dw;
}

Status BackwardCall::validateWeightGradient(int64_t elements) const {
  const int64_t shape[1] = {elements};
  return checkMemRef("dw", dw, shape);
}

namespace {

/// The backward's slots from the forward's (`f`: its pointers or extents)
/// and `of(memref, elementBytes)` of its own buffers.
template <typename T, typename Of>
std::array<T, std::tuple_size<BackwardPointers>::value>
backwardSlots(const BackwardCall &call,
              const std::array<T, std::tuple_size<ForwardPointers>::value> &f,
              Of of) {
  const size_t bytes = elementSize(call.key().dtype);
  const bool hasCell = call.key().mode == RNNRT_MODE_LSTM;
  std::array<T, std::tuple_size<BackwardPointers>::value> slots{};
  slots[kX] = f[0];
  slots[kHx] = f[1];
  slots[kCx] = f[2];
  slots[kW] = f[3];
  slots[kY] = f[4];
  slots[kReserve] = of(call.reserve, 1);
  slots[kDy] = of(call.dy, bytes);
  slots[kDhy] = f[5];
  slots[kDcy] = f[6];
  slots[kDx] = of(call.dx, bytes);
  slots[kDhx] = of(call.dhx, bytes);
  slots[kDcx] = hasCell ? of(call.dcx, bytes) : T{};
  slots[kDw] = of(call.dw, bytes);
  return slots;
}

} // namespace

BackwardPointers BackwardCall::pointers() const {
  BackwardPointers p = backwardSlots(
      *this, forward.pointers(), [](const auto *memref, size_t bytes) {
        return static_cast<const void *>(dataOf(memref, bytes));
      });
  static const char copyFlag = 1;
  p[kCopyFlag] = copyReserve ? &copyFlag : nullptr;
  return p;
}

BackwardExtents BackwardCall::extents() const {
  return backwardSlots(
      *this, forward.extents(),
      [](const auto *memref, size_t bytes) { return bytesOf(memref, bytes); });
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
