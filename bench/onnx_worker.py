#!/usr/bin/env python3
"""A process that times ONNX Runtime or OpenVINO on one recurrent model for
bench/run.py, with the protocol of torch_worker.py (one JSON request per line
on stdin, one JSON answer per line on stdout):

  {"cmd": "version"}                  -> {"ok": true, "version": ...}
  {"cmd": "prepare", "shape": {...}}  -> {"ok": true, "est_ms": ..., "setup_ms": ...}
  {"cmd": "measure", "shape": {...}, "calls": N, "budget_s": S}
        -> {"ok": true, "median_ms": ..., "min_ms": ..., "calls": n}

The model is what a user exports: one ONNX LSTM/GRU/RNN node per layer
(ONNX's nodes have one layer each; bidirectional layers feed the next one
through Transpose + Reshape), random weights as initializers (constants),
f32. GRU nodes use linear_before_reset = 1 (the dialect's and cuDNN's GRU).
setup_ms is the session creation (ONNX Runtime: InferenceSession; OpenVINO:
read_model + compile_model) from the serialized model, what a serving system
pays at cold start.

Environment: BENCH_ENGINE (onnxruntime | openvino), BENCH_THREADS,
BENCH_PRECISION (f32, or bf16 for OpenVINO: its default on AVX-512 bf16
CPUs, which then runs the bf16 shapes on the same f32 model). Both
engines run f32 with BENCH_THREADS intra-op threads: ONNX Runtime with
intra_op_num_threads and sequential execution; OpenVINO with
INFERENCE_NUM_THREADS, INFERENCE_PRECISION_HINT=f32 (it defaults to bf16 on
CPUs with AVX-512 bf16 / AMX) and the LATENCY hint.
"""

import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shapes import Shape  # noqa: E402

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper  # noqa: E402

ENGINE = os.environ.get("BENCH_ENGINE", "onnxruntime")
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
PRECISION = os.environ.get("BENCH_PRECISION", "f32")
_cache = {}


def build_model(shape):
    """The ONNX model of `shape` and its inputs (x, h_0[, c_0])."""
    rng = np.random.default_rng(0)
    G = shape.gates
    D, H = shape.D, shape.H
    op = {"lstm": "LSTM", "gru": "GRU", "rnn_tanh": "RNN", "rnn_relu": "RNN"}[shape.mode]
    scale = 1.0 / np.sqrt(H)
    inits, nodes, outputs = [], [], []
    x_name = "x"
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, [shape.T, shape.B, shape.I]),
              helper.make_tensor_value_info("h_0", TensorProto.FLOAT, [shape.L * D, shape.B, H])]
    feeds = {"x": (rng.random((shape.T, shape.B, shape.I), dtype=np.float32) - 0.5),
             "h_0": (rng.random((shape.L * D, shape.B, H), dtype=np.float32) - 0.5)}
    if shape.mode == "lstm":
        inputs.append(helper.make_tensor_value_info("c_0", TensorProto.FLOAT, [shape.L * D, shape.B, H]))
        feeds["c_0"] = rng.random((shape.L * D, shape.B, H), dtype=np.float32) - 0.5
    # Each layer's rows of the states (D each): one Split per state.
    for state in (["h_0", "c_0"] if shape.mode == "lstm" else ["h_0"]):
        if shape.L == 1:
            nodes.append(helper.make_node("Identity", [state], [f"{state}_0"]))
            continue
        inits.append(helper.make_tensor(f"{state}_split", TensorProto.INT64, [shape.L], [D] * shape.L))
        nodes.append(helper.make_node("Split", [state, f"{state}_split"],
                                      [f"{state}_{layer}" for layer in range(shape.L)], axis=0))
    for layer in range(shape.L):
        in_size = shape.layer_input(layer)
        w = ((rng.random((D, G * H, in_size), dtype=np.float32) - 0.5) * 2 * scale).astype(np.float32)
        r = ((rng.random((D, G * H, H), dtype=np.float32) - 0.5) * 2 * scale).astype(np.float32)
        b = ((rng.random((D, 2 * G * H), dtype=np.float32) - 0.5) * 2 * scale).astype(np.float32)
        for name, value in ((f"W{layer}", w), (f"R{layer}", r), (f"B{layer}", b)):
            inits.append(helper.make_tensor(name, TensorProto.FLOAT, value.shape, value.ravel()))
        node_inputs = [x_name, f"W{layer}", f"R{layer}", f"B{layer}", "", f"h_0_{layer}"]
        node_outputs = [f"Y{layer}", f"Y_h{layer}"]
        attrs = dict(hidden_size=H, direction="bidirectional" if D == 2 else "forward")
        if shape.mode == "lstm":
            node_inputs.append(f"c_0_{layer}")
            node_outputs.append(f"Y_c{layer}")
        if shape.mode == "gru":
            attrs["linear_before_reset"] = 1
        if shape.mode == "rnn_relu":
            attrs["activations"] = ["Relu"] * D
        nodes.append(helper.make_node(op, node_inputs, node_outputs, **attrs))
        outputs += node_outputs[1:]
        # Y [T, D, B, H] -> [T, B, D*H], the next layer's input (and y).
        inits.append(helper.make_tensor(f"shape{layer}", TensorProto.INT64, [3], [shape.T, shape.B, D * H]))
        nodes.append(helper.make_node("Transpose", [f"Y{layer}"], [f"Yt{layer}"], perm=[0, 2, 1, 3]))
        nodes.append(helper.make_node("Reshape", [f"Yt{layer}", f"shape{layer}"], [f"y{layer}"]))
        x_name = f"y{layer}"
    outputs = [x_name] + outputs
    graph = helper.make_graph(nodes, "rnn", inputs,
                              [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in outputs], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 8
    return model.SerializeToString(), feeds


def make_session(model_bytes, feeds):
    """Returns (call, setup_ms)."""
    start = time.perf_counter()
    if ENGINE == "onnxruntime":
        import onnxruntime as ort
        options = ort.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        session = ort.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])
        setup_ms = (time.perf_counter() - start) * 1e3

        def call():
            return session.run(None, feeds)
        return call, setup_ms
    import openvino as ov
    core = ov.Core()
    model = core.read_model(model=model_bytes, weights=b"")
    compiled = core.compile_model(model, "CPU", {
        "INFERENCE_PRECISION_HINT": PRECISION, "INFERENCE_NUM_THREADS": str(THREADS),
        "PERFORMANCE_HINT": "LATENCY", "NUM_STREAMS": "1"})
    request = compiled.create_infer_request()
    setup_ms = (time.perf_counter() - start) * 1e3
    tensors = {name: ov.Tensor(value) for name, value in feeds.items()}

    def call():
        return request.infer(tensors)
    return call, setup_ms


def setup(shape):
    key = repr(shape)
    if key in _cache:
        return _cache[key]
    _cache.clear()
    model_bytes, feeds = build_model(shape)
    _cache[key] = make_session(model_bytes, feeds)
    return _cache[key]


def version():
    if ENGINE == "onnxruntime":
        import onnxruntime as ort
        return "onnxruntime " + ort.__version__
    import openvino as ov
    return "openvino " + ov.__version__.split("-")[0]


def handle(req):
    cmd = req["cmd"]
    if cmd == "version":
        return {"version": version()}
    shape = Shape(**req["shape"])
    if shape.dtype != PRECISION or (PRECISION != "f32" and ENGINE != "openvino"):
        raise ValueError(f"{ENGINE} runs {PRECISION} here, not {shape.dtype}")
    call, setup_ms = setup(shape)
    if cmd == "prepare":
        call()
        start = time.perf_counter()
        call()
        return {"est_ms": (time.perf_counter() - start) * 1e3, "setup_ms": setup_ms}
    if cmd == "measure":
        deadline = time.perf_counter() + req.get("budget_s", 1e9)
        call()
        times = []
        for _ in range(req["calls"]):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1e3)
            if time.perf_counter() > deadline:
                break
        return {"median_ms": statistics.median(times), "min_ms": min(times), "calls": len(times)}
    raise ValueError(f"unknown command {cmd!r}")


def main():
    for line in sys.stdin:
        try:
            ans = handle(json.loads(line))
            ans["ok"] = True
        except Exception as e:  # the benchmark reports it and goes on
            ans = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(ans) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
