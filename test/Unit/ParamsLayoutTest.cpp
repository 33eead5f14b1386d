//===- ParamsLayoutTest.cpp - The packed layout against cuDNN's -----------===//
//
// Offsets and sizes measured with cudnnGetRNNWeightParams on cuDNN 9.14 (see
// shared FACTS.md), plus an independent closed-form size on random configs.
//
//===----------------------------------------------------------------------===//

#include "rnn/Support/ParamsLayout.h"

#include "gtest/gtest.h"

#include <random>

using rnnrt::LayerConfig;
using rnnrt::ParamsLayout;

namespace {

LayerConfig makeConfig(rnnrt_mode mode, int64_t inputSize, int64_t hidden,
                       int64_t layers, bool bidirectional,
                       rnnrt_input_mode inputMode = RNNRT_INPUT_LINEAR) {
  return rnnrt::makeLayerConfig(mode, layers, hidden, inputSize,
                                bidirectional ? RNNRT_DIRECTION_BIDIRECTIONAL
                                              : RNNRT_DIRECTION_UNIDIRECTIONAL,
                                inputMode);
}

TEST(ParamsLayoutTest, LstmTwoLayersMatchesCudnnOffsets) {
  ParamsLayout layout(makeConfig(RNNRT_MODE_LSTM, 3, 4, 2, false));
  EXPECT_EQ(layout.size(), 304);
  const int64_t layer0Input[] = {0, 12, 24, 36};
  const int64_t layer0Recurrent[] = {48, 64, 80, 96};
  for (int64_t id = 0; id < 4; ++id) {
    EXPECT_EQ(layout.matrixOffset(0, 0, id), layer0Input[id]);
    EXPECT_EQ(layout.matrixOffset(0, 0, id + 4), layer0Recurrent[id]);
  }
  for (int64_t id = 0; id < 8; ++id) {
    EXPECT_EQ(layout.matrixOffset(1, 0, id), 112 + 16 * id);
    EXPECT_EQ(layout.biasOffset(0, 0, id), 240 + 4 * id);
    EXPECT_EQ(layout.biasOffset(1, 0, id), 272 + 4 * id);
  }
}

TEST(ParamsLayoutTest, LstmBidirectional) {
  ParamsLayout layout(makeConfig(RNNRT_MODE_LSTM, 3, 4, 2, true));
  EXPECT_EQ(layout.size(), 736);
  // Layer-1 input matrices read the concatenated [4, 8] features.
  EXPECT_EQ(layout.matrices()[16].rows, 4);
  EXPECT_EQ(layout.matrices()[16].cols, 8);
}

TEST(ParamsLayoutTest, LstmProjectionIsId8AfterRecurrentWithoutBias) {
  // cuDNN 9.14, H = 4, projSize = 2 (FACTS.md): R_* are [4, 2] and id 8,
  // the [2, 4] projection, follows R_7; the biases stay [4] x 8.
  LayerConfig config = makeConfig(RNNRT_MODE_LSTM, 3, 4, 2, false);
  config.numProj = 2;
  ParamsLayout layout(config);
  const int64_t layer0[] = {0, 12, 24, 36, 48, 56, 64, 72, 80};
  for (int64_t id = 0; id < 9; ++id)
    EXPECT_EQ(layout.matrixOffset(0, 0, id), layer0[id]);
  EXPECT_EQ(layout.matrices()[4].cols, 2);
  EXPECT_EQ(layout.matrices()[8].rows, 2);
  EXPECT_EQ(layout.matrices()[8].cols, 4);
  EXPECT_EQ(layout.projectionOffset(0, 0), 80);
  // Layer 1 reads the projected h: W_* are [4, 2].
  EXPECT_EQ(layout.matrices()[9].cols, 2);
  EXPECT_EQ(layout.projectionOffset(1, 0), 88 + 4 * 8 + 4 * 8);
  EXPECT_EQ(layout.biasOffset(0, 0, 0), 88 + 72);
  EXPECT_EQ(layout.biasOffset(0, 0, 8), -1);
  EXPECT_EQ(layout.biases().size(), 16u);
  EXPECT_EQ(layout.size(), 88 + 72 + 64);
  EXPECT_EQ(ParamsLayout(makeConfig(RNNRT_MODE_LSTM, 3, 4, 2, false))
                .projectionOffset(0, 0),
            -1);
}

TEST(ParamsLayoutTest, LstmSkipInputOmitsLayer0InputMatrices) {
  ParamsLayout layout(
      makeConfig(RNNRT_MODE_LSTM, 4, 4, 2, false, RNNRT_INPUT_SKIP));
  EXPECT_EQ(layout.size(), 256);
  for (int64_t id = 0; id < 4; ++id)
    EXPECT_EQ(layout.matrixOffset(0, 0, id), -1);
  EXPECT_EQ(layout.matrixOffset(0, 0, 4), 0);
  EXPECT_EQ(layout.biasOffset(0, 0, 0), 192);
  EXPECT_EQ(layout.biases().size(), 16u);
}

TEST(ParamsLayoutTest, AutoSelectResolvesFromInputSize) {
  EXPECT_EQ(makeConfig(RNNRT_MODE_LSTM, 4, 4, 1, false, RNNRT_INPUT_AUTO_SELECT)
                .resolvedInputMode(),
            RNNRT_INPUT_SKIP);
  EXPECT_EQ(makeConfig(RNNRT_MODE_LSTM, 3, 4, 1, false, RNNRT_INPUT_AUTO_SELECT)
                .resolvedInputMode(),
            RNNRT_INPUT_LINEAR);
}

TEST(ParamsLayoutTest, GruAndRnnSizes) {
  EXPECT_EQ(ParamsLayout(makeConfig(RNNRT_MODE_GRU, 3, 4, 1, true)).size(),
            216);
  EXPECT_EQ(
      ParamsLayout(makeConfig(RNNRT_MODE_RNN_TANH, 3, 4, 1, false)).size(), 36);
  EXPECT_EQ(
      ParamsLayout(makeConfig(RNNRT_MODE_RNN_RELU, 3, 4, 1, false)).size(), 36);
}

TEST(ParamsLayoutTest, ContractExampleSize) {
  EXPECT_EQ(ParamsLayout(makeConfig(RNNRT_MODE_LSTM, 32, 64, 2, true)).size(),
            149504);
}

/// The closed form: per (layer, direction) G*H*in input weights (absent in
/// skip mode for layer 0), G*H*H recurrent weights and 2*G*H biases.
int64_t closedFormSize(int64_t gates, int64_t inputSize, int64_t hidden,
                       int64_t layers, int64_t dirs, bool skip) {
  int64_t total = 0;
  for (int64_t l = 0; l < layers; ++l) {
    int64_t in = l == 0 ? inputSize : dirs * hidden;
    bool hasW = !(l == 0 && skip);
    total += dirs * ((hasW ? gates * hidden * in : 0) +
                     gates * hidden * hidden + 2 * gates * hidden);
  }
  return total;
}

TEST(ParamsLayoutTest, RandomConfigsMatchClosedFormAndAreContiguous) {
  std::mt19937 rng(1234);
  const rnnrt_mode modes[] = {RNNRT_MODE_LSTM, RNNRT_MODE_GRU,
                              RNNRT_MODE_RNN_TANH, RNNRT_MODE_RNN_RELU};
  const int64_t gates[] = {4, 3, 1, 1};
  for (int trial = 0; trial < 200; ++trial) {
    int m = rng() % 4;
    int64_t hidden = 1 + rng() % 40;
    bool skip = rng() % 3 == 0;
    int64_t inputSize = skip ? hidden : 1 + rng() % 40;
    int64_t layers = 1 + rng() % 4;
    bool bidi = rng() % 2;
    LayerConfig config =
        makeConfig(modes[m], inputSize, hidden, layers, bidi,
                   skip ? RNNRT_INPUT_SKIP : RNNRT_INPUT_LINEAR);
    ParamsLayout layout(config);
    EXPECT_EQ(layout.size(), closedFormSize(gates[m], inputSize, hidden, layers,
                                            bidi ? 2 : 1, skip));
    // Slots tile the buffer: each starts where the previous one ended.
    int64_t expectedOffset = 0;
    for (const rnnrt::ParamSlot &slot : layout.matrices()) {
      EXPECT_EQ(slot.offset, expectedOffset);
      expectedOffset += slot.size();
    }
    for (const rnnrt::ParamSlot &slot : layout.biases()) {
      EXPECT_EQ(slot.offset, expectedOffset);
      expectedOffset += slot.size();
    }
    EXPECT_EQ(expectedOffset, layout.size());
    // The G recurrent matrices of a (layer, direction) are one block.
    for (int64_t l = 0; l < layers; ++l)
      EXPECT_EQ(layout.recurrentMatricesOffset(l, 0) +
                    gates[m] * hidden * hidden,
                l == 0 && bidi && skip ? layout.recurrentMatricesOffset(0, 1)
                : bidi                 ? layout.inputMatricesOffset(l, 1)
                : l + 1 < layers       ? layout.inputMatricesOffset(l + 1, 0)
                                       : layout.biasOffset(0, 0, 0));
  }
}

} // namespace
