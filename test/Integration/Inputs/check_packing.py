#!/usr/bin/env python3
"""Bit-exact test of canonical-weight packing: compile-time fold vs run time.

For every mode (lstm, gru, rnn_tanh, rnn_relu) x direction x input mode
(linear_input, skip_input) x 1..3 layers, with random sizes and random
weights (normal values plus -0.0, a subnormal, infinities and a NaN with a
payload), this writes a module whose @main takes the canonical weights as
arguments and returns

    (rnn.pack_params(arguments), rnn.pack_params(the same weights as
     arith.constant dense<"0x..."> : bit-identical to the .npy inputs))

and checks that

* ``rnn-opt --rnn-fuse-weight-packing`` folds the constant pack (exactly one
  rnn.pack_params, the run-time one, is left);
* ``rnn-opt --rnn-cpu-pipeline`` lowers the run-time pack to one call of
  the runtime's fused pack (_mlir_ciface_rnnrt_cpu_pack_params_<T>);
* rnn-run's two results are bit-identical to each other AND to the
  independent Python pack of rnn_reference.py;
* unpack_params of the run-time result, run by rnn-run in a second module,
  gives back every canonical weight bit for bit (unpack(pack(w)) == w).

Prints one line per case and ends with exactly one line ``N passed, M
failed``; exits non-zero when anything failed. A failing case keeps its
directory (modules, inputs, outputs) under ``--workdir``.

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import argparse
import concurrent.futures
import dataclasses
import itertools
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import rnn_reference as ref  # noqa: E402

MODES = ("lstm", "gru", "rnn_tanh", "rnn_relu")
NUMPY_DTYPE = {"f32": np.float32, "f64": np.float64}
#: A quiet NaN with a payload, as raw bits, per element type.
NAN_BITS = {"f32": (np.uint32, 0x7FC01234), "f64": (np.uint64, 0x7FF8000000001234)}


@dataclasses.dataclass(frozen=True)
class Case:
    """One packing configuration."""

    index: int
    mode: str
    num_layers: int
    bidirectional: bool
    skip: bool
    num_units: int
    input_size: int
    dtype: str

    @property
    def layout(self):
        return ref.packed_layout(
            self.mode, self.num_layers, self.num_units, self.input_size,
            self.bidirectional, self.skip,
        )

    @property
    def params_size(self):
        last = self.layout[-1]
        return last.offset + int(np.prod(last.shape))

    @property
    def name(self):
        return "case-%02d" % self.index

    def summary(self):
        return "%-8s L=%d %-5s %-12s I=%d H=%d %s" % (
            self.mode, self.num_layers, "bidir" if self.bidirectional else "uni",
            "skip_input" if self.skip else "linear_input", self.input_size,
            self.num_units, self.dtype,
        )

    def attributes(self):
        return (
            "{mode = #rnn.mode<%s>, num_layers = %d, num_units = %d, "
            "input_size = %d, direction = #rnn.direction<%s>, "
            "input_mode = #rnn.input_mode<%s>}"
        ) % (
            self.mode, self.num_layers, self.num_units, self.input_size,
            "bidirectional" if self.bidirectional else "unidirectional",
            "skip_input" if self.skip else "linear_input",
        )


def all_cases(seed):
    """Every mode x direction x input mode x layer count, random sizes."""
    grid = itertools.product(MODES, (False, True), (False, True), (1, 2, 3))
    for index, (mode, bidirectional, skip, layers) in enumerate(grid):
        rng = np.random.default_rng([seed, index])
        units = int(rng.integers(1, 9))
        yield Case(
            index=index, mode=mode, num_layers=layers, bidirectional=bidirectional,
            skip=skip, num_units=units,
            input_size=units if skip else int(rng.integers(1, 11)),
            dtype="f64" if index % 4 == 3 else "f32",
        )


def random_weights(case, seed):
    """The canonical weights, in operand order: normal values with a few
    special ones (-0.0, subnormal, +-inf, NaN with payload) sprinkled in."""
    rng = np.random.default_rng([seed, case.index, 1])
    dtype = NUMPY_DTYPE[case.dtype]
    uint, nan_bits = NAN_BITS[case.dtype]
    specials = [
        dtype(-0.0), np.finfo(dtype).smallest_subnormal, dtype(np.inf),
        dtype(-np.inf), np.array([nan_bits], dtype=uint).view(dtype)[0],
    ]
    weights = []
    for entry in case.layout:
        value = rng.standard_normal(entry.shape).astype(dtype)
        flat = value.reshape(-1)
        for position in rng.integers(0, flat.size, size=min(2, flat.size)):
            flat[position] = specials[int(rng.integers(0, len(specials)))]
        weights.append(value)
    return weights


def tensor_type(shape, dtype):
    return "tensor<%sx%s>" % ("x".join(str(d) for d in shape), dtype)


def hex_literal(value):
    """``dense<"0x...">``: the raw little-endian bytes, bit-exact."""
    assert sys.byteorder == "little"
    return 'dense<"0x%s">' % np.ascontiguousarray(value).tobytes().hex().upper()


def pack_module(case, weights):
    """@main(weights) -> (pack(weights), pack(constant weights))."""
    types = [tensor_type(w.shape, case.dtype) for w in weights]
    params = tensor_type([case.params_size], case.dtype)
    args = ["%%w%d" % k for k in range(len(weights))]
    consts = ["%%k%d" % k for k in range(len(weights))]
    lines = ["// %s" % case.summary()]
    lines.append("func.func @main(%s) -> (%s, %s) {" % (
        ", ".join("%s: %s" % at for at in zip(args, types)), params, params))
    for name, value, type_ in zip(consts, weights, types):
        lines.append("  %s = arith.constant %s : %s" % (name, hex_literal(value), type_))
    for result, operands in (("%runtime", args), ("%folded", consts)):
        lines.append("  %s = rnn.pack_params %s\n      %s\n      : (%s) -> %s" % (
            result, ", ".join(operands), case.attributes(), ", ".join(types), params))
    lines.append("  return %%runtime, %%folded : %s, %s\n}\n" % (params, params))
    return "\n".join(lines)


def unpack_module(case, weights):
    """@main(params) -> unpack_params(params)."""
    types = [tensor_type(w.shape, case.dtype) for w in weights]
    params = tensor_type([case.params_size], case.dtype)
    results = ", ".join("%%u#%d" % k for k in range(len(weights)))
    return (
        "func.func @main(%%p: %s) -> (%s) {\n"
        "  %%u:%d = rnn.unpack_params %%p %s\n      : (%s) -> (%s)\n"
        "  return %s : %s\n}\n"
    ) % (params, ", ".join(types), len(weights), case.attributes(), params,
         ", ".join(types), results, ", ".join(types))


def run(cmd):
    """(returncode, stdout, stderr) of a tool invocation."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return proc.returncode, proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace")


def same_bits(ours, expected):
    return (ours.dtype == expected.dtype and ours.shape == expected.shape
            and ours.tobytes() == expected.tobytes())


def check_case(case, args):
    """The list of problems of one case (empty when it passes)."""
    directory = os.path.join(args.workdir, case.name)
    os.makedirs(directory, exist_ok=True)
    path = lambda name: os.path.join(directory, name)  # noqa: E731
    weights = random_weights(case, args.seed)
    for k, value in enumerate(weights):
        np.save(path("w%d.npy" % k), value)
    with open(path("pack.mlir"), "w") as f:
        f.write(pack_module(case, weights))
    with open(path("unpack.mlir"), "w") as f:
        f.write(unpack_module(case, weights))
    problems = []

    rc, out, err = run([args.rnn_opt, path("pack.mlir"), "--rnn-fuse-weight-packing"])
    if rc != 0:
        return ["rnn-opt --rnn-fuse-weight-packing failed: " + err.strip()[:300]]
    if out.count("rnn.pack_params") != 1:
        problems.append("the constant pack did not fold (%d rnn.pack_params left)"
                        % out.count("rnn.pack_params"))
    rc, out, err = run([args.rnn_opt, path("pack.mlir"), "--rnn-cpu-pipeline"])
    if rc != 0:
        return problems + ["rnn-opt --rnn-cpu-pipeline failed: " + err.strip()[:300]]
    if out.count("llvm.call @_mlir_ciface_rnnrt_cpu_pack_params_" + case.dtype) != 1:
        problems.append("the run-time pack is not one call of the runtime's fused pack")

    cmd = [args.rnn_run, path("pack.mlir"), "--backend=cpu"]
    cmd += ["--input=" + path("w%d.npy" % k) for k in range(len(weights))]
    cmd += ["--output=" + path("runtime.npy"), "--output=" + path("folded.npy")]
    rc, _, err = run(cmd)
    if rc != 0:
        return problems + ["rnn-run (pack) exit %d: %s" % (rc, err.strip()[:300])]
    runtime, folded = np.load(path("runtime.npy")), np.load(path("folded.npy"))
    keyed = {entry[:4]: w for entry, w in zip(case.layout, weights)}
    expected = ref.pack(keyed, case.mode, case.num_layers, case.num_units,
                        case.input_size, case.bidirectional, case.skip,
                        dtype=NUMPY_DTYPE[case.dtype])
    if not same_bits(runtime, folded):
        problems.append("run-time pack and folded constant differ")
    if not same_bits(runtime, expected):
        problems.append("run-time pack differs from rnn_reference.pack")
    if not same_bits(folded, expected):
        problems.append("folded constant differs from rnn_reference.pack")

    cmd = [args.rnn_run, path("unpack.mlir"), "--backend=cpu", "--input=" + path("runtime.npy")]
    cmd += ["--output=" + path("u%d.npy" % k) for k in range(len(weights))]
    rc, _, err = run(cmd)
    if rc != 0:
        return problems + ["rnn-run (unpack) exit %d: %s" % (rc, err.strip()[:300])]
    bad = [k for k, w in enumerate(weights) if not same_bits(np.load(path("u%d.npy" % k)), w)]
    if bad:
        problems.append("unpack(pack(w)) != w for operands %s" % bad[:8])
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rnn-opt", default="rnn-opt")
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    cases = list(all_cases(args.seed))
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for case, problems in zip(cases, pool.map(lambda c: check_case(c, args), cases)):
            if problems:
                failed += 1
                print("FAIL %s %s\n    %s\n    kept: %s" % (
                    case.name, case.summary(), "\n    ".join(problems),
                    os.path.join(args.workdir, case.name)))
            else:
                passed += 1
                print("PASS %s %s" % (case.name, case.summary()))
                shutil.rmtree(os.path.join(args.workdir, case.name), ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
