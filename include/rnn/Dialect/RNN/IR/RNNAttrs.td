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
  let cppNamespace = "::mlir::rnn";
  let genSpecializedAttr = 0;
}
def RNN_ModeAttr : EnumAttr<RNN_Dialect, RNN_Mode, "mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def RNN_Direction : I32EnumAttr<"Direction",
    "direction of a recurrent layer (cudnnDirectionMode_t)", [
    I32EnumAttrCase<"unidirectional", 0>,
    I32EnumAttrCase<"bidirectional", 1>]> {
  let cppNamespace = "::mlir::rnn";
  let genSpecializedAttr = 0;
}
def RNN_DirectionAttr : EnumAttr<RNN_Dialect, RNN_Direction, "direction"> {
  let assemblyFormat = "`<` $value `>`";
}

def RNN_InputMode : I32EnumAttr<"InputMode",
    "how the first layer consumes its input (cudnnRNNInputMode_t)", [
    I32EnumAttrCase<"linear_input", 0>,
    I32EnumAttrCase<"skip_input", 1>,
    I32EnumAttrCase<"auto_select", 2>]> {
  let cppNamespace = "::mlir::rnn";
  let genSpecializedAttr = 0;
}
def RNN_InputModeAttr : EnumAttr<RNN_Dialect, RNN_InputMode, "input_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // RNN_DIALECT_RNN_IR_RNNATTRS_TD
