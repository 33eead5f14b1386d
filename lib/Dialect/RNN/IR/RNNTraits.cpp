//===- RNNTraits.cpp - Op traits shared by every rnn op -------------------===//

#include "rnn/Dialect/RNN/IR/RNNTraits.h"

using namespace mlir;

LogicalResult mlir::rnn::verifyDeclaredAttributesOnly(Operation *op) {
  // Declared attributes live in the op's properties; whatever remains in the
  // discardable dictionary was not declared by the op.
  for (NamedAttribute attr : op->getDiscardableAttrs()) {
    if (!attr.getName().strref().contains('.'))
      return op->emitOpError()
             << "unknown attribute '" << attr.getName().strref() << "'";
  }
  return success();
}
