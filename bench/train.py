#!/usr/bin/env python3
"""Training-step benchmark on the CPU: rnn-mlir's forward + backward against
PyTorch CPU autograd, side by side in one run.

One training step is the training forward (is_training = true, returning
the reserve) followed by the grad op with given dy, dh_n (dc_n), i.e. what
PyTorch does for `y, (h_n, c_n) = lstm(x, (h_0, c_0));
torch.autograd.backward([y, h_n, c_n], [dy, dh_n, dc_n])` with x, h_0, c_0
and every weight requiring grad. rnn-mlir runs it in two forms users call:

  packed     params (the packed buffer) in, dparams out
  canonical  the canonical weights in (rnn.pack_params inside the step),
             the canonical gradients out (rnn.unpack_params of dparams)

Timing: `rnn-run --benchmark=N` (median over N calls after one warm-up) and
the median of N timed PyTorch steps after warm-up (PyTorch in its best
setting: the faster of torch.set_num_threads(1) and (BENCH_THREADS), with
OpenBLAS on BENCH_THREADS threads), in --rounds interleaved
rounds (the median of the round medians is reported), both with BENCH_THREADS
threads (default 2) for OpenBLAS and torch. OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE are unset for both systems alike (they select a slower
kernel). Writes bench/results/train.md (and .json) and prints the table.

  /usr/bin/python3 bench/train.py [--build build] [--calls 20] [--shapes C2,C4]
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "test", "Integration", "Inputs"))
sys.path.insert(0, HERE)

for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(variable, None)

import numpy as np  # noqa: E402

import rnn_reference as ref  # noqa: E402
from shapes import Shape  # noqa: E402

SHAPES = {
    "C2": Shape("C2", "lstm", T=100, B=16, I=256, H=256),
    "C4": Shape("C4", "gru", T=100, B=16, I=256, H=256, L=2),
}


def tensor(shape, dtype="f32"):
    return "tensor<" + "x".join([str(d) for d in shape] + [dtype]) + ">"


def _ops(s):
    """The training forward and grad op of a shape on packed params: their
    operand/result types and op lines (docs/Dialect.md syntax)."""
    cell = s.mode == "lstm"
    D = s.D
    n = ref.params_size(s.mode, s.L, s.H, s.I, D == 2, False)
    X, S = tensor((s.T, s.B, s.I), s.dtype), tensor((s.L * D, s.B, s.H), s.dtype)
    Y, P = tensor((s.T, s.B, D * s.H), s.dtype), tensor((n,), s.dtype)
    attrs = f"num_layers = {s.L}, num_units = {s.H}, is_training = true"
    if D == 2:
        attrs += ", direction = #rnn.direction<bidirectional>"
    states = ["%h"] + (["%c"] if cell else [])
    fin = [X, S] + ([S] if cell else []) + [P]
    fout = [Y, S] + ([S] if cell else []) + ["tensor<?xi8>"]
    res = ["%y", "%hn"] + (["%cn"] if cell else []) + ["%r"]
    forward = (f"  {', '.join(res)} = rnn.{s.mode} %x, {', '.join(states)}, %p {{{attrs}}} : "
               f"({', '.join(fin)}) -> ({', '.join(fout)})")
    gin = fin + [Y, "tensor<?xi8>", Y, S] + ([S] if cell else [])
    gout = [X, S] + ([S] if cell else []) + [P]
    gres = ["%dx", "%dh0"] + (["%dc0"] if cell else []) + ["%dp"]
    grads = ["%dy", "%dhn"] + (["%dcn"] if cell else [])
    grad = (f"  {', '.join(gres)} = rnn.{s.mode}_grad %x, {', '.join(states)}, %p, %y, %r, "
            f"{', '.join(grads)} {{{attrs}}} : ({', '.join(gin)}) -> ({', '.join(gout)})")
    inputs = [("%x", X), ("%h", S)] + ([("%c", S)] if cell else []) + [("%p", P)]
    seeds = [("%dy", Y), ("%dhn", S)] + ([("%dcn", S)] if cell else [])
    return dict(P=P, fin=fin, fout=fout, res=res, forward=forward, gout=gout, gres=gres,
                grad=grad, inputs=inputs, seeds=seeds)


def _function(args, results, types, body):
    sig = ", ".join(f"{a}: {t}" for a, t in args)
    return (f"func.func @main({sig}) -> ({', '.join(types)}) {{\n{body}\n"
            f"  return {', '.join(results)} : {', '.join(types)}\n}}\n")


def step_mlir(s, canonical):
    """The training step as an MLIR function (docs/Dialect.md syntax)."""
    o = _ops(s)
    P = o["P"]
    layout = ref.packed_layout(s.mode, s.L, s.H, s.I, s.D == 2, False)
    canon_types = [tensor(e.shape, s.dtype) for e in layout]
    args = o["inputs"][:-1]
    if canonical:
        args += [(f"%w{i}", t) for i, t in enumerate(canon_types)]
    else:
        args += [("%p", P)]
    args += o["seeds"]
    lines = []
    pack_attrs = (f"mode = #rnn.mode<{s.mode}>, num_layers = {s.L}, num_units = {s.H}, "
                  f"input_size = {s.I}" + (", direction = #rnn.direction<bidirectional>" if s.D == 2 else ""))
    if canonical:
        names = ", ".join(f"%w{i}" for i in range(len(layout)))
        lines.append(f"  %p = rnn.pack_params {names} {{{pack_attrs}}} : ({', '.join(canon_types)}) -> {P}")
    lines += [o["forward"], o["grad"]]
    results, types = o["gres"][:-1], o["gout"][:-1]
    if canonical:
        outs = [f"%g{i}" for i in range(len(layout))]
        lines.append(f"  {', '.join(outs)} = rnn.unpack_params %dp {{{pack_attrs}}} : ({P}) -> ({', '.join(canon_types)})")
        results, types = results + outs, types + canon_types
    else:
        results, types = results + ["%dp"], types + [P]
    return _function(args, results, types, "\n".join(lines))


def split_mlir(s):
    """(forward, backward): the step's training forward alone (returning y,
    the final states and the reserve) and its grad op alone (taking them),
    on packed params."""
    o = _ops(s)
    forward = _function(o["inputs"], o["res"], o["fout"], o["forward"])
    args = o["inputs"] + [("%y", o["fout"][0]), ("%r", "tensor<?xi8>")] + o["seeds"]
    backward = _function(args, o["gres"], o["gout"], o["grad"])
    return forward, backward


def time_rnn_mlir(s, build, calls, threads, canonical, workdir):
    path = os.path.join(workdir, f"{s.name}-{'canonical' if canonical else 'packed'}.mlir")
    with open(path, "w") as f:
        f.write(step_mlir(s, canonical))
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    out = subprocess.run([os.path.join(build, "bin", "rnn-run"), path, "--backend=cpu",
                          "--random-inputs=1", f"--benchmark={calls}"],
                         capture_output=True, text=True, env=env, check=True).stdout
    match = re.search(r"median ([0-9.]+) ms, min ([0-9.]+) ms", out)
    return float(match.group(1)), float(match.group(2))


def time_torch(s, calls, threads, torch_threads):
    """PyTorch's training step with torch.set_num_threads(torch_threads)
    (its OpenMP pool) beside OPENBLAS_NUM_THREADS=threads."""
    import torch
    torch.set_num_threads(torch_threads)
    cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[s.mode]
    module = cls(s.I, s.H, s.L, bidirectional=s.D == 2)
    g = torch.Generator().manual_seed(0)
    x = torch.randn(s.T, s.B, s.I, generator=g, requires_grad=True)
    h = torch.randn(s.L * s.D, s.B, s.H, generator=g, requires_grad=True)
    c = torch.randn(s.L * s.D, s.B, s.H, generator=g, requires_grad=True)
    dy = torch.randn(s.T, s.B, s.D * s.H, generator=g)
    dh = torch.randn(s.L * s.D, s.B, s.H, generator=g)

    def step():
        if s.mode == "lstm":
            y, (hn, cn) = module(x, (h, c))
            torch.autograd.backward([y, hn, cn], [dy, dh, dh])
        else:
            y, hn = module(x, h)
            torch.autograd.backward([y, hn], [dy, dh])

    for _ in range(3):
        step()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2], times[0]


def measure_gemm_peak(threads):
    """float32 GEMM GFLOP/s of this machine's BLAS (2048^3 through numpy, the
    OpenBLAS both systems use): the hardware limit the table's fraction is of."""
    os.environ["OPENBLAS_NUM_THREADS"] = str(threads)
    a = np.random.default_rng(0).random((2048, 2048), dtype=np.float32)
    a @ a
    best = float("inf")
    for _ in range(10):  # the best of 10: a VM's neighbours steal cycles
        start = time.perf_counter()
        a @ a
        best = min(best, time.perf_counter() - start)
    return 2 * 2048 ** 3 / best / 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", "2")))
    parser.add_argument("--shapes", default="C2,C4")
    parser.add_argument("--out", default=os.path.join(HERE, "results", "train"))
    args = parser.parse_args()
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    rows = []
    peak = measure_gemm_peak(args.threads)
    with tempfile.TemporaryDirectory() as workdir:
        for name in args.shapes.split(","):
            s = SHAPES[name]
            # Interleaved rounds, so that a change of load hits every system.
            rounds = {"torch": [], "packed": [], "canonical": []}
            for _ in range(args.rounds):
                # PyTorch in its best setting: its own pool at 1 thread (2
                # OpenMP threads spinning beside 2 OpenBLAS threads slow it
                # down) or at `threads`, whichever is faster this round.
                rounds["torch"].append(min(
                    time_torch(s, args.calls, args.threads, 1)[0],
                    time_torch(s, args.calls, args.threads, args.threads)[0]))
                rounds["packed"].append(
                    time_rnn_mlir(s, args.build, args.calls, args.threads, False, workdir)[0])
                rounds["canonical"].append(
                    time_rnn_mlir(s, args.build, args.calls, args.threads, True, workdir)[0])
            torch_ms, packed_ms, canonical_ms = (
                sorted(rounds[k])[len(rounds[k]) // 2] for k in ("torch", "packed", "canonical"))
            # Forward + backward GEMM work: 3x the forward's (forward, dgrad, wgrad).
            gflops = 3 * s.flops() / 1e9
            rows.append(dict(shape=name, describe=s.describe(), torch_ms=torch_ms,
                             packed_ms=packed_ms, canonical_ms=canonical_ms,
                             ratio_packed=packed_ms / torch_ms,
                             ratio_canonical=canonical_ms / torch_ms,
                             gflops_per_s=gflops / (packed_ms / 1e3),
                             fraction_of_peak=gflops / (packed_ms / 1e3) / peak))
            print(f"{name}: torch {torch_ms:.2f} ms, ours packed {packed_ms:.2f} ms, "
                  f"canonical {canonical_ms:.2f} ms", flush=True)
    import torch
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {args.threads} threads"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
            machine = f"{model}, {args.threads} threads"
    except (OSError, StopIteration):
        pass
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    lines = [f"Training step (forward + backward), CPU, {machine}; PyTorch {torch.__version__} "
             f"autograd in its best thread setting (the faster of torch.set_num_threads(1) and "
             f"({args.threads}), OpenBLAS on {args.threads}); median of {args.rounds} interleaved rounds of {args.calls} steps; "
             f"OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for both; load average at the end {load}; "
             f"measured float32 GEMM peak {peak:.0f} GFLOP/s (2048^3, the same OpenBLAS). "
             f"GFLOP/s counts forward, data and weight gradient GEMMs (3x the forward's).",
             "",
             "| shape | PyTorch ms | ours (packed) ms | ours/PyTorch | ours (canonical) ms | ours/PyTorch | GFLOP/s (packed) | % of GEMM peak |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['shape']} {r['describe']} | {r['torch_ms']:.2f} | {r['packed_ms']:.2f} | "
                     f"{r['ratio_packed']:.2f} | {r['canonical_ms']:.2f} | {r['ratio_canonical']:.2f} | "
                     f"{r['gflops_per_s']:.1f} | {100 * r['fraction_of_peak']:.0f}% |")
    table = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".md", "w") as f:
        f.write(table)
    with open(args.out + ".json", "w") as f:
        json.dump(dict(machine=machine, gemm_peak_gflops=peak, rows=rows), f, indent=1)
    print(table)


if __name__ == "__main__":
    main()
