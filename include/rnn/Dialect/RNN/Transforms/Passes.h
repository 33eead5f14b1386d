//===- Passes.h - rnn dialect transformation passes -------------*- C++ -*-===//

#ifndef RNN_DIALECT_RNN_TRANSFORMS_PASSES_H
#define RNN_DIALECT_RNN_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace arith {
class ArithDialect;
} // namespace arith
namespace linalg {
class LinalgDialect;
} // namespace linalg
namespace tensor {
class TensorDialect;
} // namespace tensor
} // namespace mlir

namespace mlir::rnn {

#define GEN_PASS_DECL
#include "rnn/Dialect/RNN/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "rnn/Dialect/RNN/Transforms/Passes.h.inc"

} // namespace mlir::rnn

#endif // RNN_DIALECT_RNN_TRANSFORMS_PASSES_H
