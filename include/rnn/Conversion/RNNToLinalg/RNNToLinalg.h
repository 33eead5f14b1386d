//===- RNNToLinalg.h - Lower rnn ops to linalg and friends ------*- C++ -*-===//

#ifndef RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H
#define RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::rnn {

/// The recurrent layer lowering (one pattern for all four compute ops).
void populateRecurrentLayerToLinalgPatterns(RewritePatternSet &patterns);

/// rnn.pack_params / rnn.unpack_params to tensor slices.
void populateParamsToTensorPatterns(RewritePatternSet &patterns);

} // namespace mlir::rnn

#endif // RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H
