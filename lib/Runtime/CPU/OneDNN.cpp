//===- OneDNN.cpp - The onednn backend: oneDNN RNN primitive calls --------===//
//
// rnnrt_onednn_rnn_forward_f32 runs a stacked recurrent layer with oneDNN's
// RNN primitives, one per layer (the two directions in one, concatenated).
// What a call needs besides its buffers lives in a Plan, built once per
// configuration and (T, B): the primitives, and per params contents the
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
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/OneDNNRuntime.h"

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
  bool operator<(const PlanKey &other) const {
    return std::tie(mode, numLayers, numUnits, inputSize, direction,
                    linearBeforeReset, steps, batch) <
           std::tie(other.mode, other.numLayers, other.numUnits,
                    other.inputSize, other.direction, other.linearBeforeReset,
                    other.steps, other.batch);
  }
};

/// One layer's primitive and its descriptor.
struct LayerPrimitive {
  dnnl::primitive primitive;
  memory::desc weightsLayer, weightsIter, bias;
  memory::desc srcLayer, srcIter, srcIterC, dstLayer, dstIter, dstIterC;
};

/// The weights of every layer in the primitives' formats.
struct PreparedWeights {
  uint64_t fingerprint = 0;
  std::vector<memory> weightsLayer, weightsIter, bias;
};

/// Everything a configuration and shape needs, shared by all calls.
struct Plan {
  rnnrt::LayerConfig config;
  int64_t steps = 0, batch = 0;
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

/// A fingerprint of `count` floats: 64 KiB chunks hashed in parallel
/// (OpenMP, oneDNN's threads), combined in order, so the result does not
/// depend on the thread count.
uint64_t fingerprint(const float *data, int64_t count) {
  constexpr int64_t chunkBytes = int64_t(64) << 10;
  const unsigned char *bytes = reinterpret_cast<const unsigned char *>(data);
  const int64_t numBytes = count * int64_t(sizeof(float));
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

/// The primitive of one layer.
LayerPrimitive createLayer(const rnnrt::LayerConfig &config, int64_t layer,
                           int64_t steps, int64_t batch,
                           bool linearBeforeReset) {
  const int64_t hidden = config.numUnits;
  const int64_t dirs = config.numDirections();
  const int64_t input = config.layerInputSize(layer);
  const int64_t gates = config.numGates();
  const bool lbr = config.mode == RNNRT_MODE_GRU && linearBeforeReset;
  auto direction = dirs == 2 ? dnnl::rnn_direction::bidirectional_concat
                             : dnnl::rnn_direction::unidirectional_left2right;
  memory::desc srcLayer({steps, batch, input}, DataType::f32, Tag::tnc);
  memory::desc srcIter({1, dirs, batch, hidden}, DataType::f32, Tag::ldnc);
  memory::desc weightsLayer({1, dirs, input, gates, hidden}, DataType::f32,
                            Tag::any);
  memory::desc weightsIter({1, dirs, hidden, gates, hidden}, DataType::f32,
                           Tag::any);
  memory::desc bias({1, dirs, gates + (lbr ? 1 : 0), hidden}, DataType::f32,
                    Tag::ldgo);
  memory::desc dstLayer({steps, batch, dirs * hidden}, DataType::f32, Tag::tnc);
  memory::desc dstIter({1, dirs, batch, hidden}, DataType::f32, Tag::ldnc);
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
                                  srcIter, weightsLayer, weightsIter, bias,
                                  dstLayer, dstIter, dstIter);
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
  result.dstLayer = dstLayer;
  result.dstIter = dstIter;
  return result;
}

/// Converts the packed params `w` to every layer's weights in the
/// primitives' formats.
std::shared_ptr<PreparedWeights> prepareWeights(Plan &plan, const float *w,
                                                uint64_t hash) {
  const rnnrt::LayerConfig &config = plan.config;
  rnnrt::ParamsLayout layout(config);
  const int64_t hidden = config.numUnits;
  const int64_t dirs = config.numDirections();
  const int64_t gates = config.numGates();
  const bool lbr = config.mode == RNNRT_MODE_GRU && plan.linearBeforeReset;
  dnnl::engine &engine = getEngine();
  dnnl::stream stream(engine);
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
      created->layers.push_back(createLayer(created->config, layer, key.steps,
                                            key.batch,
                                            created->linearBeforeReset));
    plan = std::move(created);
  }
  return *plan;
}

/// The prepared weights of `plan` for params `w` of `count` elements.
std::shared_ptr<PreparedWeights> getWeights(Plan &plan, const float *w,
                                            int64_t count, bool constant) {
  // A constant's contents never change: its address identifies it.
  uint64_t hash = constant ? reinterpret_cast<uintptr_t>(w) ^ 0x5bd1e995u
                           : fingerprint(w, count);
  std::lock_guard<std::mutex> lock(plan.mutex);
  for (auto it = plan.weights.begin(); it != plan.weights.end(); ++it) {
    if ((*it)->fingerprint != hash)
      continue;
    plan.weights.splice(plan.weights.begin(), plan.weights, it);
    return plan.weights.front();
  }
  plan.weights.push_front(prepareWeights(plan, w, hash));
  if (plan.weights.size() > kMaxWeightSets)
    plan.weights.pop_back();
  return plan.weights.front();
}

float *dataOf(rnnrt_memref3d_f32 *buffer) {
  return buffer->aligned + buffer->offset;
}

void forward(int64_t mode, int64_t numLayers, int64_t numUnits,
             int64_t inputSize, int64_t direction, int64_t linearBeforeReset,
             int64_t weightsConstant, rnnrt_memref3d_f32 *x,
             rnnrt_memref3d_f32 *hx, rnnrt_memref3d_f32 *cx,
             rnnrt_memref1d_f32 *w, rnnrt_memref3d_f32 *y,
             rnnrt_memref3d_f32 *hy, rnnrt_memref3d_f32 *cy) {
  const int64_t steps = x->sizes[0], batch = x->sizes[1];
  if (batch == 0)
    return;
  // Small batches: matrix-vector products straight from the params.
  static const bool hasAVX2 =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (hasAVX2 && (batch <= rnnrt::kMaxSmallBatch || steps == 0)) {
    rnnrt::SmallBatchCall call;
    call.config = rnnrt::makeLayerConfig(
        static_cast<rnnrt_mode>(mode), numLayers, numUnits, inputSize,
        static_cast<rnnrt_direction>(direction), RNNRT_INPUT_LINEAR);
    call.linearBeforeReset = linearBeforeReset != 0;
    call.steps = steps;
    call.batch = batch;
    call.x = dataOf(x);
    call.hx = dataOf(hx);
    call.cx = dataOf(cx);
    call.w = w->aligned + w->offset;
    call.y = dataOf(y);
    call.hy = dataOf(hy);
    call.cy = dataOf(cy);
    ScopedThreads threads(omp_get_max_threads());
    rnnrt::runSmallBatchForward(call);
    return;
  }
  PlanKey key{mode,      numLayers,
              numUnits,  inputSize,
              direction, mode == RNNRT_MODE_GRU ? linearBeforeReset : 1,
              steps,     batch};
  Plan &plan = getPlan(key);
  ScopedThreads threads(plan.threads);
  std::shared_ptr<PreparedWeights> weights = getWeights(
      plan, w->aligned + w->offset, w->sizes[0], weightsConstant != 0);
  const rnnrt::LayerConfig &config = plan.config;
  const int64_t dirs = config.numDirections();
  const int64_t hidden = config.numUnits;
  const int64_t stateRows = dirs * batch * hidden;
  const bool hasCell = config.hasCellState();
  dnnl::engine &engine = getEngine();
  thread_local dnnl::stream stream(engine);

  // Layers below the last write into a scratch sequence of [T, B, D*H]
  // (two, alternating, for three layers and more).
  const int64_t sequence = steps * batch * dirs * hidden;
  float *scratch[2] = {nullptr, nullptr};
  for (int64_t i = 0; i < std::min<int64_t>(numLayers - 1, 2); ++i)
    scratch[i] = static_cast<float *>(
        rnnrt_cpu_aligned_alloc(64, sequence * sizeof(float)));
  const float *layerInput = dataOf(x);
  for (int64_t layer = 0; layer < numLayers; ++layer) {
    const LayerPrimitive &primitive = plan.layers[layer];
    float *layerOutput =
        layer + 1 == numLayers ? dataOf(y) : scratch[layer % 2];
    auto wrap = [&](const memory::desc &desc, const float *data) {
      return memory(desc, engine, const_cast<float *>(data));
    };
    std::unordered_map<int, memory> args = {
        {DNNL_ARG_SRC_LAYER, wrap(primitive.srcLayer, layerInput)},
        {DNNL_ARG_SRC_ITER,
         wrap(primitive.srcIter, dataOf(hx) + layer * stateRows)},
        {DNNL_ARG_WEIGHTS_LAYER, weights->weightsLayer[layer]},
        {DNNL_ARG_WEIGHTS_ITER, weights->weightsIter[layer]},
        {DNNL_ARG_BIAS, weights->bias[layer]},
        {DNNL_ARG_DST_LAYER, wrap(primitive.dstLayer, layerOutput)},
        {DNNL_ARG_DST_ITER,
         wrap(primitive.dstIter, dataOf(hy) + layer * stateRows)},
    };
    if (hasCell) {
      args.emplace(DNNL_ARG_SRC_ITER_C,
                   wrap(primitive.srcIter, dataOf(cx) + layer * stateRows));
      args.emplace(DNNL_ARG_DST_ITER_C,
                   wrap(primitive.dstIter, dataOf(cy) + layer * stateRows));
    }
    primitive.primitive.execute(stream, args);
    layerInput = layerOutput;
  }
  stream.wait();
  for (float *buffer : scratch)
    rnnrt_cpu_free(buffer);
}

} // namespace

extern "C" {

void _mlir_ciface_rnnrt_onednn_rnn_forward_f32(
    int64_t mode, int64_t num_layers, int64_t num_units, int64_t input_size,
    int64_t direction, int64_t linear_before_reset, int64_t weights_constant,
    rnnrt_memref3d_f32 *x, rnnrt_memref3d_f32 *hx, rnnrt_memref3d_f32 *cx,
    rnnrt_memref1d_f32 *w, rnnrt_memref3d_f32 *y, rnnrt_memref3d_f32 *hy,
    rnnrt_memref3d_f32 *cy) {
  try {
    forward(mode, num_layers, num_units, input_size, direction,
            linear_before_reset, weights_constant, x, hx, cx, w, y, hy, cy);
  } catch (const dnnl::error &error) {
    rnnrt_set_error((std::string("onednn backend: ") + error.what() +
                     " (status " +
                     std::to_string(static_cast<int>(error.status)) + ")")
                        .c_str());
  } catch (const std::exception &error) {
    rnnrt_set_error((std::string("onednn backend: ") + error.what()).c_str());
  }
}

int rnnrt_onednn_available(void) { return 1; }

} // extern "C"

#else // !RNNRT_HAVE_DNNL

extern "C" {

void _mlir_ciface_rnnrt_onednn_rnn_forward_f32(
    int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t,
    rnnrt_memref3d_f32 *, rnnrt_memref3d_f32 *, rnnrt_memref3d_f32 *,
    rnnrt_memref1d_f32 *, rnnrt_memref3d_f32 *, rnnrt_memref3d_f32 *,
    rnnrt_memref3d_f32 *) {
  rnnrt_set_error("onednn backend: this build has no oneDNN (install "
                  "libdnnl-dev and reconfigure)");
}

int rnnrt_onednn_available(void) { return 0; }

} // extern "C"

#endif // RNNRT_HAVE_DNNL
