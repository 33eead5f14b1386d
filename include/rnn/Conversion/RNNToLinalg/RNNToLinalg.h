//===- RNNToLinalg.h - Lower rnn ops to linalg and friends ------*- C++ -*-===//

#ifndef RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H
#define RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H

#include "rnn/Runtime/RuntimeABI.h"

#include <optional>

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::rnn {

using RuntimeFunction = rnnrt::abi::Function;

/// f16 and bf16 compute and grad ops become the same op in f32 between
/// elementwise extensions of their float operands and truncations of their
/// float results (the CPU backend stores 16-bit floats, computes in f32).
void populatePromoteToF32Patterns(RewritePatternSet &patterns);
/// Whether populatePromoteToF32Patterns rewrites `op` (the f32 lowerings
/// leave it alone).
bool isPromotedToF32(Operation *op);

/// The recurrent layer lowering (one pattern for all four compute ops).
void populateRecurrentLayerToLinalgPatterns(RewritePatternSet &patterns);

/// The backward lowering (one pattern for all four grad ops).
void populateRecurrentGradToLinalgPatterns(RewritePatternSet &patterns);

/// rnn.unpack_params to tensor slices; rnn.pack_params to one call of the
/// runtime's fused pack `pack` (see getPackParamsFunction) or (nullopt, or
/// an element type the runtime lacks) to one insert_slice per tensor.
void populateParamsToTensorPatterns(RewritePatternSet &patterns,
                                    std::optional<RuntimeFunction> pack);

} // namespace mlir::rnn

#endif // RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H
