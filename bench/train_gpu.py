#!/usr/bin/env python3
"""Training-step benchmark on the GPU: rnn-mlir on cuDNN against PyTorch,
side by side in one run.

One training step is the training forward (returning the reserve) and the
grad op (cudnnRNNBackwardData_v8 + BackwardWeights_v8), with given dy,
dh_n (dc_n): what PyTorch does for `y, (h_n, c_n) = lstm(x, (h_0, c_0));
torch.autograd.backward([y, h_n, c_n], [dy, dh_n, dc_n])` with x, h_0, c_0
and every weight requiring grad. Systems:

  ours packed      rnn-run --backend=cudnn --benchmark, params in, dparams out
  ours canonical   the canonical weights in (rnn.pack_params in the step),
                   the canonical gradients out (rnn.unpack_params)
  torch eager      nn.LSTM/GRU forward + torch.autograd.backward
  torch graph      the same step captured once in a CUDA graph and replayed
                   (torch.autograd.grad, so nothing accumulates)

Every time is the median of --calls calls (CUDA events), after warm-up; the
systems run interleaved for --rounds rounds and the median of the round
medians is reported. f32 is strict (no TF32) on both sides. Writes
bench/results/train-gpu.md (and .json) and prints the table.

  python3 bench/train_gpu.py --rnn-run PATH [--calls 20] [--rounds 3]
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
from train import step_mlir  # noqa: E402

SHAPES = {
    "T1": Shape("T1", "lstm", T=100, B=64, I=512, H=512),
    "T2": Shape("T2", "lstm", T=100, B=64, I=512, H=512, dtype="f16"),
    "T3": Shape("T3", "lstm", T=100, B=64, I=1024, H=1024, dtype="f16"),
    "T4": Shape("T4", "gru", T=100, B=64, I=512, H=512),
    "T5": Shape("T5", "lstm", T=100, B=64, I=512, H=512, L=2, D=2, dtype="f16"),
    "T6": Shape("T6", "lstm", T=100, B=128, I=512, H=512, L=4, D=2, dtype="f16"),
}


def time_ours(tool, s, canonical, calls, workdir):
    path = os.path.join(workdir, "%s-%s.mlir" % (s.name, "canonical" if canonical else "packed"))
    with open(path, "w") as f:
        f.write(step_mlir(s, canonical))
    run = subprocess.run([tool, path, "--backend=cudnn", "--random-inputs=1",
                          "--benchmark=%d" % calls], capture_output=True, text=True)
    match = re.search(r"median ([0-9.]+) ms", run.stdout)
    if run.returncode != 0 or not match:
        print("%s: rnn-run failed: %s" % (s.name, run.stderr.strip()[-300:]), flush=True)
        return None
    return float(match.group(1))


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
    parser.add_argument("--out", default=os.path.join(HERE, "results", "train-gpu"))
    args = parser.parse_args()
    import torch
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for name in args.shapes.split(","):
            s = SHAPES[name]
            peer = TorchStep(s)
            peer.capture()
            rounds = {k: [] for k in ("packed", "canonical", "eager", "graph")}
            for _ in range(args.rounds):
                rounds["packed"].append(time_ours(args.rnn_run, s, False, args.calls, workdir))
                rounds["canonical"].append(time_ours(args.rnn_run, s, True, args.calls, workdir))
                rounds["eager"].append(peer.median_ms(peer.eager, args.calls))
                rounds["graph"].append(peer.median_ms(peer.graph.replay, args.calls))
            row = {k: median(v) for k, v in rounds.items()}
            row.update(shape=name, describe=s.describe())
            rows.append(row)
            print("%s: %s" % (name, {k: row[k] for k in rounds}), flush=True)
            del peer
            torch.cuda.empty_cache()
    device = torch.cuda.get_device_name()
    lines = ["Training step (training forward + backward data + backward weights), %s, "
             "PyTorch %s (cuDNN %s); medians of %d rounds of %d calls, CUDA events; f32 "
             "strict (no TF32) on both sides." % (device, torch.__version__,
                                                  torch.backends.cudnn.version(), args.rounds,
                                                  args.calls),
             "",
             "| shape | ours packed ms | ours canonical ms | PyTorch eager ms | PyTorch graph ms "
             "| packed / eager | packed / graph | canonical / graph |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        fmt = lambda v: "%.3f" % v if v else "-"  # noqa: E731
        lines.append("| %s %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["shape"], r["describe"], fmt(r["packed"]), fmt(r["canonical"]), fmt(r["eager"]),
            fmt(r["graph"]), ratio(r["packed"], r["eager"]), ratio(r["packed"], r["graph"]),
            ratio(r["canonical"], r["graph"])))
    table = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".md", "w") as f:
        f.write(table)
    with open(args.out + ".json", "w") as f:
        json.dump(dict(device=device, rows=rows), f, indent=1)
    print(table)


if __name__ == "__main__":
    main()
