//===- RNNOps.h - rnn dialect operations ------------------------*- C++ -*-===//

#ifndef RNN_DIALECT_RNN_IR_RNNOPS_H
#define RNN_DIALECT_RNN_IR_RNNOPS_H

#include "rnn/Dialect/RNN/IR/RNNAttrs.h"
#include "rnn/Dialect/RNN/IR/RNNDialect.h"
#include "rnn/Dialect/RNN/IR/RNNTraits.h"
#include "rnn/Support/ParamsLayout.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::rnn {

/// Builds the layout configuration from the dialect's attribute values.
::rnnrt::LayerConfig makeLayerConfig(Mode mode, int64_t numLayers,
                                     int64_t numUnits, int64_t inputSize,
                                     Direction direction, InputMode inputMode,
                                     int64_t numProj = 0);

/// Canonical matrix shapes [H, in] / bias shapes [H] in canonical order.
SmallVector<SmallVector<int64_t, 2>>
getCanonicalWeightShapes(const ::rnnrt::ParamsLayout &layout);
SmallVector<SmallVector<int64_t, 2>>
getCanonicalBiasShapes(const ::rnnrt::ParamsLayout &layout);

/// Dimension `dim` of a rank-3 `input`, kDynamic otherwise.
int64_t getSequenceDim(ShapedType input, int64_t dim);

/// h's [L*D, B, P] ([L*D, B, H] without a projection), c's [L*D, B, H] and
/// y's [T, B, D*P] (time-major) or [B, T, D*P], with T and B taken from
/// `input` ([T, B, I] or [B, T, I]).
SmallVector<int64_t> getHiddenStateShape(const ::rnnrt::LayerConfig &config,
                                         ShapedType input,
                                         bool timeMajor = true);
SmallVector<int64_t> getCellStateShape(const ::rnnrt::LayerConfig &config,
                                       ShapedType input, bool timeMajor = true);
SmallVector<int64_t> getOutputShape(const ::rnnrt::LayerConfig &config,
                                    ShapedType input);

/// The verifiers of the interfaces: the operands every forward and grad op
/// shares (x, h_0, c_0, params, attributes), a forward's results, a grad
/// op's gradient operands and results.
LogicalResult verifyRecurrentOperands(Operation *op);
LogicalResult verifyRecurrentLayerResults(Operation *op);
LogicalResult verifyRecurrentGradOperands(Operation *op);

/// Names the results of a forward op y, h_n (c_n, reserve) and of a grad op
/// dx, dh_0 (dc_0), dparams in the printed IR.
void setRecurrentLayerResultNames(Operation *op, OpAsmSetValueNameFn setNameFn);
void setRecurrentGradResultNames(Operation *op, OpAsmSetValueNameFn setNameFn);

/// The side-effect resource standing for the training reserve space: a
/// training forward writes it, so it is never erased as dead.
struct ReserveSpaceResource
    : public SideEffects::Resource::Base<ReserveSpaceResource> {
  StringRef getName() final { return "rnn::ReserveSpace"; }
};

} // namespace mlir::rnn

#include "rnn/Dialect/RNN/IR/RNNInterfaces.h.inc"

#define GET_OP_CLASSES
#include "rnn/Dialect/RNN/IR/RNNOps.h.inc"

#endif // RNN_DIALECT_RNN_IR_RNNOPS_H
