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

/// Which operand of a matmul is stored transposed.
enum class MatmulLayout {
  Plain,       // acc + lhs * rhs,            lhs [M, K], rhs [K, N]
  TransposedA, // acc + transpose(lhs) * rhs, lhs [K, M], rhs [K, N]
  TransposedB, // acc + lhs * transpose(rhs), lhs [M, K], rhs [N, K]
};

/// One linalg.matmul of `layout` accumulating into acc [M, N]; the indexing
/// maps say which operand is transposed (rnn-matmul-to-blas reads them).
Value buildMatmul(OpBuilder &b, Location loc, MatmulLayout layout, Value lhs,
                  Value rhs, Value acc);

/// acc + lhs * transpose(rhs), lhs [M, K], rhs [N, K], acc [M, N].
inline Value buildMatmulTransposedB(OpBuilder &b, Location loc, Value lhs,
                                    Value rhs, Value acc) {
  return buildMatmul(b, loc, MatmulLayout::TransposedB, lhs, rhs, acc);
}

/// A tensor of the given mixed sizes filled with zeros.
Value createZeros(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                  Type elementType);

/// The column sums of `rows` [M, N]: [N] (a bias gradient).
Value buildColumnSums(OpBuilder &b, Location loc, Value rows);

/// rows [T*B, W] viewed as [T, B, W]. (tensor.reshape where T or B is
/// dynamic: tensor.expand_shape of a dynamic T*B hits llvm/llvm-project#186830
/// in expand-strided-metadata on MLIR 22.1.)
Value reshapeRowsToSequence(OpBuilder &b, Location loc, Value rows,
                            OpFoldResult time, OpFoldResult batch);

/// Inverted dropout of layer `layer`'s output `input` in training: one call
/// of the CPU runtime's rnnrt_cpu_dropout_<T>, which zeroes the elements
/// rnnrt::DropoutMask(seed, layer, rate) drops (rnn/Support/DropoutMask.h)
/// and scales the others by 1 / (1 - rate). Fails with a diagnostic on `op`
/// for an element type the runtime lacks.
FailureOr<Value> buildDropout(OpBuilder &b, Operation *op, Value input,
                              double rate, uint64_t seed, uint64_t layer);

} // namespace mlir::rnn

#endif // RNN_LIB_CONVERSION_RNNTOLINALG_TENSORBUILDERS_H
