#!/usr/bin/env python3
"""rnn-weights: recurrent-layer weights of another framework for rnn-run.

    rnn-weights MODEL [-o PREFIX] [--format=pytorch|keras|onnx]
                [--mode=lstm|gru|rnn_tanh|rnn_relu] [--prefix=KEY_PREFIX]
                [--seq-len=T] [--batch=B] [--dtype=f32|f64]

reads the weights of one stack of recurrent layers and writes
PREFIX.params.npy, the packed params of CONTRACT.md (cuDNN's weight space:
all matrices, then all biases; per layer, direction and canonical gate), and
PREFIX.mlir, whose @main(%x, %h_0[, %c_0], %params) returns (y, h_n[, c_n])
with one rnn.lstm / rnn.gru / rnn.rnn_tanh / rnn.rnn_relu; rnn-run runs it.

MODEL is one of
  * a PyTorch state_dict (.pt/.pth, torch.save(module.state_dict())) of
    nn.LSTM / nn.GRU / nn.RNN: weight_ih_l{k}[_reverse], weight_hh_l{k},
    bias_ih_l{k}, bias_hh_l{k} and, for an LSTM with proj_size, weight_hr_l{k}
    (the projection, packed as id 8 with num_proj); needs torch;
  * a Keras weight set (.npz): kernel_l{k}[_reverse],
    recurrent_kernel_l{k}[_reverse], bias_l{k}[_reverse] (one layer: kernel,
    recurrent_kernel, bias), LSTM gates i f c o, GRU z r h with
    reset_after=True (bias [2, 3H]), SimpleRNN;
  * ONNX: the LSTM / GRU / RNN initializers of a .onnx file (needs onnx; one
    node per layer, in graph order), or a .npz of W[_l{k}], R[_l{k}],
    B[_l{k}] in ONNX's layout (LSTM gates i o f c, GRU z r h with
    linear_before_reset = 1).

The gate reordering is the one of the C++ importers
(rnn/Dialect/RNN/Utils/WeightImport.h, the rnn-import-weights pass): same
weights, same packed buffer, bit for bit. Errors are one
`rnn-weights: error:` line and exit status 1.
"""

import argparse
import os
import re
import sys

# numpy is imported in main() so that a missing numpy is a clear error too.
np = None

MODES = ("lstm", "gru", "rnn_tanh", "rnn_relu")
GATES = {"lstm": 4, "gru": 3, "rnn_tanh": 1, "rnn_relu": 1}

# order[k]: the block of a framework's gate stack holding canonical gate k
# (cuDNN order: LSTM i f c o, GRU r z h); as in WeightImport.cpp.
IDENTITY = (0, 1, 2, 3)
KERAS_GRU_ORDER = (1, 0, 2)  # stored z r h
ONNX_LSTM_ORDER = (0, 2, 3, 1)  # stored i o f c
ONNX_GRU_ORDER = (1, 0, 2)  # stored z r h


class Error(Exception):
    """A user error: printed as one `rnn-weights: error:` line."""


class Model:
    """Canonical weights: blocks[(layer, dir)] = (matrices, biases)."""

    def __init__(self, mode, layers, dirs, units, input_size, proj=0):
        self.mode, self.layers, self.dirs = mode, layers, dirs
        self.units, self.input_size, self.proj = units, input_size, proj
        self.blocks = {}

    @property
    def out_units(self):
        """Width of h: the projection size P, else H."""
        return self.proj or self.units

    def layer_input(self, layer):
        return self.input_size if layer == 0 else self.dirs * self.out_units

    def pack(self, dtype):
        """The packed params: all matrices, then all biases (CONTRACT.md)."""
        matrices, biases = [], []
        for layer in range(self.layers):
            for d in range(self.dirs):
                mats, bias = self.blocks[(layer, d)]
                matrices += mats
                biases += bias
        return np.concatenate([a.astype(dtype).ravel() for a in matrices + biases])


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def gates(stack, order, units, axis=0):
    """Canonical gates [order[k]] of `stack` (blocks of `units` along `axis`)."""
    blocks = []
    for block in order:
        index = [slice(None)] * stack.ndim
        index[axis] = slice(block * units, (block + 1) * units)
        blocks.append(stack[tuple(index)])
    return blocks


def expect_shape(name, array, shape):
    ok = array.ndim == len(shape) and all(
        e is None or e == s for s, e in zip(array.shape, shape))
    if not ok:
        expected = "[%s]" % ", ".join("?" if e is None else str(e) for e in shape)
        raise Error("%s must have shape %s, got [%s]" % (
            name, expected, ", ".join(str(s) for s in array.shape)))
    if not np.issubdtype(array.dtype, np.floating):
        raise Error("%s must be a float array, got %s" % (name, array.dtype))


def mode_from_gates(count, mode, what):
    """The mode for `count` gates per matrix; --mode when given."""
    if mode:
        if GATES[mode] != count:
            raise Error("--mode=%s needs %d gates, %s has %d" % (
                mode, GATES[mode], what, count))
        return mode
    if count == 4:
        return "lstm"
    if count == 3:
        return "gru"
    if count == 1:
        raise Error("%s is a plain RNN: pass --mode=rnn_tanh or --mode=rnn_relu" % what)
    raise Error("%s has %d gates per matrix: not an LSTM (4), GRU (3) or RNN (1)" % (
        what, count))


def check_keys(weights, used, what):
    extra = sorted(set(weights) - used)
    if extra:
        raise Error("unexpected %s key '%s'" % (what, extra[0]))


def count_layers(weights, pattern, what):
    """Layers 0..L-1 whose first key matches `pattern` % k; directions."""
    layers = 0
    while (pattern % layers) in weights:
        layers += 1
    if layers == 0:
        raise Error("no '%s' in %s (keys: %s)" % (
            pattern % 0, what, ", ".join(sorted(weights)[:6]) or "none"))
    dirs = 2 if (pattern % 0 + "_reverse") in weights else 1
    return layers, dirs


def get(weights, key, what):
    if key not in weights:
        raise Error("missing %s key '%s'" % (what, key))
    return weights[key]


# --------------------------------------------------------------------------
# PyTorch
# --------------------------------------------------------------------------


def load_torch(path):
    try:
        import torch
    except ImportError:
        raise Error("reading a PyTorch file needs the torch package")
    try:
        state = torch.load(path, map_location="cpu")
    except Exception as e:  # pickle/zip errors of a file that is no model
        raise Error("cannot read '%s' as a PyTorch file: %s" % (
            path, str(e).splitlines()[0] if str(e) else type(e).__name__))
    if hasattr(state, "state_dict") and callable(state.state_dict):
        state = state.state_dict()
    if not isinstance(state, dict):
        raise Error("'%s' holds a %s, not a state_dict" % (path, type(state).__name__))
    weights = {}
    for key, value in state.items():
        if not hasattr(value, "detach"):
            raise Error("state_dict entry '%s' is not a tensor" % key)
        weights[str(key)] = value.detach().cpu().numpy()
    return weights


def strip_prefix(weights, prefix):
    """Keys of one nn.LSTM/GRU/RNN: `prefix` (or the only one) removed."""
    if prefix is None:
        prefixes = sorted({k[:-len("weight_ih_l0")] for k in weights
                           if k.endswith("weight_ih_l0")})
        if len(prefixes) > 1:
            raise Error("several recurrent modules (key prefixes %s): pass --prefix" %
                        ", ".join("'%s'" % p for p in prefixes))
        prefix = prefixes[0] if prefixes else ""
        if prefix:
            weights = {k: v for k, v in weights.items() if k.startswith(prefix)}
    elif not any(k.startswith(prefix) for k in weights):
        raise Error("no key starts with --prefix '%s'" % prefix)
    else:
        weights = {k: v for k, v in weights.items() if k.startswith(prefix)}
    return {k[len(prefix):]: v for k, v in weights.items()}


def import_pytorch(weights, mode):
    what = "PyTorch state_dict"
    layers, dirs = count_layers(weights, "weight_ih_l%d", what)
    whh = get(weights, "weight_hh_l0", what)
    wih = weights["weight_ih_l0"]
    if whh.ndim != 2 or wih.ndim != 2:
        raise Error("weight_hh_l0 and weight_ih_l0 must be matrices")
    proj = 0
    if "weight_hr_l0" in weights:
        # proj_size: weight_hr [P, H], weight_hh [4H, P].
        whr = weights["weight_hr_l0"]
        if whr.ndim != 2 or not 0 < whr.shape[0] < whr.shape[1]:
            raise Error("weight_hr_l0 has shape %s: not [P, H] with P < H" % (list(whr.shape),))
        proj, units = whr.shape
        if mode not in (None, "lstm") or whh.shape[0] != 4 * units:
            raise Error("weight_hr_l0: only an LSTM has a projection (proj_size)")
        mode = "lstm"
    else:
        units = whh.shape[1]
    if units == 0 or whh.shape[0] % units:
        raise Error("weight_hh_l0 has shape [%d, %d]: not [G*H, H]" % whh.shape)
    mode = mode_from_gates(whh.shape[0] // units, mode, "weight_hh_l0")
    rows = GATES[mode] * units
    model = Model(mode, layers, dirs, units, wih.shape[1], proj)
    used = set()
    for layer in range(layers):
        for d in range(dirs):
            suffix = "_l%d%s" % (layer, "_reverse" if d else "")
            names = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
            keys = [n + suffix for n in names]
            w_ih, w_hh = (get(weights, k, what) for k in keys[:2])
            expect_shape(keys[0], w_ih, (rows, model.layer_input(layer)))
            expect_shape(keys[1], w_hh, (rows, model.out_units))
            projection = []
            if proj:
                keys.append("weight_hr" + suffix)
                projection = [get(weights, keys[-1], what)]
                expect_shape(keys[-1], projection[0], (proj, units))
            biases = []
            for key in keys[2:4]:
                if key in weights:  # bias=False: no bias keys, zeros
                    expect_shape(key, weights[key], (rows,))
                    biases.append(weights[key])
                else:
                    biases.append(np.zeros(rows, w_ih.dtype))
            used.update(keys)
            order = IDENTITY[:GATES[mode]]
            model.blocks[(layer, d)] = (
                gates(w_ih, order, units) + gates(w_hh, order, units) + projection,
                gates(biases[0], order, units) + gates(biases[1], order, units))
    check_keys(weights, used, "PyTorch state_dict")
    return model


# --------------------------------------------------------------------------
# Keras
# --------------------------------------------------------------------------


def keras_key(weights, name, layer, d, single):
    suffix = "_reverse" if d else ""
    if single and (name + suffix) in weights:
        return name + suffix
    return "%s_l%d%s" % (name, layer, suffix)


def import_keras(weights, mode):
    what = "Keras weights"
    single = "kernel" in weights
    if single:
        layers, dirs = 1, 2 if "kernel_reverse" in weights else 1
    else:
        layers, dirs = count_layers(weights, "kernel_l%d", what)
    key = lambda name, layer, d: keras_key(weights, name, layer, d, single)  # noqa: E731
    recurrent = get(weights, key("recurrent_kernel", 0, 0), what)
    kernel = weights[key("kernel", 0, 0)]
    if recurrent.ndim != 2 or kernel.ndim != 2:
        raise Error("kernel and recurrent_kernel must be matrices")
    units = recurrent.shape[0]
    if units == 0 or recurrent.shape[1] % units:
        raise Error("recurrent_kernel has shape [%d, %d]: not [H, G*H]" % recurrent.shape)
    mode = mode_from_gates(recurrent.shape[1] // units, mode, key("recurrent_kernel", 0, 0))
    cols = GATES[mode] * units
    model = Model(mode, layers, dirs, units, kernel.shape[0])
    order = KERAS_GRU_ORDER if mode == "gru" else IDENTITY[:GATES[mode]]
    used = set()
    for layer in range(layers):
        for d in range(dirs):
            k, r, b = (key(n, layer, d) for n in ("kernel", "recurrent_kernel", "bias"))
            kernel, rec = get(weights, k, what), get(weights, r, what)
            expect_shape(k, kernel, (model.layer_input(layer), cols))
            expect_shape(r, rec, (units, cols))
            used.update((k, r))
            zeros = np.zeros(cols, kernel.dtype)
            if b not in weights:  # use_bias=False
                input_bias, recurrent_bias = zeros, zeros
            elif mode == "gru":
                bias = weights[b]
                if bias.shape == (cols,):
                    raise Error("%s has shape [%d]: a GRU with reset_after=False, which "
                                "rnn-weights does not support (the canonical GRU is "
                                "reset_after=True, linear-before-reset)" % (b, cols))
                expect_shape(b, bias, (2, cols))
                input_bias, recurrent_bias = bias[0], bias[1]
            else:
                # LSTM / SimpleRNN: one bias, which is b_W; b_R is zero
                # (the gates are the same), as importKerasLSTM does.
                expect_shape(b, weights[b], (cols,))
                input_bias, recurrent_bias = weights[b], zeros
            used.add(b)
            model.blocks[(layer, d)] = (
                [g.T for g in gates(kernel, order, units, axis=1)] +
                [g.T for g in gates(rec, order, units, axis=1)],
                gates(input_bias, order, units) + gates(recurrent_bias, order, units))
    check_keys(weights, used, what)
    return model


# --------------------------------------------------------------------------
# ONNX
# --------------------------------------------------------------------------


def onnx_layer(w, r, b, mode, units, what, order):
    """Blocks of one ONNX node: W [D, G*H, I], R [D, G*H, H], B [D, 2*G*H]."""
    rows = GATES[mode] * units
    blocks = []
    for d in range(w.shape[0]):
        bias = b[d] if b is not None else np.zeros(2 * rows, w.dtype)
        blocks.append((gates(w[d], order, units) + gates(r[d], order, units),
                       gates(bias[:rows], order, units) + gates(bias[rows:], order, units)))
    return blocks


def import_onnx_arrays(layers_wrb, mode, what):
    """layers_wrb: [(W, R, B or None, name)] of consecutive layers."""
    w0, r0 = layers_wrb[0][0], layers_wrb[0][1]
    if w0.ndim != 3 or r0.ndim != 3 or w0.shape[0] not in (1, 2):
        raise Error("%s: W and R must have shape [num_directions (1 or 2), G*H, in]" % what)
    dirs, units = w0.shape[0], r0.shape[2]
    if units == 0 or r0.shape[1] % units:
        raise Error("%s: R has shape [%s]: not [D, G*H, H]" % (
            what, ", ".join(map(str, r0.shape))))
    mode = mode_from_gates(r0.shape[1] // units, mode, what + " R")
    order = {"lstm": ONNX_LSTM_ORDER, "gru": ONNX_GRU_ORDER}.get(mode, (0,))
    rows = GATES[mode] * units
    model = Model(mode, len(layers_wrb), dirs, units, w0.shape[2])
    for layer, (w, r, b, name) in enumerate(layers_wrb):
        expect_shape(name + " W", w, (dirs, rows, model.layer_input(layer)))
        expect_shape(name + " R", r, (dirs, rows, units))
        if b is not None:
            expect_shape(name + " B", b, (dirs, 2 * rows))
        for d, block in enumerate(onnx_layer(w, r, b, mode, units, what, order)):
            model.blocks[(layer, d)] = block
    return model


def import_onnx_npz(weights, mode):
    what = "ONNX weights"
    single = "W" in weights
    layers = 1 if single else count_layers(weights, "W_l%d", what)[0]
    used, stack = set(), []
    for layer in range(layers):
        keys = ("W", "R", "B") if single else tuple(
            "%s_l%d" % (n, layer) for n in ("W", "R", "B"))
        w, r = get(weights, keys[0], what), get(weights, keys[1], what)
        used.update(k for k in keys if k in weights)
        stack.append((w, r, weights.get(keys[2]), "layer %d" % layer))
    check_keys(weights, used, what)
    return import_onnx_arrays(stack, mode, what)


def import_onnx_file(path, mode):
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError:
        raise Error("reading an ONNX file needs the onnx package")
    try:
        model = onnx.load(path)
    except Exception as e:
        raise Error("cannot read '%s' as an ONNX model: %s" % (path, e))
    graph = model.graph
    values = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:  # Constant nodes hold weights too
        if node.op_type == "Constant" and node.attribute:
            values[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    nodes = [n for n in graph.node if n.op_type in ("LSTM", "GRU", "RNN")]
    if not nodes:
        raise Error("'%s' has no LSTM, GRU or RNN node" % path)
    if len({n.op_type for n in nodes}) > 1:
        raise Error("'%s' mixes %s nodes: one kind of layer per model" % (
            path, " and ".join(sorted({n.op_type for n in nodes}))))
    stack = []
    for node in nodes:
        name = "node '%s'" % (node.name or node.output[0])
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type == "GRU" and attrs.get("linear_before_reset", 0) != 1:
            raise Error("GRU %s has linear_before_reset = 0: the canonical GRU is "
                        "linear_before_reset = 1" % name)
        if node.op_type == "RNN":
            acts = [a.decode() if isinstance(a, bytes) else a
                    for a in attrs.get("activations", [b"Tanh"])]
            node_mode = {"Tanh": "rnn_tanh", "Relu": "rnn_relu"}.get(acts[0])
            if node_mode is None or len(set(acts)) != 1:
                raise Error("RNN %s has activations %s: only Tanh or Relu" % (name, acts))
            if mode and mode != node_mode:
                raise Error("--mode=%s but RNN %s uses %s" % (mode, name, acts[0]))
            mode = node_mode
        for attr in ("clip", "input_forget"):
            if attrs.get(attr):
                raise Error("%s %s has %s: not expressible" % (node.op_type, name, attr))
        if "activations" in attrs and node.op_type != "RNN":
            raise Error("%s %s has non-default activations" % (node.op_type, name))
        if attrs.get("direction", b"forward") in (b"reverse", "reverse"):
            raise Error("%s %s has direction = reverse: not expressible" % (node.op_type, name))
        if node.op_type == "LSTM" and len(node.input) > 7 and node.input[7]:
            if np.any(values.get(node.input[7], 1) != 0):
                raise Error("LSTM %s has non-zero peepholes P" % name)
        inputs = list(node.input) + [""] * 4
        for index, what in ((1, "W"), (2, "R")):
            if inputs[index] not in values:
                raise Error("%s input %s '%s' is not an initializer" % (
                    name, what, inputs[index]))
        bias = None
        if inputs[3]:
            if inputs[3] not in values:
                raise Error("%s input B '%s' is not an initializer" % (name, inputs[3]))
            bias = values[inputs[3]]
        stack.append((values[inputs[1]], values[inputs[2]], bias, name))
    return import_onnx_arrays(stack, mode, "'%s'" % path)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def tensor(shape, element):
    return "tensor<%s>" % "x".join([("?" if d is None else str(d)) for d in shape] +
                                   [element])


def make_mlir(model, size, element, steps, batch):
    state_rows = model.layers * model.dirs
    x = tensor((steps, batch, model.input_size), element)
    h = tensor((state_rows, batch, model.out_units), element)
    c = tensor((state_rows, batch, model.units), element)
    y = tensor((steps, batch, model.dirs * model.out_units), element)
    p = tensor((size,), element)
    lstm = model.mode == "lstm"
    args = ["%%x: %s" % x, "%%h_0: %s" % h] + (["%%c_0: %s" % c] if lstm else [])
    args.append("%%params: %s" % p)
    operands = ["%x", "%h_0"] + (["%c_0"] if lstm else []) + ["%params"]
    operand_types = [x, h] + ([c] if lstm else []) + [p]
    results = ["%y", "%h_n"] + (["%c_n"] if lstm else [])
    result_types = [y, h] + ([c] if lstm else [])
    attrs = "num_layers = %d, num_units = %d, direction = #rnn.direction<%s>" % (
        model.layers, model.units, "bidirectional" if model.dirs == 2 else "unidirectional")
    if model.proj:
        attrs += ", num_proj = %d" % model.proj
    return (
        "// Generated by rnn-weights: %s, %d layer(s), %s, hidden size %d, input size %d.\n"
        "// Run: rnn-run FILE.mlir --input=x.npy --input=h_0.npy%s --input=PARAMS.npy\n"
        "func.func @main(%s)\n    -> (%s) {\n"
        "  %s = rnn.%s %s\n      {%s}\n      : (%s)\n     -> (%s)\n"
        "  return %s : %s\n}\n" % (
            model.mode, model.layers,
            "bidirectional" if model.dirs == 2 else "unidirectional",
            model.units, model.input_size, " --input=c_0.npy" if lstm else "",
            ", ".join(args), ", ".join(result_types),
            ", ".join(results), model.mode, ", ".join(operands), attrs,
            ", ".join(operand_types), ", ".join(result_types),
            ", ".join(results), ", ".join(result_types)))


def detect_format(path, weights_keys=None):
    ext = os.path.splitext(path)[1].lower()
    if ext in (".pt", ".pth", ".bin"):
        return "pytorch"
    if ext == ".onnx":
        return "onnx"
    if ext == ".npz":
        return None  # decided on the keys
    raise Error("cannot tell the format of '%s' from its extension (.pt, .pth, .npz, "
                ".onnx): pass --format" % path)


def load_npz(path):
    try:
        with np.load(path, allow_pickle=False) as data:
            if not hasattr(data, "files"):
                raise Error("'%s' is a .npy array, not a .npz weight set" % path)
            return {k: data[k] for k in data.files}
    except Error:
        raise
    except Exception as e:
        raise Error("cannot read '%s' as a .npz file: %s" % (path, e))


def load_model(args):
    path = args.model
    if not os.path.isfile(path):
        raise Error("cannot open '%s': no such file" % path)
    fmt = args.format or detect_format(path)
    if fmt == "pytorch":
        return import_pytorch(strip_prefix(load_torch(path), args.prefix), args.mode)
    if fmt == "onnx" and path.lower().endswith(".onnx"):
        return import_onnx_file(path, args.mode)
    weights = load_npz(path)
    if fmt is None:
        onnx_like = "W" in weights or "W_l0" in weights
        fmt = "onnx" if onnx_like else "keras"
    if fmt == "onnx":
        return import_onnx_npz(weights, args.mode)
    return import_keras(weights, args.mode)


def main(argv=None):
    global np
    parser = argparse.ArgumentParser(
        prog="rnn-weights", description=__doc__.split("\n\n")[0].split(": ", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[2:]))
    parser.add_argument("model", help="weights file: .pt/.pth, .npz or .onnx")
    parser.add_argument("-o", "--output", metavar="PREFIX",
                        help="write PREFIX.mlir and PREFIX.params.npy "
                             "(default: MODEL without its extension)")
    parser.add_argument("--format", choices=("pytorch", "keras", "onnx"),
                        help="the layout of MODEL (default: from the extension; "
                             ".npz: onnx with W/R/B keys, else keras)")
    parser.add_argument("--mode", choices=MODES,
                        help="the layer kind (default: from the gate count; "
                             "a plain RNN needs rnn_tanh or rnn_relu)")
    parser.add_argument("--prefix", help="PyTorch key prefix of the recurrent "
                                         "module (default: the only one)")
    parser.add_argument("--seq-len", type=int, metavar="T",
                        help="static sequence length (default: dynamic)")
    parser.add_argument("--batch", type=int, metavar="B",
                        help="static batch size (default: dynamic)")
    parser.add_argument("--dtype", choices=("f32", "f64"), default="f32",
                        help="element type of the params and the MLIR (default f32)")

    def fail(message):
        sys.stderr.write("rnn-weights: error: %s\n" % message)
        sys.exit(1)

    parser.error = fail  # usage errors are one line and exit 1 too
    args = parser.parse_args(argv)
    try:
        import numpy
        np = numpy
    except ImportError:
        fail("rnn-weights needs numpy")
    try:
        for name in ("seq_len", "batch"):
            value = getattr(args, name)
            if value is not None and value < 1:
                raise Error("--%s must be at least 1, got %d" % (
                    name.replace("_", "-"), value))
        model = load_model(args)
        dtype = np.float32 if args.dtype == "f32" else np.float64
        params = model.pack(dtype)
        prefix = args.output or os.path.splitext(args.model)[0]
        mlir = make_mlir(model, params.size, args.dtype, args.seq_len, args.batch)
        try:
            np.save(prefix + ".params.npy", params)
            with open(prefix + ".mlir", "w") as f:
                f.write(mlir)
        except OSError as e:
            raise Error("cannot write '%s': %s" % (e.filename or prefix, e.strerror or e))
    except Error as e:
        fail(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
