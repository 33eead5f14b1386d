//===- WeightPacking.h - Compile-time packing of canonical weights -*- C++ -*-//

#ifndef RNN_DIALECT_RNN_TRANSFORMS_WEIGHTPACKING_H
#define RNN_DIALECT_RNN_TRANSFORMS_WEIGHTPACKING_H

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::rnn {

/// The packed buffer of `op` as raw little-endian bytes, when every operand
/// is a constant (dense elements or a dense resource); failure otherwise.
FailureOr<std::vector<char>> packConstantOperands(PackParamsOp op);

/// An elements attribute of `type` holding `bytes`: a dense resource named
/// after `nameHint` when it has at least `resourceThreshold` bytes, else a
/// DenseElementsAttr.
ElementsAttr makePackedAttr(ShapedType type, ArrayRef<char> bytes,
                            int64_t resourceThreshold, StringRef nameHint);

} // namespace mlir::rnn

#endif // RNN_DIALECT_RNN_TRANSFORMS_WEIGHTPACKING_H
