#!/usr/bin/env python3
"""Variable sequence lengths on the GPU: rnn-mlir against PyTorch's
PackedSequence, and the cost of the lengths operand on full-length input.

For S2 (LSTM T=100 B=64 H=512 f32 strict) and S6 (GRU T=1500 B=32 H=1024
f16), with lengths drawn uniformly from [T/2, T] (seed 0, unsorted):
  - ours: `rnn-run --backend=cudnn|cublas --benchmark=N` on a module whose
    rnn op takes the lengths as its seq_lengths operand (inputs from .npy);
  - PyTorch: pack_padded_sequence(enforce_sorted=False) -> nn.LSTM/GRU ->
    pad_packed_sequence, eager, and the same replayed from a CUDA graph
    where capture works (else "n/a");
  - ours with all lengths = T against ours without the operand (the cost of
    the feature; target <= 3% slower).
Medians of interleaved rounds (CUDA events on both sides). Writes
bench/results/lengths-gpu.md and prints the table.

  python3 bench/lengths_gpu.py --rnn-run PATH [--calls 20] [--rounds 3]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

from gpu import SHAPES, cuda_median_ms, torch_module, write_module  # noqa: E402

NAMES = ["S2", "S6"]


def module_with_lengths(shape, path):
    """write_module's text with `%len : tensor<Bxi32>` as the rnn op's last
    operand."""
    write_module(shape, path)
    text = open(path).read()
    lengths = "tensor<%dxi32>" % shape.batch
    head, body = text.split("\n", 1)
    head = head.replace(") -> (", ", %%len: %s) -> (" % lengths, 1)
    op, rest = body.split("\n", 1)
    # `... %p {attrs} : (types) -> (...)`: the operand and its type.
    op = op.replace(" %p {", " %p, %len {", 1)
    signature = op.split(" : (", 1)
    operand_types, results = signature[1].split(") -> ", 1)
    op = signature[0] + " : (" + operand_types + ", " + lengths + ") -> " + results
    with open(path, "w") as f:
        f.write(head + "\n" + op + "\n" + rest)


def inputs_for(shape, lengths, workdir):
    rng = np.random.default_rng(1)
    dtype = np.float16 if shape.dtype == "f16" else np.float32
    states = shape.layers * shape.dirs
    arrays = [("x", (shape.steps, shape.batch, shape.input_size), 1.0),
              ("h", (states, shape.batch, shape.units), 0.5)]
    if shape.mode == "lstm":
        arrays.append(("c", (states, shape.batch, shape.units), 0.5))
    arrays.append(("p", (shape.params_size(),), 0.05))
    paths = []
    for name, dims, scale in arrays:
        path = os.path.join(workdir, "%s-%s.npy" % (shape.name, name))
        np.save(path, (scale * rng.standard_normal(dims)).astype(dtype))
        paths.append(path)
    if lengths is not None:
        path = os.path.join(workdir, "%s-len-%d.npy" % (shape.name, int(lengths.min())))
        np.save(path, lengths.astype(np.int32))
        paths.append(path)
    return paths


def time_rnn_run(tool, module, inputs, backend, calls):
    cmd = [tool, module, "--backend=" + backend, "--benchmark=%d" % calls,
           "--cudnn-math=strict"] + ["--input=" + p for p in inputs]
    run = subprocess.run(cmd, capture_output=True, text=True)
    match = re.search(r"median ([0-9.]+) ms", run.stdout)
    if run.returncode != 0 or not match:
        print("rnn-run failed: %s" % run.stderr.strip()[-300:], flush=True)
        return None
    return float(match.group(1))


class TorchPacked:
    """nn.LSTM/GRU on a PackedSequence of the padded batch."""

    def __init__(self, shape, lengths):
        import torch
        self.torch = torch
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cuda.matmul.allow_tf32 = False
        self.module, self.x, self.state = torch_module(shape)
        self.lengths = torch.tensor(lengths, dtype=torch.int64)  # on the host
        self.graph = None
        with torch.no_grad():
            for _ in range(3):
                self.call()
            try:
                stream = torch.cuda.Stream()
                stream.wait_stream(torch.cuda.current_stream())
                with torch.cuda.stream(stream):
                    for _ in range(3):
                        self.call()
                torch.cuda.current_stream().wait_stream(stream)
                graph = torch.cuda.CUDAGraph()
                with torch.cuda.graph(graph):
                    self.call()
                self.graph = graph
            except Exception as error:  # noqa: BLE001 - reported as n/a
                print("PyTorch graph capture of a PackedSequence failed: %s"
                      % str(error).splitlines()[0], flush=True)
                torch.cuda.synchronize()

    def call(self):
        nn = self.torch.nn.utils.rnn
        packed = nn.pack_padded_sequence(self.x, self.lengths, enforce_sorted=False)
        out, _ = self.module(packed, self.state)
        return nn.pad_packed_sequence(out, total_length=self.x.shape[0])

    def eager_ms(self, calls):
        with self.torch.no_grad():
            return cuda_median_ms(self.call, calls)

    def graph_ms(self, calls):
        return cuda_median_ms(self.graph.replay, calls) if self.graph else None


def median(values):
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def fmt(value, digits=3):
    return "n/a" if value is None else "%.*f" % (digits, value)


def ratio(a, b):
    return "n/a" if a is None or b is None else "%.2f" % (a / b)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    args = parser.parse_args()
    import torch
    shapes = {s.name: s for s in SHAPES}
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for name in NAMES:
            shape = shapes[name]
            rng = np.random.default_rng(0)
            lengths = rng.integers(shape.steps // 2, shape.steps + 1, shape.batch)
            full = np.full(shape.batch, shape.steps)
            plain = os.path.join(work, name + ".mlir")
            with_lengths = os.path.join(work, name + "-lengths.mlir")
            write_module(shape, plain)
            module_with_lengths(shape, with_lengths)
            varied = inputs_for(shape, lengths, work)
            full_inputs = inputs_for(shape, full, work)
            peer = TorchPacked(shape, lengths)
            times = {k: [] for k in ["cudnn", "cublas", "eager", "graph", "full", "none"]}
            for _ in range(args.rounds):
                times["cudnn"].append(time_rnn_run(args.rnn_run, with_lengths, varied, "cudnn", args.calls))
                times["cublas"].append(time_rnn_run(args.rnn_run, with_lengths, varied, "cublas", args.calls))
                times["eager"].append(peer.eager_ms(args.calls))
                times["graph"].append(peer.graph_ms(args.calls))
                times["full"].append(time_rnn_run(args.rnn_run, with_lengths, full_inputs, "cudnn", args.calls))
                times["none"].append(time_rnn_run(args.rnn_run, plain, full_inputs[:-1], "cudnn", args.calls))
            m = {k: median(v) for k, v in times.items()}
            rows.append((shape, lengths, m))
            print(name, m, flush=True)
    device = torch.cuda.get_device_name()
    lines = [
        "Variable sequence lengths (random in [T/2, T], seed 0, unsorted), %s, "
        "PyTorch %s (cuDNN %d) with pack_padded_sequence(enforce_sorted=False); "
        "medians of %d rounds of %d calls, CUDA events; f32 strict (no TF32)."
        % (device, torch.__version__, torch.backends.cudnn.version(), args.rounds, args.calls),
        "",
        "| shape | ours cudnn ms | ours cublas ms | PyTorch packed eager ms | PyTorch packed graph ms "
        "| cudnn / eager | cudnn / graph | cublas / eager | all lengths = T ms | no lengths ms | cost of the operand |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for shape, lengths, m in rows:
        cost = "n/a" if m["full"] is None or m["none"] is None else "%+.1f%%" % (
            100.0 * (m["full"] / m["none"] - 1.0))
        lines.append("| %s %s T=%d B=%d H=%d %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            shape.name, shape.mode.upper(), shape.steps, shape.batch, shape.units, shape.dtype,
            fmt(m["cudnn"]), fmt(m["cublas"]), fmt(m["eager"]), fmt(m["graph"]),
            ratio(m["cudnn"], m["eager"]), ratio(m["cudnn"], m["graph"]),
            ratio(m["cublas"], m["eager"]), fmt(m["full"]), fmt(m["none"]), cost))
    text = "\n".join(lines) + "\n"
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "lengths-gpu.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
