//===- OneDNN.cpp - The onednn backend: oneDNN RNN primitive calls --------===//
//
// rnnrt_onednn_rnn_forward_{f32,bf16} run a stacked recurrent layer with
// oneDNN's RNN primitives, one per layer (the two directions in one,
// concatenated); both element types take one path, which the type only
// parameterizes. What a call needs besides its buffers lives in a Plan, built
// once per configuration, element type and (T, B): the primitives, and per
// params contents the
// weights converted from the packed cuDNN layout to oneDNN's (ldigo,
// oneDNN's gate order, one bias per gate) and reordered into the packed GEMM
// format the primitive prefers. A call of an unchanged configuration only
// fingerprints the params (skipped for constant params) and executes.
//
// Mapping (rnn dialect -> oneDNN), per layer l and direction d:
//   LSTM gates i, f, g, o = oneDNN's i, f, c~, o; bias b_W + b_R per gate.
//   GRU r, z, n -> oneDNN u (= z), r, o (= n). linear_before_reset: lbr_gru,
//   bias u, r: b_W + b_R; o: b_Wn; the extra fourth: b_Rn. Otherwise
//   vanilla_gru (reset before the matmul), o's bias b_Wn + b_Rn.
//   RNN tanh/relu: vanilla_rnn with eltwise_tanh / eltwise_relu.
// bf16: x, h, y and the weights are bf16; the bias and the cell state are
// f32 (oneDNN's choice for the bias, ours for c, which the cpu backend also
// keeps in f32 between steps); the packed params are widened to f32 once
// per preparation.
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/OneDNNRuntime.h"

namespace {

/// The element types of the entry points.
enum class Element { F32, BF16 };

/// One call's configuration and buffers, whatever their element type (all
/// contiguous; cx/cy are ignored without a cell state).
struct Call {
  int64_t mode, numLayers, numUnits, inputSize, direction, linearBeforeReset;
  bool weightsConstant;
  Element element;
  int64_t steps, batch, paramsCount;
  const void *x, *hx, *cx, *w;
  void *y, *hy, *cy;
};

/// Runs `call`, its failures recorded as this thread's error.
void run(const Call &call);

} // namespace

#ifdef RNNRT_HAVE_DNNL

#include "SmallBatch.h"

#include "rnn/Support/ParamsLayout.h"

#include <dnnl.hpp>
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using DataType = memory::data_type;

/// The engine all plans use (oneDNN's CPU engine is thread-safe).
dnnl::engine &getEngine() {
  static dnnl::engine *engine = new dnnl::engine(dnnl::engine::kind::cpu, 0);
  return *engine;
}

/// Every configuration field a plan depends on.
struct PlanKey {
  int64_t mode, numLayers, numUnits, inputSize, direction, linearBeforeReset;
  int64_t steps, batch;
  DataType type;
  bool operator<(const PlanKey &other) const {
    return std::tie(mode, numLayers, numUnits, inputSize, direction,
                    linearBeforeReset, steps, batch, type) <
           std::tie(other.mode, other.numLayers, other.numUnits,
                    other.inputSize, other.direction, other.linearBeforeReset,
                    other.steps, other.batch, other.type);
  }
};

/// One layer's primitive and its descriptor.
struct LayerPrimitive {
  dnnl::primitive primitive;
  memory::desc weightsLayer, weightsIter, bias;
  memory::desc srcLayer, srcIter, srcIterC, dstLayer, dstIter, dstIterC;
};

/// oneDNN's type of `element`.
DataType getDataType(Element element) {
  return element == Element::BF16 ? DataType::bf16 : DataType::f32;
}

/// The bytes of one element of `type`.
int64_t getElementSize(DataType type) {
  return int64_t(memory::desc({1}, type, Tag::a).get_size());
}

/// The weights of every layer in the primitives' formats.
struct PreparedWeights {
  uint64_t fingerprint = 0;
  std::vector<memory> weightsLayer, weightsIter, bias;
};

/// Everything a configuration and shape needs, shared by all calls.
struct Plan {
  rnnrt::LayerConfig config;
  int64_t steps = 0, batch = 0;
  DataType type = DataType::f32;
  bool linearBeforeReset = true;
  /// OpenMP threads the primitives are created and run with.
  int threads = 1;
  std::vector<LayerPrimitive> layers;
  std::mutex mutex;
  /// The most recently used weights first; a few are kept (several
  /// weight sets of one shape, e.g. layers of a model sharing shapes).
  std::list<std::shared_ptr<PreparedWeights>> weights;
};

constexpr size_t kMaxWeightSets = 4;

/// Below this many FLOPs per recurrent step (2 G H (I + H) B of the widest
/// layer) one thread runs the primitives: a fork and join per step costs
/// more than the step (T=1 B=1 H=256: 1 MFLOP), and on a loaded machine
/// waiting for a descheduled worker costs whole scheduler ticks.
constexpr int64_t kMinFlopsPerStepForThreads = int64_t(4) << 20;

/// Sets this thread's OpenMP thread count for its lifetime.
class ScopedThreads {
public:
  explicit ScopedThreads(int threads) : previous(omp_get_max_threads()) {
    if (threads != previous)
      omp_set_num_threads(threads);
  }
  ~ScopedThreads() {
    if (omp_get_max_threads() != previous)
      omp_set_num_threads(previous);
  }

private:
  int previous;
};

/// oneDNN gate index of the dialect's gate k (cuDNN order).
int64_t getOneDNNGate(rnnrt_mode mode, int64_t k) {
  if (mode == RNNRT_MODE_GRU) {
    static const int64_t gru[] = {1, 0, 2}; // r -> 1, z -> 0 (u), n -> 2 (o)
    return gru[k];
  }
  return k;
}

/// The fingerprint of one chunk of `numBytes` bytes (a multiple of 64): a
/// multiply-xor hash over sixteen 32-bit lanes, which compilers vectorize.
template <typename = void>
uint32_t hashChunkImpl(const unsigned char *bytes, int64_t numBytes) {
  constexpr uint32_t prime = 0x9E3779B1u;
  uint32_t lanes[16];
  for (int lane = 0; lane < 16; ++lane)
    lanes[lane] = lane + 1;
  for (int64_t i = 0; i < numBytes; i += 64) {
    uint32_t words[16];
    std::memcpy(words, bytes + i, 64);
    for (int lane = 0; lane < 16; ++lane)
      lanes[lane] = (lanes[lane] ^ words[lane]) * prime;
  }
  uint32_t hash = 0;
  for (uint32_t lane : lanes)
    hash = (hash ^ lane ^ (lane >> 15)) * prime;
  return hash;
}

__attribute__((target("avx2"))) uint32_t
hashChunkAVX2(const unsigned char *bytes, int64_t numBytes) {
  return hashChunkImpl<>(bytes, numBytes);
}

uint32_t hashChunk(const unsigned char *bytes, int64_t numBytes) {
  static const bool hasAVX2 = __builtin_cpu_supports("avx2");
  return hasAVX2 ? hashChunkAVX2(bytes, numBytes)
                 : hashChunkImpl<>(bytes, numBytes);
}

/// A fingerprint of `numBytes` bytes: 64 KiB chunks hashed in parallel
/// (OpenMP, oneDNN's threads), combined in order, so the result does not
/// depend on the thread count.
uint64_t fingerprint(const void *data, int64_t numBytes) {
  constexpr int64_t chunkBytes = int64_t(64) << 10;
  const unsigned char *bytes = static_cast<const unsigned char *>(data);
  const int64_t numChunks = numBytes / chunkBytes;
  std::vector<uint32_t> chunks(numChunks);
#pragma omp parallel for schedule(static) if (numChunks > 8)
  for (int64_t chunk = 0; chunk < numChunks; ++chunk)
    chunks[chunk] = hashChunk(bytes + chunk * chunkBytes, chunkBytes);
  const uint64_t prime = 0x9E3779B97F4A7C15ull;
  uint64_t hash = uint64_t(numBytes);
  for (uint32_t value : chunks)
    hash = (hash ^ value) * prime;
  for (int64_t i = numChunks * chunkBytes; i < numBytes; ++i)
    hash = (hash ^ bytes[i]) * prime;
  return hash;
}

/// The primitive of one layer, on `type` data (f32 bias and cell state).
LayerPrimitive createLayer(const rnnrt::LayerConfig &config, int64_t layer,
                           int64_t steps, int64_t batch, bool linearBeforeReset,
                           DataType type) {
  const int64_t hidden = config.numUnits;
  const int64_t dirs = config.numDirections();
  const int64_t input = config.layerInputSize(layer);
  const int64_t gates = config.numGates();
  const bool lbr = config.mode == RNNRT_MODE_GRU && linearBeforeReset;
  auto direction = dirs == 2 ? dnnl::rnn_direction::bidirectional_concat
                             : dnnl::rnn_direction::unidirectional_left2right;
  memory::desc srcLayer({steps, batch, input}, type, Tag::tnc);
  memory::desc srcIter({1, dirs, batch, hidden}, type, Tag::ldnc);
  memory::desc srcIterC({1, dirs, batch, hidden}, DataType::f32, Tag::ldnc);
  memory::desc weightsLayer({1, dirs, input, gates, hidden}, type, Tag::any);
  memory::desc weightsIter({1, dirs, hidden, gates, hidden}, type, Tag::any);
  memory::desc bias({1, dirs, gates + (lbr ? 1 : 0), hidden}, DataType::f32,
                    Tag::ldgo);
  memory::desc dstLayer({steps, batch, dirs * hidden}, type, Tag::tnc);
  memory::desc dstIter({1, dirs, batch, hidden}, type, Tag::ldnc);
  auto inference = dnnl::prop_kind::forward_inference;
  dnnl::engine &engine = getEngine();
  LayerPrimitive result;
  auto finish = [&](auto primitiveDesc) {
    result.weightsLayer = primitiveDesc.weights_layer_desc();
    result.weightsIter = primitiveDesc.weights_iter_desc();
    result.bias = primitiveDesc.bias_desc();
    result.primitive = dnnl::primitive(primitiveDesc);
  };
  switch (config.mode) {
  case RNNRT_MODE_LSTM: {
    dnnl::lstm_forward::desc desc(inference, direction, srcLayer, srcIter,
                                  srcIterC, weightsLayer, weightsIter, bias,
                                  dstLayer, dstIter, srcIterC);
    finish(dnnl::lstm_forward::primitive_desc(desc, engine));
    break;
  }
  case RNNRT_MODE_GRU:
    if (lbr) {
      dnnl::lbr_gru_forward::desc desc(inference, direction, srcLayer, srcIter,
                                       weightsLayer, weightsIter, bias,
                                       dstLayer, dstIter);
      finish(dnnl::lbr_gru_forward::primitive_desc(desc, engine));
    } else {
      dnnl::gru_forward::desc desc(inference, direction, srcLayer, srcIter,
                                   weightsLayer, weightsIter, bias, dstLayer,
                                   dstIter);
      finish(dnnl::gru_forward::primitive_desc(desc, engine));
    }
    break;
  case RNNRT_MODE_RNN_TANH:
  case RNNRT_MODE_RNN_RELU: {
    auto activation = config.mode == RNNRT_MODE_RNN_TANH
                          ? dnnl::algorithm::eltwise_tanh
                          : dnnl::algorithm::eltwise_relu;
    dnnl::vanilla_rnn_forward::desc desc(inference, activation, direction,
                                         srcLayer, srcIter, weightsLayer,
                                         weightsIter, bias, dstLayer, dstIter);
    finish(dnnl::vanilla_rnn_forward::primitive_desc(desc, engine));
    break;
  }
  }
  result.srcLayer = srcLayer;
  result.srcIter = srcIter;
  result.srcIterC = srcIterC;
  result.dstLayer = dstLayer;
  result.dstIter = dstIter;
  result.dstIterC = srcIterC;
  return result;
}

/// createLayer, with a CPU that cannot run `type`'s primitives (oneDNN
/// answers unimplemented) reported as such.
LayerPrimitive createLayerOrExplain(const rnnrt::LayerConfig &config,
                                    int64_t layer, int64_t steps, int64_t batch,
                                    bool linearBeforeReset, DataType type) {
  try {
    return createLayer(config, layer, steps, batch, linearBeforeReset, type);
  } catch (const dnnl::error &error) {
    if (type == DataType::f32 || error.status != dnnl_unimplemented)
      throw;
    throw std::runtime_error(
        std::string("this CPU cannot run oneDNN's bf16 RNN primitives "
                    "(oneDNN 2.6 needs AVX-512; run f32 or --backend=cpu): ") +
        error.what());
  }
}

/// Converts `count` contiguous elements from `fromType` to `toType`.
void convert(dnnl::stream &stream, const void *from, DataType fromType,
             void *to, DataType toType, int64_t count) {
  dnnl::engine &engine = getEngine();
  memory source({{count}, fromType, Tag::a}, engine, const_cast<void *>(from));
  memory target({{count}, toType, Tag::a}, engine, to);
  dnnl::reorder(source, target).execute(stream, source, target);
}

/// Converts the packed params `params` (`count` elements of the plan's
/// type) to every layer's weights in the primitives' formats.
std::shared_ptr<PreparedWeights> prepareWeights(Plan &plan, const void *params,
                                                int64_t count, uint64_t hash) {
  const rnnrt::LayerConfig &config = plan.config;
  rnnrt::ParamsLayout layout(config);
  const int64_t hidden = config.numUnits;
  const int64_t dirs = config.numDirections();
  const int64_t gates = config.numGates();
  const bool lbr = config.mode == RNNRT_MODE_GRU && plan.linearBeforeReset;
  dnnl::engine &engine = getEngine();
  dnnl::stream stream(engine);
  // The canonical weights in f32, from which the reorders below take them
  // to the primitives' type.
  std::vector<float> widened;
  const float *w = static_cast<const float *>(params);
  if (plan.type != DataType::f32) {
    widened.resize(count);
    convert(stream, params, plan.type, widened.data(), DataType::f32, count);
    stream.wait();
    w = widened.data();
  }
  auto prepared = std::make_shared<PreparedWeights>();
  prepared->fingerprint = hash;
  for (int64_t layer = 0; layer < config.numLayers; ++layer) {
    const LayerPrimitive &primitive = plan.layers[layer];
    const int64_t input = config.layerInputSize(layer);
    // ldigo: [dir][in][gate][out] = canonical matrix (gate)[out][in].
    std::vector<float> layerWeights(dirs * input * gates * hidden);
    std::vector<float> iterWeights(dirs * hidden * gates * hidden);
    std::vector<float> bias(dirs * (gates + (lbr ? 1 : 0)) * hidden);
    for (int64_t d = 0; d < dirs; ++d) {
      for (int64_t k = 0; k < gates; ++k) {
        const int64_t g = getOneDNNGate(config.mode, k);
        const float *wk = w + layout.matrixOffset(layer, d, k);
        const float *rk = w + layout.matrixOffset(layer, d, gates + k);
        for (int64_t o = 0; o < hidden; ++o) {
          for (int64_t i = 0; i < input; ++i)
            layerWeights[((d * input + i) * gates + g) * hidden + o] =
                wk[o * input + i];
          for (int64_t i = 0; i < hidden; ++i)
            iterWeights[((d * hidden + i) * gates + g) * hidden + o] =
                rk[o * hidden + i];
        }
        const float *bw = w + layout.biasOffset(layer, d, k);
        const float *br = w + layout.biasOffset(layer, d, gates + k);
        float *b = bias.data() + (d * (gates + (lbr ? 1 : 0)) + g) * hidden;
        const bool splitRecurrent = lbr && k == 2;
        for (int64_t o = 0; o < hidden; ++o)
          b[o] = splitRecurrent ? bw[o] : bw[o] + br[o];
        if (splitRecurrent) {
          float *extra = bias.data() + (d * (gates + 1) + gates) * hidden;
          for (int64_t o = 0; o < hidden; ++o)
            extra[o] = br[o];
        }
      }
    }
    auto reorderInto = [&](const memory::desc &target, memory::dims dims,
                           std::vector<float> &data) {
      memory user({dims, DataType::f32, Tag::ldigo}, engine, data.data());
      memory packed(target, engine);
      dnnl::reorder(user, packed).execute(stream, user, packed);
      return packed;
    };
    prepared->weightsLayer.push_back(reorderInto(
        primitive.weightsLayer, {1, dirs, input, gates, hidden}, layerWeights));
    prepared->weightsIter.push_back(reorderInto(
        primitive.weightsIter, {1, dirs, hidden, gates, hidden}, iterWeights));
    memory biasMemory(primitive.bias, engine);
    std::memcpy(biasMemory.get_data_handle(), bias.data(),
                bias.size() * sizeof(float));
    prepared->bias.push_back(biasMemory);
  }
  stream.wait();
  return prepared;
}

/// The plan of `key`, created on first use.
Plan &getPlan(const PlanKey &key) {
  static std::mutex mutex;
  static std::map<PlanKey, std::unique_ptr<Plan>> *plans =
      new std::map<PlanKey, std::unique_ptr<Plan>>();
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<Plan> &plan = (*plans)[key];
  if (!plan) {
    auto created = std::make_unique<Plan>();
    created->config = rnnrt::makeLayerConfig(
        static_cast<rnnrt_mode>(key.mode), key.numLayers, key.numUnits,
        key.inputSize, static_cast<rnnrt_direction>(key.direction),
        RNNRT_INPUT_LINEAR);
    created->steps = key.steps;
    created->batch = key.batch;
    created->type = key.type;
    created->linearBeforeReset = key.linearBeforeReset != 0;
    const rnnrt::LayerConfig &config = created->config;
    int64_t widest = 0;
    for (int64_t layer = 0; layer < key.numLayers; ++layer)
      widest = std::max(widest, config.layerInputSize(layer));
    const int64_t flopsPerStep = 2 * config.numGates() * config.numUnits *
                                 (widest + config.numUnits) * key.batch;
    created->threads =
        flopsPerStep < kMinFlopsPerStepForThreads ? 1 : omp_get_max_threads();
    ScopedThreads threads(created->threads);
    for (int64_t layer = 0; layer < key.numLayers; ++layer)
      created->layers.push_back(
          createLayerOrExplain(created->config, layer, key.steps, key.batch,
                               created->linearBeforeReset, key.type));
    plan = std::move(created);
  }
  return *plan;
}

/// The prepared weights of `plan` for params `w` of `count` elements.
std::shared_ptr<PreparedWeights> getWeights(Plan &plan, const void *w,
                                            int64_t count, bool constant) {
  // A constant's contents never change: its address identifies it.
  uint64_t hash = constant ? reinterpret_cast<uintptr_t>(w) ^ 0x5bd1e995u
                           : fingerprint(w, count * getElementSize(plan.type));
  std::lock_guard<std::mutex> lock(plan.mutex);
  for (auto it = plan.weights.begin(); it != plan.weights.end(); ++it) {
    if ((*it)->fingerprint != hash)
      continue;
    plan.weights.splice(plan.weights.begin(), plan.weights, it);
    return plan.weights.front();
  }
  plan.weights.push_front(prepareWeights(plan, w, count, hash));
  if (plan.weights.size() > kMaxWeightSets)
    plan.weights.pop_back();
  return plan.weights.front();
}

/// Runs the matrix-vector path of small f32 batches; false if `call` does
/// not take it.
bool runSmallBatch(const Call &call, const rnnrt::LayerConfig &config) {
  static const bool hasAVX2 =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (call.element != Element::F32 || !hasAVX2 ||
      (call.batch > rnnrt::kMaxSmallBatch && call.steps != 0))
    return false;
  rnnrt::SmallBatchCall small;
  small.config = config;
  small.linearBeforeReset = call.linearBeforeReset != 0;
  small.steps = call.steps;
  small.batch = call.batch;
  small.x = static_cast<const float *>(call.x);
  small.hx = static_cast<const float *>(call.hx);
  small.cx = static_cast<const float *>(call.cx);
  small.w = static_cast<const float *>(call.w);
  small.y = static_cast<float *>(call.y);
  small.hy = static_cast<float *>(call.hy);
  small.cy = static_cast<float *>(call.cy);
  ScopedThreads threads(omp_get_max_threads());
  rnnrt::runSmallBatchForward(small);
  return true;
}

void forward(const Call &call) {
  const int64_t steps = call.steps, batch = call.batch;
  if (batch == 0)
    return;
  const rnnrt::LayerConfig config = rnnrt::makeLayerConfig(
      static_cast<rnnrt_mode>(call.mode), call.numLayers, call.numUnits,
      call.inputSize, static_cast<rnnrt_direction>(call.direction),
      RNNRT_INPUT_LINEAR);
  if (runSmallBatch(call, config))
    return;
  const DataType type = getDataType(call.element);
  const int64_t numLayers = config.numLayers;
  const int64_t dirs = config.numDirections();
  const int64_t hidden = config.numUnits;
  const int64_t stateRows = dirs * batch * hidden;
  const int64_t elementSize = getElementSize(type);
  const bool hasCell = config.hasCellState();
  if (steps == 0) {
    // No step to run: the final states are the initial ones.
    std::memcpy(call.hy, call.hx, numLayers * stateRows * elementSize);
    if (hasCell)
      std::memcpy(call.cy, call.cx, numLayers * stateRows * elementSize);
    return;
  }
  PlanKey key{call.mode,
              call.numLayers,
              call.numUnits,
              call.inputSize,
              call.direction,
              call.mode == RNNRT_MODE_GRU ? call.linearBeforeReset : 1,
              steps,
              batch,
              type};
  Plan &plan = getPlan(key);
  ScopedThreads threads(plan.threads);
  std::shared_ptr<PreparedWeights> weights =
      getWeights(plan, call.w, call.paramsCount, call.weightsConstant);
  dnnl::engine &engine = getEngine();
  thread_local dnnl::stream stream(engine);
  auto offset = [&](const void *data, int64_t elements) {
    return static_cast<char *>(const_cast<void *>(data)) +
           elements * elementSize;
  };

  // Layers below the last write into a scratch sequence of [T, B, D*H]
  // (two, alternating, for three layers and more).
  const int64_t sequence = steps * batch * dirs * hidden;
  void *scratch[2] = {nullptr, nullptr};
  for (int64_t i = 0; i < std::min<int64_t>(numLayers - 1, 2); ++i)
    scratch[i] = rnnrt_cpu_aligned_alloc(64, sequence * elementSize);
  // The f32 cell state of every layer (the buffers themselves for f32).
  const int64_t cellCount = numLayers * stateRows;
  float *cellIn = static_cast<float *>(const_cast<void *>(call.cx));
  float *cellOut = static_cast<float *>(call.cy);
  float *cellScratch = nullptr;
  if (hasCell && type != DataType::f32) {
    cellScratch = static_cast<float *>(
        rnnrt_cpu_aligned_alloc(64, 2 * cellCount * sizeof(float)));
    cellIn = cellScratch;
    cellOut = cellScratch + cellCount;
    convert(stream, call.cx, type, cellIn, DataType::f32, cellCount);
  }
  const void *layerInput = call.x;
  for (int64_t layer = 0; layer < numLayers; ++layer) {
    const LayerPrimitive &primitive = plan.layers[layer];
    void *layerOutput = layer + 1 == numLayers ? call.y : scratch[layer % 2];
    auto wrap = [&](const memory::desc &desc, const void *data) {
      return memory(desc, engine, const_cast<void *>(data));
    };
    std::unordered_map<int, memory> args = {
        {DNNL_ARG_SRC_LAYER, wrap(primitive.srcLayer, layerInput)},
        {DNNL_ARG_SRC_ITER,
         wrap(primitive.srcIter, offset(call.hx, layer * stateRows))},
        {DNNL_ARG_WEIGHTS_LAYER, weights->weightsLayer[layer]},
        {DNNL_ARG_WEIGHTS_ITER, weights->weightsIter[layer]},
        {DNNL_ARG_BIAS, weights->bias[layer]},
        {DNNL_ARG_DST_LAYER, wrap(primitive.dstLayer, layerOutput)},
        {DNNL_ARG_DST_ITER,
         wrap(primitive.dstIter, offset(call.hy, layer * stateRows))},
    };
    if (hasCell) {
      args.emplace(DNNL_ARG_SRC_ITER_C,
                   wrap(primitive.srcIterC, cellIn + layer * stateRows));
      args.emplace(DNNL_ARG_DST_ITER_C,
                   wrap(primitive.dstIterC, cellOut + layer * stateRows));
    }
    primitive.primitive.execute(stream, args);
    layerInput = layerOutput;
  }
  if (cellScratch)
    convert(stream, cellOut, DataType::f32, call.cy, type, cellCount);
  stream.wait();
  for (void *buffer : scratch)
    rnnrt_cpu_free(buffer);
  rnnrt_cpu_free(cellScratch);
}

void run(const Call &call) {
  try {
    forward(call);
  } catch (const dnnl::error &error) {
    rnnrt_set_error((std::string("onednn backend: ") + error.what() +
                     " (status " +
                     std::to_string(static_cast<int>(error.status)) + ")")
                        .c_str());
  } catch (const std::exception &error) {
    rnnrt_set_error((std::string("onednn backend: ") + error.what()).c_str());
  }
}

} // namespace

int rnnrt_onednn_available(void) { return 1; }

#else // !RNNRT_HAVE_DNNL

namespace {

void run(const Call &) {
  rnnrt_set_error("onednn backend: this build has no oneDNN (install "
                  "libdnnl-dev and reconfigure)");
}

} // namespace

int rnnrt_onednn_available(void) { return 0; }

#endif // RNNRT_HAVE_DNNL

namespace {

template <typename Buffer> void *dataOf(Buffer *buffer) {
  return buffer->aligned + buffer->offset;
}

/// The call of an entry point on `element` data.
template <typename Buffer3D, typename Buffer1D>
void runEntry(Element element, int64_t mode, int64_t numLayers,
              int64_t numUnits, int64_t inputSize, int64_t direction,
              int64_t linearBeforeReset, int64_t weightsConstant, Buffer3D *x,
              Buffer3D *hx, Buffer3D *cx, Buffer1D *w, Buffer3D *y,
              Buffer3D *hy, Buffer3D *cy) {
  run(Call{mode, numLayers, numUnits, inputSize, direction, linearBeforeReset,
           weightsConstant != 0, element, x->sizes[0], x->sizes[1], w->sizes[0],
           dataOf(x), dataOf(hx), dataOf(cx), dataOf(w), dataOf(y), dataOf(hy),
           dataOf(cy)});
}

} // namespace

extern "C" {

void _mlir_ciface_rnnrt_onednn_rnn_forward_f32(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t direction, int64_t linear_before_reset, int64_t weights_constant,
    rnnrt_memref3d_f32 *x, rnnrt_memref3d_f32 *hx, rnnrt_memref3d_f32 *cx,
    rnnrt_memref1d_f32 *w, rnnrt_memref3d_f32 *y, rnnrt_memref3d_f32 *hy,
    rnnrt_memref3d_f32 *cy) {
  runEntry(Element::F32, mode, num_layers, num_units, input_size, direction,
           linear_before_reset, weights_constant, x, hx, cx, w, y, hy, cy);
}

void _mlir_ciface_rnnrt_onednn_rnn_forward_bf16(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t direction, int64_t linear_before_reset, int64_t weights_constant,
    rnnrt_memref3d_bf16 *x, rnnrt_memref3d_bf16 *hx, rnnrt_memref3d_bf16 *cx,
    rnnrt_memref1d_bf16 *w, rnnrt_memref3d_bf16 *y, rnnrt_memref3d_bf16 *hy,
    rnnrt_memref3d_bf16 *cy) {
  runEntry(Element::BF16, mode, num_layers, num_units, input_size, direction,
           linear_before_reset, weights_constant, x, hx, cx, w, y, hy, cy);
}

} // extern "C"
