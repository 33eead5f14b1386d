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

def RNNImportWeights : Pass<"rnn-import-weights", "::mlir::ModuleOp"> {
  let summary = "Canonical weights from the layouts of PyTorch, Keras and "
                "ONNX";
  let description = [{
    Builds the canonical weights of CONTRACT.md (one tensor per gate, cuDNN
    gate order, [H, in] matrices) from weights stored the way another
    framework stores them, with rnn/Dialect/RNN/Utils/WeightImport.h. The
    layout is named by the callee of a call to a private declaration (a
    marker), so that one module can mix layouts and the weights can be
    function arguments, constants or anything else:

      @import_pytorch_<mode>(weight_ih, weight_hh, bias_ih, bias_hh)
          mode = lstm, gru, rnn_tanh or rnn_relu; one layer and direction
          (torch.nn.LSTM / GRU / RNN: gates stacked along the rows)
      @import_pytorch_lstm(weight_ih, weight_hh, bias_ih, bias_hh, weight_hr)
          an LSTM with proj_size = P: weight_hh [4H, P], weight_hr [P, H]
          (the block's projection matrix, id 8; pack with num_proj = P)
      @import_keras_lstm(kernel, recurrent_kernel, bias)
          [in, 4H], [H, 4H], [4H]; gates i f c o along the columns; the
          summed bias becomes b_W and b_R is zero
      @import_keras_gru(kernel, recurrent_kernel, bias)
          [in, 3H], [H, 3H], [2, 3H] (reset_after=True: input bias, then
          recurrent bias); gates z r h along the columns
      @import_onnx_lstm(W, R, B)
          all directions of a node; gates i o f c
      @import_onnx_gru(W, R, B) {linear_before_reset = 0 or 1}
          all directions of a node; gates z r h; only 1 (absent: ONNX's
          default 0, which is rejected)

    A suffix after a dot selects the same layout (@import_keras_lstm.l1), so
    that calls with different operand types can coexist. The call's results
    are the canonical weights of its (layer, direction) blocks: all matrices,
    then all biases, in canonical order, ready for rnn.pack_params; the
    number of units is read off the recurrent weight. A malformed operand is
    an error naming it and the expected shape. Declarations left without
    uses are erased. The result uses tensor.extract_slice and
    linalg.transpose (Keras); rnn-fuse-weight-packing folds it all into one
    packed constant when the weights are constants. The rnn-weights tool
    does the same reordering offline, bit for bit.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def RNNFuseStackedLayers : Pass<"rnn-fuse-stacked-layers"> {
  let summary = "Join consecutive recurrent ops of a stack into one op with "
                "num_layers = L";
  let description = [{
    An importer emits one single-layer op per layer, joined by glue:
    ONNX's Y [T, D, B, H] rebuilt from y and taken back apart by torch's
    Transpose / Reshape / Squeeze, h_0 cut into per-layer slices, h_n
    concatenated again. This pass first folds that glue (the canonical
    patterns of tensor.expand_shape / collapse_shape / extract_slice /
    concat and linalg.transpose, plus: a concat of adjacent slices of one
    tensor is that slice, a concat of equal splat constants is a splat),
    then joins op B into op A when

    - both are forward ops of one mode, num_units, direction and element
      type, neither is a training forward, and B reads A's y (its only use)
      with input_mode = linear_input;
    - both take rnn.pack_params of their canonical weights;
    - every other use of A's results comes after B.

    The joined op has num_layers = L_A + L_B and A's input and input_mode;
    its params are one pack_params of A's and B's matrices, then A's and
    B's biases (canonical order); h_0 and c_0 are A's and B's concatenated
    on dimension 0, and A's and B's h_n / c_n are slices of the joined
    op's. Repeated until no pair is left, so an L-layer stack becomes one
    op.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def RNNAbsorbBatchMajorTransposes
    : Pass<"rnn-absorb-batch-major-transposes"> {
  let summary = "Turn the transposes around a batch-first recurrent op into "
                "time_major = false";
  let description = [{
    A batch-first model (PyTorch's batch_first, ONNX's layout = 1 as
    torch.onnx exports it) transposes its [B, T, I] input to [T, B, I]
    before a time-major recurrent op and its [T, B, D*H] output back
    after it. Such a pair is what the op computes with `time_major =
    false`, without the two copies; and the GPU backends, which keep
    tensors on the device, cannot run the element-wise permutation an
    importer would otherwise leave.

    For every forward op with `time_major = true` that is not a training
    forward and whose x is `linalg.transpose` with permutation [1, 0, 2],
    the op is rebuilt on the transpose's input with `time_major = false`.
    A use of y by `linalg.transpose` [1, 0, 2] becomes a use of the new
    y; any other use reads the new y transposed back, so the function
    computes what it did. States and sequence lengths are unchanged.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // RNN_DIALECT_RNN_TRANSFORMS_PASSES_TD
