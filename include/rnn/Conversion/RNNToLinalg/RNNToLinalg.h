//===- RNNToLinalg.h - Lower rnn ops to linalg and friends ------*- C++ -*-===//

#ifndef RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H
#define RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::rnn {

/// The recurrent layer lowering (one pattern for all four compute ops).
void populateRecurrentLayerToLinalgPatterns(RewritePatternSet &patterns);

/// rnn.unpack_params to tensor slices; rnn.pack_params to one call of the
/// CPU runtime's fused pack (`useRuntimePack`, host buffers only) or, for
/// other element types and device buffers, to one insert_slice per tensor.
void populateParamsToTensorPatterns(RewritePatternSet &patterns,
                                    bool useRuntimePack);

} // namespace mlir::rnn

#endif // RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H
