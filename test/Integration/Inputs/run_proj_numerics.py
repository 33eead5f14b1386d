#!/usr/bin/env python3
"""Randomized numerics of the LSTM projection (num_proj) against PyTorch.

Each configuration (layers 1-3, direction, T, B, I, H, P < H, f32/f64,
static or dynamic T/B, time-major or batch-major, with or without
seq_lengths) is drawn from ``--seed`` and its index and written as one
.mlir function @step: the training forward (rnn.lstm with num_proj and
is_training, returning its reserve) and its rnn.lstm_grad. rnn-run runs it
on random .npy inputs (with an inference rnn.lstm of the same inputs
beside them); y, h_n, c_n, dx, dh_0, dc_0 and every canonical
gradient in dparams are compared with torch.nn.LSTM(proj_size=P) in
float64 (autograd of L = sum(y dy) + sum(h_n dh_n) + sum(c_n dc_n)).
``--forward-only`` runs the inference rnn.lstm alone (y, h_n, c_n).
bf16 values are float32 arrays rounded to bf16, in |V2 .npy files
(run_numerics.py's convention).
The packed layout is the contract's, written here from CONTRACT.md (per
layer and direction W_i..W_o, R_i..R_o [H, P], the projection [P, H] as id
8, then all biases), not taken from the compiler.

Error: relative Frobenius ||ours - ref|| / max(||ref||, half the typical
norm of a tensor of its size); at most 3e-2 for bf16, 5e-3 for f16, 1e-5
for f32, 1e-10 for f64. Prints
one line per configuration and ``N passed, M failed``. ``--self-test``
checks the checker: the packed size against FACTS.md, the reference
against a cell-by-cell numpy LSTM with projection, and that a wrong
projection (transposed, or missing) is detected.

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import argparse
import dataclasses
import os
import shlex
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

from numerics_driver import run_checks, run_configs  # noqa: E402
from run_numerics import (TOLERANCE, Result, _Bf16Array, load_npy,  # noqa: E402
                          relative_error, run_tool, save_npy, tensor_type,
                          to_storage, tool_failure)

NUMPY_DTYPE = {"f16": np.float16, "f32": np.float32, "f64": np.float64}
MAX_LAYERS, MAX_STEPS, MAX_BATCH, MAX_FEATURES = 3, 10, 5, 20
FORWARD_INPUTS = ("x", "h_0", "c_0", "params")
SEEDS = ("dy", "dh_n", "dc_n")
OUTPUTS = ("y", "h_n", "c_n", "dx", "dh_0", "dc_0", "dparams", "y_infer", "h_n_infer")
FORWARD_OUTPUTS = ("y", "h_n", "c_n")


@dataclasses.dataclass(frozen=True)
class Config:
    seed: int
    index: int
    num_layers: int
    bidirectional: bool
    steps: int
    batch: int
    input_size: int
    num_units: int
    num_proj: int
    dtype: str
    dynamic_steps: bool
    dynamic_batch: bool
    time_major: bool
    lengths: tuple  # per sequence, or None
    forward_only: bool = False  # the inference rnn.lstm alone

    @property
    def num_dirs(self):
        return 2 if self.bidirectional else 1

    @property
    def name(self):
        return "p%d-%04d" % (self.seed, self.index)

    @property
    def inputs(self):
        lengths = ("seq_lengths",) if self.lengths is not None else ()
        return FORWARD_INPUTS + lengths + (() if self.forward_only else SEEDS)

    @property
    def outputs(self):
        return FORWARD_OUTPUTS if self.forward_only else OUTPUTS

    def summary(self):
        return "L=%d %-5s T=%-2d B=%d I=%-2d H=%-2d P=%-2d %s%s%s%s" % (
            self.num_layers, "bidir" if self.bidirectional else "uni",
            self.steps, self.batch, self.input_size, self.num_units,
            self.num_proj, self.dtype,
            " dyn=" + ("T" if self.dynamic_steps else "") + ("B" if self.dynamic_batch else "")
            if self.dynamic_steps or self.dynamic_batch else "",
            "" if self.time_major else " batch-major",
            " lengths" if self.lengths is not None else "",
        )


def random_config(seed, index, dtypes, forward_only=False):
    rng = np.random.default_rng([seed, index, 21])
    units = int(rng.integers(2, MAX_FEATURES + 1))
    batch = int(rng.integers(1, MAX_BATCH + 1))
    steps = int(rng.integers(1, MAX_STEPS + 1))
    lengths = None
    if rng.random() < 1.0 / 3.0:
        # PyTorch's PackedSequence needs lengths >= 1; the longest is T.
        lengths = tuple(int(v) for v in rng.integers(1, steps + 1, size=batch))
    dynamic = rng.random() < 1.0 / 3.0
    which = int(rng.integers(0, 3))
    return Config(
        seed=seed, index=index,
        num_layers=int(rng.integers(1, MAX_LAYERS + 1)),
        bidirectional=bool(rng.random() < 0.5),
        steps=steps, batch=batch,
        input_size=int(rng.integers(1, MAX_FEATURES + 1)),
        num_units=units,
        num_proj=int(rng.integers(1, units)),
        dtype=dtypes[int(rng.integers(0, len(dtypes)))],
        dynamic_steps=dynamic and which in (0, 2),
        dynamic_batch=dynamic and which in (1, 2),
        time_major=bool(rng.random() < 0.7),
        lengths=lengths,
        forward_only=forward_only,
    )


# --------------------------------------------------------------------------
# The contract's packed layout with a projection
# --------------------------------------------------------------------------


def layout(cfg):
    """[(kind, layer, dir, id, shape, offset)] in memory order."""
    H, P, D = cfg.num_units, cfg.num_proj, cfg.num_dirs
    entries, offset = [], 0
    for layer in range(cfg.num_layers):
        width = cfg.input_size if layer == 0 else D * P
        for d in range(D):
            shapes = [(H, width)] * 4 + [(H, P)] * 4 + [(P, H)]
            for gate, shape in enumerate(shapes):
                entries.append(("matrix", layer, d, gate, shape, offset))
                offset += shape[0] * shape[1]
    for layer in range(cfg.num_layers):
        for d in range(D):
            for gate in range(8):
                entries.append(("bias", layer, d, gate, (H,), offset))
                offset += H
    return entries


def params_size(cfg):
    kind, _, _, _, shape, offset = layout(cfg)[-1]
    return offset + int(np.prod(shape))


def torch_names(layer, d):
    suffix = "l%d%s" % (layer, "_reverse" if d else "")
    return {name: name + "_" + suffix for name in ("weight_ih", "weight_hh", "weight_hr", "bias_ih", "bias_hh")}


def to_torch(cfg, params):
    """{torch parameter name: array} from the packed params."""
    blocks = {e[:4]: params[e[5]: e[5] + int(np.prod(e[4]))].reshape(e[4]) for e in layout(cfg)}
    named = {}
    for layer in range(cfg.num_layers):
        for d in range(cfg.num_dirs):
            n = torch_names(layer, d)
            named[n["weight_ih"]] = np.concatenate([blocks[("matrix", layer, d, k)] for k in range(4)])
            named[n["weight_hh"]] = np.concatenate([blocks[("matrix", layer, d, k)] for k in range(4, 8)])
            named[n["weight_hr"]] = blocks[("matrix", layer, d, 8)]
            named[n["bias_ih"]] = np.concatenate([blocks[("bias", layer, d, k)] for k in range(4)])
            named[n["bias_hh"]] = np.concatenate([blocks[("bias", layer, d, k)] for k in range(4, 8)])
    return named


def from_torch(cfg, named):
    """The packed vector of {torch parameter name: array} (gradients)."""
    H = cfg.num_units
    out = np.zeros(params_size(cfg))
    for kind, layer, d, gate, shape, offset in layout(cfg):
        n = torch_names(layer, d)
        if kind == "matrix" and gate == 8:
            block = named[n["weight_hr"]]
        else:
            source = ("weight_" if kind == "matrix" else "bias_") + ("ih" if gate < 4 else "hh")
            block = named[n[source]][(gate % 4) * H: (gate % 4 + 1) * H]
        out[offset: offset + block.size] = np.asarray(block).reshape(-1)
    return out


# --------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------


def torch_reference(cfg, inputs):
    """{output name: float64 array} from torch.nn.LSTM(proj_size=P)."""
    import torch

    module = torch.nn.LSTM(cfg.input_size, cfg.num_units, cfg.num_layers, bias=True,
                           bidirectional=cfg.bidirectional, proj_size=cfg.num_proj).double()
    params = dict(module.named_parameters())
    with torch.no_grad():
        for name, value in to_torch(cfg, np.asarray(inputs["params"], np.float64)).items():
            params[name].copy_(torch.from_numpy(np.ascontiguousarray(value)))
    f64 = {k: torch.tensor(np.asarray(v, np.float64), requires_grad=True)
           for k, v in inputs.items() if k != "seq_lengths"}
    x = f64["x"] if cfg.time_major else f64["x"].transpose(0, 1)
    if cfg.lengths is None:
        y, (h_n, c_n) = module(x, (f64["h_0"], f64["c_0"]))
    else:
        packed = torch.nn.utils.rnn.pack_padded_sequence(
            x, torch.tensor(cfg.lengths), enforce_sorted=False)
        y, (h_n, c_n) = module(packed, (f64["h_0"], f64["c_0"]))
        y, _ = torch.nn.utils.rnn.pad_packed_sequence(y, total_length=cfg.steps)
    if not cfg.time_major:
        y = y.transpose(0, 1)
    if cfg.forward_only:
        return {"y": y.detach().numpy(), "h_n": h_n.detach().numpy(), "c_n": c_n.detach().numpy()}
    loss = (y * f64["dy"]).sum() + (h_n * f64["dh_n"]).sum() + (c_n * f64["dc_n"]).sum()
    loss.backward()
    grads = {name: p.grad.numpy() for name, p in params.items()}
    return {
        "y": y.detach().numpy(), "h_n": h_n.detach().numpy(), "c_n": c_n.detach().numpy(),
        "dx": f64["x"].grad.numpy(), "dh_0": f64["h_0"].grad.numpy(),
        "dc_0": f64["c_0"].grad.numpy(), "dparams": from_torch(cfg, grads),
        "y_infer": y.detach().numpy(), "h_n_infer": h_n.detach().numpy(),
    }


def numpy_forward(cfg, inputs, project=True):
    """y, h_n, c_n from the contract's equations (time-major, no lengths)."""
    H, P, D = cfg.num_units, cfg.num_proj, cfg.num_dirs
    named = to_torch(cfg, np.asarray(inputs["params"], np.float64))
    sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))  # noqa: E731
    layer_input = np.asarray(inputs["x"], np.float64)
    h_n, c_n = [], []
    for layer in range(cfg.num_layers):
        outputs = []
        for d in range(D):
            n = torch_names(layer, d)
            row = layer * D + d
            h = np.asarray(inputs["h_0"][row], np.float64)
            c = np.asarray(inputs["c_0"][row], np.float64)
            ys = [None] * cfg.steps
            order = range(cfg.steps) if d == 0 else reversed(range(cfg.steps))
            for t in order:
                gates = (layer_input[t] @ named[n["weight_ih"]].T + named[n["bias_ih"]]
                         + h @ named[n["weight_hh"]].T + named[n["bias_hh"]])
                i, f, g, o = (gates[:, k * H:(k + 1) * H] for k in range(4))
                c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
                h = sigmoid(o) * np.tanh(c)
                h = h @ named[n["weight_hr"]].T if project else h[:, :P]
                ys[t] = h
            outputs.append(np.stack(ys))
            h_n.append(h)
            c_n.append(c)
        layer_input = np.concatenate(outputs, axis=2)
    return {"y": layer_input, "h_n": np.stack(h_n), "c_n": np.stack(c_n)}


# --------------------------------------------------------------------------
# The .mlir file, the inputs, the comparison
# --------------------------------------------------------------------------


def make_mlir(cfg):
    T = None if cfg.dynamic_steps else cfg.steps
    B = None if cfg.dynamic_batch else cfg.batch
    L, D, H, P = cfg.num_layers * cfg.num_dirs, cfg.num_dirs, cfg.num_units, cfg.num_proj
    outer = [T, B] if cfg.time_major else [B, T]
    e = cfg.dtype
    types = {
        "x": tensor_type(outer + [cfg.input_size], e), "h_0": tensor_type([L, B, P], e),
        "c_0": tensor_type([L, B, H], e), "params": tensor_type([params_size(cfg)], e),
        "seq_lengths": tensor_type([B], "i32"), "y": tensor_type(outer + [D * P], e),
    }
    types.update({"dy": types["y"], "dh_n": types["h_0"], "dc_n": types["c_0"], "h_n": types["h_0"],
                  "c_n": types["c_0"], "dx": types["x"], "dh_0": types["h_0"], "dc_0": types["c_0"],
                  "dparams": types["params"], "y_infer": types["y"], "h_n_infer": types["h_0"]})
    infer_attrs = "num_layers = %d, num_units = %d, num_proj = %d" % (cfg.num_layers, H, P)
    attrs = infer_attrs + ", is_training = true"
    for extra, on in ((", direction = #rnn.direction<bidirectional>", cfg.bidirectional),
                      (", time_major = false", not cfg.time_major)):
        if on:
            attrs += extra
            infer_attrs += extra
    lengths = ["%seq_lengths"] if cfg.lengths is not None else []
    fwd = ["%x", "%h_0", "%c_0", "%params"] + lengths
    grad = ["%x", "%h_0", "%c_0", "%params", "%y", "%reserve", "%dy", "%dh_n", "%dc_n"] + lengths
    grad_types = [types[n] for n in ("x", "h_0", "c_0", "params", "y")] + ["tensor<?xi8>"] + [
        types[n] for n in SEEDS] + ([types["seq_lengths"]] if lengths else [])
    out_types = [types[n] for n in cfg.outputs]
    fwd_types = [types[n[1:]] for n in fwd]
    states = [types[n] for n in ("y", "h_n", "c_n")]

    def op(results, name, operands, attributes, operand_types, result_types):
        return "  %s = rnn.%s %s {%s}\n      : (%s) -> (%s)\n" % (
            ", ".join("%" + r for r in results), name, ", ".join(operands), attributes,
            ", ".join(operand_types), ", ".join(result_types))

    if cfg.forward_only:
        body = op(FORWARD_OUTPUTS, "lstm", fwd, infer_attrs, fwd_types, states)
    else:
        body = (op(("y", "h_n", "c_n", "reserve"), "lstm", fwd, attrs, fwd_types,
                   states + ["tensor<?xi8>"])
                + op(("dx", "dh_0", "dc_0", "dparams"), "lstm_grad", grad, attrs, grad_types,
                     [types[n] for n in ("dx", "dh_0", "dc_0", "dparams")])
                + op(("y_infer", "h_n_infer", "c_n_infer"), "lstm", fwd, infer_attrs, fwd_types,
                     states))
    return "// %s (seed %d, index %d)\nfunc.func @main(%s) -> (%s) {\n%s  return %s : %s\n}\n" % (
        cfg.summary(), cfg.seed, cfg.index,
        ", ".join("%%%s: %s" % (n, types[n]) for n in cfg.inputs), ", ".join(out_types),
        body, ", ".join("%" + n for n in cfg.outputs), ", ".join(out_types),
    )


def make_inputs(cfg):
    rng = np.random.default_rng([cfg.seed, cfg.index, 22])
    L, D, H, P = cfg.num_layers * cfg.num_dirs, cfg.num_dirs, cfg.num_units, cfg.num_proj
    outer = (cfg.steps, cfg.batch) if cfg.time_major else (cfg.batch, cfg.steps)
    shapes = {"x": outer + (cfg.input_size,), "h_0": (L, cfg.batch, P), "c_0": (L, cfg.batch, H),
              "dy": outer + (D * P,), "dh_n": (L, cfg.batch, P), "dc_n": (L, cfg.batch, H)}
    inputs = {}
    for name in cfg.inputs:
        if name == "seq_lengths":
            inputs[name] = np.array(cfg.lengths, dtype=np.int32)
        elif name == "params":
            bound = 1.0 / np.sqrt(H)
            inputs[name] = to_storage(rng.uniform(-bound, bound, size=(params_size(cfg),)), cfg.dtype)
        else:
            inputs[name] = to_storage(rng.uniform(-1.0, 1.0, size=shapes[name]), cfg.dtype)
    return inputs


def blocks(cfg, name, value):
    """(label, array) pieces compared one by one: every canonical gradient
    of dparams, else the whole tensor."""
    if name != "dparams":
        return [(name, value)]
    return [("dparams[%s l%d d%d #%d]" % (e[0], e[1], e[2], e[3]),
             value[e[5]: e[5] + int(np.prod(e[4]))]) for e in layout(cfg)]


def compare(cfg, ours, expected, tolerance):
    """({name: worst error}, problems)."""
    errors, problems = {}, []
    for name in expected:
        mine, theirs = np.asarray(ours[name], np.float64), expected[name]
        if mine.shape != theirs.shape:
            problems.append("%s: shape %s, expected %s" % (name, mine.shape, theirs.shape))
            continue
        typical = np.linalg.norm(theirs) / np.sqrt(max(theirs.size, 1))
        worst = 0.0
        for label, (a, b) in zip([l for l, _ in blocks(cfg, name, theirs)],
                                 zip([v for _, v in blocks(cfg, name, mine)],
                                     [v for _, v in blocks(cfg, name, theirs)])):
            scale = max(np.linalg.norm(b), 0.5 * typical * np.sqrt(b.size))
            err = np.linalg.norm(a - b) / scale if scale > 0 else np.linalg.norm(a - b)
            worst = max(worst, err) if np.isfinite(err) else float("inf")
            if not err <= tolerance:
                problems.append("%s: relative error %.3g > %.0e" % (label, err, tolerance))
        errors[name] = worst
    return errors, problems


def check_config(cfg, tool, backend, workdir, keep, timeout):
    directory = os.path.join(workdir, cfg.name)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "model.mlir"), "w") as f:
        f.write(make_mlir(cfg))
    inputs = make_inputs(cfg)
    for name, value in inputs.items():
        save_npy(os.path.join(directory, name + ".npy"), value,
                 "i32" if name == "seq_lengths" else cfg.dtype)
    cmd = [tool, os.path.join(directory, "model.mlir"), "--backend=" + backend]
    cmd += ["--input=" + os.path.join(directory, n + ".npy") for n in cfg.inputs]
    cmd += ["--output=" + os.path.join(directory, "out_" + n + ".npy") for n in cfg.outputs]
    rc, stderr, seconds = run_tool(cmd, timeout)
    errors, problems = {}, []
    if rc != 0:
        problems = [tool_failure(rc, stderr)]
    else:
        ours = {n: load_npy(os.path.join(directory, "out_" + n + ".npy")) for n in cfg.outputs}
        errors, problems = compare(cfg, ours, torch_reference(cfg, inputs), TOLERANCE[cfg.dtype])
        problems += ["%s: dtype %s, expected %s" % (n, v.dtype, cfg.dtype) for n, v in ours.items()
                     if not _has_dtype(v, cfg.dtype)]
    if problems:
        with open(os.path.join(directory, "repro.sh"), "w") as f:
            f.write("#!/bin/sh\n# %s\n%s\n" % (cfg.summary(), " ".join(shlex.quote(c) for c in cmd)))
    elif not keep:
        shutil.rmtree(directory, ignore_errors=True)
    return Result(cfg, errors, problems, seconds, directory)


def _has_dtype(value, dtype):
    """Whether an output read by load_npy has the configuration's type."""
    if dtype == "bf16":
        return isinstance(value, _Bf16Array)
    return value.dtype == NUMPY_DTYPE[dtype] and not isinstance(value, _Bf16Array)


# --------------------------------------------------------------------------
# --self-test
# --------------------------------------------------------------------------


def _plain(cfg):
    """The same configuration, time-major, without lengths (what the numpy
    reference runs)."""
    return dataclasses.replace(cfg, time_major=True, lengths=None)


def self_test(args):
    def facts():
        # FACTS.md (cuDNN 9.14): LSTM I=3 H=4 proj=2: R are [4, 2], id 8 is
        # the [2, 4] projection after R_7, no bias.
        cfg = Config(0, 0, 1, False, 1, 1, 3, 4, 2, "f64", False, False, True, None)
        offsets = [e[5] for e in layout(cfg) if e[0] == "matrix"]
        assert offsets == [0, 12, 24, 36, 48, 56, 64, 72, 80], offsets
        assert params_size(cfg) == 120

    checks = [("layout matches FACTS.md", facts)]
    for i in range(12):
        cfg = _plain(random_config(args.seed, i, ("f64",)))
        inputs = make_inputs(cfg)

        def torch_vs_numpy(cfg=cfg, inputs=inputs):
            expected = numpy_forward(cfg, inputs)
            got = torch_reference(cfg, inputs)
            worst = max(relative_error(got[n], expected[n]) for n in expected)
            assert worst < 1e-12, worst
            return worst

        def wrong_projection_detected(cfg=cfg, inputs=inputs):
            expected = torch_reference(cfg, inputs)
            wrong = numpy_forward(cfg, inputs, project=False)
            _, problems = compare(cfg, wrong, {n: expected[n] for n in wrong}, TOLERANCE["f32"])
            assert problems, "a missing projection is not detected"

        checks.append(("torch == numpy (1e-12) %s" % cfg.summary(), torch_vs_numpy))
        checks.append(("no projection detected %s" % cfg.summary(), wrong_projection_detected))
    return run_checks(checks)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--backend", default="cpu")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", type=int)
    parser.add_argument("--dtypes", default="f32,f32,f32,f64")
    parser.add_argument("--workdir", default="proj-numerics-work")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--forward-only", action="store_true",
                        help="the inference rnn.lstm alone (y, h_n, c_n)")
    args = parser.parse_args(argv)
    dtypes = tuple(d for d in args.dtypes.split(",") if d)
    import torch

    torch.set_num_threads(1)
    if args.self_test:
        return self_test(args)
    tool = shutil.which(args.rnn_run) or args.rnn_run
    os.makedirs(args.workdir, exist_ok=True)
    indices = [args.only] if args.only is not None else range(args.count)
    configs = [random_config(args.seed, i, dtypes, args.forward_only) for i in indices]
    return run_configs(configs, lambda cfg: check_config(
        cfg, tool, args.backend, args.workdir, args.keep, args.timeout), args.jobs,
        seconds_label="rnn-run")


if __name__ == "__main__":
    sys.exit(main())
