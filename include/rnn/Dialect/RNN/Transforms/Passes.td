//===- Passes.td - rnn dialect transformation passes -------*- tablegen -*-===//

#ifndef RNN_DIALECT_RNN_TRANSFORMS_PASSES_TD
#define RNN_DIALECT_RNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def RNNFuseWeightPacking : Pass<"rnn-fuse-weight-packing"> {
  let summary = "Make canonical-weight packing free: fold, share and hoist it";
  let description = [{
    - rnn.pack_params ops with the same operands and attributes are merged
      (several layers using the same weights share one packed buffer);
    - rnn.pack_params whose operands are loop-invariant is hoisted out of
      scf.for / scf.while (and any LoopLikeOpInterface), so a model calling an
      RNN in a loop packs once;
    - rnn.pack_params whose operands are all constants (dense elements or
      dense resources) becomes one packed arith.constant, bit-exact with the
      packed layout; buffers above `resource-threshold` bytes become dense
      resources (not printed as text). The operand constants that nothing
      else uses are erased.
  }];
  let options = [
    Option<"resourceThreshold", "resource-threshold", "int64_t",
           /*default=*/"4096",
           "Packed constants of at least this many bytes become dense "
           "resources">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

//===----------------------------------------------------------------------===//
// Test passes
//===----------------------------------------------------------------------===//

def RNNTestImportWeights
    : Pass<"rnn-test-import-weights", "::mlir::ModuleOp"> {
  let summary = "Test the weight import helpers (canonical weights from "
                "PyTorch, Keras and ONNX layouts)";
  let description = [{
    Exercises rnn/Dialect/RNN/Utils/WeightImport.h. Each call of one of these
    private declarations is replaced by the canonical weights that the helper
    builds:

      @import_pytorch_<mode>(weight_ih, weight_hh, bias_ih, bias_hh)
          mode = lstm, gru, rnn_tanh or rnn_relu; one layer and direction
      @import_keras_lstm(kernel, recurrent_kernel, bias)
      @import_onnx_lstm(W, R, B)
      @import_onnx_gru(W, R, B) {linear_before_reset = 0 or 1}
          (absent: ONNX's default 0, which is rejected)

    A suffix after a dot selects the same helper (@import_keras_lstm.l1),
    so that calls with different operand types can coexist. The call's
    results are the canonical weights of its (layer, direction) blocks: all
    matrices, then all biases, in canonical order; the number of units is
    read off the recurrent weight. Declarations left without uses are
    erased.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // RNN_DIALECT_RNN_TRANSFORMS_PASSES_TD
