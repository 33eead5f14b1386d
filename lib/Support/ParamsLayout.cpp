//===- ParamsLayout.cpp - Canonical weights and the packed layout ---------===//

#include "rnn/Support/ParamsLayout.h"

namespace rnnrt {

rnnrt_input_mode LayerConfig::resolvedInputMode() const {
  if (inputMode != RNNRT_INPUT_AUTO_SELECT)
    return inputMode;
  return inputSize == numUnits ? RNNRT_INPUT_SKIP : RNNRT_INPUT_LINEAR;
}

int64_t LayerConfig::numGates() const {
  switch (mode) {
  case RNNRT_MODE_LSTM:
    return 4;
  case RNNRT_MODE_GRU:
    return 3;
  case RNNRT_MODE_RNN_RELU:
  case RNNRT_MODE_RNN_TANH:
    return 1;
  }
  return 1;
}

int64_t LayerConfig::layerInputSize(int64_t layer) const {
  return layer == 0 ? inputSize : numDirections() * hiddenSize();
}

bool LayerConfig::hasInputMatrices(int64_t layer) const {
  return layer != 0 || resolvedInputMode() != RNNRT_INPUT_SKIP;
}

ParamsLayout::ParamsLayout(const LayerConfig &config) : cfg(config) {
  const int64_t gates = cfg.numGates();
  const int64_t hidden = cfg.numUnits;
  int64_t offset = 0;
  for (int64_t layer = 0; layer < cfg.numLayers; ++layer) {
    for (int64_t dir = 0; dir < cfg.numDirections(); ++dir) {
      for (int64_t id = 0; id < 2 * gates; ++id) {
        bool isInput = id < gates;
        if (isInput && !cfg.hasInputMatrices(layer))
          continue;
        int64_t cols = isInput ? cfg.layerInputSize(layer) : cfg.hiddenSize();
        matrixSlots.push_back({layer, dir, id, hidden, cols, offset});
        offset += hidden * cols;
      }
      if (cfg.hasProjection()) {
        matrixSlots.push_back(
            {layer, dir, cfg.projectionId(), cfg.numProj, hidden, offset});
        offset += cfg.numProj * hidden;
      }
    }
  }
  for (int64_t layer = 0; layer < cfg.numLayers; ++layer) {
    for (int64_t dir = 0; dir < cfg.numDirections(); ++dir) {
      for (int64_t id = 0; id < 2 * gates; ++id) {
        biasSlots.push_back({layer, dir, id, hidden, 0, offset});
        offset += hidden;
      }
    }
  }
  totalSize = offset;
}

static int64_t findOffset(const std::vector<ParamSlot> &slots, int64_t layer,
                          int64_t direction, int64_t id) {
  for (const ParamSlot &slot : slots)
    if (slot.layer == layer && slot.direction == direction && slot.id == id)
      return slot.offset;
  return -1;
}

int64_t ParamsLayout::matrixOffset(int64_t layer, int64_t direction,
                                   int64_t id) const {
  return findOffset(matrixSlots, layer, direction, id);
}

int64_t ParamsLayout::biasOffset(int64_t layer, int64_t direction,
                                 int64_t id) const {
  return findOffset(biasSlots, layer, direction, id);
}

int64_t ParamsLayout::inputMatricesOffset(int64_t layer,
                                          int64_t direction) const {
  return matrixOffset(layer, direction, 0);
}

int64_t ParamsLayout::recurrentMatricesOffset(int64_t layer,
                                              int64_t direction) const {
  return matrixOffset(layer, direction, cfg.numGates());
}

int64_t ParamsLayout::inputBiasesOffset(int64_t layer,
                                        int64_t direction) const {
  return biasOffset(layer, direction, 0);
}

int64_t ParamsLayout::recurrentBiasesOffset(int64_t layer,
                                            int64_t direction) const {
  return biasOffset(layer, direction, cfg.numGates());
}

int64_t ParamsLayout::projectionOffset(int64_t layer, int64_t direction) const {
  if (!cfg.hasProjection())
    return -1;
  return matrixOffset(layer, direction, cfg.projectionId());
}

} // namespace rnnrt
