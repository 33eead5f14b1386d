//===- ParamsLayout.h - Canonical weights and the packed layout -*- C++ -*-===//
//
// The one place that knows the canonical weight order and the packed params
// layout (cuDNN's weight space, ALGO_STANDARD, double bias). The dialect's
// verifiers, every lowering and the runtime's check against
// cudnnGetRNNWeightParams all use it. No MLIR dependency.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_SUPPORT_PARAMSLAYOUT_H
#define RNN_SUPPORT_PARAMSLAYOUT_H

#include "rnn/Support/RNNEnums.h"

#include <cstdint>
#include <vector>

namespace rnnrt {

/// The static description of a stacked recurrent layer: everything that
/// determines the canonical weight shapes and the packed layout.
struct LayerConfig {
  rnnrt_mode mode = RNNRT_MODE_LSTM;
  int64_t numLayers = 1;
  int64_t numUnits = 1;
  int64_t inputSize = 1;
  rnnrt_direction direction = RNNRT_DIRECTION_UNIDIRECTIONAL;
  /// May be RNNRT_INPUT_AUTO_SELECT; see resolvedInputMode().
  rnnrt_input_mode inputMode = RNNRT_INPUT_LINEAR;
  /// LSTM projection size P (TensorFlow's num_proj, PyTorch's proj_size,
  /// cuDNN's projSize), 0 without a projection.
  int64_t numProj = 0;

  /// Number of directions D (1 or 2).
  int64_t numDirections() const {
    return direction == RNNRT_DIRECTION_BIDIRECTIONAL ? 2 : 1;
  }
  /// auto_select resolved: skip_input iff inputSize == numUnits.
  rnnrt_input_mode resolvedInputMode() const;
  /// Gates per matrix kind G: 4 for LSTM, 3 for GRU, 1 for RNN.
  int64_t numGates() const;
  /// Matrix ids per pseudo-layer (2 * G): input gates then recurrent gates.
  int64_t numMatrixIds() const { return 2 * numGates(); }
  /// Whether the op carries a cell state (LSTM only).
  bool hasCellState() const { return mode == RNNRT_MODE_LSTM; }
  /// Whether h' = W_proj (o * tanh(c')) (LSTM with num_proj).
  bool hasProjection() const { return numProj > 0; }
  /// Width of h (and of each direction's output): P with a projection, H
  /// without.
  int64_t hiddenSize() const { return hasProjection() ? numProj : numUnits; }
  /// The projection matrix's linear id (2G, after the recurrent ones).
  int64_t projectionId() const { return numMatrixIds(); }
  /// Width of the input of `layer`: I for layer 0, D*P (D*H without a
  /// projection) above.
  int64_t layerInputSize(int64_t layer) const;
  /// Whether the input matrices of `layer` exist (not for layer 0 in
  /// skip_input mode).
  bool hasInputMatrices(int64_t layer) const;
};

/// A configuration from its fields; the one place they are filled in.
inline LayerConfig makeLayerConfig(rnnrt_mode mode, int64_t numLayers,
                                   int64_t numUnits, int64_t inputSize,
                                   rnnrt_direction direction,
                                   rnnrt_input_mode inputMode,
                                   int64_t numProj = 0) {
  LayerConfig config;
  config.mode = mode;
  config.numLayers = numLayers;
  config.numUnits = numUnits;
  config.inputSize = inputSize;
  config.direction = direction;
  config.inputMode = inputMode;
  config.numProj = numProj;
  return config;
}

/// One canonical weight matrix or bias and where it lives in the packed
/// buffer. Offsets and sizes are in elements.
struct ParamSlot {
  int64_t layer;
  int64_t direction;
  /// cuDNN's linear layer id: 0..G-1 input gates, G..2G-1 recurrent gates,
  /// 2G the LSTM projection (a matrix without a bias).
  int64_t id;
  /// [rows, cols] for a matrix; [rows] (cols == 0) for a bias.
  int64_t rows;
  int64_t cols;
  int64_t offset;

  bool isMatrix() const { return cols != 0; }
  int64_t size() const { return isMatrix() ? rows * cols : rows; }
};

/// The canonical order and packed layout of one configuration: all matrices
/// (canonical order), then all biases (canonical order), no padding. With a
/// projection each (layer, direction) has one more matrix, [P, H] with id
/// 2G after the recurrent ones, and no bias for it; the recurrent matrices
/// are [H, P].
class ParamsLayout {
public:
  explicit ParamsLayout(const LayerConfig &config);

  const LayerConfig &config() const { return cfg; }
  /// Matrices in canonical order (absent skip_input matrices omitted).
  const std::vector<ParamSlot> &matrices() const { return matrixSlots; }
  /// Biases in canonical order (one per matrix id, always present).
  const std::vector<ParamSlot> &biases() const { return biasSlots; }
  /// Total packed size in elements.
  int64_t size() const { return totalSize; }

  /// Offset of the first matrix of the given kind for (layer, direction).
  /// The G matrices of a kind are contiguous, so this is the start of a
  /// row-major [G*H, cols] block. Returns -1 where the matrices are absent.
  int64_t inputMatricesOffset(int64_t layer, int64_t direction) const;
  int64_t recurrentMatricesOffset(int64_t layer, int64_t direction) const;
  /// Offset of the contiguous [G*H] input (b_W) or recurrent (b_R) biases.
  int64_t inputBiasesOffset(int64_t layer, int64_t direction) const;
  int64_t recurrentBiasesOffset(int64_t layer, int64_t direction) const;
  /// Offset of the [P, H] projection matrix, or -1 without a projection.
  int64_t projectionOffset(int64_t layer, int64_t direction) const;

  /// Offset of the matrix / bias with the given linear id, or -1.
  int64_t matrixOffset(int64_t layer, int64_t direction, int64_t id) const;
  int64_t biasOffset(int64_t layer, int64_t direction, int64_t id) const;

private:
  LayerConfig cfg;
  std::vector<ParamSlot> matrixSlots;
  std::vector<ParamSlot> biasSlots;
  int64_t totalSize = 0;
};

} // namespace rnnrt

#endif // RNN_SUPPORT_PARAMSLAYOUT_H
