//===- RNNOps.td - rnn dialect operations ------------------*- tablegen -*-===//

#ifndef RNN_DIALECT_RNN_IR_RNNOPS_TD
#define RNN_DIALECT_RNN_IR_RNNOPS_TD

include "rnn/Dialect/RNN/IR/RNNDialect.td"
include "rnn/Dialect/RNN/IR/RNNAttrs.td"
include "rnn/Dialect/RNN/IR/RNNInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def RNN_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;

def RNN_PositiveI64Attr : ConfinedAttr<I64Attr, [IntMinValue<1>]>;

//===----------------------------------------------------------------------===//
// Compute ops: rnn.lstm, rnn.gru, rnn.rnn_tanh, rnn.rnn_relu
//===----------------------------------------------------------------------===//

defvar RNN_LayerOpDoc = [{

    Attributes (every op of the family):

    | attribute | default | meaning |
    |---|---|---|
    | `num_layers` | required, >= 1 | stacked layers L |
    | `num_units` | required, >= 1 | hidden size H |
    | `direction` | unidirectional | `#rnn.direction<...>`, D = 1 or 2 |
    | `input_mode` | linear_input | `#rnn.input_mode<...>`; skip_input needs I == H |
    | `dropout` | 0.0 | f32 in [0, 1): dropout of each layer's output except the last, only when `is_training` |
    | `seed` | 0 | i64 dropout seed |
    | `is_training` | false | training forward |
    | `time_major` | true | x, y `[T, B, *]`; false: `[B, T, *]` |
    | `num_proj` | absent | LSTM only, 1 <= P < H: h' = W_proj (o * tanh(c')) |

    Shapes (time-major): x `[T, B, I]`; h_0, h_n (and c_0, c_n) `[L*D, B, H]`
    with row `l*D + d` for layer l, direction d; y `[T, B, D*H]`, the last
    layer's output, forward half first; params 1-D with exactly the packed
    size of the configuration (see rnn.pack_params). T and B may be dynamic;
    I is static. With `time_major = false` x is `[B, T, I]` and y
    `[B, T, D*H]` (the states keep their shape). The optional last operand
    `seq_lengths` `[B]` (i32) gives each sequence's length: sequence b runs
    steps 0..len_b-1 (the reverse direction from len_b-1 down to 0, from
    h_0), y is 0 at its padded steps and h_n (c_n) holds its state after
    its last valid step; 0 <= len_b <= T is checked at run time. All float
    operands and results share one element type (f16, bf16, f32 or f64).
    With `num_proj = P` (LSTM) h_0, h_n are `[L*D, B, P]`, y `[T, B, D*P]`,
    deeper layers read D*P features and c_0, c_n stay `[L*D, B, H]`.
    Results print as `%y`, `%h_n` (and `%c_n`).

    Layer l > 0 reads the D*H-feature output of layer l-1. With
    `direction = bidirectional` the backward direction runs t = T-1..0 over
    the same layer input with its own weights and initial state, and the
    layer output is concat(forward, backward) on the feature axis. With
    `input_mode = skip_input` layer 0 uses x in place of `W_k x` (its b_W
    biases still apply). A training forward (`is_training = true`) applies
    inverted dropout with rate `dropout` to the output of every layer but
    the last, with masks that are a deterministic function of (seed, layer,
    step, batch row, unit); it writes the reserve-space resource, so it is
    not erased when its results are unused. An inference forward has no
    side effect.

    A training forward may return one more result after the states, the
    reserve `tensor<?xi8>` (printed `%reserve`): what the grad op of the
    same configuration needs, in the backend's own layout (cuDNN's reserve
    space on the cudnn backend). It is an ordinary tensor, so it can cross
    function boundaries; only the grad op of the same configuration and
    shapes, compiled for the same backend, can read it.
  }];

/// The attributes of a recurrent layer, shared by a forward op and its grad
/// op; `trainingDefault` is is_training's default.
class RNN_LayerAttributes<string trainingDefault> {
  dag attrs = (ins
    RNN_PositiveI64Attr:$num_layers,
    RNN_PositiveI64Attr:$num_units,
    DefaultValuedAttr<RNN_DirectionAttr,
        "::mlir::rnn::Direction::unidirectional">:$direction,
    DefaultValuedAttr<RNN_InputModeAttr,
        "::mlir::rnn::InputMode::linear_input">:$input_mode,
    OptionalAttr<RNN_PositiveI64Attr>:$num_proj,
    DefaultValuedAttr<F32Attr, "0.0f">:$dropout,
    DefaultValuedAttr<I64Attr, "0">:$seed,
    DefaultValuedAttr<BoolAttr, trainingDefault>:$is_training,
    DefaultValuedAttr<BoolAttr, "true">:$time_major);
}

/// Per-sequence lengths, the optional last operand of every compute and
/// grad op (CONTRACT.md "Variable sequence lengths and batch-major layout").
def RNN_SeqLengthsTensor : 1DTensorOf<[I32]>;

/// The reserve a training forward keeps for its grad op: bytes in the
/// backend's own layout, of a size only the backend knows.
def RNN_ReserveTensor : 1DTensorOf<[I8]>;

/// What the forward ops and the grad ops of one mode share.
class RNN_RecurrentOpBase<string mnemonic, string modeCase, bit hasCell,
                          bit isGRU, list<Trait> traits>
    : RNN_Op<mnemonic, !listconcat(traits, [
        DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>])> {
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
  code modeDeclarations = [{
    ::mlir::rnn::Mode getMode() { return ::mlir::rnn::Mode::}] # modeCase # [{; }
    ::rnnrt::LayerConfig getLayerConfig() {
      return ::mlir::rnn::makeLayerConfig(getMode(), getNumLayers(),
          getNumUnits(), getInputSizeOrDynamic(), getDirection(),
          getInputMode(), getNumProj().value_or(0));
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
  }]) # !if(isGRU, "", [{
    bool getLinearBeforeReset() { return true; }
  }]);
  /// GRU's reset placement (CONTRACT.md "GRU without linear-before-reset").
  dag gruAttrs = !if(isGRU,
    (ins DefaultValuedAttr<BoolAttr, "true">:$linear_before_reset), (ins));
}

class RNN_RecurrentLayerOp<string mnemonic, string modeCase, bit hasCell,
                           bit isGRU = 0>
    : RNN_RecurrentOpBase<mnemonic, modeCase, hasCell, isGRU, [
        DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
        RNN_RecurrentOpInterface, RNN_RecurrentLayerOpInterface]> {
  let arguments = !con(
    (ins RNN_FloatTensor:$input, RNN_FloatTensor:$initial_hidden),
    !if(hasCell, (ins RNN_FloatTensor:$initial_cell), (ins)),
    (ins RNN_FloatTensor:$params,
         Optional<RNN_SeqLengthsTensor>:$seq_lengths),
    RNN_LayerAttributes<"false">.attrs, gruAttrs);
  let results = !con(
    (outs RNN_FloatTensor:$output, RNN_FloatTensor:$final_hidden),
    !if(hasCell, (outs RNN_FloatTensor:$final_cell), (outs)),
    (outs Optional<RNN_ReserveTensor>:$reserve));
  // Results print as %y, %h_n, %c_n and %reserve (the contract's names).
  let extraClassDefinition = [{
    void $cppClass::getAsmResultNames(::mlir::OpAsmSetValueNameFn setNameFn) {
      ::mlir::rnn::setRecurrentLayerResultNames(*this, setNameFn);
    }
  }];
  let extraClassDeclaration = modeDeclarations # !if(hasCell, "", [{
    ::mlir::Value getFinalCell() { return {}; }
  }]);
}

def RNN_LSTMOp : RNN_RecurrentLayerOp<"lstm", "lstm", 1> {
  let summary = "stacked LSTM layer (cuDNN semantics)";
  let description = !strconcat([{
    Long short-term memory, as cuDNN computes it, per layer and direction
    at each step t with x = x_t, h = h_{t-1}, c = c_{t-1}:

    ```
    i  = sigmoid(W_i x + b_Wi + R_i h + b_Ri)
    f  = sigmoid(W_f x + b_Wf + R_f h + b_Rf)
    g  = tanh   (W_c x + b_Wc + R_c h + b_Rc)
    o  = sigmoid(W_o x + b_Wo + R_o h + b_Ro)
    c' = f * c + i * g
    h' = o * tanh(c')
    ```

    Canonical gate ids 0..7: W_i, W_f, W_c, W_o, R_i, R_f, R_c, R_o.

    ```mlir
    %y, %h_n, %c_n = rnn.lstm %x, %h_0, %c_0, %params
        {num_layers = 2, num_units = 64,
         direction = #rnn.direction<bidirectional>,
         input_mode = #rnn.input_mode<linear_input>}
        : (tensor<16x4x32xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>,
           tensor<149504xf32>)
       -> (tensor<16x4x128xf32>, tensor<4x4x64xf32>, tensor<4x4x64xf32>)
    ```
  }], RNN_LayerOpDoc);
}

def RNN_GRUOp : RNN_RecurrentLayerOp<"gru", "gru", 0, 1> {
  let summary = "stacked GRU layer (cuDNN's, or with the reset before R_h)";
  let description = !strconcat([{
    Gated recurrent unit. By default as cuDNN computes it (the reset gate
    multiplies the recurrent matmul plus its bias: linear-before-reset,
    PyTorch's GRU, ONNX linear_before_reset = 1, Keras reset_after = True):

    ```
    r  = sigmoid(W_r x + b_Wr + R_r h + b_Rr)
    z  = sigmoid(W_z x + b_Wz + R_z h + b_Rz)
    n  = tanh   (W_h x + b_Wh + r * (R_h h + b_Rh))
    h' = (1 - z) * n + z * h
    ```

    With `linear_before_reset = false` (ONNX's default GRU, Keras
    reset_after = False) the reset gate scales h before the matmul:
    `n = tanh(W_h x + b_Wh + R_h (r * h) + b_Rh)`. cuDNN cannot run it; the
    cudnn backend sends it to the cuBLAS fallback with a remark.

    Canonical gate ids 0..5: W_r, W_z, W_h, R_r, R_z, R_h.

    ```mlir
    %y, %h_n = rnn.gru %x, %h_0, %params {num_layers = 1, num_units = 8}
        : (tensor<?x?x8xf32>, tensor<1x?x8xf32>, tensor<432xf32>)
       -> (tensor<?x?x8xf32>, tensor<1x?x8xf32>)
    ```
  }], RNN_LayerOpDoc);
}

def RNN_RNNTanhOp : RNN_RecurrentLayerOp<"rnn_tanh", "rnn_tanh", 0> {
  let summary = "stacked Elman RNN layer with tanh";
  let description = !strconcat([{
    `h' = tanh(W x + b_W + R h + b_R)` per layer and direction; canonical
    gate ids 0..1: W, R.

    ```mlir
    %y, %h_n = rnn.rnn_tanh %x, %h_0, %params {num_layers = 1, num_units = 4}
        : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
       -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
    ```
  }], RNN_LayerOpDoc);
}

def RNN_RNNReluOp : RNN_RecurrentLayerOp<"rnn_relu", "rnn_relu", 0> {
  let summary = "stacked Elman RNN layer with relu";
  let description = !strconcat([{
    `h' = relu(W x + b_W + R h + b_R)`, relu(v) = max(v, 0), per layer and
    direction; canonical gate ids 0..1: W, R.

    ```mlir
    %y, %h_n = rnn.rnn_relu %x, %h_0, %params {num_layers = 1, num_units = 4}
        : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<36xf32>)
       -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
    ```
  }], RNN_LayerOpDoc);
}

//===----------------------------------------------------------------------===//
// Grad ops: rnn.lstm_grad, rnn.gru_grad, rnn.rnn_tanh_grad, rnn.rnn_relu_grad
//===----------------------------------------------------------------------===//

defvar RNN_GradOpDoc = [{

    Operands: the forward's x, h_0 (c_0) and params, its output y and
    reserve, and the gradients dy = dL/dy, dh_n = dL/dh_n (dc_n = dL/dc_n)
    of a scalar loss L; results dx = dL/dx, dh_0 (dc_0) and dparams =
    dL/dparams in the packed layout (rnn.unpack_params of it gives the
    canonical gradients). The attributes are the forward's (is_training is
    true or absent); every shape is the one of what it differentiates, and
    the reserve must be `tensor<?xi8>`. The backward applies the forward's
    dropout masks. A reserve of another size or configuration is a run-time
    error, never a wrong gradient. Grad ops have no side effect: one whose
    results are unused is erased, and two grad ops may read one reserve.
    Results print as `%dx`, `%dh_0` (`%dc_0`) and `%dparams`.
  }];

class RNN_RecurrentGradOp<string mnemonic, string forward, string modeCase,
                          bit hasCell, bit isGRU = 0>
    : RNN_RecurrentOpBase<mnemonic, modeCase, hasCell, isGRU, [Pure,
        RNN_RecurrentOpInterface, RNN_RecurrentGradOpInterface]> {
  let summary = "gradients of rnn." # forward;
  let description = !strconcat([{
    The backward of a training rnn.}], forward, [{ (cuDNN's
    cudnnRNNBackwardData_v8 and cudnnRNNBackwardWeights_v8 in one op,
    TensorFlow's CudnnRNNBackprop).
  }], RNN_GradOpDoc);
  let arguments = !con(
    (ins RNN_FloatTensor:$input, RNN_FloatTensor:$initial_hidden),
    !if(hasCell, (ins RNN_FloatTensor:$initial_cell), (ins)),
    (ins RNN_FloatTensor:$params, RNN_FloatTensor:$forward_output,
         RNN_ReserveTensor:$reserve, RNN_FloatTensor:$output_grad,
         RNN_FloatTensor:$final_hidden_grad),
    !if(hasCell, (ins RNN_FloatTensor:$final_cell_grad), (ins)),
    (ins Optional<RNN_SeqLengthsTensor>:$seq_lengths),
    RNN_LayerAttributes<"true">.attrs, gruAttrs);
  let results = !con(
    (outs RNN_FloatTensor:$input_grad, RNN_FloatTensor:$initial_hidden_grad),
    !if(hasCell, (outs RNN_FloatTensor:$initial_cell_grad), (outs)),
    (outs RNN_FloatTensor:$params_grad));
  let extraClassDefinition = [{
    void $cppClass::getAsmResultNames(::mlir::OpAsmSetValueNameFn setNameFn) {
      ::mlir::rnn::setRecurrentGradResultNames(*this, setNameFn);
    }
  }];
  let extraClassDeclaration = modeDeclarations # !if(hasCell, "", [{
    ::mlir::Value getFinalCellGrad() { return {}; }
    ::mlir::Value getInitialCellGrad() { return {}; }
  }]);
}

def RNN_LSTMGradOp : RNN_RecurrentGradOp<"lstm_grad", "lstm", "lstm", 1>;
def RNN_GRUGradOp : RNN_RecurrentGradOp<"gru_grad", "gru", "gru", 0, 1>;
def RNN_RNNTanhGradOp
    : RNN_RecurrentGradOp<"rnn_tanh_grad", "rnn_tanh", "rnn_tanh", 0>;
def RNN_RNNReluGradOp
    : RNN_RecurrentGradOp<"rnn_relu_grad", "rnn_relu", "rnn_relu", 0>;

//===----------------------------------------------------------------------===//
// Packed params: rnn.pack_params, rnn.unpack_params
//===----------------------------------------------------------------------===//

defvar RNN_ParamsOpDoc = [{

    Attributes: `mode` (`#rnn.mode<...>`, required), `num_layers`,
    `num_units` and `input_size` (I; required, >= 1), `direction` (default
    unidirectional), `input_mode` (default linear_input; auto_select is
    resolved from input_size == num_units) and `num_proj` (LSTM only, P <
    H; absent without a projection).

    Canonical order: all matrices, then all biases. Within each list, for
    layer l, for direction d (forward first), for gate id k (LSTM 0..7
    W_i W_f W_c W_o R_i R_f R_c R_o; GRU 0..5 W_r W_z W_h R_r R_z R_h; RNN
    0..1 W R). Matrices are `[H, in]` with in = I for layer 0, D*H for deeper
    layers and H for the recurrent ones; biases are `[H]`, one per matrix
    id. With skip_input the layer-0 W matrices are absent from the list;
    their biases are not. With `num_proj = P` the recurrent matrices are
    `[H, P]`, deeper layers' input matrices `[H, D*P]`, and each layer and
    direction has one more matrix after R_o, the projection `[P, H]` (id
    8), without a bias.

    Packed layout: the matrices row-major one after another in canonical
    order, then the biases in canonical order, no padding; its size is
    sum over (l, d) of G*H*in_l (0 for layer 0 with skip_input) + G*H*H +
    2*G*H, with G = 4 (LSTM), 3 (GRU), 1 (RNN). For example LSTM I = 3,
    H = 4, L = 2, D = 1 puts W_0..W_3 of layer 0 at offsets 0, 12, 24, 36,
    R_4..R_7 at 48, 64, 80, 96, layer 1's matrices at 112 + 16k and the
    biases from 240, 304 elements in all. Packing what was just unpacked
    (same layout) folds to the original buffer and unpacking what was just
    packed folds to the original weights; canonicalization resolves
    auto_select. The rnn-fuse-weight-packing pass folds a pack of constants
    at compile time.
  }];

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
        "::mlir::rnn::InputMode::linear_input">:$input_mode,
    OptionalAttr<RNN_PositiveI64Attr>:$num_proj);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    ::rnnrt::LayerConfig getLayerConfig() {
      return ::mlir::rnn::makeLayerConfig(getMode(), getNumLayers(),
          getNumUnits(), getInputSize(), getDirection(), getInputMode(),
          getNumProj().value_or(0));
    }
    ::rnnrt::ParamsLayout getParamsLayout() {
      return ::rnnrt::ParamsLayout(getLayerConfig());
    }
  }];
}

def RNN_PackParamsOp : RNN_ParamsOp<"pack_params"> {
  let summary = "pack canonical weights into cuDNN's weight space";
  let description = !strconcat([{
    Takes the canonical weights (all matrices, then all biases, in canonical
    order) and returns the packed params buffer that the compute ops take
    (TensorFlow's CudnnRNNCanonicalToParams).

    ```mlir
    %params = rnn.pack_params %w_0, %w_1, %b_0, %b_1
        {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4,
         input_size = 3}
        : (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
       -> tensor<36xf32>
    ```
  }], RNN_ParamsOpDoc);
  let arguments = !con((ins Variadic<RNN_FloatTensor>:$canonical),
                       configAttrs);
  let results = (outs 1DTensorOf<[F16, BF16, F32, F64]>:$params);
}

def RNN_UnpackParamsOp : RNN_ParamsOp<"unpack_params"> {
  let summary = "split a packed params buffer into canonical weights";
  let description = !strconcat([{
    The inverse of rnn.pack_params (TensorFlow's
    CudnnRNNParamsToCanonical): returns every canonical matrix, then every
    canonical bias, in canonical order.

    ```mlir
    %w_0, %w_1, %b_0, %b_1 = rnn.unpack_params %params
        {mode = #rnn.mode<rnn_tanh>, num_layers = 1, num_units = 4,
         input_size = 3}
        : (tensor<36xf32>)
       -> (tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>)
    ```
  }], RNN_ParamsOpDoc);
  let arguments = !con((ins 1DTensorOf<[F16, BF16, F32, F64]>:$params),
                       configAttrs);
  let results = (outs Variadic<RNN_FloatTensor>:$canonical);
}

#endif // RNN_DIALECT_RNN_IR_RNNOPS_TD
