#!/usr/bin/env python3
"""A PyTorch process that times nn.LSTM/GRU/RNN calls for bench/run.py.

Each PyTorch system runs in its own worker process so that it gets its own
environment (OMP_WAIT_POLICY, thread counts; libgomp reads them once at load)
and does not share the benchmark process's OpenBLAS threads. Protocol: one
JSON request per line on stdin, one JSON answer per line on stdout.

  {"cmd": "version"}                                   -> {"ok": true, "version": ...}
  {"cmd": "prepare", "shape": {...}}                   -> {"ok": true, "est_ms": ...}
  {"cmd": "measure", "shape": {...}, "calls": N, "budget_s": S}
        -> {"ok": true, "median_ms": ..., "min_ms": ..., "calls": n}
     (one warm-up call, then N timed calls, stopping early once S seconds
      have passed since the warm-up began, after at least 1 timed call)

Environment: BENCH_THREADS (torch.set_num_threads), BENCH_DEVICE (cpu; GPU
workers are for later).
"""

import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shapes import Shape  # noqa: E402

import torch  # noqa: E402

torch.set_num_threads(int(os.environ.get("BENCH_THREADS", "2")))
DEVICE = os.environ.get("BENCH_DEVICE", "cpu")
_cache = {}


def setup(shape):
    key = repr(shape)
    if key in _cache:
        return _cache[key]
    _cache.clear()  # one shape at a time keeps memory low
    torch.manual_seed(0)
    dtype = {"f16": torch.float16, "f32": torch.float32, "f64": torch.float64}[shape.dtype]
    kwargs = dict(num_layers=shape.L, bidirectional=shape.D == 2)
    if shape.mode in ("rnn_tanh", "rnn_relu"):
        cls = torch.nn.RNN
        kwargs["nonlinearity"] = shape.mode[4:]
    else:
        cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[shape.mode]
    model = cls(shape.I, shape.H, **kwargs).to(device=DEVICE, dtype=dtype).eval()
    x = torch.rand(shape.T, shape.B, shape.I, dtype=dtype, device=DEVICE) - 0.5
    h = torch.rand(shape.L * shape.D, shape.B, shape.H, dtype=dtype, device=DEVICE) - 0.5
    state = (h, torch.rand_like(h) - 0.5) if shape.mode == "lstm" else h

    def call():
        with torch.no_grad():
            return model(x, state)

    _cache[key] = call
    return call


def handle(req):
    cmd = req["cmd"]
    if cmd == "version":
        return {"version": torch.__version__, "threads": torch.get_num_threads(),
                "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "")}
    shape = Shape(**req["shape"])
    call = setup(shape)
    if cmd == "prepare":
        call()
        start = time.perf_counter()
        call()
        return {"est_ms": (time.perf_counter() - start) * 1e3}
    if cmd == "measure":
        deadline = time.perf_counter() + req.get("budget_s", 1e9)
        call()  # warm-up, as rnn-run does
        times = []
        for _ in range(req["calls"]):
            start = time.perf_counter()
            call()
            end = time.perf_counter()
            times.append((end - start) * 1e3)
            if end > deadline:
                break
        return {"median_ms": statistics.median(times), "min_ms": min(times), "calls": len(times)}
    raise ValueError(f"unknown command {cmd!r}")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = handle(json.loads(line))
            answer["ok"] = True
        except Exception as e:  # reported to run.py, which stops with it
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
