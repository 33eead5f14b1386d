#!/usr/bin/env python3
"""Imported ONNX models on the CPU: rnn-translate + rnn-run against ONNX
Runtime and OpenVINO on the same .onnx file, side by side in one run.

C2/C3/C4-shaped nn.LSTM / nn.GRU stacks (bench/shapes.py) are exported with
torch.onnx.export (time-major, x and the initial states as graph inputs,
weights as initializers), imported with `rnn-translate --import-onnx`
(weights become constants, packing folds at compile time) and timed with
`rnn-run --backend=cpu|onednn --benchmark=N`; ONNX Runtime (intra_op_num_threads = threads) and
OpenVINO (CPU, INFERENCE_NUM_THREADS = threads, f32 precision hint) run the
same file on the same inputs, median of N calls after warm-up, in
interleaved rounds. OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are unset for every
system. ONNX Runtime comes from build/python-deps
(scripts/install-python-deps.sh); OpenVINO from --openvino (default build/bench-deps, made by
`scripts/install-python-deps.sh --bench`; skipped if absent).
Writes bench/results/onnx-import.md and prints it.

  /usr/bin/python3 bench/onnx_import.py [--build build] [--openvino DIR]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(variable, None)

import numpy as np  # noqa: E402

from shapes import Shape  # noqa: E402

SHAPES = [
    Shape("C2", "lstm", T=100, B=16, I=256, H=256),
    Shape("C3", "lstm", T=50, B=32, I=512, H=512, L=2, D=2),
    Shape("C4", "gru", T=100, B=16, I=256, H=256, L=2),
]


# Our two CPU backends: the portable linalg path and oneDNN's RNN primitives.
BACKENDS = ("cpu", "onednn")


def export(s, path):
    import torch
    cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[s.mode]
    module = cls(s.I, s.H, s.L, bidirectional=s.D == 2).eval()
    x = torch.randn(s.T, s.B, s.I)
    h = torch.randn(s.L * s.D, s.B, s.H)
    feed = {"x": x.numpy(), "h_0": h.numpy()}
    args = (x, (h, torch.randn(s.L * s.D, s.B, s.H))) if s.mode == "lstm" else (x, h)
    names = ["x", "h_0", "c_0"] if s.mode == "lstm" else ["x", "h_0"]
    if s.mode == "lstm":
        feed["c_0"] = args[1][1].numpy()
    torch.onnx.export(module, args, path, input_names=names, opset_version=14)
    return feed


def median(values):
    return sorted(values)[len(values) // 2]


def time_calls(run, calls):
    run()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--openvino", default=None,
                        help="OpenVINO's folder (default BUILD/bench-deps)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    args.openvino = args.openvino or os.path.join(args.build, "bench-deps")
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    sys.path.insert(0, os.path.join(args.build, "python-deps"))
    if os.path.isdir(args.openvino):
        sys.path.insert(0, args.openvino)
    import onnxruntime
    try:
        import openvino
    except ImportError:
        openvino = None
    import torch
    torch.set_num_threads(args.threads)

    rows = []
    with tempfile.TemporaryDirectory() as work:
        for s in SHAPES:
            onnx_path = os.path.join(work, s.name + ".onnx")
            mlir_path = os.path.join(work, s.name + ".mlir")
            feed = export(s, onnx_path)
            subprocess.run([os.path.join(args.build, "bin", "rnn-translate"), "--import-onnx",
                            onnx_path, "-o", mlir_path], check=True, capture_output=True)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = args.threads
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(onnx_path, options,
                                                   providers=["CPUExecutionProvider"])
            used = {i.name: feed[i.name] for i in session.get_inputs()}
            inputs = []
            for name in ("x", "h_0", "c_0"):
                if name in used:
                    path = os.path.join(work, "%s.%s.npy" % (s.name, name))
                    np.save(path, used[name])
                    inputs.append("--input=" + path)
            compiled = None
            if openvino is not None:
                core = openvino.Core()
                compiled = core.compile_model(
                    core.read_model(onnx_path), "CPU",
                    {"INFERENCE_NUM_THREADS": args.threads, "INFERENCE_PRECISION_HINT": "f32"})
            times = {"cpu": [], "onednn": [], "ort": [], "openvino": []}
            for _ in range(args.rounds):
                for backend in BACKENDS:
                    out = subprocess.run(
                        [os.path.join(args.build, "bin", "rnn-run"), mlir_path,
                         "--backend=" + backend, "--benchmark=%d" % args.calls] + inputs,
                        capture_output=True, text=True, check=True).stdout
                    times[backend].append(
                        float(re.search(r"median ([0-9.]+) ms", out).group(1)))
                times["ort"].append(time_calls(lambda: session.run(None, used), args.calls))
                if compiled is not None:
                    request = compiled.create_infer_request()
                    times["openvino"].append(
                        time_calls(lambda: request.infer(list(used.values())), args.calls))
            cpu, onednn = median(times["cpu"]), median(times["onednn"])
            ort = median(times["ort"])
            ov_ms = median(times["openvino"]) if times["openvino"] else float("nan")
            best = min(ort, ov_ms) if times["openvino"] else ort
            rows.append((s, cpu, onednn, ort, ov_ms, min(cpu, onednn) / best))
            print("%s: cpu %.2f ms, onednn %.2f ms, ONNX Runtime %.2f ms, OpenVINO %.2f ms"
                  % (s.name, cpu, onednn, ort, ov_ms), flush=True)
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    lines = ["Imported ONNX models (torch.onnx.export, opset 14) on the CPU, %d threads; rnn-translate + "
             "rnn-run vs ONNX Runtime %s and OpenVINO %s on the same file; median of %d interleaved "
             "rounds of %d calls; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset; load average at the end %s."
             % (args.threads, onnxruntime.__version__,
                openvino.__version__ if openvino else "(not installed)", args.rounds, args.calls, load),
             "",
             "| shape | ours --backend=cpu ms | ours --backend=onednn ms | ONNX Runtime ms | "
             "OpenVINO ms | our best / best peer |",
             "|---|---|---|---|---|---|"]
    for s, cpu, onednn, ort, ov_ms, ratio in rows:
        lines.append("| %s %s | %.2f | %.2f | %.2f | %.2f | %.2f |"
                     % (s.name, s.describe(), cpu, onednn, ort, ov_ms, ratio))
    table = "\n".join(lines) + "\n"
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "onnx-import.md"), "w") as f:
        f.write(table)
    print(table)


if __name__ == "__main__":
    main()
