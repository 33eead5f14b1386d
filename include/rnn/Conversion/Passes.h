//===- Passes.h - rnn conversion passes -------------------------*- C++ -*-===//

#ifndef RNN_CONVERSION_PASSES_H
#define RNN_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class DialectRegistry;
namespace arith {
class ArithDialect;
} // namespace arith
namespace bufferization {
class BufferizationDialect;
} // namespace bufferization
namespace func {
class FuncDialect;
} // namespace func
namespace linalg {
class LinalgDialect;
} // namespace linalg
namespace math {
class MathDialect;
} // namespace math
namespace memref {
class MemRefDialect;
} // namespace memref
namespace scf {
class SCFDialect;
} // namespace scf
namespace tensor {
class TensorDialect;
} // namespace tensor
namespace vector {
class VectorDialect;
} // namespace vector
namespace x86vector {
class X86VectorDialect;
} // namespace x86vector
} // namespace mlir

namespace mlir::rnn {

#define GEN_PASS_DECL
#include "rnn/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "rnn/Conversion/Passes.h.inc"

} // namespace mlir::rnn

#endif // RNN_CONVERSION_PASSES_H
