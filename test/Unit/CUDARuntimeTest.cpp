//===- CUDARuntimeTest.cpp - The cuDNN runtime against a CPU reference ----===//
//
// Tests of rnn/Runtime/CUDARuntime.h. Those that need a GPU skip only when
// rnnrt_cuda_init() reports that no CUDA GPU is present (any other init
// failure, e.g. a missing cuDNN on a GPU machine, fails them). The tests of
// the no-GPU path and of the symbol table run everywhere.
//
// The reference is a straightforward double-precision implementation of the
// semantics in CONTRACT.md, reading the weights through the packed layout
// (rnnrt::ParamsLayout).
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Runtime/ParamsLayout.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

//===----------------------------------------------------------------------===//
// The CPU reference
//===----------------------------------------------------------------------===//

/// One stacked-RNN configuration.
struct Config {
  rnnrt_mode mode = RNNRT_MODE_LSTM;
  int64_t numLayers = 1;
  int64_t numUnits = 1;
  int64_t inputSize = 1;
  bool bidirectional = false;
  rnnrt_input_mode inputMode = RNNRT_INPUT_LINEAR;

  rnnrt::LayerConfig layerConfig() const {
    return rnnrt::makeLayerConfig(mode, numLayers, numUnits, inputSize,
                                  bidirectional
                                      ? RNNRT_DIRECTION_BIDIRECTIONAL
                                      : RNNRT_DIRECTION_UNIDIRECTIONAL,
                                  inputMode);
  }
  int64_t numDirections() const { return bidirectional ? 2 : 1; }
  int64_t numStates() const { return numLayers * numDirections(); }
  int64_t numWeights() const {
    return rnnrt::ParamsLayout(layerConfig()).size();
  }
};

double sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

/// The outputs of one forward.
struct Outputs {
  std::vector<double> y, hy, cy;
};

/// y [T, B, D*H], hy/cy [L*D, B, H] from x [T, B, I], hx/cx [L*D, B, H] and
/// the packed weights w, as CONTRACT.md defines them.
Outputs reference(const Config &c, int64_t seqLength, int64_t batch,
                  const std::vector<double> &x, const std::vector<double> &hx,
                  const std::vector<double> &cx, const std::vector<double> &w) {
  const rnnrt::LayerConfig config = c.layerConfig();
  const rnnrt::ParamsLayout layout(config);
  const int64_t dirs = c.numDirections(), hidden = c.numUnits;
  const int64_t gates = config.numGates();
  Outputs out;
  out.hy.assign(c.numStates() * batch * hidden, 0.0);
  out.cy.assign(c.numStates() * batch * hidden, 0.0);
  std::vector<double> input = x;
  int64_t inSize = c.inputSize;
  for (int64_t layer = 0; layer < c.numLayers; ++layer) {
    std::vector<double> output(seqLength * batch * dirs * hidden, 0.0);
    for (int64_t dir = 0; dir < dirs; ++dir) {
      const int64_t state = layer * dirs + dir;
      for (int64_t b = 0; b < batch; ++b) {
        std::vector<double> h(hidden), cell(hidden);
        for (int64_t j = 0; j < hidden; ++j) {
          h[j] = hx[(state * batch + b) * hidden + j];
          cell[j] = cx.empty() ? 0.0 : cx[(state * batch + b) * hidden + j];
        }
        for (int64_t step = 0; step < seqLength; ++step) {
          const int64_t t = dir == 0 ? step : seqLength - 1 - step;
          const double *in = &input[(t * batch + b) * inSize];
          // wx[k] = W_k x + b_Wk (x itself in skip_input), rh[k] = R_k h +
          // b_Rk.
          std::vector<double> wx(gates * hidden), rh(gates * hidden);
          for (int64_t k = 0; k < gates; ++k) {
            const int64_t wOffset = layout.matrixOffset(layer, dir, k);
            const int64_t rOffset = layout.matrixOffset(layer, dir, gates + k);
            const int64_t bwOffset = layout.biasOffset(layer, dir, k);
            const int64_t brOffset = layout.biasOffset(layer, dir, gates + k);
            for (int64_t j = 0; j < hidden; ++j) {
              double a = w[bwOffset + j];
              if (config.hasInputMatrices(layer)) {
                for (int64_t i = 0; i < inSize; ++i)
                  a += w[wOffset + j * inSize + i] * in[i];
              } else {
                a += in[j];
              }
              double r = w[brOffset + j];
              for (int64_t i = 0; i < hidden; ++i)
                r += w[rOffset + j * hidden + i] * h[i];
              wx[k * hidden + j] = a;
              rh[k * hidden + j] = r;
            }
          }
          for (int64_t j = 0; j < hidden; ++j) {
            auto gate = [&](int64_t k) {
              return wx[k * hidden + j] + rh[k * hidden + j];
            };
            switch (c.mode) {
            case RNNRT_MODE_LSTM: {
              double i = sigmoid(gate(0)), f = sigmoid(gate(1));
              double g = std::tanh(gate(2)), o = sigmoid(gate(3));
              cell[j] = f * cell[j] + i * g;
              h[j] = o * std::tanh(cell[j]);
              break;
            }
            case RNNRT_MODE_GRU: {
              double r = sigmoid(gate(0)), z = sigmoid(gate(1));
              double n = std::tanh(wx[2 * hidden + j] + r * rh[2 * hidden + j]);
              h[j] = (1.0 - z) * n + z * h[j];
              break;
            }
            case RNNRT_MODE_RNN_TANH:
              h[j] = std::tanh(gate(0));
              break;
            case RNNRT_MODE_RNN_RELU:
              h[j] = std::max(0.0, gate(0));
              break;
            }
            output[(t * batch + b) * dirs * hidden + dir * hidden + j] = h[j];
          }
        }
        for (int64_t j = 0; j < hidden; ++j) {
          out.hy[(state * batch + b) * hidden + j] = h[j];
          out.cy[(state * batch + b) * hidden + j] = cell[j];
        }
      }
    }
    input = std::move(output);
    inSize = dirs * hidden;
  }
  out.y = std::move(input);
  return out;
}

/// max |a - b| / max(1, |b|): relative for large values, absolute near 0.
double maxRelativeError(const std::vector<double> &actual,
                        const std::vector<double> &expected) {
  EXPECT_EQ(actual.size(), expected.size());
  double worst = 0;
  for (size_t i = 0; i < actual.size() && i < expected.size(); ++i) {
    double error = std::fabs(actual[i] - expected[i]) /
                   std::max(1.0, std::fabs(expected[i]));
    if (!(error <= worst)) // NaN counts as the worst error.
      worst = std::isnan(error) ? INFINITY : error;
  }
  return worst;
}

//===----------------------------------------------------------------------===//
// Device buffers and descriptors
//===----------------------------------------------------------------------===//

template <typename T> constexpr int64_t dtypeOf();
template <> constexpr int64_t dtypeOf<float>() { return RNNRT_DTYPE_F32; }
template <> constexpr int64_t dtypeOf<double>() { return RNNRT_DTYPE_F64; }
template <> constexpr int64_t dtypeOf<_Float16>() { return RNNRT_DTYPE_F16; }

/// The pending error, taken (so that the next check starts clean).
std::string takeError() { return rnnrt_cuda_take_error(); }

/// A device array of `count` elements of T.
template <typename T> class DeviceArray {
public:
  explicit DeviceArray(int64_t count) : count(count) {
    data = static_cast<T *>(rnnrt_cuda_alloc(count * sizeof(T)));
    EXPECT_NE(data, nullptr) << takeError();
  }
  ~DeviceArray() { rnnrt_cuda_free(data); }
  DeviceArray(const DeviceArray &) = delete;
  DeviceArray &operator=(const DeviceArray &) = delete;

  void upload(const std::vector<double> &values) {
    ASSERT_EQ(static_cast<int64_t>(values.size()), count);
    std::vector<T> host(values.begin(), values.end());
    ASSERT_EQ(rnnrt_cuda_memcpy(data, host.data(), count * sizeof(T), 0), 0)
        << takeError();
  }
  std::vector<double> download() const {
    std::vector<T> host(count);
    EXPECT_EQ(rnnrt_cuda_memcpy(host.data(), data, count * sizeof(T), 1), 0)
        << takeError();
    return std::vector<double>(host.begin(), host.end());
  }

  T *data = nullptr;
  int64_t count;
};

rnnrt_memref3d memref3d(void *data, int64_t d0, int64_t d1, int64_t d2) {
  return rnnrt_memref3d{data, data, 0, {d0, d1, d2}, {d1 * d2, d2, 1}};
}

rnnrt_memref1d memref1d(void *data, int64_t size) {
  return rnnrt_memref1d{data, data, 0, {size}, {1}};
}

/// Values in [-scale, scale], rounded to T so that the reference sees the
/// same inputs as the device.
template <typename T>
std::vector<double> randomValues(std::mt19937 &rng, int64_t count,
                                 double scale) {
  std::uniform_real_distribution<double> dist(-scale, scale);
  std::vector<double> values(count);
  for (double &v : values)
    v = static_cast<double>(static_cast<T>(dist(rng)));
  return values;
}

/// The inputs, outputs and descriptors of one forward of `config` with
/// element type T.
template <typename T> struct ForwardProblem {
  ForwardProblem(const Config &config, int64_t seqLength, int64_t batch,
                 unsigned seed)
      : config(config), seqLength(seqLength), batch(batch),
        x(seqLength * batch * config.inputSize),
        hx(config.numStates() * batch * config.numUnits),
        cx(config.numStates() * batch * config.numUnits),
        w(config.numWeights()),
        y(seqLength * batch * config.numDirections() * config.numUnits),
        hy(config.numStates() * batch * config.numUnits),
        cy(config.numStates() * batch * config.numUnits) {
    std::mt19937 rng(seed);
    hostX = randomValues<T>(rng, x.count, 1.0);
    hostHx = randomValues<T>(rng, hx.count, 0.5);
    hostCx = randomValues<T>(rng, cx.count, 0.5);
    hostW = randomValues<T>(rng, w.count, 0.5);
    x.upload(hostX);
    hx.upload(hostHx);
    cx.upload(hostCx);
    w.upload(hostW);
    const int64_t states = config.numStates(), hidden = config.numUnits;
    xDesc = memref3d(x.data, seqLength, batch, config.inputSize);
    hxDesc = memref3d(hx.data, states, batch, hidden);
    cxDesc = memref3d(cx.data, states, batch, hidden);
    wDesc = memref1d(w.data, w.count);
    yDesc = memref3d(y.data, seqLength, batch, config.numDirections() * hidden);
    hyDesc = memref3d(hy.data, states, batch, hidden);
    cyDesc = memref3d(cy.data, states, batch, hidden);
  }

  /// Enqueues the forward and waits for it.
  void run(int64_t math = RNNRT_MATH_STRICT, int64_t algo = RNNRT_ALGO_STANDARD,
           int64_t inputMode = -1) {
    _mlir_ciface_rnnrt_cudnn_rnn_forward(
        config.mode, config.numLayers, config.numUnits, config.inputSize,
        config.bidirectional ? RNNRT_DIRECTION_BIDIRECTIONAL
                             : RNNRT_DIRECTION_UNIDIRECTIONAL,
        inputMode >= 0 ? inputMode : int64_t(config.inputMode), dtypeOf<T>(),
        math, algo, &xDesc, &hxDesc, &cxDesc, &wDesc, &yDesc, &hyDesc, &cyDesc);
    rnnrt_cuda_synchronize();
  }

  /// The largest error of y, hy and (LSTM) cy against the reference.
  double maxError() {
    Outputs expected = reference(
        config, seqLength, batch, hostX, hostHx,
        config.mode == RNNRT_MODE_LSTM ? hostCx : std::vector<double>(), hostW);
    double error = maxRelativeError(y.download(), expected.y);
    error = std::max(error, maxRelativeError(hy.download(), expected.hy));
    if (config.mode == RNNRT_MODE_LSTM)
      error = std::max(error, maxRelativeError(cy.download(), expected.cy));
    return error;
  }

  Config config;
  int64_t seqLength, batch;
  std::vector<double> hostX, hostHx, hostCx, hostW;
  DeviceArray<T> x, hx, cx, w, y, hy, cy;
  rnnrt_memref3d xDesc, hxDesc, cxDesc, yDesc, hyDesc, cyDesc;
  rnnrt_memref1d wDesc;
};

/// Runs one forward and checks it against the reference.
template <typename T>
void expectMatchesReference(const Config &config, int64_t seqLength,
                            int64_t batch, double tolerance,
                            int64_t math = RNNRT_MATH_STRICT,
                            int64_t algo = RNNRT_ALGO_STANDARD,
                            unsigned seed = 1) {
  ForwardProblem<T> problem(config, seqLength, batch, seed);
  problem.run(math, algo);
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(problem.maxError(), tolerance);
}

Config lstm(int64_t layers, int64_t hidden, int64_t input, bool bidirectional,
            rnnrt_input_mode inputMode = RNNRT_INPUT_LINEAR) {
  return Config{RNNRT_MODE_LSTM, layers,        hidden,
                input,           bidirectional, inputMode};
}

Config withMode(Config config, rnnrt_mode mode) {
  config.mode = mode;
  return config;
}

//===----------------------------------------------------------------------===//
// Tests that run everywhere
//===----------------------------------------------------------------------===//

/// Without a GPU, init fails with a message that names the problem, and
/// every entry point records an error instead of crashing. With one, init
/// succeeds and an invalid forward records an error.
TEST(CUDARuntimeAnyMachine, ErrorsInsteadOfCrashes) {
  // A forward with null descriptors, possibly before any init.
  _mlir_ciface_rnnrt_cudnn_rnn_forward(
      RNNRT_MODE_LSTM, 1, 4, 4, 0, 0, RNNRT_DTYPE_F32, RNNRT_MATH_STRICT,
      RNNRT_ALGO_STANDARD, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
      nullptr);
  EXPECT_EQ(rnnrt_cuda_has_error(), 1);
  EXPECT_NE(takeError(), "");
  EXPECT_EQ(rnnrt_cuda_has_error(), 0);
  EXPECT_EQ(takeError(), "");

  if (rnnrt_cuda_init() != 0) {
    std::string message = takeError();
    EXPECT_TRUE(message.find("no CUDA GPU found") != std::string::npos ||
                message.find("cuDNN not found") != std::string::npos)
        << message;
    // Still not initialized: every entry point reports it.
    float host[4] = {0, 0, 0, 0};
    EXPECT_EQ(rnnrt_cuda_alloc(16), nullptr);
    EXPECT_NE(takeError().find("not initialized"), std::string::npos);
    EXPECT_NE(rnnrt_cuda_memcpy(host, host, sizeof(host), 0), 0);
    EXPECT_NE(takeError().find("not initialized"), std::string::npos);
    EXPECT_NE(rnnrt_cuda_synchronize(), 0);
    EXPECT_NE(takeError(), "");
    EXPECT_EQ(rnnrt_cuda_constant(host, sizeof(host)), nullptr);
    EXPECT_NE(takeError(), "");
    EXPECT_EQ(rnnrt_cuda_memref_alloc(64), nullptr);
    EXPECT_NE(takeError(), "");
    EXPECT_NE(std::string(rnnrt_cuda_describe()).find("error"),
              std::string::npos);
    EXPECT_NE(takeError(), "");
    // A well-formed forward without a runtime.
    rnnrt_memref3d x = memref3d(host, 1, 1, 4);
    rnnrt_memref3d h = memref3d(host, 1, 1, 4);
    rnnrt_memref1d w = memref1d(host, 4);
    _mlir_ciface_rnnrt_cudnn_rnn_forward(
        RNNRT_MODE_LSTM, 1, 4, 4, 0, 0, RNNRT_DTYPE_F32, RNNRT_MATH_STRICT,
        RNNRT_ALGO_STANDARD, &x, &h, &h, &w, &x, &h, &h);
    EXPECT_NE(takeError().find("not initialized"), std::string::npos);
    return;
  }
  EXPECT_EQ(takeError(), "");
  EXPECT_EQ(rnnrt_cuda_init(), 0) << "init must be idempotent";
}

/// The first error stays pending; later ones are counted, not lost.
TEST(CUDARuntimeAnyMachine, FirstErrorStaysPending) {
  EXPECT_NE(rnnrt_cuda_memcpy(nullptr, nullptr, 4, 7), 0);
  EXPECT_NE(rnnrt_cuda_memcpy(nullptr, nullptr, -1, 0), 0);
  std::string message = takeError();
  EXPECT_NE(message.find("unknown kind 7"), std::string::npos) << message;
  EXPECT_NE(message.find("1 later error"), std::string::npos) << message;
  EXPECT_EQ(rnnrt_cuda_has_error(), 0);
}

TEST(CUDARuntimeAnyMachine, SymbolsNameTheLoweredCalls) {
  size_t count = 0;
  const rnnrt_symbol *symbols = rnnrt_cuda_symbols(&count);
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) {
    EXPECT_NE(symbols[i].address, nullptr) << symbols[i].name;
    names.push_back(symbols[i].name);
  }
  for (const char *name :
       {"_mlir_ciface_rnnrt_cudnn_rnn_forward", "rnnrt_cuda_constant",
        "_mlir_memref_to_llvm_alloc", "_mlir_memref_to_llvm_aligned_alloc",
        "_mlir_memref_to_llvm_free", "memrefCopy"})
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
}

//===----------------------------------------------------------------------===//
// Tests that need a GPU
//===----------------------------------------------------------------------===//

class CUDARuntimeTest : public testing::Test {
protected:
  void SetUp() override {
    if (rnnrt_cuda_init() == 0)
      return;
    std::string message = takeError();
    if (message.find("no CUDA GPU found") != std::string::npos)
      GTEST_SKIP() << message;
    FAIL() << "a GPU is present but the runtime failed: " << message;
  }
  void TearDown() override {
    EXPECT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  }
};

TEST_F(CUDARuntimeTest, DescribeNamesCudnnAndDevice) {
  std::string text = rnnrt_cuda_describe();
  EXPECT_EQ(text.rfind("cuDNN 9.", 0), 0u) << text;
  EXPECT_NE(text.find("device "), std::string::npos) << text;
}

TEST_F(CUDARuntimeTest, AllocMemcpyRoundTrip) {
  std::vector<float> values(1000), back(1000, 0), copy(1000, 0);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<float>(i) * 0.5f - 3.0f;
  const int64_t bytes = values.size() * sizeof(float);
  void *a = rnnrt_cuda_alloc(bytes);
  void *b = rnnrt_cuda_alloc(bytes);
  ASSERT_NE(a, nullptr) << takeError();
  ASSERT_NE(b, nullptr) << takeError();
  EXPECT_EQ(rnnrt_cuda_memcpy(a, values.data(), bytes, 0), 0) << takeError();
  EXPECT_EQ(rnnrt_cuda_memcpy(b, a, bytes, 2), 0) << takeError();
  EXPECT_EQ(rnnrt_cuda_memcpy(back.data(), b, bytes, 1), 0) << takeError();
  EXPECT_EQ(values, back);
  EXPECT_EQ(rnnrt_cuda_memcpy(copy.data(), b, 0, 1), 0) << takeError();
  EXPECT_EQ(rnnrt_cuda_synchronize(), 0) << takeError();
  rnnrt_cuda_free(a);
  rnnrt_cuda_free(b);
}

TEST_F(CUDARuntimeTest, ZeroByteAllocationsAreUnique) {
  void *a = rnnrt_cuda_alloc(0);
  void *b = rnnrt_cuda_alloc(0);
  EXPECT_NE(a, nullptr);
  EXPECT_NE(b, nullptr);
  EXPECT_NE(a, b);
  rnnrt_cuda_free(a);
  rnnrt_cuda_free(b);
}

TEST_F(CUDARuntimeTest, LstmBidirectionalTwoLayersStrictF32) {
  expectMatchesReference<float>(lstm(2, 6, 4, true), 5, 3, 1e-5);
}

TEST_F(CUDARuntimeTest, LstmUnidirectionalStrictF32) {
  expectMatchesReference<float>(lstm(3, 8, 5, false), 7, 4, 1e-5);
}

TEST_F(CUDARuntimeTest, GruStrictF32) {
  expectMatchesReference<float>(withMode(lstm(2, 7, 5, true), RNNRT_MODE_GRU),
                                4, 2, 1e-5);
}

TEST_F(CUDARuntimeTest, RnnReluStrictF32) {
  expectMatchesReference<float>(
      withMode(lstm(3, 6, 4, false), RNNRT_MODE_RNN_RELU), 6, 3, 1e-5);
}

TEST_F(CUDARuntimeTest, RnnTanhBidirectionalStrictF32) {
  expectMatchesReference<float>(
      withMode(lstm(1, 5, 3, true), RNNRT_MODE_RNN_TANH), 5, 2, 1e-5);
}

/// skip_input (I == H): x enters every gate unweighted, b_W is added.
TEST_F(CUDARuntimeTest, LstmSkipInput) {
  expectMatchesReference<float>(lstm(2, 6, 6, true, RNNRT_INPUT_SKIP), 5, 3,
                                1e-5);
}

TEST_F(CUDARuntimeTest, GruSkipInput) {
  expectMatchesReference<float>(
      withMode(lstm(1, 4, 4, false, RNNRT_INPUT_SKIP), RNNRT_MODE_GRU), 3, 2,
      1e-5);
}

/// auto_select with I == H is skip_input.
TEST_F(CUDARuntimeTest, AutoSelectIsResolved) {
  ForwardProblem<float> problem(lstm(1, 4, 4, false, RNNRT_INPUT_SKIP), 3, 2,
                                7);
  problem.run(RNNRT_MATH_STRICT, RNNRT_ALGO_STANDARD, RNNRT_INPUT_AUTO_SELECT);
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(problem.maxError(), 1e-5);
}

/// The configurations whose cuDNN layout FACTS.md records: the offsets
/// check at plan creation passes and the results match.
TEST_F(CUDARuntimeTest, WeightLayoutCheckPasses) {
  const Config configs[] = {
      lstm(2, 4, 3, false),
      lstm(2, 4, 3, true),
      lstm(2, 4, 4, false, RNNRT_INPUT_SKIP),
      withMode(lstm(1, 4, 3, true), RNNRT_MODE_GRU),
      withMode(lstm(1, 4, 3, false), RNNRT_MODE_RNN_TANH),
  };
  for (const Config &config : configs) {
    SCOPED_TRACE("mode " + std::to_string(config.mode) + ", " +
                 std::to_string(config.numWeights()) + " weights");
    expectMatchesReference<float>(config, 3, 2, 1e-5);
  }
}

TEST_F(CUDARuntimeTest, LstmF64) {
  expectMatchesReference<double>(lstm(2, 6, 4, true), 5, 3, 1e-10);
}

TEST_F(CUDARuntimeTest, F64NeedsStrictStandard) {
  ForwardProblem<double> problem(lstm(1, 4, 3, false), 2, 2, 3);
  problem.run(RNNRT_MATH_STRICT, RNNRT_ALGO_PERSIST_STATIC);
  std::string message = takeError();
  EXPECT_NE(message.find("f64 needs algo standard"), std::string::npos)
      << message;
  problem.run(RNNRT_MATH_TF32, RNNRT_ALGO_STANDARD);
  message = takeError();
  EXPECT_NE(message.find("f64 needs math strict"), std::string::npos)
      << message;
}

TEST_F(CUDARuntimeTest, LstmF16TensorOps) {
  expectMatchesReference<_Float16>(lstm(2, 16, 8, true), 5, 4, 2e-2,
                                   RNNRT_MATH_TENSOR_OP);
}

/// Large enough for cuDNN to pick tensor-core GEMMs if it were allowed to:
/// TF32 would miss 1e-5 by two orders of magnitude.
TEST_F(CUDARuntimeTest, StrictF32UsesNoTF32) {
  expectMatchesReference<float>(lstm(2, 128, 64, true), 4, 16, 1e-5);
}

TEST_F(CUDARuntimeTest, LstmTF32) {
  ForwardProblem<float> problem(lstm(2, 128, 64, true), 4, 16, 1);
  problem.run(RNNRT_MATH_TF32);
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  double error = problem.maxError();
  std::printf("tf32 max relative error %.3g\n", error);
  EXPECT_LT(error, 1e-2);
}

/// Persistent algorithms either run and match, or report cuDNN's refusal;
/// either way the next standard call works.
TEST_F(CUDARuntimeTest, PersistentAlgorithmsRunOrReport) {
  for (int64_t algo : {RNNRT_ALGO_PERSIST_STATIC, RNNRT_ALGO_PERSIST_DYNAMIC}) {
    ForwardProblem<_Float16> problem(lstm(1, 64, 64, false), 8, 16, 11);
    problem.run(RNNRT_MATH_TENSOR_OP, algo);
    if (rnnrt_cuda_has_error()) {
      std::string message = takeError();
      std::printf("algo %lld reported: %s\n", static_cast<long long>(algo),
                  message.c_str());
      EXPECT_NE(message.find("cudnn"), std::string::npos) << message;
    } else {
      std::printf("algo %lld ran\n", static_cast<long long>(algo));
      EXPECT_LT(problem.maxError(), 2e-2) << "algo " << algo;
    }
  }
  expectMatchesReference<float>(lstm(1, 4, 3, false), 3, 2, 1e-5);
}

/// A bad call records an error naming the operand; while it is pending,
/// calls do nothing; once taken, the same plan works again.
TEST_F(CUDARuntimeTest, ErrorThenRecovery) {
  ForwardProblem<float> problem(lstm(2, 6, 4, true), 5, 3, 5);
  problem.run();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();

  rnnrt_memref3d goodY = problem.yDesc;
  problem.yDesc.sizes[2] = 6;
  problem.run();
  std::string message = takeError();
  EXPECT_NE(message.find("y has shape [5, 3, 6], expected [5, 3, 12]"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("lstm, num_layers 2"), std::string::npos) << message;
  problem.yDesc = goodY;

  problem.yDesc.strides[0] = 100;
  problem.run();
  EXPECT_NE(takeError().find("y is not contiguous"), std::string::npos);
  problem.yDesc = goodY;

  // Pending error: the valid call leaves y untouched.
  std::vector<double> zeros(problem.y.count, 0.0);
  problem.y.upload(zeros);
  problem.hyDesc.sizes[0] = 1;
  problem.run();
  problem.hyDesc.sizes[0] = 4;
  problem.run();
  EXPECT_EQ(rnnrt_cuda_has_error(), 1);
  EXPECT_EQ(problem.y.download(), zeros);
  EXPECT_NE(takeError().find("hy has shape"), std::string::npos);

  problem.run();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(problem.maxError(), 1e-5);
}

TEST_F(CUDARuntimeTest, WrongWeightSizeIsReported) {
  ForwardProblem<float> problem(lstm(1, 4, 3, false), 2, 2, 5);
  problem.wDesc.sizes[0] -= 1;
  problem.run();
  std::string message = takeError();
  EXPECT_NE(message.find("w has shape"), std::string::npos) << message;
}

TEST_F(CUDARuntimeTest, PlanCacheAcrossShapes) {
  const Config config = withMode(lstm(2, 5, 3, true), RNNRT_MODE_GRU);
  expectMatchesReference<float>(config, 5, 3, 1e-5, RNNRT_MATH_STRICT,
                                RNNRT_ALGO_STANDARD, 1);
  expectMatchesReference<float>(config, 2, 1, 1e-5, RNNRT_MATH_STRICT,
                                RNNRT_ALGO_STANDARD, 2);
  expectMatchesReference<float>(config, 5, 3, 1e-5, RNNRT_MATH_STRICT,
                                RNNRT_ALGO_STANDARD, 3);
}

TEST_F(CUDARuntimeTest, EmptySequenceKeepsStates) {
  ForwardProblem<float> problem(lstm(2, 4, 3, true), 0, 2, 9);
  problem.run();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_EQ(problem.hy.download(), problem.hostHx);
  EXPECT_EQ(problem.cy.download(), problem.hostCx);
}

void runProblem(void *arg) { static_cast<ForwardProblem<float> *>(arg)->run(); }

TEST_F(CUDARuntimeTest, TimeCalls) {
  ForwardProblem<float> problem(lstm(1, 32, 16, false), 10, 4, 13);
  double times[3] = {-1, -1, -1};
  ASSERT_EQ(rnnrt_cuda_time_calls(runProblem, &problem, 3, times), 0)
      << takeError();
  for (double time : times)
    EXPECT_GT(time, 0.0);
}

TEST_F(CUDARuntimeTest, MemRefAllocationAndCopy) {
  void *aligned = rnnrt_cuda_memref_aligned_alloc(1024, 100);
  ASSERT_NE(aligned, nullptr) << takeError();
  EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % 1024, 0u);
  rnnrt_cuda_memref_free(aligned);

  float values[6] = {1, 2, 3, 4, 5, 6};
  float *src = static_cast<float *>(rnnrt_cuda_memref_alloc(sizeof(values)));
  float *dst = static_cast<float *>(rnnrt_cuda_memref_alloc(sizeof(values)));
  ASSERT_TRUE(src && dst) << takeError();
  ASSERT_EQ(rnnrt_cuda_memcpy(src, values, sizeof(values), 0), 0);
  struct Desc2d {
    void *allocated, *aligned;
    int64_t offset, sizes[2], strides[2];
  };
  Desc2d srcDesc{src, src, 0, {2, 3}, {3, 1}};
  Desc2d dstDesc{dst, dst, 0, {2, 3}, {3, 1}};
  rnnrt_unranked_memref srcArg{2, &srcDesc}, dstArg{2, &dstDesc};
  rnnrt_cuda_memref_copy(sizeof(float), &srcArg, &dstArg);
  float back[6] = {0};
  ASSERT_EQ(rnnrt_cuda_memcpy(back, dst, sizeof(back), 1), 0) << takeError();
  EXPECT_EQ(std::memcmp(back, values, sizeof(values)), 0);

  Desc2d columns{src, src, 0, {2, 2}, {3, 1}};
  Desc2d dense{dst, dst, 0, {2, 2}, {2, 1}};
  rnnrt_unranked_memref columnsArg{2, &columns}, denseArg{2, &dense};
  rnnrt_cuda_memref_copy(sizeof(float), &columnsArg, &denseArg);
  EXPECT_NE(takeError().find("non-contiguous device memref copy is not "
                             "supported"),
            std::string::npos);
  rnnrt_cuda_memref_free(src);
  rnnrt_cuda_memref_free(dst);
}

TEST_F(CUDARuntimeTest, ConstantsAreCachedByHostAddress) {
  static const float weights[5] = {1.5f, -2, 3, 0.25f, 8};
  void *first = rnnrt_cuda_constant(weights, sizeof(weights));
  void *second = rnnrt_cuda_constant(weights, sizeof(weights));
  ASSERT_NE(first, nullptr) << takeError();
  EXPECT_EQ(first, second);
  float back[5] = {0};
  ASSERT_EQ(rnnrt_cuda_memcpy(back, first, sizeof(back), 1), 0) << takeError();
  EXPECT_EQ(std::memcmp(back, weights, sizeof(back)), 0);
  EXPECT_EQ(rnnrt_cuda_constant(weights, 8), nullptr);
  EXPECT_NE(takeError().find("was uploaded with 20 bytes"), std::string::npos);
}

} // namespace
