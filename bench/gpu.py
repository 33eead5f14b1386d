#!/usr/bin/env python3
"""GPU benchmark: rnn-mlir's cuDNN backend against PyTorch on the same GPU.

For each shape (issue 5's S1-S6 and a fixed-cost probe) it measures, side by
side in one run:
  - ours: `rnn-run FILE --backend=cudnn --benchmark=N` (CUDA events, inputs
    resident on the device), for the compile-time algorithm choice and for
    every cuDNN algorithm (to pick the auto heuristic from data);
  - PyTorch eager: nn.LSTM/GRU on cuda under no_grad (CUDA events);
  - PyTorch cuDNN replayed from a CUDA graph (the launch-free lower bound of
    what PyTorch's cuDNN call costs).
It reports medians, the ratios and the fraction of the roofline floor
max(FLOPs / peak, bytes / bandwidth, dependent steps x 1 us).

Usage: python3 bench/gpu.py --rnn-run PATH [--quick] [--out DIR]
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import torch

# H100 SXM5 dense peaks (TFLOP/s) and HBM3 bandwidth (TB/s), datasheet values.
PEAK_TFLOPS = {"f32": 67.0, "tf32": 494.7, "f16": 989.4}
BANDWIDTH_TBS = 3.35
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
    """The shape as a CONTRACT.md rnn module with params as an argument."""
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


def time_ours(tool, shape, calls, algo, workdir):
    path = os.path.join(workdir, shape.name + ".mlir")
    write_module(shape, path)
    cmd = [tool, path, "--backend=cudnn", "--random-inputs=1", "--benchmark=%d" % calls,
           "--cudnn-math=%s" % shape.math, "--cudnn-algo=%s" % algo]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    match = re.search(r"median ([0-9.]+) ms, min ([0-9.]+) ms", run.stdout)
    if run.returncode != 0 or not match:
        return None, (run.stderr.strip().splitlines() or ["?"])[-1][:120]
    return float(match.group(1)), None


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


def time_torch(shape, calls):
    torch.backends.cudnn.allow_tf32 = shape.math == "tf32"
    torch.backends.cuda.matmul.allow_tf32 = shape.math == "tf32"
    module, x, state = torch_module(shape)
    with torch.no_grad():
        for _ in range(3):
            module(x, state)
        eager = cuda_median_ms(lambda: module(x, state), calls)
        graph = torch.cuda.CUDAGraph()
        stream = torch.cuda.Stream()
        stream.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(stream):
            for _ in range(3):
                module(x, state)
        torch.cuda.current_stream().wait_stream(stream)
        with torch.cuda.graph(graph):
            module(x, state)
        replay = cuda_median_ms(graph.replay, calls)
    return eager, replay


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--out", default="bench/results")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--shapes", default="")
    args = parser.parse_args()
    calls = 10 if args.quick else 30
    os.makedirs(args.out, exist_ok=True)
    shapes = [s for s in SHAPES if not args.shapes or s.name in args.shapes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for shape in shapes:
            algo_times = {}
            for algo in ALGOS:
                algo_times[algo], err = time_ours(args.rnn_run, shape, calls, algo, workdir)
                if err:
                    print("%s %s: %s" % (shape.name, algo, err), file=sys.stderr)
            ours, err = time_ours(args.rnn_run, shape, calls, "auto", workdir)
            eager, replay = time_torch(shape, calls)
            row = {
                "shape": shape.name, "mode": shape.mode, "T": shape.steps, "B": shape.batch,
                "I": shape.input_size, "H": shape.units, "L": shape.layers,
                "D": shape.dirs, "dtype": shape.dtype, "math": shape.math,
                "ours_ms": ours, "torch_eager_ms": eager, "torch_graph_ms": replay,
                "floor_ms": shape.floor_ms(),
            }
            row.update({"algo_" + a: t for a, t in algo_times.items()})
            rows.append(row)
            print(row, flush=True)
    fields = list(rows[0].keys())
    with open(os.path.join(args.out, "gpu.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    fmt = lambda v: "-" if v is None else ("%.3f" % v)
    ratio = lambda a, b: "-" if a is None or b is None else "%.2f" % (a / b)
    lines = ["| shape | config | ours (ms) | PyTorch eager (ms) | PyTorch cuDNN graph (ms) "
             "| ours/eager | ours/graph | floor (ms) | floor/ours | best algo (ms) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        algos = {a: r["algo_" + a] for a in ALGOS if r["algo_" + a] is not None}
        best = min(algos, key=algos.get) if algos else None
        cfg = "%s T=%d B=%d I=%d H=%d L=%d D=%d %s%s" % (
            r["mode"], r["T"], r["B"], r["I"], r["H"], r["L"], r["D"], r["dtype"],
            " tf32" if r["math"] == "tf32" else "")
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["shape"], cfg, fmt(r["ours_ms"]), fmt(r["torch_eager_ms"]),
            fmt(r["torch_graph_ms"]), ratio(r["ours_ms"], r["torch_eager_ms"]),
            ratio(r["ours_ms"], r["torch_graph_ms"]), fmt(r["floor_ms"]),
            ratio(r["floor_ms"], r["ours_ms"]),
            "%s %.3f" % (best, algos[best]) if best else "-"))
    device = torch.cuda.get_device_name(0)
    header = "GPU: %s, PyTorch %s (cuDNN %s), medians of %d calls (CUDA events).\n\n" % (
        device, torch.__version__, torch.backends.cudnn.version(), calls)
    with open(os.path.join(args.out, "gpu.md"), "w") as f:
        f.write(header + "\n".join(lines) + "\n")
    print(header + "\n".join(lines))


if __name__ == "__main__":
    main()
