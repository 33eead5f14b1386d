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
      resources (not printed as text).
  }];
  let options = [
    Option<"resourceThreshold", "resource-threshold", "int64_t",
           /*default=*/"4096",
           "Packed constants of at least this many bytes become dense "
           "resources">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

#endif // RNN_DIALECT_RNN_TRANSFORMS_PASSES_TD
