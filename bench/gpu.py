#!/usr/bin/env python3
"""GPU benchmark: rnn-mlir's cuDNN and cuBLAS backends against PyTorch.

For each shape (issue 5's S1-S6 and a fixed-cost probe) it measures, side by
side in one run:
  - ours: `rnn-run FILE --backend=cudnn --benchmark=N` (CUDA events, inputs
    resident on the device), for the compile-time algorithm choice and for
    every cuDNN algorithm (to pick the auto heuristic from data);
  - ours on the cuBLAS fallback: `--backend=cublas` (GEMMs + fused cell
    kernels, graph-replayed), against our cuDNN (both graph-replayed);
  - PyTorch eager: nn.LSTM/GRU on cuda under no_grad (CUDA events);
  - PyTorch cuDNN replayed from a CUDA graph (the launch-free lower bound of
    what PyTorch's cuDNN call costs).
The three systems are measured in interleaved rounds (ours, eager, graph,
ours, ...), each round's median call kept; the table reports the median over
rounds and the min-max spread, the ratios, TFLOP/s, the fraction of the
roofline floor max(FLOPs / peak, bytes / bandwidth, dependent steps x 1 us),
and rnn-run's compile + first call wall time (JIT), separately from run time.

With --cell-variants it also times the fallback's step kernel variants
(units per thread, threads per block, fused GEMV + cell kernel or not) on
S1, S2-tf32, S5 and S6 (bench/results/gpu-cell-variants.md): the data behind the defaults.

Usage: python3 bench/gpu.py --rnn-run PATH [--quick] [--out DIR] [--cell-variants]
       python3 bench/gpu.py --plot-only bench/results/gpu.csv   (PNG plots)
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

try:
    import torch
except ImportError:  # --plot-only needs no torch
    torch = None

# H200 SXM dense peaks (TFLOP/s; the H100 SXM5's compute) and HBM3e
# bandwidth (TB/s), datasheet values.
PEAK_TFLOPS = {"f32": 67.0, "tf32": 494.7, "f16": 989.4}
BANDWIDTH_TBS = 4.8
STEP_LATENCY_US = 1.0


@dataclass
class Shape:
    name: str
    mode: str  # lstm or gru
    steps: int
    batch: int
    input_size: int
    units: int
    layers: int = 1
    bidirectional: bool = False
    dtype: str = "f32"
    math: str = "strict"  # strict or tf32 (f32 only)

    @property
    def gates(self):
        return {"lstm": 4, "gru": 3}[self.mode]

    @property
    def dirs(self):
        return 2 if self.bidirectional else 1

    def params_size(self):
        size = 0
        for layer in range(self.layers):
            width = self.input_size if layer == 0 else self.dirs * self.units
            g, h = self.gates, self.units
            size += self.dirs * (g * h * width + g * h * h + 2 * g * h)
        return size

    def flops(self):
        total = 0
        for layer in range(self.layers):
            width = self.input_size if layer == 0 else self.dirs * self.units
            total += self.dirs * 2 * self.gates * self.units * (width + self.units) \
                * self.batch * self.steps
        return total

    def bytes(self):
        elem = 2 if self.dtype == "f16" else 4
        states = self.layers * self.dirs * self.batch * self.units * (4 if self.mode == "lstm" else 2)
        return elem * (self.params_size() + self.steps * self.batch * self.input_size
                       + self.steps * self.batch * self.dirs * self.units + states)

    def floor_ms(self):
        peak = PEAK_TFLOPS["f16" if self.dtype == "f16" else
                           ("tf32" if self.math == "tf32" else "f32")]
        compute = self.flops() / (peak * 1e12) * 1e3
        memory = self.bytes() / (BANDWIDTH_TBS * 1e12) * 1e3
        chain = (self.steps + self.layers - 1) * STEP_LATENCY_US * 1e-3
        return max(compute, memory, chain)


SHAPES = [
    Shape("S1", "lstm", 150, 1, 256, 256),
    Shape("S2", "lstm", 100, 64, 512, 512),
    Shape("S2-tf32", "lstm", 100, 64, 512, 512, math="tf32"),
    Shape("S3", "lstm", 25, 128, 2048, 2048, dtype="f16"),
    Shape("S4", "lstm", 200, 32, 512, 512, layers=4, bidirectional=True, dtype="f16"),
    Shape("S5", "lstm", 100, 64, 1024, 1024, dtype="f16"),
    Shape("S6", "gru", 1500, 32, 1024, 1024, dtype="f16"),
    Shape("fixed", "lstm", 1, 1, 256, 256),
]
ALGOS = ["standard", "persist-static", "persist-static-small-h", "persist-dynamic"]


def write_module(shape, path):
    """The shape as an rnn module (docs/Dialect.md) with params as an argument."""
    t, b, i, h, d = shape.steps, shape.batch, shape.input_size, shape.units, shape.dirs
    ty = shape.dtype
    x = "tensor<%dx%dx%dx%s>" % (t, b, i, ty)
    st = "tensor<%dx%dx%dx%s>" % (shape.layers * d, b, h, ty)
    y = "tensor<%dx%dx%dx%s>" % (t, b, d * h, ty)
    p = "tensor<%dx%s>" % (shape.params_size(), ty)
    attrs = "num_layers = %d, num_units = %d" % (shape.layers, h)
    if shape.bidirectional:
        attrs += ", direction = #rnn.direction<bidirectional>"
    if shape.mode == "lstm":
        text = ("func.func @main(%%x: %s, %%h: %s, %%c: %s, %%p: %s) -> (%s, %s, %s) {\n"
                "  %%y, %%hn, %%cn = rnn.lstm %%x, %%h, %%c, %%p {%s} : (%s, %s, %s, %s) -> (%s, %s, %s)\n"
                "  return %%y, %%hn, %%cn : %s, %s, %s\n}\n"
                % (x, st, st, p, y, st, st, attrs, x, st, st, p, y, st, st, y, st, st))
    else:
        text = ("func.func @main(%%x: %s, %%h: %s, %%p: %s) -> (%s, %s) {\n"
                "  %%y, %%hn = rnn.gru %%x, %%h, %%p {%s} : (%s, %s, %s) -> (%s, %s)\n"
                "  return %%y, %%hn : %s, %s\n}\n"
                % (x, st, p, y, st, attrs, x, st, p, y, st, y, st))
    with open(path, "w") as f:
        f.write(text)


def time_ours(tool, shape, calls, algo, workdir, backend="cudnn", env=None):
    path = os.path.join(workdir, shape.name + ".mlir")
    write_module(shape, path)
    cmd = [tool, path, "--backend=" + backend, "--random-inputs=1", "--benchmark=%d" % calls,
           "--cudnn-math=%s" % shape.math, "--cudnn-algo=%s" % algo]
    start = time.perf_counter()
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ, **(env or {})))
    wall_ms = (time.perf_counter() - start) * 1e3
    match = re.search(r"median ([0-9.]+) ms, min ([0-9.]+) ms", run.stdout)
    if run.returncode != 0 or not match:
        return None, (run.stderr.strip().splitlines() or ["?"])[-1][:120]
    median = float(match.group(1))
    time_ours.last_wall_ms = wall_ms - (calls + 1) * median
    return median, None


def torch_module(shape):
    cls = torch.nn.LSTM if shape.mode == "lstm" else torch.nn.GRU
    dtype = torch.float16 if shape.dtype == "f16" else torch.float32
    module = cls(shape.input_size, shape.units, shape.layers,
                 bidirectional=shape.bidirectional).cuda().to(dtype)
    x = torch.randn(shape.steps, shape.batch, shape.input_size, device="cuda", dtype=dtype)
    h = torch.zeros(shape.layers * shape.dirs, shape.batch, shape.units, device="cuda", dtype=dtype)
    state = (h, h.clone()) if shape.mode == "lstm" else h
    return module, x, state


def cuda_median_ms(fn, calls):
    start = [torch.cuda.Event(enable_timing=True) for _ in range(calls)]
    stop = [torch.cuda.Event(enable_timing=True) for _ in range(calls)]
    for i in range(calls):
        start[i].record()
        fn()
        stop[i].record()
    torch.cuda.synchronize()
    times = sorted(a.elapsed_time(b) for a, b in zip(start, stop))
    return times[len(times) // 2]


class TorchPeer:
    """PyTorch's nn.LSTM/GRU for a shape: eager calls and the same call
    captured in a CUDA graph, each timed with CUDA events."""

    def __init__(self, shape):
        torch.backends.cudnn.allow_tf32 = shape.math == "tf32"
        torch.backends.cuda.matmul.allow_tf32 = shape.math == "tf32"
        self.module, self.x, self.state = torch_module(shape)
        with torch.no_grad():
            for _ in range(3):
                self.module(self.x, self.state)
            self.graph = torch.cuda.CUDAGraph()
            stream = torch.cuda.Stream()
            stream.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(stream):
                for _ in range(3):
                    self.module(self.x, self.state)
            torch.cuda.current_stream().wait_stream(stream)
            with torch.cuda.graph(self.graph):
                self.module(self.x, self.state)

    def eager_ms(self, calls):
        with torch.no_grad():
            return cuda_median_ms(lambda: self.module(self.x, self.state), calls)

    def graph_ms(self, calls):
        return cuda_median_ms(self.graph.replay, calls)


def spread(values):
    """(median, min, max) of the per-round medians; Nones are dropped."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return None, None, None
    return values[len(values) // 2], values[0], values[-1]


def plot(csv_path, out_dir):
    """Time per shape per system (log scale) and ratios to each peer."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    with open(csv_path) as f:
        rows = [r for r in csv.DictReader(f) if r["ours_ms"] and r.get("cublas_ms")]
    names = [r["shape"] for r in rows]
    systems = [("ours_ms", "rnn-mlir (cuDNN)"), ("cublas_ms", "rnn-mlir (cuBLAS fallback)"),
               ("torch_eager_ms", "PyTorch eager"),
               ("torch_graph_ms", "PyTorch cuDNN in a CUDA graph")]
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / len(systems)
    for i, (key, label) in enumerate(systems):
        ax.bar([j + i * width for j in range(len(rows))], [float(r[key]) for r in rows],
               width, label=label)
    ax.set_xticks([j + width for j in range(len(rows))], names)
    ax.set_yscale("log")
    ax.set_ylabel("ms per call (median)")
    ax.set_title("GPU: time per call (H200)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "gpu_time.png"), dpi=110)
    fig, ax = plt.subplots(figsize=(10, 4))
    for i, (key, label) in enumerate(systems[2:]):
        ax.bar([j + i * 0.4 for j in range(len(rows))],
               [float(r["ours_ms"]) / float(r[key]) for r in rows], 0.4, label="ours / " + label)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_xticks([j + 0.2 for j in range(len(rows))], names)
    ax.set_ylabel("ratio (< 1: rnn-mlir faster)")
    ax.set_title("GPU: rnn-mlir time / peer time")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "gpu_ratio.png"), dpi=110)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--out", default="bench/results")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--shapes", default="")
    parser.add_argument("--plot-only", metavar="CSV", help="only draw the plots from a CSV")
    parser.add_argument("--cell-variants", action="store_true",
                        help="also time the cuBLAS fallback's step kernel variants")
    parser.add_argument("--cell-variants-only", action="store_true",
                        help="only time the step kernel variants")
    args = parser.parse_args()
    if args.plot_only:
        plot(args.plot_only, os.path.dirname(os.path.abspath(args.plot_only)))
        return
    calls = 10 if args.quick else 30
    rounds = 2 if args.quick else 5
    os.makedirs(args.out, exist_ok=True)
    if args.cell_variants_only:
        cell_variants(args, calls, rounds)
        return
    shapes = [s for s in SHAPES if not args.shapes or s.name in args.shapes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for shape in shapes:
            # Every cuDNN algorithm once (the data behind the auto choice).
            algo_times = {}
            for algo in ALGOS:
                algo_times[algo], err = time_ours(args.rnn_run, shape, calls, algo, workdir)
                if err:
                    print("%s %s: %s" % (shape.name, algo, err), file=sys.stderr)
            peer = TorchPeer(shape)
            ours, blas, eager, graph, jit = [], [], [], [], []
            for _ in range(rounds):  # interleaved: machine noise hits all
                t, err = time_ours(args.rnn_run, shape, calls, "auto", workdir)
                ours.append(t)
                jit.append(time_ours.last_wall_ms if t is not None else None)
                t, err = time_ours(args.rnn_run, shape, calls, "auto", workdir, "cublas")
                if err:
                    print("%s cublas: %s" % (shape.name, err), file=sys.stderr)
                blas.append(t)
                eager.append(peer.eager_ms(calls))
                graph.append(peer.graph_ms(calls))
            (o, o_lo, o_hi), (e, e_lo, e_hi), (g, g_lo, g_hi) = spread(ours), spread(eager), spread(graph)
            b, b_lo, b_hi = spread(blas)
            row = {
                "shape": shape.name, "mode": shape.mode, "T": shape.steps, "B": shape.batch,
                "I": shape.input_size, "H": shape.units, "L": shape.layers,
                "D": shape.dirs, "dtype": shape.dtype, "math": shape.math,
                "ours_ms": o, "ours_min": o_lo, "ours_max": o_hi,
                "torch_eager_ms": e, "eager_min": e_lo, "eager_max": e_hi,
                "torch_graph_ms": g, "graph_min": g_lo, "graph_max": g_hi,
                "floor_ms": shape.floor_ms(),
                "tflops": shape.flops() / (o * 1e-3) / 1e12 if o else None,
                "jit_ms": spread(jit)[0],
                "cublas_ms": b, "cublas_min": b_lo, "cublas_max": b_hi,
                "cublas_step_us": b * 1e3 / (shape.steps * (shape.layers if shape.dirs == 2 else 1))
                if b else None,
            }
            row.update({"algo_" + a: t for a, t in algo_times.items()})
            rows.append(row)
            print(row, flush=True)
    fields = list(rows[0].keys())
    with open(os.path.join(args.out, "gpu.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    flops_of = {s.name: s.flops() for s in shapes}
    fmt = lambda v: "-" if v is None else ("%.3f" % v)
    ratio = lambda a, b: "-" if a is None or b is None else "%.2f" % (a / b)
    rng = lambda m, lo, hi: "-" if m is None else "%.3f (%.3f-%.3f)" % (m, lo, hi)
    lines = ["| shape | config | ours ms | PyTorch eager ms | PyTorch cuDNN graph ms "
             "| ours/eager | ours/graph | TFLOP/s | floor ms | floor/ours | JIT ms | best algo (ms) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        algos = {a: r["algo_" + a] for a in ALGOS if r["algo_" + a] is not None}
        best = min(algos, key=algos.get) if algos else None
        cfg = "%s T=%d B=%d I=%d H=%d L=%d D=%d %s%s" % (
            r["mode"], r["T"], r["B"], r["I"], r["H"], r["L"], r["D"], r["dtype"],
            " tf32" if r["math"] == "tf32" else "")
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["shape"], cfg, rng(r["ours_ms"], r["ours_min"], r["ours_max"]),
            rng(r["torch_eager_ms"], r["eager_min"], r["eager_max"]),
            rng(r["torch_graph_ms"], r["graph_min"], r["graph_max"]),
            ratio(r["ours_ms"], r["torch_eager_ms"]), ratio(r["ours_ms"], r["torch_graph_ms"]),
            "-" if r["tflops"] is None else "%.1f" % r["tflops"], fmt(r["floor_ms"]),
            ratio(r["floor_ms"], r["ours_ms"]), "-" if r["jit_ms"] is None else "%.0f" % r["jit_ms"],
            "%s %.3f" % (best, algos[best]) if best else "-"))
    device = torch.cuda.get_device_name(0)
    header = ("GPU: %s, PyTorch %s (cuDNN %s). Each cell: median over %d interleaved "
              "rounds of each round's median of %d calls (CUDA events), min-max of the "
              "rounds in parentheses. JIT = rnn-run's parse + lower + JIT + first call "
              "wall time.\n\n" % (device, torch.__version__, torch.backends.cudnn.version(),
                                   rounds, calls))
    images = ("\n![GPU time per call](gpu_time.png)\n"
              "![GPU ratio to the peers](gpu_ratio.png)\n")
    blas_lines = ["| shape | cuBLAS fallback ms | ours cuDNN ms | cublas/cudnn | cublas/cudnn standard "
                  "| cublas/PyTorch graph | us per step | TFLOP/s |",
                  "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        b = r["cublas_ms"]
        blas_lines.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["shape"], rng(b, r["cublas_min"], r["cublas_max"]), fmt(r["ours_ms"]),
            ratio(b, r["ours_ms"]), ratio(b, r["algo_standard"]), ratio(b, r["torch_graph_ms"]),
            "-" if r["cublas_step_us"] is None else "%.2f" % r["cublas_step_us"],
            "-" if not b else "%.1f" % (flops_of[r["shape"]] / (b * 1e-3) / 1e12)))
    blas_header = ("\ncuBLAS fallback (`--backend=cublas`), same run: cublas/cudnn compares with "
                   "our cuDNN backend's choice (persistent kernel for B <= 8), cublas/cudnn "
                   "standard with cuDNN's standard algorithm; us per step = time / dependent "
                   "steps.\n\n")
    with open(os.path.join(args.out, "gpu.md"), "w") as f:
        f.write(header + "\n".join(lines) + "\n" + blas_header + "\n".join(blas_lines) + "\n" + images)
    try:
        plot(os.path.join(args.out, "gpu.csv"), args.out)
    except ImportError:
        print("bench/gpu.py: no matplotlib here; draw the plots with "
              "--plot-only %s/gpu.csv" % args.out, file=sys.stderr)
    print(header + "\n".join(lines) + "\n" + blas_header + "\n".join(blas_lines))
    if args.cell_variants:
        cell_variants(args, calls, rounds)


def cell_variants(args, calls, rounds):
    """The fallback's step kernel: vector width and block size, per shape."""
    variants = [("default", {}),
                ("1 unit/thread", {"RNNRT_CELL_VECTOR": "1"}),
                ("4 units/thread", {"RNNRT_CELL_VECTOR": "4"}),
                ("16 bytes/thread", {"RNNRT_CELL_VECTOR": "8"}),
                ("default, 256 threads/block", {"RNNRT_CELL_BLOCK": "256"}),
                ("GEMM + step kernel for every batch", {"RNNRT_FUSED_STEP_MAX_BATCH": "0"})]
    shapes = [s for s in SHAPES if s.name in ("S1", "S2-tf32", "S5", "S6")]
    lines = ["| shape | " + " | ".join(v[0] for v in variants) + " |",
             "|---|" + "---|" * len(variants)]
    with tempfile.TemporaryDirectory() as workdir:
        for shape in shapes:
            times = {name: [] for name, _ in variants}
            for _ in range(rounds):
                for name, env in variants:
                    times[name].append(time_ours(args.rnn_run, shape, calls, "auto", workdir,
                                                 "cublas", env)[0])
            lines.append("| %s | %s |" % (shape.name, " | ".join(
                "-" if spread(times[n])[0] is None else "%.3f" % spread(times[n])[0]
                for n, _ in variants)))
    text = ("cuBLAS fallback step-kernel variants, ms per forward (median of %d interleaved "
            "rounds of %d calls), %s.\n\n" % (rounds, calls, torch.cuda.get_device_name(0))
            + "\n".join(lines) + "\n")
    with open(os.path.join(args.out, "gpu-cell-variants.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
