//===- RNNToLinalg.h - Lower rnn ops to linalg and friends ------*- C++ -*-===//

#ifndef RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H
#define RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::rnn {

/// The recurrent layer lowering (one pattern for all four compute ops).
void populateRecurrentLayerToLinalgPatterns(RewritePatternSet &patterns);

/// Which runtime's fused pack run-time rnn.pack_params calls.
enum class PackRuntime { None, CPU, CUDA };

/// rnn.unpack_params to tensor slices; rnn.pack_params to one call of the
/// runtime's fused pack or (PackRuntime::None, or an element type the
/// runtime lacks) to one insert_slice per tensor.
void populateParamsToTensorPatterns(RewritePatternSet &patterns,
                                    PackRuntime runtime);

} // namespace mlir::rnn

#endif // RNN_CONVERSION_RNNTOLINALG_RNNTOLINALG_H
