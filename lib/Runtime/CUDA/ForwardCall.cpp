//===- ForwardCall.cpp - One forward call of compiled code ----------------===//

#include "ForwardCall.h"
#include "Context.h"
#include "MemRefChecks.h"

#include "rnn/Support/RNNEnums.h"

#include <cstdio>
#include <cstring>
#include <limits>

namespace rnnrt::cuda {

namespace {

const char *modeName(int64_t mode) {
  const char *name = rnnrt_mode_name(mode);
  return name ? name : "unknown mode";
}

const char *dtypeName(int64_t dtype) {
  switch (dtype) {
  case RNNRT_DTYPE_F32:
    return "f32";
  case RNNRT_DTYPE_F64:
    return "f64";
  case RNNRT_DTYPE_F16:
    return "f16";
  case RNNRT_DTYPE_BF16:
    return "bf16";
  }
  return "unknown dtype";
}

} // namespace

const char *mathName(int64_t math) {
  switch (math) {
  case RNNRT_MATH_STRICT:
    return "strict";
  case RNNRT_MATH_TF32:
    return "tf32";
  case RNNRT_MATH_TENSOR_OP:
    return "tensor_op";
  }
  return "unknown math";
}

const char *algoName(int64_t algo) {
  switch (algo) {
  case RNNRT_ALGO_PREFER_PERSIST_STATIC:
    return "prefer-persist-static";
  case RNNRT_ALGO_STANDARD:
    return "standard";
  case RNNRT_ALGO_PERSIST_STATIC:
    return "persist_static";
  case RNNRT_ALGO_PERSIST_DYNAMIC:
    return "persist_dynamic";
  case RNNRT_ALGO_PERSIST_STATIC_SMALL_H:
    return "persist_static_small_h";
  }
  return "unknown algo";
}

namespace {

bool fitsInt32(int64_t value) {
  return value >= 0 && value <= std::numeric_limits<int32_t>::max();
}

/// Checks the scalar arguments (everything but T and B).
Status validateConfig(const PlanKey &key) {
  RNNRT_REQUIRE(key.mode >= RNNRT_MODE_RNN_RELU && key.mode <= RNNRT_MODE_GRU,
                "unknown mode code %lld", static_cast<long long>(key.mode));
  RNNRT_REQUIRE(key.direction == RNNRT_DIRECTION_UNIDIRECTIONAL ||
                    key.direction == RNNRT_DIRECTION_BIDIRECTIONAL,
                "unknown direction code %lld",
                static_cast<long long>(key.direction));
  RNNRT_REQUIRE(
      key.inputMode == RNNRT_INPUT_LINEAR || key.inputMode == RNNRT_INPUT_SKIP,
      "unknown input_mode code %lld", static_cast<long long>(key.inputMode));
  RNNRT_REQUIRE(elementSize(key.dtype) != 0, "unknown dtype code %lld",
                static_cast<long long>(key.dtype));
  RNNRT_REQUIRE(key.math >= RNNRT_MATH_STRICT &&
                    key.math <= RNNRT_MATH_TENSOR_OP,
                "unknown math code %lld", static_cast<long long>(key.math));
  RNNRT_REQUIRE(key.algo >= RNNRT_ALGO_STANDARD &&
                    key.algo <= RNNRT_ALGO_PREFER_PERSIST_STATIC,
                "unknown algo code %lld", static_cast<long long>(key.algo));
  RNNRT_REQUIRE(key.numLayers >= 1 && key.numUnits >= 1 && key.inputSize >= 1,
                "num_layers, num_units and input_size must be >= 1");
  RNNRT_REQUIRE(fitsInt32(key.numLayers * key.numDirections()) &&
                    fitsInt32(key.numUnits * key.numDirections()) &&
                    fitsInt32(key.inputSize),
                "sizes exceed cuDNN's 32-bit limits");
  RNNRT_REQUIRE(key.inputMode != RNNRT_INPUT_SKIP ||
                    key.inputSize == key.numUnits,
                "skip_input needs input_size == num_units (got %lld and "
                "%lld)",
                static_cast<long long>(key.inputSize),
                static_cast<long long>(key.numUnits));
  RNNRT_REQUIRE(key.numProj == 0 ||
                    (key.mode == RNNRT_MODE_LSTM && key.numProj >= 1 &&
                     key.numProj < key.numUnits),
                "num_proj must be 0, or in [1, num_units) for an LSTM (got "
                "%lld)",
                static_cast<long long>(key.numProj));
  return success();
}

} // namespace

double PlanKey::dropout() const {
  double rate;
  static_assert(sizeof(rate) == sizeof(dropoutBits));
  std::memcpy(&rate, &dropoutBits, sizeof(rate));
  return rate;
}

void PlanKey::describe(std::string &out) const {
  char text[400];
  snprintf(text, sizeof(text),
           "%s, num_layers %lld, num_units %lld, input_size %lld, %s, %s, "
           "%s, math %s, %s%s, T %lld, B %lld",
           modeName(mode), static_cast<long long>(numLayers),
           static_cast<long long>(numUnits), static_cast<long long>(inputSize),
           direction == RNNRT_DIRECTION_BIDIRECTIONAL ? "bidirectional"
                                                      : "unidirectional",
           inputMode == RNNRT_INPUT_SKIP ? "skip_input" : "linear_input",
           dtypeName(dtype), mathName(math),
           library == static_cast<int64_t>(Library::Cublas) ? "cuBLAS"
                                                            : "cuDNN algo ",
           library == static_cast<int64_t>(Library::Cublas) ? ""
                                                            : algoName(algo),
           static_cast<long long>(seqLength), static_cast<long long>(batch));
  out += text;
  if (training) {
    snprintf(text, sizeof(text), ", training dropout %g seed %lld", dropout(),
             static_cast<long long>(seed));
    out += text;
  }
  if (numProj > 0)
    out += ", num_proj " + std::to_string(numProj);
  if (resetsBeforeMatmul())
    out += ", linear_before_reset false";
  if (!timeMajor)
    out += ", batch-major";
  if (lengths)
    out += ", seq_lengths";
}

size_t elementSize(int64_t dtype) {
  switch (dtype) {
  case RNNRT_DTYPE_F32:
    return 4;
  case RNNRT_DTYPE_F64:
    return 8;
  case RNNRT_DTYPE_F16:
  case RNNRT_DTYPE_BF16:
    return 2;
  }
  return 0;
}

size_t accumulatorSize(int64_t dtype) {
  return dtype == RNNRT_DTYPE_F64 ? 8 : 4;
}

rnnrt::LayerConfig PlanKey::layerConfig() const {
  return rnnrt::makeLayerConfig(
      static_cast<rnnrt_mode>(mode), numLayers, numUnits, inputSize,
      static_cast<rnnrt_direction>(direction),
      static_cast<rnnrt_input_mode>(inputMode), numProj);
}

void ForwardCall::setConfig(Library library, int64_t mode, int64_t numLayers,
                            int64_t numUnits, int64_t inputSize,
                            int64_t numProj, int64_t direction,
                            int64_t inputMode, int64_t dtype, int64_t math) {
  key.library = static_cast<int64_t>(library);
  key.mode = mode;
  key.numLayers = numLayers;
  key.numUnits = numUnits;
  key.inputSize = inputSize;
  key.numProj = numProj;
  key.direction = direction;
  key.inputMode = inputMode;
  if (inputMode == RNNRT_INPUT_AUTO_SELECT)
    key.inputMode =
        inputSize == numUnits ? RNNRT_INPUT_SKIP : RNNRT_INPUT_LINEAR;
  key.dtype = dtype;
  key.math = math;
}

void ForwardCall::setBuffers(rnnrt_memref3d *x, rnnrt_memref3d *hx,
                             rnnrt_memref3d *cx, rnnrt_memref1d *w,
                             rnnrt_memref3d *y, rnnrt_memref3d *hy,
                             rnnrt_memref3d *cy) {
  this->x = x;
  this->hx = hx;
  this->cx = cx;
  this->w = w;
  this->y = y;
  this->hy = hy;
  this->cy = cy;
}

void ForwardCall::setLayout(int64_t timeMajor, rnnrt_memref1d *seqLengths) {
  key.timeMajor = timeMajor != 0 ? 1 : 0;
  this->seqLengths = seqLengths;
  // Present lengths have B elements: an empty memref is none (with B = 0
  // there is nothing to run either way).
  key.lengths = seqLengths && seqLengths->sizes[0] != 0 ? 1 : 0;
}

std::array<int64_t, 3> ForwardCall::dataShape(int64_t width) const {
  if (key.timeMajor)
    return {key.seqLength, key.batch, width};
  return {key.batch, key.seqLength, width};
}

const int32_t *ForwardCall::deviceLengths() const {
  return key.lengths ? static_cast<const int32_t *>(dataOf(seqLengths, 4))
                     : nullptr;
}

namespace {

/// checkMemRef for a shape from ForwardCall::dataShape.
Status checkData(const char *name, const rnnrt_memref3d *memref,
                 const std::array<int64_t, 3> &shape) {
  const int64_t expected[3] = {shape[0], shape[1], shape[2]};
  return checkMemRef(name, memref, expected);
}

} // namespace

Status ForwardCall::validateInput(bool withWeights) {
  RNNRT_RETURN_IF_ERROR(validateConfig(key));
  RNNRT_REQUIRE(x, "x: null memref descriptor");
  key.seqLength = x->sizes[key.timeMajor ? 0 : 1];
  key.batch = x->sizes[key.timeMajor ? 1 : 0];
  RNNRT_REQUIRE(fitsInt32(key.seqLength) && fitsInt32(key.batch),
                "x has shape %s: T and B must be in [0, 2^31)",
                formatShape(x->sizes, 3).c_str());
  RNNRT_REQUIRE(key.dropout() >= 0.0 && key.dropout() < 1.0,
                "dropout must be in [0, 1), got %g", key.dropout());
  RNNRT_REQUIRE(!key.paddedIO() ||
                    key.library != static_cast<int64_t>(Library::Cudnn) ||
                    key.algo == RNNRT_ALGO_STANDARD,
                "seq_lengths and the batch-major layout need algo standard "
                "(got %s): cuDNN's persistent algorithms run only "
                "full-length, time-major sequences",
                algoName(key.algo));
  RNNRT_RETURN_IF_ERROR(checkData("x", x, dataShape(key.inputSize)));
  RNNRT_REQUIRE(w || !withWeights, "w: null memref descriptor");
  return success();
}

Status ForwardCall::validate() {
  RNNRT_RETURN_IF_ERROR(validateInput());
  const int64_t batch = key.batch;
  const int64_t states = key.numLayers * key.numDirections();
  const int64_t hidden = key.hiddenSize();
  const int64_t cell = key.numUnits;
  RNNRT_RETURN_IF_ERROR(
      checkData("y", y, dataShape(key.numDirections() * hidden)));
  RNNRT_RETURN_IF_ERROR(checkMemRef("hx", hx, {states, batch, hidden}));
  RNNRT_RETURN_IF_ERROR(checkMemRef("hy", hy, {states, batch, hidden}));
  if (key.mode == RNNRT_MODE_LSTM) {
    RNNRT_RETURN_IF_ERROR(checkMemRef("cx", cx, {states, batch, cell}));
    RNNRT_RETURN_IF_ERROR(checkMemRef("cy", cy, {states, batch, cell}));
  }
  return success();
}

Status ForwardCall::validateWeights(int64_t elements) const {
  const int64_t shape[1] = {elements};
  return checkMemRef("w", w, shape);
}

Status ForwardCall::loadLengths(int64_t opCode, bool &valid) {
  valid = true;
  if (!key.lengths || lengthsValid)
    return success();
  lengths.clear();
  const int64_t shape[1] = {key.batch};
  RNNRT_RETURN_IF_ERROR(checkMemRef("seq_lengths", seqLengths, shape));
  lengths.resize(static_cast<size_t>(key.batch));
  // cudnnSetRNNDataDescriptor takes the lengths on the host, and they may
  // be the result of work still on the stream.
  RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(lengths.data(), deviceLengths(),
                                        lengths.size() * sizeof(int32_t),
                                        cudaMemcpyDeviceToHost, context.stream),
                        "copy of seq_lengths to the host");
  RNNRT_CHECK(cudaStreamSynchronize(context.stream));
  for (size_t b = 0; b < lengths.size(); ++b)
    if (!rnnrt_check_sequence_length(opCode, static_cast<int64_t>(b),
                                     lengths[b], key.seqLength)) {
      valid = false;
      return success();
    }
  lengthsValid = true;
  return success();
}

ForwardPointers ForwardCall::pointers() const {
  const size_t bytes = elementSize(key.dtype);
  const bool hasCell = key.mode == RNNRT_MODE_LSTM;
  return {dataOf(x, bytes),
          dataOf(hx, bytes),
          hasCell ? dataOf(cx, bytes) : nullptr,
          dataOf(w, bytes),
          dataOf(y, bytes),
          dataOf(hy, bytes),
          hasCell ? dataOf(cy, bytes) : nullptr};
}

ForwardExtents ForwardCall::extents() const {
  const size_t bytes = elementSize(key.dtype);
  const bool hasCell = key.mode == RNNRT_MODE_LSTM;
  return {bytesOf(x, bytes),
          bytesOf(hx, bytes),
          hasCell ? bytesOf(cx, bytes) : 0,
          bytesOf(w, bytes),
          bytesOf(y, bytes),
          bytesOf(hy, bytes),
          hasCell ? bytesOf(cy, bytes) : 0};
}

size_t ForwardCall::lengthsBytes() const {
  return key.lengths ? bytesOf(seqLengths, sizeof(int32_t)) : 0;
}

Status ForwardCall::runWithoutSteps(bool &done) const {
  done = key.batch == 0 || key.seqLength == 0;
  if (key.batch == 0 || key.seqLength != 0)
    return success();
  // No step: the final states are the initial ones.
  const ForwardPointers p = pointers();
  const size_t rowBytes =
      static_cast<size_t>(key.numLayers * key.numDirections() * key.batch) *
      elementSize(key.dtype);
  const size_t stateBytes = rowBytes * static_cast<size_t>(key.hiddenSize());
  const size_t cellBytes = rowBytes * static_cast<size_t>(key.numUnits);
  cudaStream_t stream = context.stream;
  RNNRT_CHECK(cudaMemcpyAsync(const_cast<void *>(p[5]), p[1], stateBytes,
                              cudaMemcpyDeviceToDevice, stream));
  if (key.mode == RNNRT_MODE_LSTM)
    RNNRT_CHECK(cudaMemcpyAsync(const_cast<void *>(p[6]), p[2], cellBytes,
                                cudaMemcpyDeviceToDevice, stream));
  return success();
}

void describeForwardCall(const void *call, std::string &out) {
  static_cast<const ForwardCall *>(call)->key.describe(out);
}

} // namespace rnnrt::cuda
