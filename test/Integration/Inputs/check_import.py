#!/usr/bin/env python3
"""Numerical test of the weight import helpers through rnn-run.

For random models in the layouts of other systems, this writes a module whose
@main takes the weights in the system's own layout, imports them with marker
calls (``func.call @import_keras_lstm(...)`` etc., see the
rnn-import-weights pass), packs the canonical weights (a run-time pack:
one call of the CPU runtime) and runs rnn.lstm / rnn.gru. ``rnn-opt
--rnn-import-weights`` rewrites the markers, rnn-run runs the result,
and the outputs are compared in float64 with an implementation of the
system's OWN equations (its gate order, its bias convention), written here
from its documentation, not from the canonical layout:

* Keras/TensorFlow LSTM, 1..2 stacked layers: z = x K + h R + b with gates
  i, f, c, o along the columns of K [in, 4H];
* ONNX LSTM (gates i, o, f, c; B = [Wb | Rb]) and ONNX GRU
  (z, r, h; linear_before_reset = 1), forward and bidirectional;
* PyTorch LSTM / GRU, 1..2 layers, bidirectional: torch.nn itself.

Prints one line per model and ends with exactly one line ``N passed, M
failed``; exits non-zero when anything failed.

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import argparse
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True

import numpy as np  # noqa: E402

TOLERANCE = 1e-10  # relative Frobenius error, float64


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def steps(count, reverse):
    return range(count - 1, -1, -1) if reverse else range(count)


# --------------------------------------------------------------------------
# The systems' own equations
# --------------------------------------------------------------------------


def keras_lstm(x, h0, c0, layers):
    """Stacked Keras LSTMs (return_sequences): layers = [(K, R, b)]."""
    h_n, c_n = [], []
    for (kernel, recurrent, bias), h, c in zip(layers, h0, c0):
        ys = []
        for t in range(x.shape[0]):
            i, f, g, o = np.split(x[t] @ kernel + h @ recurrent + bias, 4, axis=-1)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            ys.append(h)
        x = np.stack(ys)
        h_n.append(h)
        c_n.append(c)
    return x, np.stack(h_n), np.stack(c_n)


def onnx_lstm(x, h0, c0, w, r, b):
    """ONNX LSTM (default activations): W [D, 4H, I] gates i, o, f, c."""
    ys, h_n, c_n = [], [], []
    for d in range(w.shape[0]):
        wi, wo, wf, wc = np.split(w[d], 4)
        ri, ro, rf, rc = np.split(r[d], 4)
        wbi, wbo, wbf, wbc, rbi, rbo, rbf, rbc = np.split(b[d], 8)
        h, c, y = h0[d], c0[d], [None] * x.shape[0]
        for t in steps(x.shape[0], d == 1):
            i = sigmoid(x[t] @ wi.T + h @ ri.T + wbi + rbi)
            f = sigmoid(x[t] @ wf.T + h @ rf.T + wbf + rbf)
            g = np.tanh(x[t] @ wc.T + h @ rc.T + wbc + rbc)
            o = sigmoid(x[t] @ wo.T + h @ ro.T + wbo + rbo)
            c = f * c + i * g
            h = o * np.tanh(c)
            y[t] = h
        ys.append(np.stack(y))
        h_n.append(h)
        c_n.append(c)
    return np.concatenate(ys, axis=-1), np.stack(h_n), np.stack(c_n)


def onnx_gru(x, h0, w, r, b):
    """ONNX GRU, linear_before_reset = 1: W [D, 3H, I] gates z, r, h."""
    ys, h_n = [], []
    for d in range(w.shape[0]):
        wz, wr, wh = np.split(w[d], 3)
        rz, rr, rh = np.split(r[d], 3)
        wbz, wbr, wbh, rbz, rbr, rbh = np.split(b[d], 6)
        h, y = h0[d], [None] * x.shape[0]
        for t in steps(x.shape[0], d == 1):
            z = sigmoid(x[t] @ wz.T + h @ rz.T + wbz + rbz)
            reset = sigmoid(x[t] @ wr.T + h @ rr.T + wbr + rbr)
            n = np.tanh(x[t] @ wh.T + reset * (h @ rh.T + rbh) + wbh)
            h = (1.0 - z) * n + z * h
            y[t] = h
        ys.append(np.stack(y))
        h_n.append(h)
    return np.concatenate(ys, axis=-1), np.stack(h_n)


def torch_rnn(mode, x, h0, c0, params, layers, bidirectional):
    """torch.nn.LSTM / GRU in float64 with params {name: array}."""
    import torch

    cls = torch.nn.LSTM if mode == "lstm" else torch.nn.GRU
    module = cls(x.shape[2], h0.shape[2], layers, bidirectional=bidirectional).double()
    with torch.no_grad():
        for name, value in params.items():
            getattr(module, name).copy_(torch.from_numpy(value))
        state = torch.from_numpy(h0)
        if mode == "lstm":
            state = (state, torch.from_numpy(c0))
        y, state = module(torch.from_numpy(x), state)
    if mode == "lstm":
        return y.numpy(), state[0].numpy(), state[1].numpy()
    return y.numpy(), state.numpy()


# --------------------------------------------------------------------------
# Models: weights in the system's layout, marker calls, reference
# --------------------------------------------------------------------------


class Model:
    """One random model in one system's layout.

    calls: [(callee, [argument names], attribute text, [(layer, dir)])] in
    canonical block order; args: {name: array}.
    """

    def __init__(self, name, mode, layers, bidirectional, units, input_size):
        self.name, self.mode, self.layers = name, mode, layers
        self.bidirectional, self.units, self.input_size = bidirectional, units, input_size
        self.calls, self.args = [], {}
        self.gates = 4 if mode == "lstm" else 3

    @property
    def dirs(self):
        return 2 if self.bidirectional else 1

    def add_call(self, callee, arrays, blocks, attr=""):
        names = []
        for array in arrays:
            names.append("a%d" % len(self.args))
            self.args[names[-1]] = array
        self.calls.append((callee, names, attr, blocks))

    def block_types(self, layer):
        cols = self.input_size if layer == 0 else self.dirs * self.units
        matrices = [(self.units, cols)] * self.gates + [(self.units, self.units)] * self.gates
        return matrices, [(self.units,)] * (2 * self.gates)


def random_models(seed):
    rng = np.random.default_rng(seed)
    models = []
    for index in range(4):
        units, inputs = int(rng.integers(2, 7)), int(rng.integers(1, 7))
        layers = 1 + index % 2

        keras = Model("keras lstm #%d" % index, "lstm", layers, False, units, inputs)
        weights = []
        for layer in range(layers):
            cols = inputs if layer == 0 else units
            weights.append((rng.standard_normal((cols, 4 * units)),
                            rng.standard_normal((units, 4 * units)),
                            rng.standard_normal((4 * units,))))
            keras.add_call("import_keras_lstm.l%d" % layer, weights[-1], [(layer, 0)])
        keras.reference = lambda x, h, c, w=weights: keras_lstm(x, h, c, w)
        models.append(keras)

        bidirectional = index != 0
        dirs = 2 if bidirectional else 1
        for mode, gates in (("lstm", 4), ("gru", 3)):
            onnx = Model("onnx %s #%d" % (mode, index), mode, 1, bidirectional, units, inputs)
            w = rng.standard_normal((dirs, gates * units, inputs))
            r = rng.standard_normal((dirs, gates * units, units))
            b = rng.standard_normal((dirs, 2 * gates * units))
            attr = " {linear_before_reset = 1 : i64}" if mode == "gru" else ""
            onnx.add_call("import_onnx_" + mode, [w, r, b], [(0, d) for d in range(dirs)], attr)
            if mode == "lstm":
                onnx.reference = lambda x, h, c, w=w, r=r, b=b: onnx_lstm(x, h, c, w, r, b)
            else:
                onnx.reference = lambda x, h, c, w=w, r=r, b=b: onnx_gru(x, h, w, r, b)
            models.append(onnx)

        mode = ("lstm", "gru")[index % 2]
        torch_model = Model("pytorch %s #%d" % (mode, index), mode, layers, True, units, inputs)
        params = {}
        for layer in range(layers):
            cols = inputs if layer == 0 else 2 * units
            for d in range(2):
                suffix = "_l%d%s" % (layer, "_reverse" if d else "")
                rows = torch_model.gates * units
                arrays = [rng.standard_normal(shape) for shape in
                          ((rows, cols), (rows, units), (rows,), (rows,))]
                for name, array in zip(("weight_ih", "weight_hh", "bias_ih", "bias_hh"), arrays):
                    params[name + suffix] = array
                torch_model.add_call("import_pytorch_%s.l%dd%d" % (mode, layer, d), arrays,
                                     [(layer, d)])
        torch_model.reference = (
            lambda x, h, c, m=mode, p=params, n=layers: torch_rnn(m, x, h, c, p, n, True))
        models.append(torch_model)
    return models


# --------------------------------------------------------------------------
# The module and the run
# --------------------------------------------------------------------------


def tensor_type(shape):
    return "tensor<%sxf64>" % "x".join(str(d) for d in shape)


def make_module(model, steps_, batch):
    """@main(x, h_0[, c_0], system weights...) -> (y, h_n[, c_n])."""
    state = tensor_type((model.layers * model.dirs, batch, model.units))
    inputs = [("x", tensor_type((steps_, batch, model.input_size))), ("h0", state)]
    if model.mode == "lstm":
        inputs.append(("c0", state))
    inputs += [(name, tensor_type(a.shape)) for name, a in model.args.items()]
    outputs = [tensor_type((steps_, batch, model.dirs * model.units)), state]
    outputs += [state] if model.mode == "lstm" else []

    lines, matrices, biases = [], [], []
    for index, (callee, names, attr, blocks) in enumerate(model.calls):
        arg_types = [tensor_type(model.args[n].shape) for n in names]
        mats, bias = [], []
        for layer, _ in blocks:
            m, b = model.block_types(layer)
            mats += m
            bias += b
        results = [tensor_type(s) for s in mats + bias]
        lines.append("func.func private @%s(%s) -> (%s)" % (
            callee, ", ".join(arg_types), ", ".join(results)))
        call = "  %%imp%d:%d = func.call @%s(%s)%s : (%s) -> (%s)" % (
            index, len(results), callee, ", ".join("%" + n for n in names), attr,
            ", ".join(arg_types), ", ".join(results))
        matrices += [("%%imp%d#%d" % (index, k), t) for k, t in enumerate(results[:len(mats)])]
        biases += [("%%imp%d#%d" % (index, len(mats) + k), t)
                   for k, t in enumerate(results[len(mats):])]
        lines.append(call)
    declarations = [l for l in lines if l.startswith("func.func")]
    calls = [l for l in lines if not l.startswith("func.func")]
    operands = matrices + biases
    size = sum(int(np.prod([int(d) for d in t[7:-5].split("x")])) for _, t in operands)
    attrs = "num_layers = %d, num_units = %d, direction = #rnn.direction<%s>" % (
        model.layers, model.units, "bidirectional" if model.bidirectional else "unidirectional")
    state_args = "%h0, %c0" if model.mode == "lstm" else "%h0"
    results = "%y, %hn, %cn" if model.mode == "lstm" else "%y, %hn"
    return "\n".join(declarations + [
        "func.func @main(%s) -> (%s) {" % (
            ", ".join("%%%s: %s" % nt for nt in inputs), ", ".join(outputs))] + calls + [
        "  %%p = rnn.pack_params %s\n      {mode = #rnn.mode<%s>, %s, input_size = %d}\n"
        "      : (%s) -> tensor<%dxf64>" % (
            ", ".join(v for v, _ in operands), model.mode, attrs, model.input_size,
            ", ".join(t for _, t in operands), size),
        "  %s = rnn.%s %%x, %s, %%p {%s}\n      : (%s, tensor<%dxf64>) -> (%s)" % (
            results, model.mode, state_args, attrs,
            ", ".join(t for _, t in inputs[:len(outputs)]), size, ", ".join(outputs)),
        "  return %s : %s\n}\n" % (results, ", ".join(outputs))])


def relative_error(ours, expected):
    if ours.shape != expected.shape:
        return float("inf")
    return float(np.linalg.norm((ours - expected).ravel()) /
                 max(np.linalg.norm(expected.ravel()), 1e-300))


def check_model(model, args, index):
    rng = np.random.default_rng([args.seed, index, 1])
    steps_, batch = int(rng.integers(1, 6)), int(rng.integers(1, 4))
    directory = os.path.join(args.workdir, "model-%02d" % index)
    os.makedirs(directory, exist_ok=True)
    path = lambda name: os.path.join(directory, name)  # noqa: E731
    rows = model.layers * model.dirs
    inputs = {"x": rng.uniform(-1, 1, (steps_, batch, model.input_size)),
              "h0": rng.uniform(-1, 1, (rows, batch, model.units)),
              "c0": rng.uniform(-1, 1, (rows, batch, model.units))}
    if model.mode != "lstm":
        del inputs["c0"]
    inputs.update(model.args)
    with open(path("model.mlir"), "w") as f:
        f.write(make_module(model, steps_, batch))
    proc = subprocess.run([args.rnn_opt, path("model.mlir"), "--rnn-import-weights",
                           "-o", path("imported.mlir")], capture_output=True, text=True)
    if proc.returncode != 0:
        return ["rnn-opt --rnn-import-weights: " + proc.stderr.strip()[:300]]
    # The import helpers transpose with linalg.transpose, outside rnn-run's
    # input language (rnn, func, arith, tensor).
    cmd = [args.rnn_run, path("imported.mlir"), "--backend=cpu",
           "--allow-linalg"]
    for name, value in inputs.items():
        np.save(path(name + ".npy"), value)
        cmd.append("--input=" + path(name + ".npy"))
    names = ["y", "h_n", "c_n"][:3 if model.mode == "lstm" else 2]
    cmd += ["--output=" + path(n + ".npy") for n in names]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return ["rnn-run exit %d: %s" % (proc.returncode, proc.stderr.strip()[:300])]
    expected = model.reference(inputs["x"], inputs["h0"], inputs.get("c0"))
    problems = []
    for name, reference in zip(names, expected):
        error = relative_error(np.load(path(name + ".npy")), reference)
        if not error <= TOLERANCE:
            problems.append("%s: relative error %.3g > %.0e" % (name, error, TOLERANCE))
    if not problems:
        shutil.rmtree(directory, ignore_errors=True)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rnn-opt", default="rnn-opt")
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    passed = failed = 0
    for index, model in enumerate(random_models(args.seed)):
        problems = check_model(model, args, index)
        summary = "%-16s L=%d %-5s H=%d I=%d" % (
            model.name, model.layers, "bidir" if model.bidirectional else "uni",
            model.units, model.input_size)
        if problems:
            failed += 1
            print("FAIL %s\n    %s" % (summary, "\n    ".join(problems)))
        else:
            passed += 1
            print("PASS " + summary)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
