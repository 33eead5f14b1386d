//===- WeightPacking.h - Compile-time packing of canonical weights -*- C++ -*-//

#ifndef RNN_DIALECT_RNN_TRANSFORMS_WEIGHTPACKING_H
#define RNN_DIALECT_RNN_TRANSFORMS_WEIGHTPACKING_H

#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::rnn {

/// The packed buffer of `op` as one constant, when every operand is a
/// constant (dense elements or a dense resource); failure otherwise. Buffers
/// of at least `resourceThreshold` bytes become a dense resource named after
/// `nameHint`, written in place (one copy of each operand, the data is never
/// hashed); smaller ones a DenseElementsAttr.
FailureOr<ElementsAttr> foldConstantPacking(PackParamsOp op,
                                            int64_t resourceThreshold,
                                            StringRef nameHint);

} // namespace mlir::rnn

#endif // RNN_DIALECT_RNN_TRANSFORMS_WEIGHTPACKING_H
