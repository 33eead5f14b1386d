#!/usr/bin/env python3
"""rnn.gru against ONNX's own reference evaluator (onnx.reference), for both
reset placements: linear_before_reset = 0 (ONNX's default, our
`linear_before_reset = false`) and 1 (cuDNN's GRU, our default).

For each of --count random configurations (T, B, I, H, direction, element
type, placement drawn from --seed), builds a one-node ONNX GRU model with
random W, R, B and initial_h, evaluates it with onnx.reference, converts the
weights to the canonical order (ONNX gates z, r, h -> canonical r, z, h),
packs them (rnn_reference.pack), runs the equivalent rnn.gru with rnn-run
and compares Y and Y_h: relative Frobenius error at most 1e-5 (f32) or
1e-10 (f64). Prints one line per configuration and `N passed, M failed`.

  check_gru_onnx.py --rnn-run PATH --workdir DIR [--seed S] [--count N]
"""

import argparse
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import helper, numpy_helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

import rnn_reference as ref  # noqa: E402

TOLERANCE = {"f32": 1e-5, "f64": 1e-10}
NUMPY = {"f32": np.float32, "f64": np.float64}
ONNX_TO_CANONICAL = (1, 0, 2)  # canonical gate k is ONNX gate ONNX_TO_CANONICAL[k]


def onnx_gru(x, w, r, b, h0, num_dirs, linear_before_reset):
    """Y [T, B, D*H] and Y_h [D, B, H]. onnx.reference runs one direction
    only, so the reverse direction is the forward one over x reversed in
    time (ONNX's definition of it), its output reversed back."""
    ys, hs = [], []
    for d in range(num_dirs):
        xd = x if d == 0 else x[::-1].copy()
        y, h = onnx_gru_forward(xd, w[d:d + 1], r[d:d + 1], b[d:d + 1], h0[d:d + 1],
                                linear_before_reset)
        ys.append(y if d == 0 else y[::-1])
        hs.append(h)
    return np.concatenate(ys, axis=2), np.concatenate(hs, axis=0)


def onnx_gru_forward(x, w, r, b, h0, linear_before_reset):
    T, B, I = x.shape
    H = r.shape[2]
    dtype = onnx.TensorProto.DOUBLE if x.dtype == np.float64 else onnx.TensorProto.FLOAT
    node = helper.make_node("GRU", ["X", "W", "R", "B", "", "initial_h"], ["Y", "Y_h"],
                            hidden_size=H, direction="forward",
                            linear_before_reset=linear_before_reset)
    inits = [numpy_helper.from_array(a, n) for a, n in ((w, "W"), (r, "R"), (b, "B"))]
    graph = helper.make_graph(
        [node], "gru", [helper.make_tensor_value_info("X", dtype, list(x.shape)),
                        helper.make_tensor_value_info("initial_h", dtype, list(h0.shape))],
        [helper.make_tensor_value_info("Y", dtype, None),
         helper.make_tensor_value_info("Y_h", dtype, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    y, y_h = ReferenceEvaluator(model).run(None, {"X": x, "initial_h": h0})
    # Y [T, D, B, H] -> [T, B, D*H]
    return np.transpose(y, (0, 2, 1, 3)).reshape(T, B, -1), y_h


def canonical_params(w, r, b, H, I, num_dirs):
    weights = {}
    for d in range(num_dirs):
        for k, g in enumerate(ONNX_TO_CANONICAL):
            weights[("matrix", 0, d, k)] = w[d, g * H:(g + 1) * H]
            weights[("matrix", 0, d, k + 3)] = r[d, g * H:(g + 1) * H]
            weights[("bias", 0, d, k)] = b[d, g * H:(g + 1) * H]
            weights[("bias", 0, d, k + 3)] = b[d, 3 * H + g * H:3 * H + (g + 1) * H]
    return ref.pack(weights, "gru", 1, H, I, num_dirs == 2, False)


def tensor_type(shape, dtype):
    return "tensor<" + "x".join([str(s) for s in shape] + [dtype]) + ">"


def run_config(args, index, rng):
    T, B = int(rng.integers(1, 9)), int(rng.integers(1, 5))
    I, H = int(rng.integers(1, 12)), int(rng.integers(1, 12))
    num_dirs = int(rng.integers(1, 3))
    dtype = ["f32", "f64"][int(rng.integers(0, 2))]
    lbr = int(rng.integers(0, 2))
    np_type = NUMPY[dtype]
    x = rng.standard_normal((T, B, I)).astype(np_type)
    w = (0.5 * rng.standard_normal((num_dirs, 3 * H, I))).astype(np_type)
    r = (0.5 * rng.standard_normal((num_dirs, 3 * H, H))).astype(np_type)
    b = (0.5 * rng.standard_normal((num_dirs, 6 * H))).astype(np_type)
    h0 = rng.standard_normal((num_dirs, B, H)).astype(np_type)
    y_ref, h_ref = onnx_gru(x, w, r, b, h0, num_dirs, lbr)
    params = canonical_params(w, r, b, H, I, num_dirs).astype(np_type)

    work = os.path.join(args.workdir, "c%d" % index)
    os.makedirs(work, exist_ok=True)
    X, S = tensor_type((T, B, I), dtype), tensor_type((num_dirs, B, H), dtype)
    Y, P = tensor_type((T, B, num_dirs * H), dtype), tensor_type(params.shape, dtype)
    attrs = "num_layers = 1, num_units = %d, linear_before_reset = %s" % (
        H, "true" if lbr else "false")
    if num_dirs == 2:
        attrs += ", direction = #rnn.direction<bidirectional>"
    with open(os.path.join(work, "gru.mlir"), "w") as f:
        f.write("func.func @main(%%x: %s, %%h: %s, %%p: %s) -> (%s, %s) {\n"
                "  %%y, %%hn = rnn.gru %%x, %%h, %%p {%s} : (%s, %s, %s) -> (%s, %s)\n"
                "  return %%y, %%hn : %s, %s\n}\n" % (X, S, P, Y, S, attrs, X, S, P, Y, S, Y, S))
    for name, value in (("x", x), ("h", h0), ("p", params)):
        np.save(os.path.join(work, name + ".npy"), value)
    cmd = [args.rnn_run, os.path.join(work, "gru.mlir"), "--backend=" + args.backend]
    cmd += ["--input=" + os.path.join(work, n + ".npy") for n in ("x", "h", "p")]
    cmd += ["--output=" + os.path.join(work, n + ".npy") for n in ("y", "hn")]
    result = subprocess.run(cmd, capture_output=True, text=True)
    label = "config %d: T=%d B=%d I=%d H=%d D=%d %s linear_before_reset=%d" % (
        index, T, B, I, H, num_dirs, dtype, lbr)
    if result.returncode != 0:
        print("FAIL %s: rnn-run: %s" % (label, result.stderr.strip()))
        return False
    errors = []
    for name, expected in (("y", y_ref), ("hn", h_ref)):
        got = np.load(os.path.join(work, name + ".npy")).astype(np.float64)
        expected = expected.astype(np.float64)
        errors.append(np.linalg.norm(got - expected) / max(np.linalg.norm(expected), 1e-30))
    ok = max(errors) <= TOLERANCE[dtype]
    print("%s %s: error y %.2e, h_n %.2e" % ("ok  " if ok else "FAIL", label, *errors))
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rnn-run", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--backend", default="cpu", help="rnn-run --backend")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    results = [run_config(args, i, rng) for i in range(args.count)]
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
