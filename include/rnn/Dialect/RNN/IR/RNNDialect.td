//===- RNNDialect.td - The rnn dialect ---------------------*- tablegen -*-===//

#ifndef RNN_DIALECT_RNN_IR_RNNDIALECT_TD
#define RNN_DIALECT_RNN_IR_RNNDIALECT_TD

include "mlir/IR/OpBase.td"

def RNN_Dialect : Dialect {
  let name = "rnn";
  let cppNamespace = "::mlir::rnn";
  let summary = "Stacked recurrent layers (LSTM, GRU, RNN) at tensor level";
  let description = [{
    The `rnn` dialect describes stacked recurrent layers (LSTM, GRU, Elman
    RNN with tanh or relu) the way cuDNN and TensorFlow's CudnnRNN do: one op
    runs `num_layers` layers of `num_units` units, in one or both directions,
    over a whole time-major sequence, with every weight in one opaque packed
    params buffer laid out as cuDNN's weight space.

    * Compute ops `rnn.lstm`, `rnn.gru`, `rnn.rnn_tanh` and `rnn.rnn_relu`
      take x `[T, B, I]`, h_0 (and c_0 for LSTM) `[L*D, B, H]` and the
      packed params, and return y `[T, B, D*H]` (the last layer, forward
      half first), h_n (and c_n) `[L*D, B, H]`, where state row `l*D + d` is
      layer l, direction d. T and B may be dynamic; I, H, L and D are
      static. Every backend computes exactly what cuDNN computes.
    * `rnn.pack_params` / `rnn.unpack_params` convert between the canonical
      weights (one `[H, in]` matrix and one `[H]` bias per gate, in the
      canonical order: all matrices then all biases, each list ordered by
      layer, direction, gate id) and the packed buffer: the matrices
      row-major one after another, then the biases, no padding (cuDNN's
      ALGO_STANDARD, double-bias layout).

    Element types are f16, f32 or f64 (f32 everywhere; a backend that does
    not support a type reports it). Every shape or attribute mismatch is a
    verifier error naming the operand and the expected shape. The
    hand-written guide, with the equations, the packed layout worked out
    and the gate order of other frameworks, is docs/Dialect.md.
  }];
  let useDefaultAttributePrinterParser = 1;
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

/// Every rnn op rejects undeclared attributes without a dialect prefix.
def RNN_DeclaredAttributesOnly : NativeOpTrait<"DeclaredAttributesOnly"> {
  let cppNamespace = "::mlir::rnn";
}

class RNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<RNN_Dialect, mnemonic,
         !listconcat([RNN_DeclaredAttributesOnly], traits)>;

#endif // RNN_DIALECT_RNN_IR_RNNDIALECT_TD
