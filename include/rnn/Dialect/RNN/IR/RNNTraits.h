//===- RNNTraits.h - Op traits shared by every rnn op -----------*- C++ -*-===//

#ifndef RNN_DIALECT_RNN_IR_RNNTRAITS_H
#define RNN_DIALECT_RNN_IR_RNNTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace mlir::rnn {

/// Rejects every attribute without a dialect prefix (no '.' in its name)
/// that the op does not declare, so a misspelled or unsupported attribute
/// (`time_major = false`) is an error instead of being silently ignored.
/// Dialect-prefixed attributes (`foo.tag`) stay allowed.
LogicalResult verifyDeclaredAttributesOnly(Operation *op);

/// The trait every rnn op carries; see verifyDeclaredAttributesOnly.
template <typename ConcreteType>
class DeclaredAttributesOnly
    : public OpTrait::TraitBase<ConcreteType, DeclaredAttributesOnly> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return verifyDeclaredAttributesOnly(op);
  }
};

} // namespace mlir::rnn

#endif // RNN_DIALECT_RNN_IR_RNNTRAITS_H
