//===- RNNDialect.td - The rnn dialect ---------------------*- tablegen -*-===//

#ifndef RNN_DIALECT_RNN_IR_RNNDIALECT_TD
#define RNN_DIALECT_RNN_IR_RNNDIALECT_TD

include "mlir/IR/OpBase.td"

def RNN_Dialect : Dialect {
  let name = "rnn";
  let cppNamespace = "::mlir::rnn";
  let summary = "Stacked recurrent layers (LSTM, GRU, RNN) at tensor level";
  let description = [{
    Recurrent layers in the style of cuDNN and TensorFlow's CudnnLSTM:
    num_layers, num_units, direction and input mode, with an opaque packed
    params buffer in cuDNN's weight-space layout and ops that convert between
    it and the canonical per-gate weights.
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
