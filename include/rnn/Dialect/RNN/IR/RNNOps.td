//===- RNNOps.td - rnn dialect operations ------------------*- tablegen -*-===//

#ifndef RNN_DIALECT_RNN_IR_RNNOPS_TD
#define RNN_DIALECT_RNN_IR_RNNOPS_TD

include "rnn/Dialect/RNN/IR/RNNDialect.td"
include "rnn/Dialect/RNN/IR/RNNAttrs.td"
include "rnn/Dialect/RNN/IR/RNNInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def RNN_FloatTensor : RankedTensorOf<[F16, F32, F64]>;

def RNN_PositiveI64Attr : ConfinedAttr<I64Attr, [IntMinValue<1>]>;

//===----------------------------------------------------------------------===//
// Compute ops: rnn.lstm, rnn.gru, rnn.rnn_tanh, rnn.rnn_relu
//===----------------------------------------------------------------------===//

class RNN_RecurrentLayerOp<string mnemonic, string modeCase, bit hasCell>
    : RNN_Op<mnemonic, [
        DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
        DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>,
        RNN_RecurrentLayerOpInterface]> {
  let arguments = !con(
    (ins RNN_FloatTensor:$input, RNN_FloatTensor:$initial_hidden),
    !if(hasCell, (ins RNN_FloatTensor:$initial_cell), (ins)),
    (ins RNN_FloatTensor:$params,
         RNN_PositiveI64Attr:$num_layers,
         RNN_PositiveI64Attr:$num_units,
         DefaultValuedAttr<RNN_DirectionAttr,
             "::mlir::rnn::Direction::unidirectional">:$direction,
         DefaultValuedAttr<RNN_InputModeAttr,
             "::mlir::rnn::InputMode::linear_input">:$input_mode,
         DefaultValuedAttr<F32Attr, "0.0f">:$dropout,
         DefaultValuedAttr<I64Attr, "0">:$seed,
         DefaultValuedAttr<BoolAttr, "false">:$is_training));
  let results = !con(
    (outs RNN_FloatTensor:$output, RNN_FloatTensor:$final_hidden),
    !if(hasCell, (outs RNN_FloatTensor:$final_cell), (outs)));
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
  // Results print as %y, %h_n and %c_n (the contract's names).
  let extraClassDefinition = [{
    void $cppClass::getAsmResultNames(::mlir::OpAsmSetValueNameFn setNameFn) {
      ::mlir::rnn::setRecurrentLayerResultNames(*this, setNameFn);
    }
  }];
  let extraClassDeclaration = [{
    ::mlir::rnn::Mode getMode() { return ::mlir::rnn::Mode::}] # modeCase # [{; }
    ::rnnrt::LayerConfig getLayerConfig() {
      return ::mlir::rnn::makeLayerConfig(getMode(), getNumLayers(),
          getNumUnits(), getInputSizeOrDynamic(), getDirection(),
          getInputMode());
    }
    /// I, the static size of the input's feature axis (the verifier
    /// requires it), or ShapedType::kDynamic on invalid IR.
    int64_t getInputSizeOrDynamic() {
      auto type = ::llvm::cast<::mlir::RankedTensorType>(getInput().getType());
      return type.getRank() == 3 ? type.getDimSize(2)
                                 : ::mlir::ShapedType::kDynamic;
    }
  }] # !if(hasCell, "", [{
    ::mlir::Value getInitialCell() { return {}; }
    ::mlir::Value getFinalCell() { return {}; }
  }]);
}

def RNN_LSTMOp : RNN_RecurrentLayerOp<"lstm", "lstm", 1> {
  let summary = "stacked LSTM layer (cuDNN semantics)";
  let description = [{
    i = sigmoid(W_i x + b_Wi + R_i h + b_Ri), f, g = tanh(..), o likewise;
    c' = f * c + i * g; h' = o * tanh(c'). Operands are time-major:
    x [T, B, I], h_0 and c_0 [L*D, B, H]; results y [T, B, D*H], h_n, c_n.

    ```mlir
    %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
        {num_layers = 2, num_units = 64,
         direction = #rnn.direction<bidirectional>}
        : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>,
           tensor<149504xf32>)
       -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
    ```
  }];
}

def RNN_GRUOp : RNN_RecurrentLayerOp<"gru", "gru", 0> {
  let summary = "stacked GRU layer (cuDNN, linear-before-reset)";
  let description = [{
    r = sigmoid(..), z = sigmoid(..),
    n = tanh(W_h x + b_Wh + r * (R_h h + b_Rh)); h' = (1 - z) * n + z * h.
  }];
}

def RNN_RNNTanhOp : RNN_RecurrentLayerOp<"rnn_tanh", "rnn_tanh", 0> {
  let summary = "stacked Elman RNN layer with tanh";
  let description = [{ h' = tanh(W x + b_W + R h + b_R). }];
}

def RNN_RNNReluOp : RNN_RecurrentLayerOp<"rnn_relu", "rnn_relu", 0> {
  let summary = "stacked Elman RNN layer with relu";
  let description = [{ h' = relu(W x + b_W + R h + b_R). }];
}

//===----------------------------------------------------------------------===//
// Packed params: rnn.pack_params, rnn.unpack_params
//===----------------------------------------------------------------------===//

class RNN_ParamsOp<string mnemonic, list<Trait> traits = []>
    : RNN_Op<mnemonic, !listconcat(traits, [Pure,
        DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>])> {
  dag configAttrs = (ins
    RNN_ModeAttr:$mode,
    RNN_PositiveI64Attr:$num_layers,
    RNN_PositiveI64Attr:$num_units,
    RNN_PositiveI64Attr:$input_size,
    DefaultValuedAttr<RNN_DirectionAttr,
        "::mlir::rnn::Direction::unidirectional">:$direction,
    DefaultValuedAttr<RNN_InputModeAttr,
        "::mlir::rnn::InputMode::linear_input">:$input_mode);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    ::rnnrt::LayerConfig getLayerConfig() {
      return ::mlir::rnn::makeLayerConfig(getMode(), getNumLayers(),
          getNumUnits(), getInputSize(), getDirection(), getInputMode());
    }
    ::rnnrt::ParamsLayout getParamsLayout() {
      return ::rnnrt::ParamsLayout(getLayerConfig());
    }
  }];
}

def RNN_PackParamsOp : RNN_ParamsOp<"pack_params"> {
  let summary = "pack canonical weights into cuDNN's weight space";
  let description = [{
    Takes all canonical matrices, then all biases, in canonical order (layer,
    direction, gate id) and returns the packed params buffer: the matrices
    row-major one after another, then the biases, no padding.
  }];
  let arguments = !con((ins Variadic<RNN_FloatTensor>:$canonical),
                       configAttrs);
  let results = (outs 1DTensorOf<[F16, F32, F64]>:$params);
}

def RNN_UnpackParamsOp : RNN_ParamsOp<"unpack_params"> {
  let summary = "split a packed params buffer into canonical weights";
  let description = [{
    The inverse of rnn.pack_params (TensorFlow's ParamsToCanonical).
  }];
  let arguments = !con((ins 1DTensorOf<[F16, F32, F64]>:$params),
                       configAttrs);
  let results = (outs Variadic<RNN_FloatTensor>:$canonical);
}

#endif // RNN_DIALECT_RNN_IR_RNNOPS_TD
