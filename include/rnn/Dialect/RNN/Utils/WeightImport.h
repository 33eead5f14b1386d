//===- WeightImport.h - Canonical weights from other layouts ----*- C++ -*-===//
//
// Rewrite utilities that build the canonical weights of docs/Dialect.md (one
// tensor per gate, cuDNN gate order, [H, in] matrices) at tensor level from
// the layouts other systems store:
//
// | system        | gates stacked          | order   | biases              |
// |---------------|------------------------|---------|---------------------|
// | PyTorch       | rows of [G*H, in]      | cuDNN   | bias_ih, bias_hh    |
// | Keras/TF LSTM | columns of [in, 4H]    | i f c o | one summed [4H]     |
// | Keras/TF GRU  | columns of [in, 3H]    | z r h   | [2, 3H] = [Wb; Rb]  |
// | ONNX LSTM     | rows of [D, 4H, in]    | i o f c | B [D, 8H] = [Wb|Rb] |
// | ONNX GRU      | rows of [D, 3H, in]    | z r h   | B [D, 6H] = [Wb|Rb] |
//
// Each helper emits tensor.extract_slice (views), linalg.transpose where a
// layout stores the matrices transposed, and zero constants for biases a
// layout does not have; it reports a malformed operand with an error at
// `loc` that names it and the expected shape.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_DIALECT_RNN_UTILS_WEIGHTIMPORT_H
#define RNN_DIALECT_RNN_UTILS_WEIGHTIMPORT_H

#include "rnn/Dialect/RNN/IR/RNNAttrs.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace mlir::rnn {

/// Canonical weights of consecutive (layer, direction) blocks: what
/// rnn.pack_params takes once all blocks of a model are appended in
/// canonical order (layer, then direction).
struct CanonicalWeights {
  /// Per block: the G input matrices W_k, then the G recurrent matrices R_k.
  SmallVector<Value> matrices;
  /// Per block: the G input biases b_Wk, then the G recurrent biases b_Rk.
  SmallVector<Value> biases;

  /// Appends the blocks of `next` after those of this one.
  void append(const CanonicalWeights &next);
  /// All matrices, then all biases: the operands of rnn.pack_params.
  SmallVector<Value> getOperands() const;
};

/// One direction of one PyTorch layer (torch.nn.LSTM / GRU / RNN, whose
/// gates are in cuDNN order): weight_ih [G*H, in], weight_hh [G*H, H],
/// bias_ih [G*H], bias_hh [G*H]; null biases (bias=False) become zeros.
/// An LSTM with proj_size = P also has weight_hr [P, H] (non-null
/// `weightHR`): weight_hh is then [4H, P] and weight_hr becomes the
/// block's projection matrix (id 8, after the recurrent ones).
FailureOr<CanonicalWeights> importPyTorch(OpBuilder &b, Location loc, Mode mode,
                                          Value weightIH, Value weightHH,
                                          Value biasIH, Value biasHH,
                                          int64_t units,
                                          Value weightHR = Value());

/// A Keras / TensorFlow LSTM layer (one direction): kernel [in, 4H],
/// recurrent_kernel [H, 4H] and bias [4H], gates i, f, c, o along the
/// columns. The matrices are transposed to [H, in]; the summed bias becomes
/// b_W and b_R is zero, which computes the same gates. A null bias
/// (use_bias=False) becomes zeros.
FailureOr<CanonicalWeights> importKerasLSTM(OpBuilder &b, Location loc,
                                            Value kernel, Value recurrentKernel,
                                            Value bias, int64_t units);

/// A Keras / TensorFlow GRU layer (one direction) with reset_after=True
/// (linear-before-reset, the canonical GRU): kernel [in, 3H],
/// recurrent_kernel [H, 3H] and bias [2, 3H] (input bias, recurrent bias),
/// gates z, r, h along the columns. A null bias (use_bias=False) becomes
/// zeros; reset_after=False (bias [3H]) is reported as unsupported.
FailureOr<CanonicalWeights> importKerasGRU(OpBuilder &b, Location loc,
                                           Value kernel, Value recurrentKernel,
                                           Value bias, int64_t units);

/// An ONNX LSTM node, all its directions: W [D, 4H, in], R [D, 4H, H] and
/// B [D, 8H] = [Wb | Rb] (null: zeros), gates i, o, f, c. The caller
/// rejects what the canonical weights cannot express (peepholes P,
/// input_forget, non-default activations, direction = "reverse").
FailureOr<CanonicalWeights> importONNXLSTM(OpBuilder &b, Location loc, Value w,
                                           Value r, Value bias, int64_t units);

/// An ONNX GRU node, all its directions: W [D, 3H, in], R [D, 3H, H] and
/// B [D, 6H] = [Wb | Rb] (null: zeros), gates z, r, h. The canonical GRU
/// applies the reset gate after the recurrent matmul, which is ONNX's
/// linear_before_reset = 1; 0 is an error.
FailureOr<CanonicalWeights> importONNXGRU(OpBuilder &b, Location loc, Value w,
                                          Value r, Value bias, int64_t units,
                                          bool linearBeforeReset);

} // namespace mlir::rnn

#endif // RNN_DIALECT_RNN_UTILS_WEIGHTIMPORT_H
