//===- TensorBuilders.h - Tensor-level building blocks ----------*- C++ -*-===//
//
// Small builders the rnn lowerings share: slices of the packed params,
// bias broadcasts, the transposed-B matmul and dropout.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_CONVERSION_RNNTOLINALG_TENSORBUILDERS_H
#define RNN_LIB_CONVERSION_RNNTOLINALG_TENSORBUILDERS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::rnn {

/// A static-or-dynamic size as the static value (or kDynamic) it has in types.
int64_t getStaticSize(OpFoldResult size);

/// params[offset : offset + prod(shape)] viewed as a tensor of `shape`
/// (rank 1 or 2, static).
Value sliceParams(OpBuilder &b, Location loc, Value params, int64_t offset,
                  ArrayRef<int64_t> shape);

/// An empty tensor with the given mixed sizes.
Value createEmpty(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                  Type elementType);

/// `vector` [N] repeated over `rows` rows: [rows, N].
Value broadcastRows(OpBuilder &b, Location loc, Value vector,
                    OpFoldResult rows);

/// acc + lhs * transpose(rhs), lhs [M, K], rhs [N, K], acc [M, N]: one
/// linalg.matmul with transposed-B indexing maps.
Value buildMatmulTransposedB(OpBuilder &b, Location loc, Value lhs, Value rhs,
                             Value acc);

/// Inverted dropout with a counter-based hash of (seed, stream, element
/// index): each element is zeroed with probability `rate`, the others are
/// scaled by 1 / (1 - rate). Deterministic for a given seed.
Value buildDropout(OpBuilder &b, Location loc, Value input, double rate,
                   uint64_t seed, uint64_t stream);

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_RNNTOLINALG_TENSORBUILDERS_H
