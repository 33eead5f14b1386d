//===- RNNInterfaces.td - The recurrent layer op interfaces -*- tablegen -*-===//

#ifndef RNN_DIALECT_RNN_IR_RNNINTERFACES_TD
#define RNN_DIALECT_RNN_IR_RNNINTERFACES_TD

include "mlir/IR/OpBase.td"

def RNN_RecurrentOpInterface : OpInterface<"RecurrentOpInterface"> {
  let cppNamespace = "::mlir::rnn";
  let description = [{
    Shared by every op that computes a recurrent layer or its gradient:
    the forward ops rnn.lstm, rnn.gru, rnn.rnn_tanh, rnn.rnn_relu and their
    grad ops rnn.lstm_grad, ... Answers what TensorFlow's CudnnLSTM layer
    answers (directions, canonical weight and bias shapes, state shape,
    packed params size, resolved input mode) from one rnnrt::LayerConfig,
    so nothing recomputes these by hand, and names the operands forward and
    backward share: x, h_0, c_0, params and seq_lengths. Its verifier
    checks them: x `[T, B, I]` (`[B, T, I]` with time_major = false) with a
    static I, seq_lengths `[B]` of i32, h_0 `[L*D, B, P]` (P = H without
    num_proj), c_0 `[L*D, B, H]`, params of exactly the packed size, one
    element type, dropout in [0, 1), I == H for skip_input and num_proj
    (LSTM only, P < H); each error names the operand and the expected shape.
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
    InterfaceMethod<"The dropout rate between layers (the `dropout` "
      "attribute, 0.0 when absent).", "double", "getDropoutRate", (ins),
      [{ return $_op.getDropout().convertToDouble(); }]>,
    InterfaceMethod<"The dropout seed (the `seed` attribute, 0 when absent).",
      "int64_t", "getDropoutSeed", (ins),
      [{ return static_cast<int64_t>($_op.getSeed()); }]>,
    InterfaceMethod<"Whether this computes (or differentiates) a training "
      "forward (the `is_training` attribute).", "bool", "getIsTraining",
      (ins), [{ return $_op.getIsTraining(); }]>,
    InterfaceMethod<"The per-sequence lengths [B] (i32), or null when "
      "every sequence runs all T steps.", "::mlir::Value", "getSeqLengths">,
    InterfaceMethod<"Whether x and y are [T, B, *] (true, the default) or "
      "[B, T, *] (the `time_major` attribute).", "bool", "getTimeMajor",
      (ins), [{ return $_op.getTimeMajor(); }]>,
    InterfaceMethod<"Whether GRU's reset gate multiplies the recurrent "
      "matmul (true, cuDNN's GRU, and every other mode) or h before it (the "
      "`linear_before_reset = false` GRU).", "bool", "getLinearBeforeReset",
      (ins), [{ return $_op.getLinearBeforeReset(); }]>,
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
    /// The axis of x and y that is T (0 time-major, 1 batch-major).
    int64_t getTimeDim() { return $_op.getTimeMajor() ? 0 : 1; }
    /// The axis of x and y that is B (1 time-major, 0 batch-major).
    int64_t getBatchDim() { return $_op.getTimeMajor() ? 1 : 0; }
    /// T and B of x (kDynamic where dynamic or x is not rank 3).
    int64_t getStaticTime() {
      return ::mlir::rnn::getSequenceDim(
          ::llvm::cast<::mlir::ShapedType>($_op.getInput().getType()),
          getTimeDim());
    }
    int64_t getStaticBatch() {
      return ::mlir::rnn::getSequenceDim(
          ::llvm::cast<::mlir::ShapedType>($_op.getInput().getType()),
          getBatchDim());
    }
    /// Shape of h_0/h_n: [L*D, B, P] with a projection, else [L*D, B, H];
    /// B taken from the input.
    ::llvm::SmallVector<int64_t> getHiddenStateShape() {
      return ::mlir::rnn::getHiddenStateShape(
          $_op.getLayerConfig(),
          ::llvm::cast<::mlir::ShapedType>($_op.getInput().getType()),
          $_op.getTimeMajor());
    }
    /// Shape of c_0/c_n: [L*D, B, H], B taken from the input.
    ::llvm::SmallVector<int64_t> getCellStateShape() {
      return ::mlir::rnn::getCellStateShape(
          $_op.getLayerConfig(),
          ::llvm::cast<::mlir::ShapedType>($_op.getInput().getType()),
          $_op.getTimeMajor());
    }
    /// Shape of y: [T, B, D*P] (D*H without a projection, time-major) or
    /// [B, T, D*P] from the input's T and B.
    ::llvm::SmallVector<int64_t> getOutputShape() {
      return ::mlir::rnn::getOutputShape(
          $_op.getLayerConfig(),
          ::llvm::cast<::mlir::ShapedType>($_op.getInput().getType()));
    }
  }];
  let verify = [{ return ::mlir::rnn::verifyRecurrentOperands($_op); }];
}

def RNN_RecurrentLayerOpInterface
    : OpInterface<"RecurrentLayerOpInterface", [RNN_RecurrentOpInterface]> {
  let cppNamespace = "::mlir::rnn";
  let description = [{
    The forward ops rnn.lstm, rnn.gru, rnn.rnn_tanh and rnn.rnn_relu: their
    results y `[T, B, D*H]`, h_n (and c_n) `[L*D, B, H]` and, for a training
    forward that keeps it, the reserve `tensor<?xi8>`. Its verifier checks
    the results.
  }];
  let methods = [
    InterfaceMethod<"The output sequence [T, B, D*H].", "::mlir::Value",
      "getOutput">,
    InterfaceMethod<"The final hidden state.", "::mlir::Value",
      "getFinalHidden">,
    InterfaceMethod<"The final cell state, or null without one.",
      "::mlir::Value", "getFinalCell">,
    InterfaceMethod<"The reserve a training forward returns for its grad "
      "op, or null.", "::mlir::Value", "getReserve">,
  ];
  let verify = [{ return ::mlir::rnn::verifyRecurrentLayerResults($_op); }];
}

def RNN_RecurrentGradOpInterface
    : OpInterface<"RecurrentGradOpInterface", [RNN_RecurrentOpInterface]> {
  let cppNamespace = "::mlir::rnn";
  let description = [{
    The grad ops rnn.lstm_grad, rnn.gru_grad, rnn.rnn_tanh_grad and
    rnn.rnn_relu_grad: besides the forward's operands they take its output
    y, its reserve and the gradients dy, dh_n (and dc_n) of a scalar loss,
    and return dx, dh_0 (and dc_0) and dparams, each of the shape of what it
    differentiates. Its verifier checks them.
  }];
  let methods = [
    InterfaceMethod<"The forward's output y [T, B, D*H].", "::mlir::Value",
      "getForwardOutput">,
    InterfaceMethod<"The forward's reserve.", "::mlir::Value", "getReserve">,
    InterfaceMethod<"dL/dy [T, B, D*H].", "::mlir::Value", "getOutputGrad">,
    InterfaceMethod<"dL/dh_n [L*D, B, H].", "::mlir::Value",
      "getFinalHiddenGrad">,
    InterfaceMethod<"dL/dc_n, or null without a cell state.", "::mlir::Value",
      "getFinalCellGrad">,
    InterfaceMethod<"dL/dx [T, B, I].", "::mlir::Value", "getInputGrad">,
    InterfaceMethod<"dL/dh_0.", "::mlir::Value", "getInitialHiddenGrad">,
    InterfaceMethod<"dL/dc_0, or null without a cell state.", "::mlir::Value",
      "getInitialCellGrad">,
    InterfaceMethod<"dL/dparams in the packed layout.", "::mlir::Value",
      "getParamsGrad">,
  ];
  let verify = [{ return ::mlir::rnn::verifyRecurrentGradOperands($_op); }];
}

#endif // RNN_DIALECT_RNN_IR_RNNINTERFACES_TD
