#!/usr/bin/env python3
"""GPU benchmark of the LSTM projection (num_proj) and bf16 on both GPU
backends.

Shapes: S2/S5 of bench/gpu.py as LSTMP (P = H/4), and S3/S5 in bf16. For
each, side by side in interleaved rounds: ours on cuDNN and on the cuBLAS
fallback (`rnn-run --backend=cudnn|cublas --benchmark=N`, inputs resident,
graph-replayed), PyTorch eager (nn.LSTM(proj_size=P) under no_grad, CUDA
events) and PyTorch's call replayed from a CUDA graph. Reuses
bench/gpu.py's timers. Writes bench/results/proj-bf16-gpu.md (or --out).

Usage: python3 bench/proj_gpu.py --rnn-run PATH [--calls N] [--rounds R]
                                 [--backends cudnn,cublas] [--machine TEXT]
"""

import argparse
import dataclasses
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpu  # noqa: E402
from gpu import cuda_median_ms, spread, time_ours, torch  # noqa: E402


@dataclasses.dataclass
class ProjShape(gpu.Shape):
    proj: int = 0

    def width(self):
        return self.proj or self.units

    def params_size(self):
        size, g, h, p = 0, 4, self.units, self.width()
        for layer in range(self.layers):
            inp = self.input_size if layer == 0 else self.dirs * p
            size += self.dirs * (g * h * inp + g * h * p + 2 * g * h + (p * h if self.proj else 0))
        return size


SHAPES = [
    ProjShape("S2-proj", "lstm", 100, 64, 512, 512, proj=128),
    ProjShape("S5-proj", "lstm", 100, 64, 1024, 1024, dtype="f16", proj=256),
    ProjShape("S3-bf16", "lstm", 25, 128, 2048, 2048, dtype="bf16"),
    ProjShape("S5-bf16", "lstm", 100, 64, 1024, 1024, dtype="bf16"),
]


def write_module(shape, path):
    t, b, i, h, p = shape.steps, shape.batch, shape.input_size, shape.units, shape.width()
    ty, d, n = shape.dtype, shape.dirs, shape.layers * shape.dirs
    x = "tensor<%dx%dx%dx%s>" % (t, b, i, ty)
    hs = "tensor<%dx%dx%dx%s>" % (n, b, p, ty)
    cs = "tensor<%dx%dx%dx%s>" % (n, b, h, ty)
    y = "tensor<%dx%dx%dx%s>" % (t, b, d * p, ty)
    w = "tensor<%dx%s>" % (shape.params_size(), ty)
    attrs = "num_layers = %d, num_units = %d" % (shape.layers, h)
    if shape.proj:
        attrs += ", num_proj = %d" % shape.proj
    with open(path, "w") as f:
        f.write("func.func @main(%%x: %s, %%h: %s, %%c: %s, %%p: %s) -> (%s, %s, %s) {\n"
                "  %%y, %%hn, %%cn = rnn.lstm %%x, %%h, %%c, %%p {%s} : (%s, %s, %s, %s) -> (%s, %s, %s)\n"
                "  return %%y, %%hn, %%cn : %s, %s, %s\n}\n"
                % (x, hs, cs, w, y, hs, cs, attrs, x, hs, cs, w, y, hs, cs, y, hs, cs))


def torch_module(shape):
    """gpu.torch_module for a ProjShape: nn.LSTM(proj_size=P), h [L*D, B, P]."""
    dtype = {"f16": torch.float16, "bf16": torch.bfloat16}.get(shape.dtype, torch.float32)
    module = torch.nn.LSTM(shape.input_size, shape.units, shape.layers,
                           proj_size=shape.proj).cuda().to(dtype)
    n = shape.layers * shape.dirs
    x = torch.randn(shape.steps, shape.batch, shape.input_size, device="cuda", dtype=dtype)
    state = (torch.zeros(n, shape.batch, shape.width(), device="cuda", dtype=dtype),
             torch.zeros(n, shape.batch, shape.units, device="cuda", dtype=dtype))
    return module, x, state


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results"))
    parser.add_argument("--backends", default="cudnn,cublas")
    parser.add_argument("--machine", default=torch.cuda.get_device_name())
    args = parser.parse_args()
    backends = [b for b in args.backends.split(",") if b]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for shape in SHAPES:
            # gpu.py's timers with this file's module writers.
            gpu.write_module = write_module
            gpu.torch_module = torch_module
            peer = gpu.TorchPeer(shape)
            ours = {b: [] for b in backends}
            eager, graph, errors = [], [], {}
            for _ in range(args.rounds):
                for backend in backends:
                    ms, err = time_ours(args.rnn_run, shape, args.calls, "auto", work, backend)
                    ours[backend].append(ms)
                    errors[backend] = errors.get(backend) or err
                eager.append(peer.eager_ms(args.calls))
                graph.append(peer.graph_ms(args.calls))
            medians = {b: spread(ours[b])[0] for b in backends}
            rows.append((shape, medians, spread(eager)[0], spread(graph)[0], errors))
            print(shape.name, medians, rows[-1][2:4], flush=True)
    lines = ["# LSTM projection and bf16 on the GPU (%s)" % args.machine, "",
             "ms per call, median of %d rounds of %d calls; PyTorch %s (cuDNN %s), f32 strict (no TF32)."
             % (args.rounds, args.calls, torch.__version__, torch.backends.cudnn.version()), "",
             "| shape | T, B, I, H, P, dtype | %s | PyTorch eager | PyTorch graph | %s |" % (
                 " | ".join("ours (%s)" % b for b in backends),
                 " | ".join("%s / graph" % b for b in backends)),
             "|---|---|" + "---|" * (2 * len(backends) + 2)]
    for shape, medians, eager, graph, errors in rows:
        cells = ["%.3f" % medians[b] if medians[b] else "failed: " + str(errors[b])
                 for b in backends]
        ratios = ["%.2f" % (medians[b] / graph) if medians[b] and graph else "-"
                  for b in backends]
        lines.append("| %s | %d, %d, %d, %d, %s, %s | %s | %.3f | %.3f | %s |" % (
            shape.name, shape.steps, shape.batch, shape.input_size, shape.units,
            shape.proj or "-", shape.dtype, " | ".join(cells), eager, graph, " | ".join(ratios)))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "proj-bf16-gpu.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
