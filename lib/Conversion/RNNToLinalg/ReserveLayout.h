//===- ReserveLayout.h - The CPU backend's training reserve -----*- C++ -*-===//
//
// What a training forward keeps for its grad op on the CPU backend, in one
// byte buffer (the `tensor<?xi8>` reserve):
//
//   header   64 bytes: i64 magic, configuration fingerprint, T, B, size
//   planes   for each layer l, direction d: the cell's saved values
//            (numSavedValues(mode) planes [T, B, H], CellMath.h)
//   outputs  for each layer l < L-1: its output [T, B, D*P] before dropout
//            (P = H without num_proj; the unit is D planes [T, B, H] either
//            way)
//
// Everything after the header is counted in units of one [T, B, H] plane of
// the element type. The grad op checks the header and the size at run time
// (rnnrt_check_reserve) before it reads anything, so a reserve of another
// configuration, backend or sequence shape is an error, never a gradient.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_CONVERSION_RNNTOLINALG_RESERVELAYOUT_H
#define RNN_LIB_CONVERSION_RNNTOLINALG_RESERVELAYOUT_H

#include "LayerBuilders.h"

#include "rnn/Runtime/ShapeCheckCodes.h"

namespace mlir::rnn {

class ReserveLayout {
public:
  static constexpr int64_t kHeaderBytes = 64;

  explicit ReserveLayout(const LoweringContext &ctx);

  /// The unit index of saved plane `plane` of (layer, direction).
  int64_t planeUnit(int64_t layer, int64_t dir, int64_t plane) const;
  /// The unit index of layer `layer`'s output (layer < L-1).
  int64_t layerOutputUnit(int64_t layer) const;
  int64_t numUnits() const;

  /// A hash of everything the layout and the saved values depend on but T
  /// and B (mode, L, H, I, D, P, input mode, GRU's reset placement, dropout,
  /// seed, element type, layout, whether lengths are present), stable
  /// across processes.
  int64_t fingerprint() const { return configFingerprint; }

  /// The byte offset of unit `unit` / the buffer's size, from T and B.
  Value byteOffset(OpBuilder &b, Location loc, int64_t unit) const;
  Value totalBytes(OpBuilder &b, Location loc) const;

  /// A new reserve buffer (memref<?xi8>) with its header written.
  Value create(OpBuilder &b, Location loc) const;

  /// Writes `sequence` [T, B, k*H] into the buffer from unit `unit` on.
  void store(OpBuilder &b, Location loc, Value buffer, int64_t unit,
             Value sequence) const;
  /// Reads [T, B, width] from unit `unit` on, as a read-only tensor.
  Value load(OpBuilder &b, Location loc, Value buffer, int64_t unit,
             int64_t width) const;

  /// Emits the run-time check of `buffer`'s size and header against this
  /// layout for op `opCode` (ShapeCheckCodes.h); returns the i1 result.
  Value buildCheck(OpBuilder &b, Location loc, Value buffer,
                   int64_t opCode) const;

private:
  const LoweringContext &ctx;
  int64_t numSaved;
  int64_t elementBytes;
  int64_t configFingerprint;
};

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_RNNTOLINALG_RESERVELAYOUT_H
