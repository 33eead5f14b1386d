//===- RNNAttrs.td - rnn dialect enum attributes -----------*- tablegen -*-===//
//
// The integer values mirror cuDNN (see rnn/Support/RNNEnums.h).
//
//===----------------------------------------------------------------------===//

#ifndef RNN_DIALECT_RNN_IR_RNNATTRS_TD
#define RNN_DIALECT_RNN_IR_RNNATTRS_TD

include "rnn/Dialect/RNN/IR/RNNDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def RNN_Mode : I32EnumAttr<"Mode", "recurrent cell kind (cudnnRNNMode_t)", [
    I32EnumAttrCase<"rnn_relu", 0>,
    I32EnumAttrCase<"rnn_tanh", 1>,
    I32EnumAttrCase<"lstm", 2>,
    I32EnumAttrCase<"gru", 3>]> {
  let description = [{
    The cell of rnn.pack_params / rnn.unpack_params, with cuDNN's values:
    `rnn_relu` (0) and `rnn_tanh` (1) are Elman cells with 2 gate ids
    (W, R), `lstm` (2) has 8 (W_i, W_f, W_c, W_o, R_i, R_f, R_c, R_o) and
    `gru` (3) has 6 (W_r, W_z, W_h, R_r, R_z, R_h). The compute ops carry
    their mode in their name (rnn.lstm, ...).
  }];
  let cppNamespace = "::mlir::rnn";
  let genSpecializedAttr = 0;
}
def RNN_ModeAttr : EnumAttr<RNN_Dialect, RNN_Mode, "mode"> {
  let description = [{
    Recurrent cell kind of rnn.pack_params / rnn.unpack_params, printed
    `#rnn.mode<lstm>`; one of `rnn_relu`, `rnn_tanh`, `lstm`, `gru`.
  }];
  let assemblyFormat = "`<` $value `>`";
}

def RNN_Direction : I32EnumAttr<"Direction",
    "direction of a recurrent layer (cudnnDirectionMode_t)", [
    I32EnumAttrCase<"unidirectional", 0>,
    I32EnumAttrCase<"bidirectional", 1>]> {
  let description = [{
    `unidirectional` (D = 1) runs each layer forward over t = 0..T-1.
    `bidirectional` (D = 2) also runs a backward direction over
    t = T-1..0 on the same layer input, with its own weights; the layer
    output is concat(forward, backward) on the feature axis, so deeper
    layers and y have D*H features. Default: unidirectional.
  }];
  let cppNamespace = "::mlir::rnn";
  let genSpecializedAttr = 0;
}
def RNN_DirectionAttr : EnumAttr<RNN_Dialect, RNN_Direction, "direction"> {
  let description = [{
    Direction of every layer, printed
    `#rnn.direction<bidirectional>`; one of `unidirectional`, `bidirectional`.
  }];
  let assemblyFormat = "`<` $value `>`";
}

def RNN_InputMode : I32EnumAttr<"InputMode",
    "how the first layer consumes its input (cudnnRNNInputMode_t)", [
    I32EnumAttrCase<"linear_input", 0>,
    I32EnumAttrCase<"skip_input", 1>,
    I32EnumAttrCase<"auto_select", 2>]> {
  let description = [{
    `linear_input` (the default): layer 0 multiplies x by its input
    matrices W_k. `skip_input`: layer 0 has no input matrices and uses x
    itself in place of `W_k x` (the b_Wk biases stay); it needs I == H, and
    the layer-0 W matrices are omitted from the canonical weights and the
    packed params. `auto_select`: skip_input when I == H, else
    linear_input. Deeper layers always take linear input.
  }];
  let cppNamespace = "::mlir::rnn";
  let genSpecializedAttr = 0;
}
def RNN_InputModeAttr : EnumAttr<RNN_Dialect, RNN_InputMode, "input_mode"> {
  let description = [{
    How layer 0 consumes x, printed `#rnn.input_mode<skip_input>`;
    one of `linear_input`, `skip_input`, `auto_select`.
  }];
  let assemblyFormat = "`<` $value `>`";
}

#endif // RNN_DIALECT_RNN_IR_RNNATTRS_TD
