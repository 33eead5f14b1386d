#!/usr/bin/env python3
"""Training-step benchmark on the GPU: rnn-mlir on cuDNN and on the cuBLAS
fallback against PyTorch, side by side in one run.

One training step is the training forward (returning the reserve) and the
grad op (cudnnRNNBackwardData_v8 + BackwardWeights_v8 on cuDNN; the
fallback's own backward on cublas), with given dy, dh_n (dc_n): what
PyTorch does for `y, (h_n, c_n) = lstm(x, (h_0, c_0));
torch.autograd.backward([y, h_n, c_n], [dy, dh_n, dc_n])` with x, h_0, c_0
and every weight requiring grad. Systems:

  ours packed      rnn-run --backend=cudnn --benchmark, params in, dparams out
  ours canonical   the canonical weights in (rnn.pack_params in the step),
                   the canonical gradients out (rnn.unpack_params)
  fallback packed  rnn-run --backend=cublas --benchmark, params in, dparams
                   out (the cuBLAS fallback's training forward and backward)
  torch eager      nn.LSTM/GRU forward + torch.autograd.backward
  torch graph      the same step captured once in a CUDA graph and replayed
                   (torch.autograd.grad, so nothing accumulates)

With --backward, also the grad op alone on each backend: the training
forward runs once (its y and reserve written as .npy), then the grad op's
function with them as arguments under --benchmark (cuDNN's backward then
works on a copy of the reserve, which it would overwrite; the copy is
included).

Every time is the median of --calls calls (CUDA events), after warm-up; the
systems run interleaved for --rounds rounds and the median of the round
medians is reported. f32 is strict (no TF32) on both sides. Writes
bench/results/train-gpu.md (and .json) and prints the table.

  python3 bench/train_gpu.py --rnn-run PATH [--calls 20] [--rounds 3]
      [--systems packed,canonical,fallback,eager,graph] [--backward]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "test", "Integration", "Inputs"))

from gpu import cuda_median_ms  # noqa: E402
from shapes import Shape  # noqa: E402
from train import split_mlir, step_mlir  # noqa: E402

SHAPES = {
    "T1": Shape("T1", "lstm", T=100, B=64, I=512, H=512),
    "T2": Shape("T2", "lstm", T=100, B=64, I=512, H=512, dtype="f16"),
    "T3": Shape("T3", "lstm", T=100, B=64, I=1024, H=1024, dtype="f16"),
    "T4": Shape("T4", "gru", T=100, B=64, I=512, H=512),
    "T5": Shape("T5", "lstm", T=100, B=64, I=512, H=512, L=2, D=2, dtype="f16"),
    "T6": Shape("T6", "lstm", T=100, B=128, I=512, H=512, L=4, D=2, dtype="f16"),
}


def _benchmark(s, cmd):
    """The median ms of an rnn-run --benchmark command line, or None."""
    run = subprocess.run(cmd, capture_output=True, text=True)
    match = re.search(r"median ([0-9.]+) ms", run.stdout)
    if run.returncode != 0 or not match:
        print("%s: rnn-run failed: %s" % (s.name, run.stderr.strip()[-300:]), flush=True)
        return None
    return float(match.group(1))


def time_ours(tool, s, canonical, calls, workdir, backend="cudnn"):
    path = os.path.join(workdir, "%s-%s-%s.mlir" % (
        s.name, backend, "canonical" if canonical else "packed"))
    with open(path, "w") as f:
        f.write(step_mlir(s, canonical))
    return _benchmark(s, [tool, path, "--backend=" + backend, "--random-inputs=1",
                          "--benchmark=%d" % calls])


def time_backward(tool, s, calls, workdir, backend):
    """The grad op alone on `backend`: the training forward once (random
    inputs from numpy, y and the reserve written as .npy), then the grad
    op's function on them under --benchmark."""
    import numpy as np
    directory = os.path.join(workdir, "%s-%s-backward" % (s.name, backend))
    os.makedirs(directory, exist_ok=True)
    forward, backward = split_mlir(s)
    for name, text in (("forward", forward), ("backward", backward)):
        with open(os.path.join(directory, name + ".mlir"), "w") as f:
            f.write(text)
    rng = np.random.default_rng(1)
    dtype = np.float16 if s.dtype == "f16" else np.float32
    cell = s.mode == "lstm"
    from rnn_reference import params_size
    state = (s.L * s.D, s.B, s.H)
    shapes = [("x", (s.T, s.B, s.I)), ("h", state)] + ([("c", state)] if cell else [])
    shapes += [("p", (params_size(s.mode, s.L, s.H, s.I, s.D == 2, False),))]
    seeds = [("dy", (s.T, s.B, s.D * s.H)), ("dhn", state)] + ([("dcn", state)] if cell else [])
    path = lambda name: os.path.join(directory, name + ".npy")  # noqa: E731
    for name, shape in shapes + seeds:
        bound = 1.0 / s.H ** 0.5 if name == "p" else 1.0
        np.save(path(name), rng.uniform(-bound, bound, size=shape).astype(dtype))
    outputs = ["y", "hn"] + (["cn"] if cell else []) + ["r"]
    run = subprocess.run(
        [tool, os.path.join(directory, "forward.mlir"), "--backend=" + backend]
        + ["--input=" + path(n) for n, _ in shapes] + ["--output=" + path(n) for n in outputs],
        capture_output=True, text=True)
    if run.returncode != 0:
        print("%s: rnn-run forward failed: %s" % (s.name, run.stderr.strip()[-300:]), flush=True)
        return None
    inputs = [n for n, _ in shapes] + ["y", "r"] + [n for n, _ in seeds]
    return _benchmark(s, [tool, os.path.join(directory, "backward.mlir"),
                          "--backend=" + backend, "--benchmark=%d" % calls]
                      + ["--input=" + path(n) for n in inputs])


class TorchStep:
    """PyTorch's training step for a shape, eager and CUDA-graph replayed."""

    def __init__(self, s):
        import torch
        self.torch = torch
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cuda.matmul.allow_tf32 = False
        dtype = torch.float16 if s.dtype == "f16" else torch.float32
        cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[s.mode]
        self.module = cls(s.I, s.H, s.L, bidirectional=s.D == 2).cuda().to(dtype)
        make = lambda *shape, grad=False: torch.randn(  # noqa: E731
            *shape, device="cuda", dtype=dtype, requires_grad=grad)
        self.x = make(s.T, s.B, s.I, grad=True)
        self.states = [make(s.L * s.D, s.B, s.H, grad=True)
                       for _ in range(2 if s.mode == "lstm" else 1)]
        self.seeds = [make(s.T, s.B, s.D * s.H)] + [make(s.L * s.D, s.B, s.H)
                                                    for _ in self.states]
        self.inputs = [self.x] + self.states + list(self.module.parameters())

    def outputs(self):
        state = tuple(self.states) if len(self.states) == 2 else self.states[0]
        y, final = self.module(self.x, state)
        return [y] + (list(final) if isinstance(final, tuple) else [final])

    def eager(self):
        self.torch.autograd.backward(self.outputs(), self.seeds)

    def functional(self):
        return self.torch.autograd.grad(self.outputs(), self.inputs, self.seeds)

    def capture(self):
        torch = self.torch
        stream = torch.cuda.Stream()
        stream.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(stream):
            for _ in range(3):
                self.functional()
        torch.cuda.current_stream().wait_stream(stream)
        self.graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(self.graph):
            self.grads = self.functional()

    def median_ms(self, fn, calls):
        for _ in range(3):
            fn()
        return cuda_median_ms(fn, calls)


def median(values):
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def ratio(a, b):
    return "%.2f" % (a / b) if a and b else "-"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rnn-run", required=True)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--systems", default="packed,canonical,fallback,eager,graph",
                        help="which step timings to take")
    parser.add_argument("--backward", action="store_true",
                        help="also the grad op alone on cudnn and cublas")
    parser.add_argument("--out", default=os.path.join(HERE, "results", "train-gpu"))
    args = parser.parse_args()
    import torch
    systems = [k for k in args.systems.split(",") if k]
    if args.backward:
        systems += ["cudnn backward", "fallback backward"]
    takes = {
        "packed": lambda s, peer, w: time_ours(args.rnn_run, s, False, args.calls, w),
        "canonical": lambda s, peer, w: time_ours(args.rnn_run, s, True, args.calls, w),
        "fallback": lambda s, peer, w: time_ours(args.rnn_run, s, False, args.calls, w,
                                                 "cublas"),
        "eager": lambda s, peer, w: peer.median_ms(peer.eager, args.calls),
        "graph": lambda s, peer, w: peer.median_ms(peer.graph.replay, args.calls),
        "cudnn backward": lambda s, peer, w: time_backward(args.rnn_run, s, args.calls, w,
                                                           "cudnn"),
        "fallback backward": lambda s, peer, w: time_backward(args.rnn_run, s, args.calls, w,
                                                              "cublas"),
    }
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for name in args.shapes.split(","):
            s = SHAPES[name]
            peer = TorchStep(s)
            if "graph" in systems:
                peer.capture()
            rounds = {k: [] for k in systems}
            for _ in range(args.rounds):
                for k in systems:
                    rounds[k].append(takes[k](s, peer, workdir))
            row = {k: median(v) for k, v in rounds.items()}
            row.update(shape=name, describe=s.describe())
            rows.append(row)
            print("%s: %s" % (name, {k: row[k] for k in rounds}), flush=True)
            del peer
            torch.cuda.empty_cache()
    device = torch.cuda.get_device_name()
    ratios = [("packed / eager", "packed", "eager"), ("packed / graph", "packed", "graph"),
              ("canonical / graph", "canonical", "graph"),
              ("fallback / packed", "fallback", "packed"),
              ("fallback / graph", "fallback", "graph"),
              ("fallback bwd / cudnn bwd", "fallback backward", "cudnn backward")]
    ratios = [r for r in ratios if r[1] in systems and r[2] in systems]
    names = {"packed": "ours packed", "canonical": "ours canonical",
             "fallback": "fallback packed", "eager": "PyTorch eager", "graph": "PyTorch graph"}
    lines = ["Training step (training forward + backward data + backward weights), %s, "
             "PyTorch %s (cuDNN %s); medians of %d rounds of %d calls, CUDA events; f32 "
             "strict (no TF32) on both sides." % (device, torch.__version__,
                                                  torch.backends.cudnn.version(), args.rounds,
                                                  args.calls),
             "",
             "| shape | " + " | ".join(names.get(k, k) + " ms" for k in systems) + " | "
             + " | ".join(r[0] for r in ratios) + " |",
             "|---|" + "---|" * (len(systems) + len(ratios))]
    for r in rows:
        fmt = lambda v: "%.3f" % v if v else "-"  # noqa: E731
        lines.append("| %s %s | %s | %s |" % (
            r["shape"], r["describe"], " | ".join(fmt(r[k]) for k in systems),
            " | ".join(ratio(r[a], r[b]) for _, a, b in ratios)))
    table = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".md", "w") as f:
        f.write(table)
    with open(args.out + ".json", "w") as f:
        json.dump(dict(device=device, rows=rows), f, indent=1)
    print(table)


if __name__ == "__main__":
    main()
