#!/usr/bin/env python3
"""Randomized numerical test of rnn-run's training (grad ops) against a
float64 PyTorch autograd reference.

Each configuration (mode, GRU linear_before_reset, layers, direction,
input mode, dropout and its seed, T, B, I, H, element type, static or
dynamic T/B) is drawn from ``--seed`` and its index and written as .mlir
with two forms of a training step, both checked:

* ``@step(x, h_0[, c_0], params, dy, dh_n[, dc_n])``: the training forward
  (``is_training = true``, reserve result) and the grad op in one function,
  returning (y, h_n[, c_n], dx, dh_0[, dc_0], dparams);
* ``@forward(x, h_0[, c_0], params) -> (y, h_n[, c_n], reserve)`` and
  ``@backward(x, h_0[, c_0], params, y, reserve, dy, dh_n[, dc_n]) -> (dx,
  dh_0[, dc_0], dparams)``, run as two rnn-run calls: the reserve crosses
  between them as a .npy file, as a framework keeps it between its forward
  and backward.

The forward results and dx, dh_0, dc_0 and every canonical gradient
(``rnn.unpack_params`` layout of dparams) are compared with
``grad_reference.grad_reference``: relative Frobenius error ||ours - ref|| /
max(||ref||, 0.5 * rms * sqrt(size)) (rms: of all gradients, or of all
forward results, of the configuration; see grad_reference.FLOOR_FRACTION),
at most 1e-5 for f32 (the reference runs in float64 on the f32 inputs) and
1e-10 for f64.

Prints one line per configuration and ends with exactly one line
``N passed, M failed``; exits non-zero when anything failed. A failing
configuration keeps its directory (the .mlir files, inputs, our outputs,
reference outputs, repro.sh) under ``--workdir``. The three functions go
into one module each (step.mlir, forward.mlir, backward.mlir), as rnn-run
compiles every function of the file it runs; ``--modules=one`` writes them
into one model.mlir instead.

``--self-test`` checks the reference without rnn-run; ``--finite-differences``
checks rnn-run's f64 gradients against central differences of rnn-run's own
forward, without PyTorch.

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import argparse
import concurrent.futures
import dataclasses
import os
import shlex
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import grad_reference as gref  # noqa: E402
import rnn_reference as ref  # noqa: E402
from numerics_driver import LayerConfig, run_checks, run_configs  # noqa: E402
from run_numerics import (_Bf16Array, _exit_description, load_npy, save_npy,  # noqa: E402
                          stderr_summary, tensor_type, to_storage)

#: Largest accepted relative error, per element type.
TOLERANCE = {"f16": 5e-3, "bf16": 3e-2, "f32": 1e-5, "f64": 1e-10}
#: cuDNN computes the gates' tanh and sigmoid with the GPU's approximate
#: instructions (tanh.approx.f32: relative error up to 2^-11), in f32 and in
#: f16's f32 math alike: its f32 forward results are 5e-6 to 1e-5 off
#: float64 and its gradients up to ~4e-4 off where a gradient is a short sum
#: (H = 1, T * B < 20); measured on an H200 with cuDNN 9.14 (README,
#: Training on the GPU). f64 is exact.
CUDNN_TOLERANCE = {"f16": 1e-2, "bf16": 3e-2, "f32": 1e-3, "f64": 1e-10}
#: bf16 values live in float32 arrays rounded to bf16 and travel in |V2
#: .npy files (run_numerics.py's to_storage, save_npy, load_npy).
NUMPY_DTYPE = {"f16": np.float16, "bf16": np.float32, "f32": np.float32,
               "f64": np.float64}
ALL_MODES = ("lstm", "gru", "rnn_tanh", "rnn_relu")
ALL_FORMS = ("step", "split", "infer")
DEFAULT_FORMS = ("step", "split")
MAX_LAYERS, MAX_STEPS, MAX_BATCH, MAX_FEATURES = 3, 10, 5, 16
MAX_DROPOUT = 0.6
RESERVE_TYPE = "tensor<?xi8>"
#: The largest accepted finite-difference error (float64, see grad_reference).
FD_TOLERANCE = 1e-6


@dataclasses.dataclass(frozen=True)
class Config(LayerConfig):
    """One random training configuration."""

    dropout: float  # an f32 value (exactly representable), 0 = none
    drop_seed: int  # the op's i64 seed attribute
    spell_defaults: bool  # write default-valued attributes explicitly
    linear_before_reset: bool = True  # GRU only
    time_major: bool = True  # False: x, y, dx, dy are [B, T, *]
    lengths: tuple = None  # the seq_lengths operand (B ints), or none

    def __post_init__(self):
        if self.mode != "gru":  # the attribute exists for GRU only
            object.__setattr__(self, "linear_before_reset", True)

    @property
    def states(self):
        """Names of the state operands: h_0[, c_0]."""
        return ["h_0"] + (["c_0"] if self.has_cell else [])

    @property
    def layer_inputs(self):
        """x, h_0[, c_0], params: what forward and grad op both start with."""
        return ["x"] + self.states + ["params"]

    @property
    def lengths_inputs(self):
        """[seq_lengths] (the last operand of both ops) or []."""
        return [] if self.lengths is None else ["seq_lengths"]

    @property
    def forward_inputs(self):
        return self.layer_inputs + self.lengths_inputs

    @property
    def seeds(self):
        """Names of the gradient seeds: dy, dh_n[, dc_n]."""
        return ["dy", "dh_n"] + (["dc_n"] if self.has_cell else [])

    @property
    def forward_outputs(self):
        return ["y", "h_n"] + (["c_n"] if self.has_cell else [])

    @property
    def grad_outputs(self):
        return ["dx", "dh_0"] + (["dc_0"] if self.has_cell else []) + ["dparams"]

    def summary(self):
        dyn = self.dynamic_dims()
        drop = "p=%.3g/%d" % (self.dropout, self.drop_seed) if self.dropout > 0 else "p=0"
        mode = self.mode if self.linear_before_reset else self.mode + "/rb"
        text = "%-8s L=%d %-5s %-12s T=%-2d B=%d I=%-2d H=%-2d %s dyn=%-2s %s" % (
            mode, self.num_layers, "bidir" if self.bidirectional else "uni",
            self.input_mode, self.steps, self.batch, self.input_size,
            self.num_units, self.dtype, dyn or "-", drop,
        )
        if not self.time_major:
            text += " batch-major"
        if self.lengths is not None:
            text += " len=" + ",".join(str(n) for n in self.lengths)
        return text


DEFAULT_DTYPES = ("f32", "f64")


def _draw_seed_attr(rng):
    """The op's seed: mostly small, sometimes negative or near the i64 ends."""
    draw = rng.random()
    if draw < 0.6:
        return int(rng.integers(0, 1000))
    if draw < 0.8:
        return -int(rng.integers(1, 1 << 62))
    return int(rng.integers(1 << 62, (1 << 63) - 1))


def random_config(seed, index, modes=ALL_MODES, dtypes=DEFAULT_DTYPES):
    """Configuration ``index`` of the stream ``seed`` (independent of count).

    Dropout is drawn first: half the configurations have a rate in (0, 0.6),
    and those are stacks of 2-3 layers 5 times in 6 (dropout only acts
    between layers); f64 one time in three."""
    rng = np.random.default_rng([seed, index, 17])
    if rng.random() < 0.5:
        dropout = float(np.float32(rng.uniform(0.02, MAX_DROPOUT)))
        layers = int(rng.integers(2, MAX_LAYERS + 1)) if rng.random() < 5.0 / 6.0 else 1
    else:
        dropout = 0.0
        layers = int(rng.integers(1, MAX_LAYERS + 1))
    units = int(rng.integers(1, MAX_FEATURES + 1))
    input_mode = str(rng.choice(["linear_input", "linear_input", "skip_input", "auto_select"]))
    if input_mode == "skip_input" or (input_mode == "auto_select" and rng.random() < 0.5):
        input_size = units
    else:
        input_size = int(rng.integers(1, MAX_FEATURES + 1))
    dynamic = rng.random() < 0.4
    which = int(rng.integers(0, 3))  # 0: T, 1: B, 2: both
    if tuple(dtypes) == DEFAULT_DTYPES:
        dtype = "f64" if rng.random() < 1.0 / 3.0 else "f32"
    else:
        dtype = dtypes[int(rng.integers(0, len(dtypes)))]
    return Config(
        seed=seed,
        index=index,
        mode=str(rng.choice(list(modes))),
        num_layers=layers,
        bidirectional=bool(rng.random() < 0.5),
        input_mode=input_mode,
        steps=int(rng.integers(1, MAX_STEPS + 1)),
        batch=int(rng.integers(1, MAX_BATCH + 1)),
        input_size=input_size,
        num_units=units,
        dtype=dtype,
        dynamic_steps=dynamic and which in (0, 2),
        dynamic_batch=dynamic and which in (1, 2),
        dropout=dropout,
        drop_seed=_draw_seed_attr(rng),
        spell_defaults=bool(rng.random() < 0.5),
        # A stream of its own, so that adding it left the others as they were.
        linear_before_reset=bool(np.random.default_rng([seed, index, 23]).random() >= 1.0 / 3.0),
    )


def _draw_lengths(rng, steps, batch):
    """B sequence lengths in [0, T], unsorted: 0, 1 and T often."""
    lengths = []
    for _ in range(batch):
        draw = rng.random()
        if draw < 0.15:
            lengths.append(0)
        elif draw < 0.3:
            lengths.append(1)
        elif draw < 0.55:
            lengths.append(steps)
        else:
            lengths.append(int(rng.integers(0, steps + 1)))
    return tuple(lengths)


def random_lengths_config(seed, index, modes=ALL_MODES, dtypes=DEFAULT_DTYPES):
    """Configuration ``index`` of the stream ``seed`` with sequence lengths
    (--lengths): random_config's layer and shapes without dropout (PyTorch's
    PackedSequence reference has its own masks), either layout, lengths
    drawn by _draw_lengths (at least 2 sequences 3 times in 4); make_inputs
    pads x and dy with NaN half the time."""
    cfg = random_config(seed, index, modes, dtypes)
    rng = np.random.default_rng([seed, index, 29])
    steps = int(rng.integers(1, MAX_STEPS + 1))
    batch = int(rng.integers(2, MAX_BATCH + 1)) if rng.random() < 0.75 else 1
    return dataclasses.replace(
        cfg, dropout=0.0, steps=steps, batch=batch,
        time_major=bool(rng.random() < 0.5), lengths=_draw_lengths(rng, steps, batch))


# --------------------------------------------------------------------------
# The .mlir file and the inputs
# --------------------------------------------------------------------------


def _types(cfg, static=False):
    """{operand/result name: MLIR type} of the config (dynamic T/B as ``?``
    unless ``static``)."""
    steps = None if cfg.dynamic_steps and not static else cfg.steps
    batch = None if cfg.dynamic_batch and not static else cfg.batch
    rows = cfg.num_layers * cfg.num_dirs
    state = tensor_type([rows, batch, cfg.num_units], cfg.dtype)
    outer = [steps, batch] if cfg.time_major else [batch, steps]
    x = tensor_type(outer + [cfg.input_size], cfg.dtype)
    y = tensor_type(outer + [cfg.num_dirs * cfg.num_units], cfg.dtype)
    params = tensor_type([cfg.params_size], cfg.dtype)
    types = {"x": x, "params": params, "y": y, "dy": y, "dx": x, "dparams": params,
             "reserve": RESERVE_TYPE, "seq_lengths": tensor_type([batch], "i32")}
    for name in ("h_0", "c_0", "h_n", "c_n", "dh_0", "dc_0", "dh_n", "dc_n"):
        types[name] = state
    return types


def _attributes(cfg, training=True):
    """The forward's attribute dictionary, is_training = true unless not
    ``training`` (defaults written only sometimes; the seed sometimes
    without its `: i64`)."""
    attrs = ["num_layers = %d" % cfg.num_layers, "num_units = %d" % cfg.num_units]
    if training:
        attrs.append("is_training = true")
    if cfg.dropout > 0 or cfg.spell_defaults:
        attrs.append("dropout = %s : f32" % repr(cfg.dropout))
    if cfg.dropout > 0 or cfg.spell_defaults or cfg.drop_seed % 3 == 0:
        attrs.append("seed = %d%s" % (cfg.drop_seed, " : i64" if cfg.drop_seed % 2 else ""))
    if cfg.bidirectional or cfg.spell_defaults:
        direction = "bidirectional" if cfg.bidirectional else "unidirectional"
        attrs.append("direction = #rnn.direction<%s>" % direction)
    if cfg.input_mode != "linear_input" or cfg.spell_defaults:
        attrs.append("input_mode = #rnn.input_mode<%s>" % cfg.input_mode)
    if cfg.mode == "gru" and (not cfg.linear_before_reset or cfg.spell_defaults):
        attrs.append("linear_before_reset = %s" % str(cfg.linear_before_reset).lower())
    if not cfg.time_major or cfg.spell_defaults:
        attrs.append("time_major = %s" % str(cfg.time_major).lower())
    return "{" + ", ".join(attrs) + "}"


def _values(names):
    return ", ".join("%" + n for n in names)


def _signature(names, types):
    return ", ".join("%%%s: %s" % (n, types[n]) for n in names)


def _type_list(names, types):
    return ", ".join(types[n] for n in names)


def _forward_op(cfg, types, attrs, reserve=True):
    outputs = cfg.forward_outputs + (["reserve"] if reserve else [])
    return (
        "  %s = rnn.%s %s\n"
        "      %s\n"
        "      : (%s)\n"
        "     -> (%s)\n"
    ) % (
        _values(outputs), cfg.mode, _values(cfg.forward_inputs), attrs,
        _type_list(cfg.forward_inputs, types), _type_list(outputs, types),
    )


def _grad_op(cfg, types, attrs):
    operands = backward_inputs(cfg)
    return (
        "  %s = rnn.%s_grad %s\n"
        "      %s\n"
        "      : (%s)\n"
        "     -> (%s)\n"
    ) % (
        _values(cfg.grad_outputs), cfg.mode, _values(operands), attrs,
        _type_list(operands, types), _type_list(cfg.grad_outputs, types),
    )


def _function(name, args, results, body, types):
    return "func.func @%s(%s)\n    -> (%s) {\n%s  return %s : %s\n}\n" % (
        name, _signature(args, types), _type_list(results, types), body,
        _values(results), _type_list(results, types),
    )


def step_inputs(cfg):
    return cfg.forward_inputs + cfg.seeds


def step_outputs(cfg):
    return cfg.forward_outputs + cfg.grad_outputs


def backward_inputs(cfg):
    return cfg.layer_inputs + ["y", "reserve"] + cfg.seeds + cfg.lengths_inputs


ENTRIES = ("step", "forward", "backward", "infer")


def _functions(cfg):
    """{entry: func.func text} of @step, @forward and @backward."""
    types = _types(cfg)
    attrs = _attributes(cfg)
    forward_op = _forward_op(cfg, types, attrs)
    grad_op = _grad_op(cfg, types, attrs)
    return {
        "step": _function("step", step_inputs(cfg), step_outputs(cfg), forward_op + grad_op,
                          types),
        "forward": _function("forward", cfg.forward_inputs, cfg.forward_outputs + ["reserve"],
                             forward_op, types),
        "backward": _function("backward", backward_inputs(cfg), cfg.grad_outputs, grad_op,
                              types),
        # The inference forward (no is_training, no reserve): the lowering
        # without saved planes.
        "infer": _function("infer", cfg.forward_inputs, cfg.forward_outputs,
                           _forward_op(cfg, types, _attributes(cfg, training=False),
                                       reserve=False), types),
    }


def module_file(entry, modules):
    """The file holding ``entry``: model.mlir for ``modules == "one"``, else
    ENTRY.mlir."""
    return "model.mlir" if modules == "one" else entry + ".mlir"


def make_mlir(cfg, modules="per-entry"):
    """{file name: .mlir text}: one module with @step, @forward,
    @backward and @infer (``modules == "one"``), or one module per entry. rnn-run
    lowers every function of a module, so one module per entry compiles a
    third as much per configuration (three calls)."""
    functions = _functions(cfg)
    header = "// %s (seed %d, index %d)\n\n" % (cfg.summary(), cfg.seed, cfg.index)
    files = {}
    for entry in ENTRIES:
        name = module_file(entry, modules)
        files[name] = files.get(name, header) + ("\n" if name in files else "") + functions[entry]
    return files


def make_inputs(cfg):
    """Random inputs of the config's dtype: x, h_0, c_0, dy, dh_n, dc_n in
    [-1, 1], params in [-1/sqrt(H), 1/sqrt(H)] (PyTorch's init)."""
    rng = np.random.default_rng([cfg.seed, cfg.index, 18])
    state = (cfg.num_layers * cfg.num_dirs, cfg.batch, cfg.num_units)
    outer = (cfg.steps, cfg.batch) if cfg.time_major else (cfg.batch, cfg.steps)
    shapes = {
        "x": outer + (cfg.input_size,),
        "dy": outer + (cfg.num_dirs * cfg.num_units,),
    }
    bound = 1.0 / np.sqrt(cfg.num_units)
    inputs = {}
    for name in cfg.forward_inputs + cfg.seeds:
        if name == "seq_lengths":
            inputs[name] = np.array(cfg.lengths, dtype=np.int32)
            continue
        if name == "params":
            value = rng.uniform(-bound, bound, size=(cfg.params_size,))
        else:
            value = rng.uniform(-1.0, 1.0, size=shapes.get(name, state))
        inputs[name] = to_storage(value, cfg.dtype)
    if cfg.lengths is not None and np.random.default_rng([cfg.seed, cfg.index, 31]).random() < 0.5:
        # Padding is never read: half the configurations pad x and dy with NaN.
        for name in ("x", "dy"):
            inputs[name][_padded(cfg, inputs[name])] = np.nan
    return inputs


def _padded(cfg, sequence):
    """The [T, B] (or [B, T]) mask of a sequence's padded steps."""
    steps = np.arange(cfg.steps).reshape(-1, 1)
    mask = steps >= np.array(cfg.lengths).reshape(1, -1)
    return mask if cfg.time_major else mask.T


def reference(cfg, inputs, **kwargs):
    """The float64 GradResult of the config's inputs (cast to float64).

    With sequence lengths: PyTorch's own LSTM/GRU/RNN on a PackedSequence
    (gref.module_grad_reference; length-0 sequences filled in from the
    contract), except for the GRU without linear-before-reset, which
    PyTorch lacks: the cell-by-cell reference with the contract's masking
    (checked against the PackedSequence one by --self-test). Batch-major
    x/dy are transposed for the reference and y/dx back."""
    x, dy = inputs["x"], inputs["dy"]
    if cfg.lengths is not None:  # the contract reads no padded step
        x, dy = (np.where(_padded(cfg, v)[..., None], 0, v) for v in (x, dy))
    if not cfg.time_major:
        x, dy = np.swapaxes(x, 0, 1), np.swapaxes(dy, 0, 1)
    common = (cfg.mode, x, inputs["h_0"], inputs.get("c_0"), inputs["params"],
              cfg.num_layers, cfg.num_units, cfg.bidirectional, cfg.input_mode)
    if cfg.lengths is not None and cfg.linear_before_reset and not kwargs:
        result = gref.module_grad_reference(
            *common, dy, inputs["dh_n"], inputs.get("dc_n"), lengths=cfg.lengths)
    else:
        result = gref.grad_reference(
            *common, cfg.dropout, cfg.drop_seed, dy, inputs["dh_n"], inputs.get("dc_n"),
            **dict({"linear_before_reset": cfg.linear_before_reset,
                    "lengths": cfg.lengths}, **kwargs),
        )
    if not cfg.time_major:
        result = result._replace(y=np.swapaxes(result.y, 0, 1),
                                 dx=np.swapaxes(result.dx, 0, 1))
    return result


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------


def _forward_named(cfg, result):
    return [(n, getattr(result, n)) for n in cfg.forward_outputs]


def compare(cfg, ours, expected, tolerance, parts=("forward", "grad")):
    """({group: (worst error, name of the worst tensor)}, problems).

    ``ours`` and ``expected`` are GradResults; forward results (y, h_n, c_n)
    are judged against the RMS of the forward results, gradients (dx, dh_0,
    dc_0, each canonical gradient) against the RMS of all gradients."""
    worst, problems = {}, []
    groups = []
    if "forward" in parts:
        groups.append(("fwd", _forward_named(cfg, ours), _forward_named(cfg, expected)))
    if "grad" in parts:
        split = lambda r: list(gref.split_gradients(  # noqa: E731
            r, cfg.mode, cfg.num_layers, cfg.num_units, cfg.input_size,
            cfg.bidirectional, cfg.input_mode).items())
        groups.append(("grad", split(ours), split(expected)))
    for group, mine, theirs in groups:
        rms = gref.group_rms([v for _, v in theirs])
        worst[group] = (0.0, "-")
        for (name, a), (_, b) in zip(mine, theirs):
            if np.shape(a) != np.shape(b):
                problems.append("%s: shape %s, expected %s" % (name, np.shape(a), np.shape(b)))
                worst[group] = (float("inf"), name)
                continue
            err = gref.relative_error(a, b, rms)
            if not err <= worst[group][0]:
                worst[group] = (err, name)
            if not err <= tolerance:  # also catches NaN
                problems.append("%s: relative error %.3g > %.0e" % (name, err, tolerance))
    return worst, problems


# --------------------------------------------------------------------------
# Running one configuration through rnn-run
# --------------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    """Outcome of one configuration."""

    cfg: Config
    errors: dict  # {form: {group: (error, tensor)}}
    problems: list
    seconds: float
    directory: str

    @property
    def passed(self):
        return not self.problems

    def line(self):
        parts = []
        for form, groups in self.errors.items():
            parts.append("%s %s" % (form, " ".join(
                "%s %.1e" % (g, e) + ("" if e == 0 or g == "fwd" else "(%s)" % n)
                for g, (e, n) in groups.items())))
        text = "%s %s %s | %s [%.2fs]" % (
            "PASS" if self.passed else "FAIL", self.cfg.name, self.cfg.summary(),
            " | ".join(parts) or "-", self.seconds,
        )
        if not self.passed:
            text += "\n    " + "\n    ".join(self.problems)
            text += "\n    repro: %s" % os.path.join(self.directory, "repro.sh")
        return text


def _run_tool(cmd, timeout):
    """(returncode or None on timeout, stderr text); a tool that cannot be
    started (replaced mid-run, not executable) is exit 127 with the reason."""
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return proc.returncode, proc.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return None, "no result after %ds" % timeout
    except OSError as exc:
        return 127, "cannot start %s: %s" % (cmd[0], exc)


def _command(tool, options, directory, entry, inputs, outputs, modules="per-entry"):
    """rnn-run --entry=ENTRY with ``inputs`` (file stems in the directory)
    and ``outputs``."""
    model = os.path.join(directory, module_file(entry, modules))
    cmd = [tool, model, "--entry=" + entry] + list(options)
    cmd += ["--input=" + os.path.join(directory, n + ".npy") for n in inputs]
    cmd += ["--output=" + os.path.join(directory, n + ".npy") for n in outputs]
    return cmd


def commands(cfg, tool, options, directory, modules):
    """{form: [rnn-run command lines]}: step is one call, split two (the
    reserve and y of the forward call feed the backward call)."""
    step_in = step_inputs(cfg)
    step_out = ["step_" + n for n in step_outputs(cfg)]
    fwd_out = ["fwd_" + n for n in cfg.forward_outputs + ["reserve"]]
    bwd_in = cfg.layer_inputs + ["fwd_y", "fwd_reserve"] + cfg.seeds + cfg.lengths_inputs
    bwd_out = ["bwd_" + n for n in cfg.grad_outputs]
    return {
        "step": [_command(tool, options, directory, "step", step_in, step_out, modules)],
        "split": [
            _command(tool, options, directory, "forward", cfg.forward_inputs, fwd_out, modules),
            _command(tool, options, directory, "backward", bwd_in, bwd_out, modules),
        ],
        "infer": [_command(tool, options, directory, "infer", cfg.forward_inputs,
                           ["infer_" + n for n in cfg.forward_outputs], modules)],
    }


def _load(directory, names):
    return [load_npy(os.path.join(directory, n + ".npy")) for n in names]


def _to_result(cfg, forward, grads):
    """A GradResult from our arrays (forward results, gradients in result
    order), for ``compare``."""
    f = dict(zip(cfg.forward_outputs, forward))
    g = dict(zip(cfg.grad_outputs, grads))
    return gref.GradResult(
        f.get("y"), f.get("h_n"), f.get("c_n"),
        g.get("dx"), g.get("dh_0"), g.get("dc_0"), g.get("dparams"),
    )


def _dtype_problems(cfg, names, arrays):
    if cfg.dtype == "bf16":
        return ["%s: dtype %s, expected bf16 (|V2)" % (n, a.dtype)
                for n, a in zip(names, arrays) if not isinstance(a, _Bf16Array)]
    want = np.dtype(NUMPY_DTYPE[cfg.dtype])
    return ["%s: dtype %s, expected %s" % (n, a.dtype, want)
            for n, a in zip(names, arrays) if a.dtype != want]


def _reserve_problems(reserve):
    """The reserve comes back as rnn-run writes an i8 result: a 1-D uint8
    .npy file."""
    if reserve.ndim != 1 or reserve.dtype != np.uint8:
        return ["reserve: %s %s, expected a 1-D uint8 array" % (reserve.dtype, reserve.shape)]
    return []


def _outputs_of(cfg, form, directory):
    """(GradResult of our outputs, problems) of a form whose calls exited 0."""
    try:
        if form == "step":
            names = step_outputs(cfg)
            arrays = _load(directory, ["step_" + n for n in names])
            nf = len(cfg.forward_outputs)
            return _to_result(cfg, arrays[:nf], arrays[nf:]), _dtype_problems(cfg, names, arrays)
        if form == "infer":
            arrays = _load(directory, ["infer_" + n for n in cfg.forward_outputs])
            return (_to_result(cfg, arrays, []),
                    _dtype_problems(cfg, cfg.forward_outputs, arrays))
        fwd = _load(directory, ["fwd_" + n for n in cfg.forward_outputs])
        reserve = np.load(os.path.join(directory, "fwd_reserve.npy"))
        grads = _load(directory, ["bwd_" + n for n in cfg.grad_outputs])
        problems = _dtype_problems(cfg, cfg.forward_outputs + cfg.grad_outputs, fwd + grads)
        return _to_result(cfg, fwd, grads), problems + _reserve_problems(reserve)
    except (OSError, ValueError) as exc:
        return None, ["rnn-run exit 0 but its outputs are unreadable: %s" % exc]


def write_case(cfg, directory, inputs, modules):
    """Write the .mlir file(s) and the input .npy files."""
    os.makedirs(directory, exist_ok=True)
    for name, text in make_mlir(cfg, modules).items():
        with open(os.path.join(directory, name), "w") as f:
            f.write(text)
    for name, value in inputs.items():
        floating = np.asarray(value).dtype.kind == "f"
        save_npy(os.path.join(directory, name + ".npy"), value,
                 cfg.dtype if floating else None)


def keep_for_repro(cfg, directory, cmds, expected):
    """Save the reference results and a repro.sh next to a failing case."""
    for name, value in expected._asdict().items():
        if value is not None:
            np.save(os.path.join(directory, "ref_" + name + ".npy"), value)
    with open(os.path.join(directory, "repro.sh"), "w") as f:
        f.write("#!/bin/sh\n# %s\n# reference results: ref_*.npy (float64)\nset -e\n"
                % cfg.summary())
        for form, lines in cmds.items():
            f.write("# %s\n" % form)
            for cmd in lines:
                f.write(" ".join(shlex.quote(c) for c in cmd) + "\n")


def backend_reference(cfg, tool, backend, directory, modules, timeout):
    """(GradResult, problems) of the step form run by rnn-run on ``backend``
    (--reference-backend): the expected results of another backend."""
    names = step_outputs(cfg)
    cmd = _command(tool, ["--backend=" + backend], directory, "step", step_inputs(cfg),
                   ["ref_step_" + n for n in names], modules)
    rc, stderr = _run_tool(cmd, timeout)
    if rc != 0:
        return None, ["reference: rnn-run --backend=%s %s: %s" % (
            backend, _exit_description(rc), stderr_summary(stderr))]
    arrays = _load(directory, ["ref_step_" + n for n in names])
    nf = len(cfg.forward_outputs)
    return _to_result(cfg, arrays[:nf], arrays[nf:]), []


def check_config(cfg, tool, options, forms, modules, workdir, keep, timeout,
                 reference_backend=None, tolerance=None):
    """Run one configuration's forms through rnn-run and compare with the
    reference (float64 autograd, or the step form on ``reference_backend``),
    within ``tolerance`` (default: the element type's)."""
    directory = os.path.join(workdir, cfg.name)
    inputs = make_inputs(cfg)
    write_case(cfg, directory, inputs, modules)
    cmds = commands(cfg, tool, options, directory, modules)
    table = CUDNN_TOLERANCE if "--backend=cudnn" in options else TOLERANCE
    tolerance = tolerance or table[cfg.dtype]
    start = time.monotonic()
    errors, problems = {}, []
    if reference_backend:
        expected, problems = backend_reference(cfg, tool, reference_backend, directory,
                                               modules, timeout)
        if expected is None:
            return Result(cfg, errors, problems, time.monotonic() - start, directory)
    else:
        expected = reference(cfg, inputs)
    for form in forms:
        failed = False
        for cmd in cmds[form]:
            rc, stderr = _run_tool(cmd, timeout)
            if rc != 0:
                entry = cmd[2][len("--entry="):]
                problems.append("%s: rnn-run --entry=%s %s: %s" % (
                    form, entry, _exit_description(rc), stderr_summary(stderr)))
                failed = True
                break
        if failed:
            continue
        ours, load_problems = _outputs_of(cfg, form, directory)
        problems += ["%s: %s" % (form, p) for p in load_problems]
        if ours is not None:
            parts = ("forward",) if form == "infer" else ("forward", "grad")
            errors[form], compare_problems = compare(cfg, ours, expected, tolerance, parts)
            problems += ["%s: %s" % (form, p) for p in compare_problems]
    seconds = time.monotonic() - start
    if problems:
        keep_for_repro(cfg, directory, {f: cmds[f] for f in forms}, expected)
    elif not keep:
        shutil.rmtree(directory, ignore_errors=True)
    return Result(cfg, errors, problems, seconds, directory)


def find_tool(name):
    tool = shutil.which(name) or name
    return tool if os.path.isfile(tool) else None


def for_backend(cfg, backend):
    """The configuration as ``backend`` can check it against the reference:
    cudnn draws its dropout masks from cuDNN's generator, not the documented
    mask function the reference implements, so its configurations have no
    dropout (tests of cuDNN's dropout compare runs with each other and with
    finite differences instead); and its grad ops need cuDNN's GRU
    (linear-before-reset)."""
    if backend != "cudnn":
        return cfg
    return dataclasses.replace(cfg, dropout=0.0, linear_before_reset=True)


def run_suite(args):
    """Generate, run and check ``args.count`` configurations; 0 if all pass."""
    tool = find_tool(args.rnn_run)
    if tool is None:
        print("error: rnn-run not found: %s" % args.rnn_run)
        print("0 passed, %d failed" % args.count)
        return 1
    os.makedirs(args.workdir, exist_ok=True)
    indices = [args.only] if args.only is not None else range(args.start, args.start + args.count)
    draw = random_lengths_config if args.lengths else random_config
    configs = [for_backend(draw(args.seed, i, args.modes, args.dtypes), args.backend)
               for i in indices]
    if args.with_dropout:
        configs = [with_dropout(cfg) for cfg in configs]
    options = ["--backend=" + args.backend]
    return run_configs(configs, lambda cfg: check_config(cfg, tool, options, args.forms, args.modules, args.workdir, args.keep, args.timeout, args.reference_backend, args.tolerance), args.jobs)


def with_dropout(cfg):
    """The configuration with dropout between 2-3 layers (--with-dropout):
    its own rate in (0, 0.6) where it has one, else one drawn from its
    index."""
    if cfg.dropout > 0 and cfg.num_layers > 1:
        return cfg
    rng = np.random.default_rng([cfg.seed, cfg.index, 37])
    rate = cfg.dropout or float(np.float32(rng.uniform(0.02, MAX_DROPOUT)))
    return dataclasses.replace(cfg, dropout=rate,
                               num_layers=max(cfg.num_layers, int(rng.integers(2, MAX_LAYERS + 1))))


# --------------------------------------------------------------------------
# --finite-differences: rnn-run's gradients against rnn-run's own forward
# --------------------------------------------------------------------------

#: Small f64 configurations for the finite-difference check, all static.
FD_CONFIGS = [
    # (mode, layers, bidirectional, input_mode, T, B, I, H, dropout, seed
    #  [, linear_before_reset])
    ("lstm", 3, True, "skip_input", 3, 2, 3, 3, 0.3, 11),
    ("lstm", 2, False, "linear_input", 4, 3, 2, 3, 0.0, 0),
    ("gru", 3, True, "linear_input", 3, 2, 2, 3, 0.25, -3),
    ("gru", 2, True, "skip_input", 4, 2, 4, 4, 0.0, 0),
    ("rnn_tanh", 3, True, "auto_select", 3, 2, 3, 3, 0.4, 5),
    ("rnn_tanh", 1, False, "skip_input", 5, 2, 4, 4, 0.0, 0),
    ("rnn_relu", 3, True, "linear_input", 3, 2, 2, 4, 0.2, 1 << 62),
    ("rnn_relu", 2, False, "skip_input", 4, 3, 3, 3, 0.5, 9),
    ("gru", 2, True, "linear_input", 3, 2, 3, 3, 0.35, 21, False),
]


def fd_config(index):
    entry = FD_CONFIGS[index] + (True,)
    mode, layers, bidir, input_mode, steps, batch, isize, units, dropout, seed, lbr = entry[:11]
    return Config(
        seed=0, index=index, mode=mode, num_layers=layers, bidirectional=bidir,
        input_mode=input_mode, steps=steps, batch=batch, input_size=isize, num_units=units,
        dtype="f64", dynamic_steps=False, dynamic_batch=False,
        dropout=float(np.float32(dropout)), drop_seed=seed, spell_defaults=True,
        linear_before_reset=lbr,
    )


def make_fd_mlir(cfg, count):
    """@fwd (the training forward of @step, reserve dropped) and
    @many(xs, h_0s[, c_0s], paramss): ``count`` calls of @fwd on slices of
    stacked inputs, results stacked; only func, tensor and rnn ops, the
    input language of rnn-run."""
    types = _types(cfg, static=True)
    fwd = _function("fwd", cfg.forward_inputs, cfg.forward_outputs,
                    _forward_op(cfg, types, _attributes(cfg)), types)
    shapes = {
        "x": [cfg.steps, cfg.batch, cfg.input_size],
        "params": [cfg.params_size],
        "y": [cfg.steps, cfg.batch, cfg.num_dirs * cfg.num_units],
    }
    for n in ("h_0", "c_0", "h_n", "c_n"):
        shapes[n] = [cfg.num_layers * cfg.num_dirs, cfg.batch, cfg.num_units]
    stacked = lambda n: tensor_type([count] + shapes[n], cfg.dtype)  # noqa: E731

    def window(n, k):
        """Offsets, sizes and strides of slice k of a stacked tensor."""
        rank = len(shapes[n])
        return "[%d%s] [1, %s] [%s]" % (k, ", 0" * rank, ", ".join(map(str, shapes[n])),
                                        ", ".join(["1"] * (rank + 1)))

    lines = ["  %%%s_acc0 = tensor.empty() : %s\n" % (n, stacked(n)) for n in cfg.forward_outputs]
    for k in range(count):
        for n in cfg.forward_inputs:
            lines.append("  %%%s_%d = tensor.extract_slice %%%ss%s : %s to %s\n" % (
                n, k, n, window(n, k), stacked(n), types[n]))
        lines.append("  %s = func.call @fwd(%s) : (%s) -> (%s)\n" % (
            ", ".join("%%%s_%d" % (n, k) for n in cfg.forward_outputs),
            ", ".join("%%%s_%d" % (n, k) for n in cfg.forward_inputs),
            _type_list(cfg.forward_inputs, types), _type_list(cfg.forward_outputs, types)))
        for n in cfg.forward_outputs:
            lines.append("  %%%s_acc%d = tensor.insert_slice %%%s_%d into %%%s_acc%d%s"
                         " : %s into %s\n" % (n, k + 1, n, k, n, k, window(n, k), types[n],
                                             stacked(n)))
    args = ", ".join("%%%ss: %s" % (n, stacked(n)) for n in cfg.forward_inputs)
    results = ", ".join("%%%s_acc%d" % (n, count) for n in cfg.forward_outputs)
    result_types = ", ".join(stacked(n) for n in cfg.forward_outputs)
    many = "func.func @many(%s)\n    -> (%s) {\n%s  return %s : %s\n}\n" % (
        args, result_types, "".join(lines), results, result_types)
    return "// %s: forwards for finite differences\n\n%s\n%s" % (cfg.summary(), fwd, many)


def make_fd_step_mlir(cfg):
    """@step of the config (static shapes): the gradients under test."""
    types = _types(cfg, static=True)
    attrs = _attributes(cfg)
    return "// %s: gradients\n\n%s" % (cfg.summary(), _function(
        "step", step_inputs(cfg), step_outputs(cfg),
        _forward_op(cfg, types, attrs) + _grad_op(cfg, types, attrs), types))


#: Forward evaluations per rnn-run call of the FD check: @many inlines its
#: calls, and compiling it grows faster than linearly with their number.
FD_CHUNK = 24


def fd_check_config(cfg, tool, workdir, timeout, backend="cpu", chunk=FD_CHUNK):
    """(rows of directional_check or None, problems) for one FD config:
    rnn-run's @step gradients against central differences of rnn-run's
    forward along grouped random directions (grad_reference.fd_directions),
    the perturbed forwards run ``chunk`` at a time."""
    directory = os.path.join(workdir, "fd-%d" % cfg.index)
    os.makedirs(directory, exist_ok=True)
    inputs = {n: v.astype(np.float64) for n, v in make_inputs(cfg).items()}
    rng = np.random.default_rng([cfg.index, 19])
    forward_inputs = {n: inputs[n] for n in cfg.forward_inputs}
    directions = gref.fd_directions(forward_inputs, cfg.mode, cfg.num_layers, cfg.num_units,
                                    cfg.bidirectional, cfg.input_mode, rng, grouped=True)
    cases = gref.perturbed_inputs(forward_inputs, directions)
    chunks = (len(cases) + chunk - 1) // chunk
    padded = cases + [forward_inputs] * (chunks * chunk - len(cases))
    with open(os.path.join(directory, "step.mlir"), "w") as f:
        f.write(make_fd_step_mlir(cfg))
    with open(os.path.join(directory, "many.mlir"), "w") as f:
        f.write(make_fd_mlir(cfg, chunk))
    for name, value in inputs.items():
        np.save(os.path.join(directory, name + ".npy"), value)
    step = _command(tool, ["--backend=" + backend], directory, "step", step_inputs(cfg),
                    ["step_" + n for n in step_outputs(cfg)])
    step[1] = os.path.join(directory, "step.mlir")
    cmds = [step]
    for c in range(chunks):
        for name in cfg.forward_inputs:
            np.save(os.path.join(directory, "%ss%d.npy" % (name, c)),
                    np.stack([case[name] for case in padded[c * chunk:(c + 1) * chunk]]))
        many = _command(tool, ["--backend=" + backend], directory, "many",
                        ["%ss%d" % (n, c) for n in cfg.forward_inputs],
                        ["many%d_%s" % (c, n) for n in cfg.forward_outputs])
        many[1] = os.path.join(directory, "many.mlir")
        cmds.append(many)
    with open(os.path.join(directory, "repro.sh"), "w") as f:
        f.write("#!/bin/sh\n# %s\nset -e\n" % cfg.summary())
        f.write("".join(" ".join(map(shlex.quote, cmd)) + "\n" for cmd in cmds))
    for cmd in cmds:
        rc, stderr = _run_tool(cmd, timeout)
        if rc != 0:
            return None, ["rnn-run %s %s: %s: %s" % (os.path.basename(cmd[1]), cmd[2],
                                                     _exit_description(rc),
                                                     stderr_summary(stderr))]
    nf = len(cfg.forward_outputs)
    grads = _load(directory, ["step_" + n for n in step_outputs(cfg)])[nf:]
    gradients = dict(zip(cfg.forward_inputs, grads))
    outputs = [np.concatenate(parts) for parts in zip(*[
        _load(directory, ["many%d_%s" % (c, n) for n in cfg.forward_outputs])
        for c in range(chunks)])]
    seeds = [inputs[n] for n in cfg.seeds] + [None]
    losses = [gref.loss_of([o[k] for o in outputs], *seeds[:3]) for k in range(len(cases))]
    rows = gref.directional_check(directions, losses, gradients)
    problems = ["%s: fd %.9g, rnn-run %.9g, error %.2g > %.0e" % (t, fd, an, err, FD_TOLERANCE)
                for t, fd, an, err in rows if not err <= FD_TOLERANCE]
    return rows, problems


def finite_differences(args):
    """The FD check of every FD_CONFIGS entry; 0 if all pass."""
    tool = find_tool(args.rnn_run)
    if tool is None:
        print("error: rnn-run not found: %s" % args.rnn_run)
        print("0 passed, %d failed" % len(FD_CONFIGS))
        return 1
    os.makedirs(args.workdir, exist_ok=True)
    # cudnn: its own dropout masks are fine here (the forward is
    # deterministic for a seed), its GRU is linear-before-reset only.
    configs = [fd_config(i) for i in range(len(FD_CONFIGS))]
    configs = [c for c in configs if args.backend != "cudnn" or c.linear_before_reset]
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(fd_check_config, c, tool, args.workdir, args.timeout,
                               args.backend)
                   for c in configs]
        for cfg, future in zip(configs, futures):
            rows, problems = future.result()
            worst = max(rows, key=lambda r: r[3]) if rows else None
            status = "FAIL" if problems else "PASS"
            failed += bool(problems)
            detail = ("%d directions, worst %.1e (%s)" % (len(rows), worst[3], worst[0])
                      if rows else "-")
            print("%s fd-%d %s | %s" % (status, cfg.index, cfg.summary(), detail))
            for p in problems:
                print("    " + p)
            if problems:
                print("    repro: %s" % os.path.join(args.workdir, "fd-%d" % cfg.index,
                                                     "repro.sh"))
            elif not args.keep:
                shutil.rmtree(os.path.join(args.workdir, "fd-%d" % cfg.index),
                              ignore_errors=True)
    print("%d passed, %d failed" % (len(configs) - failed, failed))
    return 1 if failed else 0


# --------------------------------------------------------------------------
# --self-test: checks of the reference, no rnn-run needed
# --------------------------------------------------------------------------

#: Mask bits computed from include/rnn/Support/DropoutMask.h (compiled with
#: g++): (seed, layer, rate, bits), bit i = keeps(37 * i + 3), i < 64.
MASK_VECTORS = [
    (0, 0, 0.25, 0x7FFFFFFAFBF6EB5A),
    (0, 2, 0.5, 0x8D36D850F8F9B627),
    (1, 0, 0.30000001192092896, 0xDF237BEAFCF82FFC),
    (7, 0, 0.5, 0xE091754FA5C29064),
    (-5, 0, 0.30000001192092896, 0xFFFF2F53FDFEC5F5),
    (9223372036854775807, 2, 0.30000001192092896, 0x7F49157DFE75BF77),
]


def check_masks():
    """The mask port: splitmix64's published outputs, the header's bits,
    the kept fraction, rate 0 keeps everything, layers and seeds differ."""
    # splitmix64 from state 0: its first two outputs mix 1 and 2 golden steps.
    mixed = gref.mix64([0x9E3779B97F4A7C15, (2 * 0x9E3779B97F4A7C15) % (1 << 64)])
    assert [int(v) for v in mixed] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4], mixed
    for seed, layer, rate, bits in MASK_VECTORS:
        keep = gref.dropout_keeps(seed, layer, rate, 1, 1, 64 * 37 + 3).ravel()
        got = sum(int(keep[37 * i + 3]) << i for i in range(64))
        assert got == bits, "seed %d layer %d: %016x != %016x" % (seed, layer, got, bits)
    keep = gref.dropout_keeps(3, 1, 0.3, 50, 20, 100)
    assert abs(keep.mean() - 0.7) < 0.01, keep.mean()
    assert gref.dropout_keeps(3, 1, 0.0, 5, 4, 3).all()
    assert not np.array_equal(keep, gref.dropout_keeps(3, 0, 0.3, 50, 20, 100))
    assert not np.array_equal(keep, gref.dropout_keeps(4, 1, 0.3, 50, 20, 100))
    factors = gref.dropout_factors(3, np.float32(0.3), 3, 50, 20, 100)
    assert sorted(factors) == [0, 1], sorted(factors)
    scale = 1.0 / (1.0 - float(np.float32(0.3)))
    assert np.array_equal(factors[1], np.where(keep, scale, 0.0))
    assert gref.dropout_factors(3, 0.0, 3, 5, 4, 3) == {}


def _module_check(cfg):
    """grad_reference == torch.nn's autograd to 1e-12 (dropout 0)."""
    inputs = make_inputs(cfg)
    ours = reference(cfg, inputs)
    theirs = gref.module_grad_reference(
        cfg.mode, inputs["x"], inputs["h_0"], inputs.get("c_0"), inputs["params"],
        cfg.num_layers, cfg.num_units, cfg.bidirectional, cfg.input_mode,
        inputs["dy"], inputs["dh_n"], inputs.get("dc_n"))
    _, problems = compare(cfg, ours, theirs, 1e-12)
    assert not problems, "; ".join(problems)
    return inputs, ours, theirs


def _no_dropout(cfg):
    """The config as torch.nn can run it: no dropout, linear-before-reset."""
    return dataclasses.replace(cfg, dropout=0.0, linear_before_reset=True)


def check_against_module(cfg):
    _module_check(cfg)


def _swap_gate_gradients(cfg, result):
    """The result with the gradients of gates 0 and 1 of layer 0's first
    recurrent matrix and input bias swapped (a mixed-up gate order)."""
    gates = ref.num_gates(cfg.mode)
    grads = ref.unpack(result.dparams, *cfg.geometry)
    for a, b in ((("matrix", 0, 0, gates), ("matrix", 0, 0, gates + 1)),
                 (("bias", 0, 0, 0), ("bias", 0, 0, 1))):
        grads[a], grads[b] = grads[b], grads[a]
    return result._replace(dparams=ref.pack(grads, *cfg.geometry))


def _lstm_swapped(torch, xw, rec, h, c):
    """LSTM with the i and f gates swapped."""
    swapped = lambda k, v: rec({0: 1, 1: 0}.get(k, k), v)  # noqa: E731
    return gref.CELLS["lstm"](torch, [xw[1], xw[0]] + xw[2:], swapped, h, c)


def _gru_z_swapped(torch, xw, rec, h, c):
    """GRU with h' = z * n + (1 - z) * h."""
    r = torch.sigmoid(xw[0] + rec(0, h))
    z = torch.sigmoid(xw[1] + rec(1, h))
    n = torch.tanh(xw[2] + r * rec(2, h))
    return z * n + (1.0 - z) * h, c


def _tanh_for_relu(torch, xw, rec, h, c):
    return torch.tanh(xw[0] + rec(0, h)), c


def _wrong_cells(cfg):
    """Plausible wrong cells of the config's mode, [(title, cell table)]."""
    cells = gref.cells_for(cfg.linear_before_reset)
    if cfg.mode == "lstm":
        return [("i/f gates swapped", dict(cells, lstm=_lstm_swapped))]
    if cfg.mode == "gru":
        other = gref.cells_for(not cfg.linear_before_reset)["gru"]
        return [("z and 1 - z swapped", dict(cells, gru=_gru_z_swapped)),
                ("the other linear_before_reset", dict(cells, gru=other))]
    if cfg.mode == "rnn_relu":
        return [("tanh instead of relu", dict(cells, rnn_relu=_tanh_for_relu))]
    return [("relu instead of tanh", dict(cells, rnn_tanh=cells["rnn_relu"]))]


def check_negative_controls(cfg):
    """Each of these must fail the f32 comparison against the reference:
    one gradient element off by 1e-3 of the RMS, swapped gate gradients, the
    gradient of another dropout mask (with dropout), a wrong cell."""
    loose = TOLERANCE["f32"]
    inputs = make_inputs(cfg)
    good = reference(cfg, inputs)
    _, problems = compare(cfg, good, good, loose)
    assert not problems, problems
    rng = np.random.default_rng([cfg.seed, cfg.index, 20])
    rms = gref.group_rms([good.dx, good.dh_0, good.dc_0, good.dparams])
    for field in ("dx", "dh_0", "dparams") + (("dc_0",) if cfg.has_cell else ()):
        bad = np.array(getattr(good, field), copy=True)
        bad.flat[int(rng.integers(0, bad.size))] += 1e-3 * max(rms, 1e-30)
        _, problems = compare(cfg, good._replace(**{field: bad}), good, loose)
        assert problems, "corrupted %s not detected" % field
    controls = []
    if ref.num_gates(cfg.mode) >= 2:
        controls.append(("swapped gate gradients", _swap_gate_gradients(cfg, good)))
    if cfg.dropout > 0 and cfg.num_layers > 1:
        controls.append(("other mask", reference(cfg, inputs, mask_seed=cfg.drop_seed + 1)))
    for title, cells in _wrong_cells(cfg):
        controls.append((title, reference(cfg, inputs, cells=cells)))
    for title, bad in controls:
        _, problems = compare(cfg, bad, good, loose, parts=("grad",))
        assert problems, "%s not detected" % title


def reference_fd_rows(cfg, grads_from=None):
    """directional_check of the reference's gradients (or ``grads_from``'s,
    a GradResult) against central differences of the reference forward."""
    inputs = {n: v.astype(np.float64) for n, v in make_inputs(cfg).items()}
    result = grads_from or reference(cfg, inputs)
    forward_inputs = {n: inputs[n] for n in cfg.forward_inputs}
    rng = np.random.default_rng([cfg.seed, cfg.index, 21])
    directions = gref.fd_directions(forward_inputs, cfg.mode, cfg.num_layers, cfg.num_units,
                                    cfg.bidirectional, cfg.input_mode, rng)
    losses = []
    for case in gref.perturbed_inputs(forward_inputs, directions):
        outputs = gref.reference_forward(
            cfg.mode, case["x"], case["h_0"], case.get("c_0"), case["params"],
            cfg.num_layers, cfg.num_units, cfg.bidirectional, cfg.input_mode,
            cfg.dropout, cfg.drop_seed, linear_before_reset=cfg.linear_before_reset)
        losses.append(gref.loss_of(outputs, inputs["dy"], inputs["dh_n"], inputs.get("dc_n")))
    gradients = {"x": result.dx, "h_0": result.dh_0, "params": result.dparams}
    if cfg.has_cell:
        gradients["c_0"] = result.dc_0
    return gref.directional_check(directions, losses, gradients)


def check_reference_fd(cfg):
    rows = reference_fd_rows(cfg)
    bad = ["%s: fd %.9g analytic %.9g error %.2g" % r for r in rows if not r[3] <= FD_TOLERANCE]
    assert not bad, "; ".join(bad[:4])
    return max(r[3] for r in rows)


def check_fd_negative_controls(cfg):
    """The FD check rejects swapped gate gradients and another mask's
    gradients."""
    inputs = {n: v.astype(np.float64) for n, v in make_inputs(cfg).items()}
    good = reference(cfg, inputs)
    controls = [("swapped gate gradients", _swap_gate_gradients(cfg, good))]
    if cfg.dropout > 0 and cfg.num_layers > 1:
        controls.append(("other mask", reference(cfg, inputs, mask_seed=cfg.drop_seed + 1)))
    for title, bad in controls:
        rows = reference_fd_rows(cfg, grads_from=bad)
        assert any(not r[3] <= FD_TOLERANCE for r in rows), "%s not detected" % title


def check_f32_calibration(cfg):
    """The reference itself run in float32 passes the f32 tolerance (the
    tolerance and floor are not too tight for an honest f32 implementation)
    but not the f64 one."""
    import torch

    cfg = dataclasses.replace(cfg, dtype="f32")
    inputs = make_inputs(cfg)
    good = reference(cfg, inputs)
    single = reference(cfg, inputs, dtype=torch.float32)
    worst, problems = compare(cfg, single, good, TOLERANCE["f32"])
    assert not problems, "; ".join(problems)
    _, problems = compare(cfg, single, good, TOLERANCE["f64"])
    assert problems, "float32 passes the f64 tolerance"
    return worst


def self_test_checks(seed):
    """(title, check) pairs of the self-test."""
    checks = [("dropout masks == DropoutMask.h", check_masks)]
    for i in range(24):
        cfg = random_config(seed, i)
        cfg = _no_dropout(cfg)
        checks.append(("torch.nn autograd == reference (1e-12)", lambda c=cfg: check_against_module(c), cfg))
    for i in range(12):
        cfg = random_config(seed, 100 + i)
        checks.append(("negative controls detected", lambda c=cfg: check_negative_controls(c), cfg))
        checks.append(("float32 reference within f32 tolerance", lambda c=cfg: check_f32_calibration(c), cfg))
    fd_cases = [fd_config(i) for i in range(len(FD_CONFIGS))]
    for cfg in fd_cases:
        checks.append(("finite differences == reference (%.0e)" % FD_TOLERANCE,
                       lambda c=cfg: check_reference_fd(c), cfg))
    for cfg in fd_cases[:1] + fd_cases[2:3]:
        checks.append(("FD negative controls detected", lambda c=cfg: check_fd_negative_controls(c), cfg))
    for i in range(16):
        cfg = random_lengths_config(seed, 200 + i)
        checks.append(("masked reference == PackedSequence (1e-12)",
                       lambda c=cfg: check_lengths_reference(c), cfg))
    return [(c[0] + ((" " + c[2].summary()) if len(c) > 2 else ""), c[1]) for c in checks]


def check_lengths_reference(cfg):
    """The cell-by-cell reference with the contract's masking (what the GRU
    without linear-before-reset is checked against) == PyTorch's
    PackedSequence (1e-12), and ignoring the lengths is detected."""
    cfg = dataclasses.replace(cfg, linear_before_reset=True)
    inputs = make_inputs(cfg)
    packed = reference(cfg, inputs)
    cells = reference(cfg, inputs, cells=gref.cells_for(True))
    _, problems = compare(cfg, cells, packed, 1e-12)
    assert not problems, "; ".join(problems)
    if min(cfg.lengths) < cfg.steps:
        ignored = reference(dataclasses.replace(cfg, lengths=None),
                            dict((n, v) for n, v in inputs.items() if n != "seq_lengths"))
        _, problems = compare(cfg, ignored, packed, TOLERANCE["f32"])
        assert problems, "ignoring the lengths not detected"


def self_test(args):
    """Run the checks of the reference; 0 if all pass."""
    return run_checks(self_test_checks(args.seed))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rnn-run", default="rnn-run", help="the rnn-run binary")
    parser.add_argument("--count", type=int, default=50, help="number of configurations")
    parser.add_argument("--seed", type=int, default=0, help="configuration stream")
    parser.add_argument("--start", type=int, default=0, help="first configuration index")
    parser.add_argument("--only", type=int, help="run just this configuration index")
    parser.add_argument("--modes", default=",".join(ALL_MODES),
                        help="comma-separated subset of %s" % ",".join(ALL_MODES))
    parser.add_argument("--dtypes", default=",".join(DEFAULT_DTYPES),
                        help="element types to draw from (f16, bf16, f32, f64)")
    parser.add_argument("--forms", default=",".join(DEFAULT_FORMS),
                        help="which forms to run: step (one function), split "
                             "(forward and backward calls), infer (the inference "
                             "forward, compared with the forward reference)")
    parser.add_argument("--modules", default="per-entry", choices=("per-entry", "one"),
                        help="one .mlir per entry (step, forward, backward) or one "
                             "model.mlir with all three")
    parser.add_argument("--workdir", default="grad-numerics-work", help="scratch directory")
    parser.add_argument("--backend", default="cpu", help="rnn-run --backend")
    parser.add_argument("--jobs", type=int, default=2, help="parallel configurations")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per rnn-run")
    parser.add_argument("--keep", action="store_true", help="keep passing cases' files")
    parser.add_argument("--lengths", action="store_true",
                        help="configurations with seq_lengths and either layout, "
                             "against PyTorch's PackedSequence")
    parser.add_argument("--reference-backend",
                        help="compare with the step form run on this rnn-run backend "
                             "instead of the float64 autograd reference")
    parser.add_argument("--tolerance", type=float,
                        help="largest accepted relative error (default: per element type)")
    parser.add_argument("--with-dropout", action="store_true",
                        help="every configuration with dropout between 2-3 layers")
    parser.add_argument("--self-test", action="store_true", help="check the reference")
    parser.add_argument("--finite-differences", action="store_true",
                        help="rnn-run's f64 gradients against central differences of "
                             "its own forward")
    args = parser.parse_args(argv)
    args.modes = tuple(m for m in args.modes.split(",") if m)
    args.dtypes = tuple(d for d in args.dtypes.split(",") if d)
    args.forms = tuple(f for f in args.forms.split(",") if f)
    if set(args.dtypes) - set(TOLERANCE) or not args.dtypes:
        parser.error("--dtypes takes a comma list of f16, bf16, f32, f64")
    unknown = set(args.modes) - set(ALL_MODES)
    if unknown or not args.modes:
        parser.error("--modes: unknown %s" % ",".join(sorted(unknown)))
    if set(args.forms) - set(ALL_FORMS) or not args.forms:
        parser.error("--forms takes a comma list of step, split, infer")
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.finite_differences:
        return finite_differences(args)  # numpy only, no PyTorch
    import torch

    torch.set_num_threads(1)  # the workers already fill the cores
    if args.self_test:
        return self_test(args)
    return run_suite(args)


if __name__ == "__main__":
    sys.exit(main())
