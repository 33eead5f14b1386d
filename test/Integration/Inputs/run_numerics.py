#!/usr/bin/env python3
"""Randomized numerical test of rnn-run against PyTorch in float64.

Each configuration (mode, layers, direction, input mode, T, B, I, H, element
type, static or dynamic T/B) is drawn from ``--seed`` and its index, written
as an .mlir file that follows docs/Dialect.md, run with ``rnn-run --backend=...``
on random .npy inputs, and compared with ``rnn_reference.torch_reference``:
relative Frobenius error ||ours - ref|| / ||ref|| per output, at most 1e-5 for
f32 and 1e-10 for f64.

Prints one line per configuration and ends with exactly one line
``N passed, M failed``; exits non-zero when anything failed. A failing
configuration keeps its directory (model.mlir, inputs, our outputs, reference
outputs, repro.sh) under ``--workdir``.

``--self-test`` checks the checker itself without rnn-run: the packed layout
against the offsets read off cuDNN, pack/unpack round trips, the PyTorch
wrapper against the plain numpy reference (1e-12), and negative controls (a
corrupted output, swapped gates and a transposed matrix are all detected).

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import argparse
import dataclasses
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import rnn_reference as ref  # noqa: E402
from numerics_driver import LayerConfig, run_checks, run_configs  # noqa: E402

#: Largest accepted relative Frobenius error, per element type.
TOLERANCE = {"f16": 5e-3, "bf16": 3e-2, "f32": 1e-5, "f64": 1e-10}
# f32 with --math=tf32: tensor-core GEMMs round their inputs to 10-bit
# mantissas, as f16 storage does.
TF32_TOLERANCE = 5e-3
NUMPY_DTYPE = {"f16": np.float16, "f32": np.float32, "f64": np.float64}
#: numpy has no bfloat16: bf16 values live in float32 arrays (rounded to
#: bf16) and their .npy files hold the bits as the 2-byte void "|V2", the
#: convention of rnn-run (what np.save writes for ml_dtypes.bfloat16).
BF16_FILE_DTYPE = np.dtype("V2")


def round_to_bf16(values):
    """float32 values rounded to the nearest bfloat16 (ties to even)."""
    bits = np.asarray(values, dtype=np.float32).view(np.uint32).astype(np.uint64)
    bits = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16 << 16
    return bits.astype(np.uint32).view(np.float32)


def to_storage(values, dtype):
    """An array of the config's element type (bf16: float32, rounded)."""
    if dtype == "bf16":
        return round_to_bf16(values)
    return np.asarray(values).astype(NUMPY_DTYPE[dtype])


def save_npy(path, value, dtype):
    """np.save, with bf16 values written as their bits in a |V2 array."""
    if dtype == "bf16":
        bits = (np.asarray(value, np.float32).view(np.uint32) >> 16).astype("<u2")
        value = bits.view(BF16_FILE_DTYPE)
    np.save(path, value)


def load_npy(path):
    """np.load, with a |V2 (bf16) array read as float32."""
    value = np.load(path)
    if value.dtype == BF16_FILE_DTYPE:
        value = (value.view("<u2").astype(np.uint32) << 16).view(np.float32)
        value.flags.writeable = True
        return _Bf16Array(value)
    return value


class _Bf16Array(np.ndarray):
    """A float32 array read from a bf16 file (so _check_dtype can tell)."""

    def __new__(cls, values):
        return np.asarray(values).view(cls)
ALL_MODES = ("lstm", "gru", "rnn_tanh", "rnn_relu")
MAX_LAYERS, MAX_STEPS, MAX_BATCH, MAX_FEATURES = 3, 12, 5, 24


@dataclasses.dataclass(frozen=True)
class Config(LayerConfig):
    """One random test configuration."""

    spell_defaults: bool  # write default-valued attributes explicitly

    @property
    def input_names(self):
        return ["x", "h_0"] + (["c_0"] if self.has_cell else []) + ["params"]

    @property
    def output_names(self):
        return ["y", "h_n"] + (["c_n"] if self.has_cell else [])

    def summary(self):
        dyn = self.dynamic_dims()
        return "%-8s L=%d %-5s %-12s T=%-2d B=%d I=%-2d H=%-2d %s dyn=%s" % (
            self.mode, self.num_layers, "bidir" if self.bidirectional else "uni",
            self.input_mode, self.steps, self.batch, self.input_size,
            self.num_units, self.dtype, dyn or "-",
        )


DEFAULT_DTYPES = ("f32", "f64")
ALL_INPUT_MODES = ("linear_input", "skip_input", "auto_select")


def pick_dtype(rng, dtypes):
    """f32 with 1 in 5 f64 by default (keeps the default streams stable);
    otherwise uniform over ``dtypes``."""
    draw = rng.random()
    if tuple(dtypes) == DEFAULT_DTYPES:
        return "f64" if draw < 0.2 else "f32"
    return dtypes[min(int(draw * len(dtypes)), len(dtypes) - 1)]


def random_config(seed, index, modes=ALL_MODES, dtypes=DEFAULT_DTYPES,
                  input_modes=ALL_INPUT_MODES):
    """Configuration ``index`` of the stream ``seed`` (independent of count)."""
    rng = np.random.default_rng([seed, index])
    units = int(rng.integers(1, MAX_FEATURES + 1))
    # Linear input twice as often as the others unless restricted (the
    # default keeps the streams of the existing suites).
    choices = (["linear_input", "linear_input", "skip_input", "auto_select"]
               if tuple(input_modes) == ALL_INPUT_MODES else list(input_modes))
    input_mode = str(rng.choice(choices))
    if input_mode == "skip_input" or (input_mode == "auto_select" and rng.random() < 0.5):
        input_size = units
    else:
        input_size = int(rng.integers(1, MAX_FEATURES + 1))
    dynamic = rng.random() < 1.0 / 3.0
    which = int(rng.integers(0, 3))  # 0: T, 1: B, 2: both
    return Config(
        seed=seed,
        index=index,
        mode=str(rng.choice(list(modes))),
        num_layers=int(rng.integers(1, MAX_LAYERS + 1)),
        bidirectional=bool(rng.random() < 0.5),
        input_mode=input_mode,
        steps=int(rng.integers(1, MAX_STEPS + 1)),
        batch=int(rng.integers(1, MAX_BATCH + 1)),
        input_size=input_size,
        num_units=units,
        dtype=pick_dtype(rng, dtypes),
        dynamic_steps=dynamic and which in (0, 2),
        dynamic_batch=dynamic and which in (1, 2),
        spell_defaults=bool(rng.random() < 0.5),
    )


# --------------------------------------------------------------------------
# The .mlir file and the inputs
# --------------------------------------------------------------------------


def tensor_type(dims, elem):
    """``tensor<...>`` with None for a dynamic dimension."""
    return "tensor<%sx%s>" % ("x".join("?" if d is None else str(d) for d in dims), elem)


def _types(cfg):
    """(input types, result types) of @main, as MLIR strings."""
    steps = None if cfg.dynamic_steps else cfg.steps
    batch = None if cfg.dynamic_batch else cfg.batch
    rows = cfg.num_layers * cfg.num_dirs
    state = tensor_type([rows, batch, cfg.num_units], cfg.dtype)
    x = tensor_type([steps, batch, cfg.input_size], cfg.dtype)
    params = tensor_type([cfg.params_size], cfg.dtype)
    y = tensor_type([steps, batch, cfg.num_dirs * cfg.num_units], cfg.dtype)
    states = [state] * (2 if cfg.has_cell else 1)
    return [x] + states + [params], [y] + states


def _attributes(cfg):
    """The op's attribute dictionary (defaults written only sometimes)."""
    attrs = ["num_layers = %d" % cfg.num_layers, "num_units = %d" % cfg.num_units]
    if cfg.bidirectional or cfg.spell_defaults:
        direction = "bidirectional" if cfg.bidirectional else "unidirectional"
        attrs.append("direction = #rnn.direction<%s>" % direction)
    if cfg.input_mode != "linear_input" or cfg.spell_defaults:
        attrs.append("input_mode = #rnn.input_mode<%s>" % cfg.input_mode)
    return "{" + ", ".join(attrs) + "}"


def make_mlir(cfg):
    """The .mlir text: @main(x, h_0[, c_0], params) -> (y, h_n[, c_n])."""
    in_types, out_types = _types(cfg)
    args = ["%" + n for n in cfg.input_names]
    results = ["%" + n for n in cfg.output_names]
    signature = ", ".join("%s: %s" % (a, t) for a, t in zip(args, in_types))
    return (
        "// %s (seed %d, index %d)\n"
        "func.func @main(%s)\n"
        "    -> (%s) {\n"
        "  %s = rnn.%s %s\n"
        "      %s\n"
        "      : (%s)\n"
        "     -> (%s)\n"
        "  return %s : %s\n"
        "}\n"
    ) % (
        cfg.summary(), cfg.seed, cfg.index,
        signature, ", ".join(out_types),
        ", ".join(results), cfg.mode, ", ".join(args),
        _attributes(cfg),
        ", ".join(in_types), ", ".join(out_types),
        ", ".join(results), ", ".join(out_types),
    )


def make_inputs(cfg):
    """Random inputs of the config's dtype: x, h_0, c_0 in [-1, 1], params in
    [-1/sqrt(H), 1/sqrt(H)] (PyTorch's init). Returns {name: array}."""
    rng = np.random.default_rng([cfg.seed, cfg.index, 1])
    state_shape = (cfg.num_layers * cfg.num_dirs, cfg.batch, cfg.num_units)
    shapes = {
        "x": (cfg.steps, cfg.batch, cfg.input_size),
        "h_0": state_shape,
        "c_0": state_shape,
    }
    bound = 1.0 / np.sqrt(cfg.num_units)
    inputs = {}
    for name in cfg.input_names:
        if name == "params":
            value = rng.uniform(-bound, bound, size=(cfg.params_size,))
        else:
            value = rng.uniform(-1.0, 1.0, size=shapes[name])
        inputs[name] = to_storage(value, cfg.dtype)
    return inputs


def reference_outputs(cfg, inputs, implementation=None):
    """The float64 reference outputs (list, in result order)."""
    implementation = implementation or ref.torch_reference
    return list(
        implementation(
            cfg.mode, inputs["x"], inputs["h_0"], inputs.get("c_0"), inputs["params"],
            cfg.num_layers, cfg.num_units, cfg.bidirectional, cfg.input_mode,
        )
    )


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------


def relative_error(ours, expected):
    """||ours - expected|| / ||expected|| (Frobenius, float64); the absolute
    norm of the difference when expected is all zeros; inf on shape mismatch."""
    ours = np.asarray(ours, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if ours.shape != expected.shape:
        return float("inf")
    diff = float(np.linalg.norm((ours - expected).ravel()))
    scale = float(np.linalg.norm(expected.ravel()))
    return diff / scale if scale > 0.0 else diff


def compare_outputs(names, ours, expected, tolerance):
    """Per-output errors and the list of problems (empty when all pass)."""
    errors, problems = {}, []
    for name, mine, theirs in zip(names, ours, expected):
        err = relative_error(mine, theirs)
        errors[name] = err
        if np.shape(mine) != np.shape(theirs):
            problems.append("%s: shape %s, expected %s" % (name, np.shape(mine), np.shape(theirs)))
        elif not err <= tolerance:  # also catches NaN
            problems.append("%s: relative error %.3g > %.0e" % (name, err, tolerance))
    if len(ours) != len(expected):
        problems.append("%d outputs, expected %d" % (len(ours), len(expected)))
    return errors, problems


# --------------------------------------------------------------------------
# Running one configuration through rnn-run
# --------------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    """Outcome of one configuration."""

    cfg: Config
    errors: dict
    problems: list
    seconds: float
    directory: str

    @property
    def passed(self):
        return not self.problems

    def line(self):
        errs = " ".join("%s %.1e" % (n, e) for n, e in self.errors.items()) or "-"
        text = "%s %s %s | %s [%.2fs]" % (
            "PASS" if self.passed else "FAIL", self.cfg.name, self.cfg.summary(),
            errs, self.seconds,
        )
        if not self.passed:
            text += "\n    " + "\n    ".join(self.problems)
            text += "\n    repro: %s" % os.path.join(self.directory, "repro.sh")
        return text


def tool_command(tool, options, directory, cfg):
    """The rnn-run command line for a configuration's directory."""
    cmd = [tool, os.path.join(directory, "model.mlir")] + list(options)
    cmd += ["--input=" + os.path.join(directory, n + ".npy") for n in cfg.input_names]
    cmd += ["--output=" + os.path.join(directory, "out_" + n + ".npy") for n in cfg.output_names]
    return cmd


def write_case(cfg, directory, inputs):
    """Write model.mlir and the input .npy files."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "model.mlir"), "w") as f:
        f.write(make_mlir(cfg))
    for name, value in inputs.items():
        save_npy(os.path.join(directory, name + ".npy"), value, cfg.dtype)


def keep_for_repro(cfg, directory, cmd, expected):
    """Save the reference outputs and a repro.sh next to a failing case."""
    for name, value in zip(cfg.output_names, expected):
        np.save(os.path.join(directory, "ref_" + name + ".npy"), value)
    with open(os.path.join(directory, "repro.sh"), "w") as f:
        f.write("#!/bin/sh\n# %s\n%s\n" % (cfg.summary(), " ".join(shlex.quote(c) for c in cmd)))


def _check_dtype(cfg, ours):
    """Problems with the element type of our outputs."""
    if cfg.dtype == "bf16":
        return ["%s: dtype %s, expected bf16 (|V2)" % (n, v.dtype)
                for n, v in zip(cfg.output_names, ours) if not isinstance(v, _Bf16Array)]
    want = np.dtype(NUMPY_DTYPE[cfg.dtype])
    return [
        "%s: dtype %s, expected %s" % (n, v.dtype, want)
        for n, v in zip(cfg.output_names, ours)
        if v.dtype != want
    ]


_FRAME = re.compile(r"^#\d+ 0x[0-9a-f]+ (.+?)(?: \(/[^)]*\)| \S+\.o:\d+:\d+)?$")
_NOISE = ("#", "Stack dump:", "PLEASE submit", "0.\tProgram arguments:")


def _function_name(frame):
    """A backtrace frame's function without its parameter list."""
    name = frame[: -len(" const")] if frame.endswith(" const") else frame
    if not name.endswith(")"):
        return name
    depth = 0
    for i in range(len(name) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(name[i], 0)
        if depth == 0:
            return name[:i]
    return name


def _crash_frames(lines, count=3):
    """The first ``count`` named frames of an LLVM crash backtrace, skipping
    the signal handler's and the pattern driver's plumbing."""
    plumbing = ("(/", "llvm::sys::", "void llvm::function_ref")
    names = []
    for line in lines:
        match = _FRAME.match(line)
        if match and not match.group(1).startswith(plumbing):
            names.append(_function_name(match.group(1)))
    return names[:count]


def stderr_summary(stderr, max_lines=2):
    """The informative lines of rnn-run's stderr; for a crash without a
    message, the top frames of its backtrace."""
    lines = [l.strip() for l in stderr.splitlines()]
    useful = [l for l in lines if l and not l.startswith(_NOISE)][:max_lines]
    frames = _crash_frames(lines)
    if frames:
        useful.append("crashed in " + " <- ".join(frames))
    return " | ".join(useful) or "(no stderr)"


def _exit_description(rc):
    """'exit 1', 'killed by signal 11', or 'timed out' (rc None)."""
    if rc is None:
        return "timed out"
    if rc < 0:
        return "killed by signal %d" % -rc
    return "exit %d" % rc


def load_outputs(cfg, directory):
    """(our outputs, problems): the .npy files rnn-run wrote."""
    try:
        return [load_npy(os.path.join(directory, "out_" + n + ".npy")) for n in cfg.output_names], []
    except (OSError, ValueError) as exc:
        return [], ["rnn-run exit 0 but its outputs are unreadable: %s" % exc]


def run_tool(cmd, timeout):
    """(exit status or None on timeout, stderr, seconds) of one rnn-run."""
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        rc, stderr = proc.returncode, proc.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        rc, stderr = None, "no result after %ds" % timeout
    return rc, stderr, time.monotonic() - start


def tool_failure(rc, stderr):
    """The problem line of a failed rnn-run."""
    return "rnn-run %s: %s" % (_exit_description(rc), stderr_summary(stderr))


def check_config(cfg, tool, options, math, workdir, keep, timeout):
    """Run one configuration through rnn-run and compare with PyTorch."""
    directory = os.path.join(workdir, cfg.name)
    inputs = make_inputs(cfg)
    write_case(cfg, directory, inputs)
    cmd = tool_command(tool, options, directory, cfg)
    tolerance = TF32_TOLERANCE if (cfg.dtype == "f32" and math == "tf32") else TOLERANCE[cfg.dtype]
    rc, stderr, seconds = run_tool(cmd, timeout)
    expected = reference_outputs(cfg, inputs)
    if rc != 0:
        problems = [tool_failure(rc, stderr)]
        errors = {}
    else:
        ours, problems = load_outputs(cfg, directory)
        errors = {}
        if not problems:
            errors, problems = compare_outputs(cfg.output_names, ours, expected, tolerance)
            problems += _check_dtype(cfg, ours)
    if problems:
        keep_for_repro(cfg, directory, cmd, expected)
    elif not keep:
        shutil.rmtree(directory, ignore_errors=True)
    return Result(cfg, errors, problems, seconds, directory)


def run_suite(args):
    """Generate, run and check ``args.count`` configurations; 0 if all pass."""
    tool = shutil.which(args.rnn_run) or args.rnn_run
    if not os.path.isfile(tool):
        print("error: rnn-run not found: %s" % args.rnn_run)
        print("0 passed, %d failed" % args.count)
        return 1
    os.makedirs(args.workdir, exist_ok=True)
    indices = [args.only] if args.only is not None else range(args.count)
    configs = [random_config(args.seed, i, args.modes, args.dtypes, args.input_modes)
               for i in indices]
    options = ["--backend=" + args.backend]
    if args.math != "strict":
        options.append("--cudnn-math=" + args.math)
    return run_configs(configs, lambda cfg: check_config(cfg, tool, options, args.math, args.workdir, args.keep, args.timeout), args.jobs, seconds_label="rnn-run")


# --------------------------------------------------------------------------
# --self-test: checks of the checker, no rnn-run needed
# --------------------------------------------------------------------------


def _layout_offsets(mode, layers, units, inputs, bidir, skip, kind):
    entries = ref.packed_layout(mode, layers, units, inputs, bidir, skip)
    return [(e.layer, e.dir, e.gate_id, e.offset) for e in entries if e.kind == kind]


def check_layout_facts():
    """packed_layout against docs/Dialect.md's example and FACTS.md (cuDNN 9.14)."""
    size = ref.params_size
    assert size("lstm", 2, 64, 32, True, False) == 149504
    assert size("lstm", 2, 4, 3, False, False) == 304
    assert size("lstm", 2, 4, 3, True, False) == 736
    assert size("lstm", 2, 4, 4, False, True) == 256
    assert size("gru", 1, 4, 3, True, False) == 216
    assert size("rnn_tanh", 1, 4, 3, False, False) == 36
    matrices = _layout_offsets("lstm", 2, 4, 3, False, False, "matrix")
    assert [m[3] for m in matrices] == [0, 12, 24, 36, 48, 64, 80, 96] + list(range(112, 225, 16))
    biases = _layout_offsets("lstm", 2, 4, 3, False, False, "bias")
    assert [b[3] for b in biases] == list(range(240, 301, 4))
    skip_matrices = _layout_offsets("lstm", 2, 4, 4, False, True, "matrix")
    assert skip_matrices[0] == (0, 0, 4, 0)  # R4 first, no layer-0 W
    assert _layout_offsets("lstm", 2, 4, 4, False, True, "bias")[0] == (0, 0, 0, 192)
    bidir = ref.packed_layout("lstm", 2, 4, 3, True, False)
    assert [e.shape for e in bidir if e.kind == "matrix" and e.layer == 1 and e.gate_id < 4] == [(4, 8)] * 8


def check_pack_roundtrip(cfg):
    """pack(unpack(p)) == p, and unpack covers every element exactly once."""
    geometry = (cfg.mode, cfg.num_layers, cfg.num_units, cfg.input_size, cfg.bidirectional, cfg.skip)
    params = np.arange(cfg.params_size, dtype=np.float64)
    weights = ref.unpack(params, *geometry)
    assert np.array_equal(ref.pack(weights, *geometry), params)
    covered = np.sort(np.concatenate([w.ravel() for w in weights.values()]))
    assert np.array_equal(covered, params)


def check_torch_matches_numpy(cfg):
    """The PyTorch wrapper and the numpy reference agree to 1e-12."""
    inputs = make_inputs(cfg)
    torch_out = reference_outputs(cfg, inputs, ref.torch_reference)
    numpy_out = reference_outputs(cfg, inputs, ref.numpy_reference)
    _, problems = compare_outputs(cfg.output_names, torch_out, numpy_out, 1e-12)
    assert not problems, "; ".join(problems)
    return torch_out


def _needs(outputs):
    """Fail a dependent check cleanly when the torch == numpy check failed."""
    if outputs is None:
        raise RuntimeError("no reference outputs (the torch == numpy check failed)")


def check_corruption_detected(cfg, outputs):
    """Changing one element by 1e-3 fails even the loose f32 tolerance."""
    _needs(outputs)
    rng = np.random.default_rng([cfg.seed, cfg.index, 2])
    loosest = TOLERANCE["f32"]  # the loosest of the self-test dtypes (f32, f64)
    _, problems = compare_outputs(cfg.output_names, outputs, outputs, loosest)
    assert not problems, "clean outputs rejected: %s" % problems
    for k, name in enumerate(cfg.output_names):
        bad = [np.array(o, copy=True) for o in outputs]
        bad[k].flat[int(rng.integers(0, bad[k].size))] += 1e-3
        _, problems = compare_outputs(cfg.output_names, bad, outputs, loosest)
        assert problems, "corrupted %s not detected" % name


def _layout_mixups(cfg):
    """Plausible packing bugs, as functions mutating canonical weights: swap
    the first two recurrent gates of layer 0, transpose its first recurrent
    matrix (column- instead of row-major). Only those that change something."""
    gates = ref.num_gates(cfg.mode)
    first_r, second_r = ("matrix", 0, 0, gates), ("matrix", 0, 0, gates + 1)

    def swap(w):
        w[first_r], w[second_r] = w[second_r], w[first_r]

    def transpose(w):
        w[first_r] = w[first_r].T.copy()

    mixups = []
    if gates >= 2:
        mixups.append(("gate swap", swap))
    if cfg.num_units >= 2:
        mixups.append(("transposed R", transpose))
    return mixups


def check_mixups_detected(cfg, outputs):
    """Each layout mix-up changes the reference beyond the f32 tolerance."""
    _needs(outputs)
    geometry = (cfg.mode, cfg.num_layers, cfg.num_units, cfg.input_size, cfg.bidirectional, cfg.skip)
    for title, mutate in _layout_mixups(cfg):
        inputs = make_inputs(cfg)
        weights = ref.unpack(inputs["params"], *geometry)
        mutate(weights)
        inputs["params"] = ref.pack(weights, *geometry)
        mixed = reference_outputs(cfg, inputs, ref.numpy_reference)
        _, problems = compare_outputs(cfg.output_names, mixed, outputs, TOLERANCE["f32"])
        assert problems, "%s not detected" % title


def _config_checks(cfg):
    """(title, check) pairs for one configuration, in dependency order: the
    negative controls use the outputs of the torch == numpy check."""
    reference = {}

    def torch_vs_numpy():
        reference["out"] = check_torch_matches_numpy(cfg)

    checks = [
        ("pack/unpack round trip", lambda: check_pack_roundtrip(cfg)),
        ("torch == numpy (1e-12)", torch_vs_numpy),
        ("corruption detected", lambda: check_corruption_detected(cfg, reference.get("out"))),
        ("mix-ups detected", lambda: check_mixups_detected(cfg, reference.get("out"))),
    ]
    return [("%-22s %s" % (title, cfg.summary()), check) for title, check in checks]


def self_test(args):
    """Run the checks of the checker on 20 random configurations; 0 if all pass."""
    checks = [("layout matches docs/Dialect.md/FACTS.md", check_layout_facts)]
    for i in range(20):
        checks += _config_checks(random_config(args.seed, i, args.modes))
    return run_checks(checks)


def parse_args(argv):
    """Command line; --modes becomes a tuple of mode names."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rnn-run", default="rnn-run", help="the rnn-run binary")
    parser.add_argument("--count", type=int, default=50, help="number of configurations")
    parser.add_argument("--seed", type=int, default=0, help="configuration stream")
    parser.add_argument("--only", type=int, help="run just this configuration index")
    parser.add_argument("--modes", default=",".join(ALL_MODES),
                        help="comma-separated subset of %s" % ",".join(ALL_MODES))
    parser.add_argument("--workdir", default="numerics-work", help="scratch directory")
    parser.add_argument("--backend", default="cpu", help="rnn-run --backend")
    parser.add_argument("--math", default="strict", choices=("strict", "tf32"),
                        help="f32 math of the GPU backends (tf32: tolerance %g)" % TF32_TOLERANCE)
    parser.add_argument("--input-modes", default=",".join(ALL_INPUT_MODES),
                        help="input modes to draw from (default: all, linear_input twice "
                        "as often)")
    parser.add_argument("--dtypes", default=",".join(DEFAULT_DTYPES),
                        help="element types to draw from (f16, bf16, f32, f64)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel rnn-run processes")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per rnn-run")
    parser.add_argument("--keep", action="store_true", help="keep passing cases' files")
    parser.add_argument("--self-test", action="store_true", help="check the checker")
    args = parser.parse_args(argv)
    args.modes = tuple(m for m in args.modes.split(",") if m)
    args.dtypes = tuple(d for d in args.dtypes.split(",") if d)
    args.input_modes = tuple(m for m in args.input_modes.split(",") if m)
    if set(args.input_modes) - set(ALL_INPUT_MODES) or not args.input_modes:
        parser.error("--input-modes takes a comma list of %s" % ",".join(ALL_INPUT_MODES))
    if set(args.dtypes) - set(TOLERANCE) or not args.dtypes:
        parser.error("--dtypes takes a comma list of f16, bf16, f32, f64")
    unknown = set(args.modes) - set(ALL_MODES)
    if unknown or not args.modes:
        parser.error("--modes: unknown %s" % ",".join(sorted(unknown)))
    return args


def main(argv=None):
    args = parse_args(argv)
    import torch

    torch.set_num_threads(1)  # the workers already fill the cores
    return self_test(args) if args.self_test else run_suite(args)


if __name__ == "__main__":
    sys.exit(main())
