#!/usr/bin/env python3
"""Time rnn-fuse-weight-packing on the canonical weights of a large model.

Builds the canonical weights of a stacked LSTM (default: 4 layers x 1024
units, bidirectional, input 1024, f32) as dense_resource constants (the
module's ``dialect_resources`` section; each blob is the 4-byte alignment
0x04000000 followed by the little-endian data), then times, median of
``--repeats`` runs each:

* ``rnn-opt model.mlir`` without the pass (parsing + printing alone), and
  with ``--rnn-fuse-weight-packing`` (the difference is the fold);
* the same two on a bytecode copy of the module, writing bytecode
  (``--emit-bytecode``), which is how a model this size should travel;
* the pass alone, as ``--mlir-timing`` reports it.

Checks that the output keeps the packed buffer as a dense_resource, that no
rnn.pack_params is left, and that the packed blob is bit-identical to the
independent Python pack (test/Integration/Inputs/rnn_reference.py). Writes
the numbers, the machine and the model to ``--results`` (RESULTS.md),
keeping its hand-written "## Notes" section.

Usage: python3 bench/packing/fold_large.py [--rnn-opt build/bin/rnn-opt]
"""

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "test", "Integration", "Inputs"))

import numpy as np  # noqa: E402

import rnn_reference as ref  # noqa: E402

#: The 4-byte little-endian alignment that starts an f32 resource blob.
F32_ALIGNMENT = "04000000"


def canonical_weights(args):
    """[(layout entry, float32 array)] in operand order, reproducible."""
    rng = np.random.default_rng(args.seed)
    layout = ref.packed_layout(
        "lstm", args.layers, args.units, args.input, True, False)
    return [(e, rng.standard_normal(e.shape, dtype=np.float32)) for e in layout]


def tensor_type(shape):
    return "tensor<%sxf32>" % "x".join(str(d) for d in shape)


def write_module(path, args, weights):
    """The module: @main() -> pack_params(dense_resource constants)."""
    size = weights[-1][0].offset + weights[-1][1].size
    types = [tensor_type(w.shape) for _, w in weights]
    with open(path, "w") as f:
        f.write("func.func @main() -> tensor<%dxf32> {\n" % size)
        for k, type_ in enumerate(types):
            f.write("  %%w%d = arith.constant dense_resource<w%d> : %s\n" % (k, k, type_))
        f.write(
            "  %%p = rnn.pack_params %s\n"
            "      {mode = #rnn.mode<lstm>, num_layers = %d, num_units = %d,\n"
            "       input_size = %d, direction = #rnn.direction<bidirectional>}\n"
            "      : (%s) -> tensor<%dxf32>\n"
            "  return %%p : tensor<%dxf32>\n}\n"
            % (", ".join("%%w%d" % k for k in range(len(types))), args.layers,
               args.units, args.input, ", ".join(types), size, size))
        f.write("{-#\n  dialect_resources: {\n    builtin: {\n")
        for k, (_, value) in enumerate(weights):
            f.write('      w%d: "0x%s%s"%s\n' % (
                k, F32_ALIGNMENT, value.tobytes().hex().upper(),
                "," if k + 1 < len(weights) else ""))
        f.write("    }\n  }\n#-}\n")
    return size


def timed(cmd):
    """Wall-clock seconds of one run (fails loudly)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), proc.stderr.decode()[-2000:]))
    return seconds


def median_of(cmd, repeats):
    runs = [timed(cmd) for _ in range(repeats)]
    return statistics.median(runs), runs


def pass_seconds(cmd, repeats):
    """Median wall time of rnn-fuse-weight-packing from --mlir-timing."""
    runs = []
    for _ in range(repeats):
        proc = subprocess.run(cmd + ["--mlir-timing", "--mlir-timing-display=list"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        match = re.search(r"^\s*([0-9.]+)\s+\(\s*[0-9.]+%\)\s+RNNFuseWeightPacking",
                          proc.stderr, re.M)
        if proc.returncode != 0 or not match:
            sys.exit("no pass timing in:\n" + proc.stderr[-2000:])
        runs.append(float(match.group(1)))
    return statistics.median(runs), runs


def check_output(path, expected):
    """Problems of the folded text output (empty when it is right)."""
    with open(path) as f:
        text = f.read()
    problems = []
    if "rnn.pack_params" in text:
        problems.append("rnn.pack_params left in the output")
    match = re.search(r"arith\.constant dense_resource<(\w+)> : tensor<%dxf32>"
                      % expected.size, text)
    if not match:
        return problems + ["no dense_resource constant in the output"]
    blob = re.search(r'^\s*%s: "0x([0-9A-F]+)"' % match.group(1), text, re.M)
    if not blob or not blob.group(1).startswith(F32_ALIGNMENT):
        return problems + ["the packed resource blob is missing or misaligned"]
    if bytes.fromhex(blob.group(1)[len(F32_ALIGNMENT):]) != expected.tobytes():
        problems.append("the packed blob differs from rnn_reference.pack")
    return problems


def machine():
    model = "?"
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    return "%s, %d cores, %s (the 2-core build machine; other jobs may run)" % (
        model, os.cpu_count() or 0, platform.platform())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rnn-opt", default=os.path.join(ROOT, "build", "bin", "rnn-opt"))
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--units", type=int, default=1024)
    parser.add_argument("--input", type=int, default=1024)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    args = parser.parse_args()

    workdir = args.workdir or tempfile.mkdtemp(prefix="fold_large.")
    os.makedirs(workdir, exist_ok=True)
    text_in, text_out = (os.path.join(workdir, n) for n in ("model.mlir", "folded.mlir"))
    bc_in, bc_out = (os.path.join(workdir, n) for n in ("model.mlirbc", "folded.mlirbc"))

    weights = canonical_weights(args)
    size = write_module(text_in, args, weights)
    expected = ref.pack({e[:4]: w for e, w in weights}, "lstm", args.layers,
                        args.units, args.input, True, False, dtype=np.float32)
    megabytes = size * 4 / 2**20
    print("model: %d tensors, %d floats (%.1f MiB), text module %.0f MiB" % (
        len(weights), size, megabytes, os.path.getsize(text_in) / 2**20))
    opt, fold = [args.rnn_opt], ["--rnn-fuse-weight-packing"]
    timed(opt + [text_in, "--emit-bytecode", "-o", bc_in])

    rows = [
        ("text in, text out, no pass", opt + [text_in, "-o", text_out]),
        ("text in, text out, --rnn-fuse-weight-packing", opt + [text_in] + fold + ["-o", text_out]),
        ("bytecode in, bytecode out, no pass", opt + [bc_in, "--emit-bytecode", "-o", bc_out]),
        ("bytecode in, bytecode out, --rnn-fuse-weight-packing",
         opt + [bc_in] + fold + ["--emit-bytecode", "-o", bc_out]),
    ]
    results = []
    for label, cmd in rows:
        median, runs = median_of(cmd, args.repeats)
        results.append((label, median, runs))
        print("%-55s median %.3f s  (%s)" % (label, median, ", ".join("%.3f" % r for r in runs)))
    pass_median, pass_runs = pass_seconds(opt + [bc_in] + fold + ["--emit-bytecode", "-o", bc_out],
                                          args.repeats)
    print("%-55s median %.3f s  (%s)" % ("the pass alone (--mlir-timing)", pass_median,
                                          ", ".join("%.3f" % r for r in pass_runs)))

    timed(opt + [text_in] + fold + ["-o", text_out])
    problems = check_output(text_out, expected)
    print("check: " + ("; ".join(problems) if problems else
                       "OK (dense_resource, no rnn.pack_params, bit-exact with rnn_reference.pack)"))

    notes = ""
    if os.path.exists(args.results):
        with open(args.results) as f:
            text = f.read()
        if "\n## Notes" in text:
            notes = text[text.index("\n## Notes"):]
    with open(args.results, "w") as f:
        f.write("# Folding the packing of a large model's constant weights\n\n")
        f.write("`python3 bench/packing/fold_large.py --rnn-opt %s` (%s)\n\n" % (
            os.path.relpath(args.rnn_opt, ROOT), time.strftime("%Y-%m-%d")))
        f.write("- machine: %s\n" % machine())
        f.write("- model: LSTM, %d layers x %d units, bidirectional, input %d, f32: "
                "%d canonical tensors, %d floats = %.1f MiB packed; text module %.0f MiB "
                "(hex resources), bytecode %.0f MiB\n" % (
                    args.layers, args.units, args.input, len(weights), size, megabytes,
                    os.path.getsize(text_in) / 2**20, os.path.getsize(bc_in) / 2**20))
        f.write("- check: %s\n\n" % ("; ".join(problems) if problems else
                "output keeps the packed buffer as a dense_resource, no rnn.pack_params "
                "left, packed blob bit-identical to rnn_reference.pack"))
        f.write("| rnn-opt run | median of %d (s) | runs (s) |\n|---|---:|---|\n" % args.repeats)
        for label, median, runs in results:
            f.write("| %s | %.3f | %s |\n" % (label, median, ", ".join("%.3f" % r for r in runs)))
        f.write("| the pass alone (`--mlir-timing`, bytecode run) | %.3f | %s |\n" % (
            pass_median, ", ".join("%.3f" % r for r in pass_runs)))
        f.write(notes)
    print("wrote " + args.results)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
