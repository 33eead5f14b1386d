//===- GPUForwardProblem.h - GPU runtime tests' shared fixture --*- C++ -*-===//
//
// What the cuDNN and the cuBLAS-fallback runtime tests share: a
// straightforward double-precision reference of the semantics in
// docs/Dialect.md (reading the weights through rnnrt::ParamsLayout), device
// arrays, and one forward problem with random data that runs on either
// library.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TEST_UNIT_GPUFORWARDPROBLEM_H
#define RNN_TEST_UNIT_GPUFORWARDPROBLEM_H

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Support/ParamsLayout.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace rnn_test {

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

inline double sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

/// The outputs of one forward.
struct Outputs {
  std::vector<double> y, hy, cy;
};

/// y [T, B, D*H], hy/cy [L*D, B, H] from x [T, B, I], hx/cx [L*D, B, H] and
/// the packed weights w, as docs/Dialect.md defines them.
inline Outputs reference(const Config &c, int64_t seqLength, int64_t batch,
                         const std::vector<double> &x,
                         const std::vector<double> &hx,
                         const std::vector<double> &cx,
                         const std::vector<double> &w) {
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
inline double maxRelativeError(const std::vector<double> &actual,
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
inline std::string takeError() { return rnnrt_cuda_take_error(); }

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

inline rnnrt_memref3d memref3d(void *data, int64_t d0, int64_t d1, int64_t d2) {
  return rnnrt_memref3d{data, data, 0, {d0, d1, d2}, {d1 * d2, d2, 1}};
}

inline rnnrt_memref1d memref1d(void *data, int64_t size) {
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

  /// Enqueues the forward on cuDNN and waits for it.
  void run(int64_t math = RNNRT_MATH_STRICT, int64_t algo = RNNRT_ALGO_STANDARD,
           int64_t inputMode = -1) {
    _mlir_ciface_rnnrt_cudnn_rnn_forward(
        config.mode, config.numLayers, config.numUnits, config.inputSize,
        /*num_proj=*/0, direction(),
        inputMode >= 0 ? inputMode : int64_t(config.inputMode), dtypeOf<T>(),
        math, algo, &xDesc, &hxDesc, &cxDesc, &wDesc, &yDesc, &hyDesc, &cyDesc,
        /*time_major=*/1, /*seq_lengths=*/nullptr);
    rnnrt_cuda_synchronize();
  }

  /// The same on the cuBLAS fallback (training with dropout when `dropout`
  /// is non-zero).
  void runCublas(int64_t math = RNNRT_MATH_STRICT, double dropout = 0.0,
                 int64_t seed = 0) {
    _mlir_ciface_rnnrt_cublas_rnn_forward(
        config.mode, config.numLayers, config.numUnits, config.inputSize,
        /*num_proj=*/0, direction(), config.inputMode, dtypeOf<T>(), math,
        dropout != 0.0, dropout, seed, /*linear_before_reset=*/1, &xDesc,
        &hxDesc, &cxDesc, &wDesc, &yDesc, &hyDesc, &cyDesc, /*time_major=*/1,
        /*seq_lengths=*/nullptr);
    rnnrt_cuda_synchronize();
  }

  int64_t direction() const {
    return config.bidirectional ? RNNRT_DIRECTION_BIDIRECTIONAL
                                : RNNRT_DIRECTION_UNIDIRECTIONAL;
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

inline Config lstm(int64_t layers, int64_t hidden, int64_t input,
                   bool bidirectional,
                   rnnrt_input_mode inputMode = RNNRT_INPUT_LINEAR) {
  return Config{RNNRT_MODE_LSTM, layers,        hidden,
                input,           bidirectional, inputMode};
}

inline Config withMode(Config config, rnnrt_mode mode) {
  config.mode = mode;
  return config;
}

/// Tests that need a GPU: they skip only where rnnrt_cuda_init() reports
/// that no CUDA GPU is present, and fail on any error left pending.
class GPUTest : public testing::Test {
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

} // namespace rnn_test

#endif // RNN_TEST_UNIT_GPUFORWARDPROBLEM_H
