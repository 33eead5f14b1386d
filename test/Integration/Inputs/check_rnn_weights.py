#!/usr/bin/env python3
"""Numerical test of rnn-weights (tools/rnn-weights) through rnn-run.

For random models of one system (--system pytorch | keras | onnx | onnx-file),
this writes the system's weight file, runs rnn-weights on it (in-process:
the tool's main(), so that torch is imported once), runs rnn-run on the
generated MLIR and params with random float32 x / h_0 / c_0, and compares
the results in float64 with the system's OWN equations:

* pytorch: torch.nn.LSTM / GRU / RNN (tanh, relu) itself, 1-3 layers, both
  directions, one model with bias=False;
* keras: Keras' LSTM (gates i f c o along the kernel columns, one bias),
  GRU (z r h, reset_after=True) and SimpleRNN, written here in NumPy, with
  Bidirectional(merge_mode="concat") stacks;
* onnx: ONNX's LSTM (i o f c), GRU (z r h, linear_before_reset = 1) and RNN
  equations in NumPy on a .npz of W/R/B per layer;
* onnx-file: ONNX models built with onnx.helper, the reference being onnx's
  own ReferenceEvaluator.

Then the same weights go through the C++ importers (the rnn-import-weights
pass, marker calls such as @import_keras_gru) into rnn.pack_params in one
module run by rnn-run, and each packed buffer must equal rnn-weights' params
bit for bit (the marker importers exist for PyTorch, Keras LSTM/GRU and
ONNX LSTM/GRU).

Prints one line per model and ends with exactly one line ``N passed, M
failed``; exits non-zero when anything failed. A helper, not a lit test.
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True

import numpy as np  # noqa: E402

TOLERANCE = 1e-5  # max |ours - reference| / max(1, max |reference|), f32


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def load_tool(path):
    spec = importlib.util.spec_from_file_location("rnn_weights", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------
# References: the systems' own equations, float64
# --------------------------------------------------------------------------


def run_directions(x, dirs, step):
    """One layer: step(d, x_t, state) -> (h, state); concat of directions."""
    ys, finals = [], []
    for d in range(dirs):
        out = [None] * x.shape[0]
        state = None
        order = range(x.shape[0] - 1, -1, -1) if d else range(x.shape[0])
        for t in order:
            out[t], state = step(d, x[t], state)
        ys.append(np.stack(out))
        finals.append(state)
    return np.concatenate(ys, axis=-1), finals


def keras_reference(mode, weights, layers, dirs, x, h0, c0):
    """Keras LSTM / GRU (reset_after) / SimpleRNN, Bidirectional concat."""
    h_n, c_n = [], []
    for layer in range(layers):
        def step(d, xt, state, layer=layer):
            key = lambda n: "%s_l%d%s" % (n, layer, "_reverse" if d else "")  # noqa: E731
            k, r, b = weights[key("kernel")], weights[key("recurrent_kernel")], weights[key("bias")]
            row = layer * dirs + d
            h, c = state if state else (h0[row], c0[row] if c0 is not None else None)
            if mode == "lstm":
                i, f, g, o = np.split(xt @ k + h @ r + b, 4, axis=-1)
                c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
                h = sigmoid(o) * np.tanh(c)
            elif mode == "gru":
                xz, xr, xh = np.split(xt @ k + b[0], 3, axis=-1)
                hz, hr, hh = np.split(h @ r + b[1], 3, axis=-1)
                z, reset = sigmoid(xz + hz), sigmoid(xr + hr)
                h = z * h + (1.0 - z) * np.tanh(xh + reset * hh)
            else:
                h = np.tanh(xt @ k + h @ r + b)
            return h, (h, c)
        x, finals = run_directions(x, dirs, step)
        h_n += [s[0] for s in finals]
        c_n += [s[1] for s in finals]
    return (x, np.stack(h_n)) + ((np.stack(c_n),) if mode == "lstm" else ())


def onnx_reference(mode, weights, layers, dirs, x, h0, c0):
    """ONNX LSTM (i o f c), GRU (z r h, linear_before_reset) and RNN (tanh;
    relu for mode rnn_relu, ONNX's activations=["Relu"])."""
    h_n, c_n = [], []
    for layer in range(layers):
        w, r, b = (weights["%s_l%d" % (n, layer)] for n in "WRB")

        def step(d, xt, state, layer=layer, w=w, r=r, b=b):
            row = layer * dirs + d
            h, c = state if state else (h0[row], c0[row] if c0 is not None else None)
            if mode == "lstm":
                wi, wo, wf, wc = np.split(w[d], 4)
                ri, ro, rf, rc = np.split(r[d], 4)
                wbi, wbo, wbf, wbc, rbi, rbo, rbf, rbc = np.split(b[d], 8)
                i = sigmoid(xt @ wi.T + h @ ri.T + wbi + rbi)
                f = sigmoid(xt @ wf.T + h @ rf.T + wbf + rbf)
                g = np.tanh(xt @ wc.T + h @ rc.T + wbc + rbc)
                o = sigmoid(xt @ wo.T + h @ ro.T + wbo + rbo)
                c = f * c + i * g
                h = o * np.tanh(c)
            elif mode == "gru":
                wz, wr, wh = np.split(w[d], 3)
                rz, rr, rh = np.split(r[d], 3)
                wbz, wbr, wbh, rbz, rbr, rbh = np.split(b[d], 6)
                z = sigmoid(xt @ wz.T + h @ rz.T + wbz + rbz)
                reset = sigmoid(xt @ wr.T + h @ rr.T + wbr + rbr)
                n = np.tanh(xt @ wh.T + reset * (h @ rh.T + rbh) + wbh)
                h = (1.0 - z) * n + z * h
            else:
                wb, rb = np.split(b[d], 2)
                a = xt @ w[d].T + h @ r[d].T + wb + rb
                h = np.maximum(a, 0.0) if mode == "rnn_relu" else np.tanh(a)
            return h, (h, c)
        x, finals = run_directions(x, dirs, step)
        h_n += [s[0] for s in finals]
        c_n += [s[1] for s in finals]
    return (x, np.stack(h_n)) + ((np.stack(c_n),) if mode == "lstm" else ())


# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------


class Model:
    def __init__(self, name, mode, layers, dirs, units, input_size, proj=0):
        self.name, self.mode, self.layers, self.dirs = name, mode, layers, dirs
        self.units, self.input_size, self.proj = units, input_size, proj
        self.file = None  # written by the system
        self.markers = []  # [(callee, [arrays], attribute text, [(layer, in)])]
        self.tool_args = []

    @property
    def out_units(self):
        return self.proj or self.units


def pytorch_models(rng, directory):
    import torch

    torch.manual_seed(int(rng.integers(1 << 30)))
    models = []
    configs = [("lstm", 0, True), ("gru", 0, True), ("rnn_tanh", 0, True),
               ("rnn_relu", 0, True), ("lstm", 1, True), ("gru", 0, False),
               ("lstm", 1, False), ("rnn_relu", 0, True)]
    for index, (mode, with_proj, bias) in enumerate(configs):
        layers, dirs = 1 + index % 3, 1 + int(rng.integers(0, 2))
        units, inputs = int(rng.integers(2, 7)), int(rng.integers(1, 7))
        proj = int(rng.integers(1, units)) if with_proj else 0
        kwargs = dict(num_layers=layers, bidirectional=dirs == 2, bias=bias)
        if mode == "lstm":
            module = torch.nn.LSTM(inputs, units, proj_size=proj, **kwargs)
        elif mode == "gru":
            module = torch.nn.GRU(inputs, units, **kwargs)
        else:
            module = torch.nn.RNN(inputs, units, nonlinearity=mode[4:], **kwargs)
        name = "pytorch %s%s%s" % (mode, " proj" if proj else "", "" if bias else " nobias")
        model = Model(name, mode, layers, dirs, units, inputs, proj)
        model.file = os.path.join(directory, "model-%d.pt" % index)
        torch.save(module.state_dict(), model.file)
        if mode.startswith("rnn"):
            model.tool_args = ["--mode=" + mode]

        def reference(x, h0, c0, module=module, mode=mode):
            m = module.double()
            with torch.no_grad():
                state = torch.from_numpy(h0)
                if mode == "lstm":
                    state = (state, torch.from_numpy(c0))
                y, state = m(torch.from_numpy(x), state)
            if mode == "lstm":
                return y.numpy(), state[0].numpy(), state[1].numpy()
            return y.numpy(), state.numpy()
        model.reference = reference
        sd = {k: v.numpy() for k, v in module.state_dict().items()}
        for layer in range(layers):
            for d in range(dirs):
                suffix = "_l%d%s" % (layer, "_reverse" if d else "")
                rows = sd["weight_hh" + suffix].shape[0]
                zeros = np.zeros(rows, np.float32)
                arrays = [sd["weight_ih" + suffix], sd["weight_hh" + suffix],
                          sd.get("bias_ih" + suffix, zeros), sd.get("bias_hh" + suffix, zeros)]
                if proj:  # the fifth operand, weight_hr
                    arrays.append(sd["weight_hr" + suffix])
                model.markers.append(("import_pytorch_%s" % mode, arrays, "", [(layer, d)]))
        models.append(model)
    return models


def save_npz_model(model, path, weights, reference):
    """Writes `weights` as the model's .npz weight set; its reference is
    `reference(mode, weights in float64, layers, dirs, x, h0, c0)`."""
    model.file = path
    np.savez(path, **weights)
    if model.mode == "rnn_tanh":
        model.tool_args = ["--mode=rnn_tanh"]
    as64 = {k: v.astype(np.float64) for k, v in weights.items()}
    model.reference = (lambda x, h0, c0: reference(model.mode, as64, model.layers,
                                                   model.dirs, x, h0, c0))
    return model


def keras_models(rng, directory):
    models = []
    for index, mode in enumerate(["lstm", "gru", "rnn_tanh", "lstm", "gru"]):
        layers, dirs = 1 + index % 2, 1 + int(rng.integers(0, 2))
        units, inputs = int(rng.integers(2, 7)), int(rng.integers(1, 7))
        gates = {"lstm": 4, "gru": 3}.get(mode, 1)
        model = Model("keras " + mode, mode, layers, dirs, units, inputs)
        weights = {}
        for layer in range(layers):
            cols = inputs if layer == 0 else dirs * units
            for d in range(dirs):
                suffix = "_l%d%s" % (layer, "_reverse" if d else "")
                kernel = rng.uniform(-0.7, 0.7, (cols, gates * units)).astype(np.float32)
                recurrent = rng.uniform(-0.7, 0.7, (units, gates * units)).astype(np.float32)
                bias_shape = (2, gates * units) if mode == "gru" else (gates * units,)
                bias = rng.uniform(-0.5, 0.5, bias_shape).astype(np.float32)
                weights.update({"kernel" + suffix: kernel, "recurrent_kernel" + suffix: recurrent,
                                "bias" + suffix: bias})
                if mode in ("lstm", "gru"):
                    model.markers.append(("import_keras_" + mode, [kernel, recurrent, bias], "",
                                          [(layer, d)]))
        models.append(save_npz_model(model, os.path.join(directory, "keras-%d.npz" % index),
                                     weights, keras_reference))
    return models


def onnx_weights(rng, mode, layers, dirs, units, inputs):
    gates = {"lstm": 4, "gru": 3}.get(mode, 1)
    weights = {}
    for layer in range(layers):
        cols = inputs if layer == 0 else dirs * units
        weights["W_l%d" % layer] = rng.uniform(-0.7, 0.7, (dirs, gates * units, cols))
        weights["R_l%d" % layer] = rng.uniform(-0.7, 0.7, (dirs, gates * units, units))
        weights["B_l%d" % layer] = rng.uniform(-0.5, 0.5, (dirs, 2 * gates * units))
    return {k: v.astype(np.float32) for k, v in weights.items()}


def onnx_models(rng, directory):
    models = []
    for index, mode in enumerate(["lstm", "gru", "rnn_tanh", "lstm", "gru"]):
        layers, dirs = 1 + index % 2, 1 + int(rng.integers(0, 2))
        units, inputs = int(rng.integers(2, 7)), int(rng.integers(1, 7))
        model = Model("onnx " + mode, mode, layers, dirs, units, inputs)
        weights = onnx_weights(rng, mode, layers, dirs, units, inputs)
        if mode in ("lstm", "gru"):
            attr = " {linear_before_reset = 1 : i64}" if mode == "gru" else ""
            for layer in range(layers):
                model.markers.append((
                    "import_onnx_" + mode, [weights["%s_l%d" % (n, layer)] for n in "WRB"],
                    attr, [(layer, d) for d in range(dirs)]))
        models.append(save_npz_model(model, os.path.join(directory, "onnx-%d.npz" % index),
                                     weights, onnx_reference))
    return models


def onnx_file_models(rng, directory):
    """Real .onnx files; reference: onnx.reference.ReferenceEvaluator."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from onnx.reference import ReferenceEvaluator

    models = []
    for index, mode in enumerate(["lstm", "gru", "rnn_relu"]):
        layers, dirs = 1 + index % 2, 1 + int(rng.integers(0, 2))
        units, inputs = int(rng.integers(2, 7)), int(rng.integers(1, 7))
        op = {"lstm": "LSTM", "gru": "GRU"}.get(mode, "RNN")
        weights = onnx_weights(rng, mode, layers, dirs, units, inputs)
        inits = [numpy_helper.from_array(v, k) for k, v in weights.items()]
        direction = "bidirectional" if dirs == 2 else "forward"
        nodes, graph_inputs = [], [helper.make_tensor_value_info("X", TensorProto.FLOAT,
                                                                  None)]
        outputs, layer_x = [], "X"
        for layer in range(layers):
            states = ["H0_l%d" % layer] + (["C0_l%d" % layer] if mode == "lstm" else [])
            for s in states:
                graph_inputs.append(helper.make_tensor_value_info(s, TensorProto.FLOAT, None))
            node_inputs = [layer_x, "W_l%d" % layer, "R_l%d" % layer, "B_l%d" % layer, "",
                           "H0_l%d" % layer]
            if mode == "lstm":
                node_inputs += ["C0_l%d" % layer]
            outs = ["Y_l%d" % layer, "HN_l%d" % layer] + (["CN_l%d" % layer] if mode == "lstm"
                                                          else [])
            attrs = dict(hidden_size=units, direction=direction)
            if mode == "gru":
                attrs["linear_before_reset"] = 1
            if mode == "rnn_relu":
                attrs["activations"] = ["Relu"] * dirs
            nodes.append(helper.make_node(op, node_inputs, outs, name="l%d" % layer, **attrs))
            # Y [T, D, B, H] -> [T, B, D*H] for the next layer.
            nodes.append(helper.make_node("Transpose", [outs[0]], ["YT_l%d" % layer],
                                          perm=[0, 2, 1, 3]))
            nodes.append(helper.make_node("Reshape", ["YT_l%d" % layer, "shape"],
                                          ["X_l%d" % (layer + 1)]))
            layer_x = "X_l%d" % (layer + 1)
            outputs += outs[1:]
        shape = numpy_helper.from_array(np.array([0, 0, -1], np.int64), "shape")
        graph = helper.make_graph(
            nodes, "g", graph_inputs,
            [helper.make_tensor_value_info(n, TensorProto.FLOAT, None)
             for n in [layer_x] + outputs], inits + [shape])
        onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
        model = Model("onnx-file " + mode, mode, layers, dirs, units, inputs)
        model.file = os.path.join(directory, "model-%d.onnx" % index)
        onnx.save(onnx_model, model.file)

        def reference(x, h0, c0, onnx_model=onnx_model, mode=mode, layers=layers, dirs=dirs,
                      weights=weights):
            # ReferenceEvaluator (float32 inputs).
            feeds = {"X": x.astype(np.float32)}
            for layer in range(layers):
                feeds["H0_l%d" % layer] = h0[layer * dirs:(layer + 1) * dirs].astype(np.float32)
                if mode == "lstm":
                    feeds["C0_l%d" % layer] = c0[layer * dirs:(layer + 1) * dirs].astype(
                        np.float32)
            try:
                evaluator = ReferenceEvaluator(onnx_model)
                out = [np.asarray(o, np.float64) for o in evaluator.run(None, feeds)]
            except (NotImplementedError, RuntimeError):
                # Older evaluators (onnx 1.16) run forward LSTMs only and
                # know no Relu RNN: the NumPy version of ONNX's equations
                # checks those.
                return onnx_reference(mode, weights, layers, dirs, x, h0, c0)
            per = 2 if mode == "lstm" else 1
            h_n = np.concatenate([out[1 + per * k] for k in range(layers)])
            result = [out[0], h_n]
            if mode == "lstm":
                result.append(np.concatenate([out[2 + per * k] for k in range(layers)]))
            return result
        model.reference = reference
        model.tolerance = 1e-4  # the evaluator computes in float32
        models.append(model)
    return models


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------


def error_of(ours, expected):
    if ours.shape != expected.shape:
        return float("inf")
    return float(np.max(np.abs(ours - expected), initial=0.0) /
                 max(1.0, np.max(np.abs(expected), initial=0.0)))


def run_tool(tool, argv):
    try:
        tool.main(argv)
    except SystemExit as e:
        if e.code:
            return "rnn-weights exited %s" % e.code
    return None


def check_model(model, tool, args, index, rng):
    prefix = os.path.join(args.workdir, "m%02d" % index)
    problem = run_tool(tool, [model.file, "-o", prefix] + model.tool_args)
    if problem:
        return [problem]
    steps, batch = int(rng.integers(1, 6)), int(rng.integers(1, 4))
    rows = model.layers * model.dirs
    x = rng.uniform(-1, 1, (steps, batch, model.input_size)).astype(np.float32)
    h0 = rng.uniform(-1, 1, (rows, batch, model.out_units)).astype(np.float32)
    c0 = rng.uniform(-1, 1, (rows, batch, model.units)).astype(np.float32)
    feeds = [("x", x), ("h0", h0)] + ([("c0", c0)] if model.mode == "lstm" else [])
    cmd = [args.rnn_run, prefix + ".mlir", "--backend=cpu"]
    for name, value in feeds:
        np.save("%s.%s.npy" % (prefix, name), value)
        cmd.append("--input=%s.%s.npy" % (prefix, name))
    cmd.append("--input=%s.params.npy" % prefix)
    names = ["y", "h_n", "c_n"][:3 if model.mode == "lstm" else 2]
    cmd += ["--output=%s.%s.npy" % (prefix, n) for n in names]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return ["rnn-run exit %d: %s" % (proc.returncode, proc.stderr.strip()[:300])]
    expected = model.reference(x.astype(np.float64), h0.astype(np.float64),
                               c0.astype(np.float64))
    tolerance = getattr(model, "tolerance", TOLERANCE)
    problems = []
    for name, reference in zip(names, expected):
        error = error_of(np.load("%s.%s.npy" % (prefix, name)).astype(np.float64), reference)
        if not error <= tolerance:
            problems.append("%s: error %.3g > %.0e" % (name, error, tolerance))
    return problems


def tensor_type(shape):
    return "tensor<%sxf32>" % "x".join(str(d) for d in shape)


def check_markers(models, args):
    """{model index: problem or None}: C++ importers vs rnn-weights' params."""
    checked = [(i, m) for i, m in enumerate(models) if m.markers]
    if not checked:
        return {}
    decls, body, arg_decls, results, feeds = {}, [], [], [], []
    for i, model in checked:
        gates = {"lstm": 4, "gru": 3}.get(model.mode, 1)
        matrices, biases = [], []
        for k, (callee, arrays, attr, blocks) in enumerate(model.markers):
            names = []
            for array in arrays:
                names.append("%%a%d" % len(feeds))
                path = os.path.join(args.workdir, "marker-%d.npy" % len(feeds))
                np.save(path, array)
                feeds.append(path)
                arg_decls.append("%s: %s" % (names[-1], tensor_type(array.shape)))
            mats, bias = [], []
            for layer, d in blocks:
                cols = model.input_size if layer == 0 else model.dirs * model.out_units
                mats += [(model.units, cols)] * gates + [(model.units, model.out_units)] * gates
                if model.proj:  # the projection, id 8
                    mats.append((model.proj, model.units))
                bias += [(model.units,)] * (2 * gates)
            types = [tensor_type(s) for s in mats + bias]
            arg_types = [tensor_type(a.shape) for a in arrays]
            symbol = "%s.m%dk%d" % (callee, i, k)
            decls[symbol] = "func.func private @%s(%s) -> (%s)" % (
                symbol, ", ".join(arg_types), ", ".join(types))
            value = "%%m%dk%d" % (i, k)
            body.append("  %s:%d = func.call @%s(%s)%s : (%s) -> (%s)" % (
                value, len(types), symbol, ", ".join(names), attr, ", ".join(arg_types),
                ", ".join(types)))
            matrices += [("%s#%d" % (value, j), t) for j, t in enumerate(types[:len(mats)])]
            biases += [("%s#%d" % (value, len(mats) + j), t)
                       for j, t in enumerate(types[len(mats):])]
        operands = matrices + biases
        size = sum(int(np.prod([int(v) for v in t[7:-5].split("x")])) for _, t in operands)
        body.append(
            "  %%p%d = rnn.pack_params %s\n      {mode = #rnn.mode<%s>, num_layers = %d, "
            "num_units = %d, input_size = %d, direction = #rnn.direction<%s>%s}\n"
            "      : (%s) -> tensor<%dxf32>" % (
                i, ", ".join(v for v, _ in operands), model.mode, model.layers, model.units,
                model.input_size, "bidirectional" if model.dirs == 2 else "unidirectional",
                ", num_proj = %d" % model.proj if model.proj else "",
                ", ".join(t for _, t in operands), size))
        results.append(("%%p%d" % i, "tensor<%dxf32>" % size))
    text = "\n".join(list(decls.values()) + [
        "func.func @main(%s) -> (%s) {" % (", ".join(arg_decls),
                                           ", ".join(t for _, t in results))] + body + [
        "  return %s : %s\n}\n" % (", ".join(v for v, _ in results),
                                    ", ".join(t for _, t in results))])
    source = os.path.join(args.workdir, "markers.mlir")
    with open(source, "w") as f:
        f.write(text)
    imported = os.path.join(args.workdir, "markers-imported.mlir")
    proc = subprocess.run([args.rnn_opt, source, "--rnn-import-weights", "-o", imported],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return {i: "rnn-opt --rnn-import-weights: " + proc.stderr.strip()[:300]
                for i, _ in checked}
    outputs = [os.path.join(args.workdir, "packed-%d.npy" % i) for i, _ in checked]
    cmd = [args.rnn_run, imported, "--backend=cpu", "--allow-linalg"]
    cmd += ["--input=" + p for p in feeds] + ["--output=" + p for p in outputs]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {i: "rnn-run (markers) exit %d: %s" % (proc.returncode, proc.stderr.strip()[:300])
                for i, _ in checked}
    problems = {}
    for (i, model), path in zip(checked, outputs):
        ours = np.load(os.path.join(args.workdir, "m%02d.params.npy" % i))
        theirs = np.load(path)
        same = ours.dtype == theirs.dtype and ours.shape == theirs.shape and \
            ours.tobytes() == theirs.tobytes()
        problems[i] = None if same else "params differ from the C++ importer's (%s vs %s)" % (
            ours.shape, theirs.shape)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", required=True,
                        choices=("pytorch", "keras", "onnx", "onnx-file"))
    parser.add_argument("--rnn-weights", required=True, help="the tool's script")
    parser.add_argument("--rnn-opt", default="rnn-opt")
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    tool = load_tool(args.rnn_weights)
    rng = np.random.default_rng(args.seed)
    make = {"pytorch": pytorch_models, "keras": keras_models, "onnx": onnx_models,
            "onnx-file": onnx_file_models}[args.system]
    models = make(rng, args.workdir)
    problems = {}
    for index, model in enumerate(models):
        problems[index] = check_model(model, tool, args, index,
                                      np.random.default_rng([args.seed, index]))
    for index, problem in check_markers(models, args).items():
        if problem:
            problems[index].append(problem)
    passed = failed = 0
    for index, model in enumerate(models):
        summary = "%-22s L=%d %-5s H=%d I=%d%s" % (
            model.name, model.layers, "bidir" if model.dirs == 2 else "uni", model.units,
            model.input_size, " bit-exact" if model.markers and not problems[index] else "")
        if problems[index]:
            failed += 1
            print("FAIL %s\n    %s" % (summary, "\n    ".join(problems[index])))
        else:
            passed += 1
            print("PASS " + summary)
    print("%d passed, %d failed" % (passed, failed))
    if not failed:
        shutil.rmtree(args.workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
