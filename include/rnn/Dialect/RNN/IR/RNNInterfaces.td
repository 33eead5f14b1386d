//===- RNNInterfaces.td - The recurrent layer op interface -*- tablegen -*-===//

#ifndef RNN_DIALECT_RNN_IR_RNNINTERFACES_TD
#define RNN_DIALECT_RNN_IR_RNNINTERFACES_TD

include "mlir/IR/OpBase.td"

def RNN_RecurrentLayerOpInterface : OpInterface<"RecurrentLayerOpInterface"> {
  let cppNamespace = "::mlir::rnn";
  let description = [{
    Shared by rnn.lstm, rnn.gru, rnn.rnn_tanh and rnn.rnn_relu. Answers what
    TensorFlow's CudnnLSTM layer answers (directions, canonical weight and
    bias shapes, state shape, packed params size, resolved input mode) from
    one rnnrt::LayerConfig, so nothing recomputes these by hand. Its
    verifier checks what every recurrent op requires: x `[T, B, I]` with a
    static I, h_0/c_0/h_n/c_n `[L*D, B, H]`, y `[T, B, D*H]`, params of
    exactly the packed size, one element type, dropout in [0, 1) and
    I == H for skip_input; each error names the operand and the expected
    shape.
  }];
  let methods = [
    InterfaceMethod<"The recurrent cell kind.", "::mlir::rnn::Mode",
      "getMode">,
    InterfaceMethod<"The static configuration: mode, layers, units, input "
      "size, direction and input mode (auto_select left unresolved).",
      "::rnnrt::LayerConfig", "getLayerConfig">,
    InterfaceMethod<"The input sequence [T, B, I].", "::mlir::Value",
      "getInput">,
    InterfaceMethod<"The initial hidden state [L*D, B, H].", "::mlir::Value",
      "getInitialHidden">,
    InterfaceMethod<"The initial cell state, or null without one.",
      "::mlir::Value", "getInitialCell">,
    InterfaceMethod<"The packed params buffer.", "::mlir::Value",
      "getParams">,
    InterfaceMethod<"The output sequence [T, B, D*H].", "::mlir::Value",
      "getOutput">,
    InterfaceMethod<"The final hidden state.", "::mlir::Value",
      "getFinalHidden">,
    InterfaceMethod<"The final cell state, or null without one.",
      "::mlir::Value", "getFinalCell">,
    InterfaceMethod<"The dropout rate between layers (the `dropout` "
      "attribute, 0.0 when absent).", "double", "getDropoutRate", (ins),
      [{ return $_op.getDropout().convertToDouble(); }]>,
    InterfaceMethod<"The dropout seed (the `seed` attribute, 0 when absent).",
      "int64_t", "getDropoutSeed", (ins),
      [{ return static_cast<int64_t>($_op.getSeed()); }]>,
    InterfaceMethod<"Whether this is a training forward (the `is_training` "
      "attribute, false when absent).", "bool", "getIsTraining", (ins),
      [{ return $_op.getIsTraining(); }]>,
  ];
  let extraSharedClassDeclaration = [{
    /// The packed layout of this op's params.
    ::rnnrt::ParamsLayout getParamsLayout() {
      return ::rnnrt::ParamsLayout($_op.getLayerConfig());
    }
    /// Number of directions D.
    int64_t getNumDirections() {
      return $_op.getLayerConfig().numDirections();
    }
    /// The input mode with auto_select resolved from the input size.
    ::mlir::rnn::InputMode getResolvedInputMode() {
      return static_cast<::mlir::rnn::InputMode>(
          $_op.getLayerConfig().resolvedInputMode());
    }
    /// Packed params size in elements.
    int64_t getPackedParamsSize() { return getParamsLayout().size(); }
    /// Canonical matrix shapes ([H, in]) in canonical order.
    ::llvm::SmallVector<::llvm::SmallVector<int64_t, 2>>
    getCanonicalWeightShapes() {
      return ::mlir::rnn::getCanonicalWeightShapes(getParamsLayout());
    }
    /// Canonical bias shapes ([H]) in canonical order.
    ::llvm::SmallVector<::llvm::SmallVector<int64_t, 2>>
    getCanonicalBiasShapes() {
      return ::mlir::rnn::getCanonicalBiasShapes(getParamsLayout());
    }
    /// Shape of h_0/c_0/h_n/c_n: [L*D, B, H], B taken from the input.
    ::llvm::SmallVector<int64_t> getStateShape() {
      return ::mlir::rnn::getStateShape(
          $_op.getLayerConfig(),
          ::llvm::cast<::mlir::ShapedType>($_op.getInput().getType()));
    }
    /// Shape of y: [T, B, D*H] from the input's T and B.
    ::llvm::SmallVector<int64_t> getOutputShape() {
      return ::mlir::rnn::getOutputShape(
          $_op.getLayerConfig(),
          ::llvm::cast<::mlir::ShapedType>($_op.getInput().getType()));
    }
  }];
  let verify = [{ return ::mlir::rnn::verifyRecurrentLayerOp($_op); }];
}

#endif // RNN_DIALECT_RNN_IR_RNNINTERFACES_TD
