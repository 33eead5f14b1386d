#!/usr/bin/env python3
"""NaN/Inf inputs of a 1-layer LSTM run by rnn-run, checked against NumPy.

  lstm_nonfinite.py RNN_RUN MLIR DIR --seed S --case nan-x|inf-x|inf-c0|nan-params

Picks T and B from the seed, writes random x, h_0, c_0 and packed params with
one non-finite value at a random position, runs `RNN_RUN MLIR` on them and
compares y, h_n, c_n with a float64 reference of the contract's LSTM
(IEEE semantics: NaN propagates, sigmoid(+-inf) = 1/0, tanh(+-inf) = +-1).
Non-finite entries must match exactly (same positions, same signs), the rest
within 1e-5. Prints one line starting with OK or MISMATCH.
"""

import argparse
import os
import subprocess
import sys

import numpy as np

I, H = 4, 3  # Must match the function in the .mlir file.
NUM_PARAMS = 4 * H * I + 4 * H * H + 8 * H


def reference(x, h0, c0, params):
    """The contract's LSTM, one layer, one direction, in float64."""
    x, h, c, p = (a.astype(np.float64) for a in (x, h0[0], c0[0], params))
    w = p[:4 * H * I].reshape(4, H, I)
    r = p[4 * H * I:4 * H * I + 4 * H * H].reshape(4, H, H)
    b = p[4 * H * I + 4 * H * H:].reshape(8, H)
    sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))
    ys = []
    for t in range(x.shape[0]):
        g = [x[t] @ w[k].T + b[k] + h @ r[k].T + b[4 + k] for k in range(4)]
        i, f, gc, o = sigmoid(g[0]), sigmoid(g[1]), np.tanh(g[2]), sigmoid(g[3])
        c = f * c + i * gc
        h = o * np.tanh(c)
        ys.append(h)
    y = np.stack(ys) if ys else np.zeros((0,) + h.shape)
    return y, h[None], c[None]


def same(name, got, want):
    """Exact match of the non-finite pattern, allclose elsewhere."""
    if got.shape != want.shape:
        return "%s: shape %s, expected %s" % (name, got.shape, want.shape)
    for what, mask in (("NaN", np.isnan), ("+inf", np.isposinf),
                       ("-inf", np.isneginf)):
        if not np.array_equal(mask(got), mask(want)):
            return "%s: %s at %d positions, expected %d" % (
                name, what, mask(got).sum(), mask(want).sum())
    finite = np.isfinite(want)
    if not np.allclose(got[finite], want[finite], rtol=1e-5, atol=1e-5):
        return "%s: max abs error %g" % (
            name, np.max(np.abs(got[finite] - want[finite])))
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rnn_run")
    parser.add_argument("mlir")
    parser.add_argument("dir")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--case", required=True,
                        choices=["nan-x", "inf-x", "inf-c0", "nan-params"])
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    T, B = int(rng.integers(2, 9)), int(rng.integers(1, 6))
    x = rng.uniform(-1, 1, (T, B, I)).astype(np.float32)
    h0 = rng.uniform(-1, 1, (1, B, H)).astype(np.float32)
    c0 = rng.uniform(-1, 1, (1, B, H)).astype(np.float32)
    params = rng.uniform(-0.5, 0.5, NUM_PARAMS).astype(np.float32)
    t0, b0 = int(rng.integers(0, T)), int(rng.integers(0, B))
    if args.case == "nan-x":
        x[t0, b0, rng.integers(0, I)] = np.nan
    elif args.case == "inf-x":
        x[t0, b0, rng.integers(0, I)] = np.inf if rng.integers(2) else -np.inf
    elif args.case == "inf-c0":
        c0[0, b0, rng.integers(0, H)] = np.inf
    else:
        params[rng.integers(0, NUM_PARAMS)] = np.nan

    os.makedirs(args.dir, exist_ok=True)
    names = ["x", "h0", "c0", "params"]
    paths = [os.path.join(args.dir, n + ".npy") for n in names]
    for path, array in zip(paths, (x, h0, c0, params)):
        np.save(path, array)
    outs = [os.path.join(args.dir, n + ".npy") for n in ("y", "hn", "cn")]
    command = [args.rnn_run, args.mlir] + ["--input=" + p for p in paths] + \
        ["--output=" + p for p in outs]
    run = subprocess.run(command, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    if run.returncode != 0:
        print("MISMATCH: rnn-run exited with %d: %s" %
              (run.returncode, run.stdout.strip()))
        return 1

    with np.errstate(all="ignore"):
        want = reference(x, h0, c0, params)
    for name, path, expected in zip(("y", "h_n", "c_n"), outs, want):
        got = np.load(path)
        if got.dtype != np.float32:
            print("MISMATCH: %s has dtype %s" % (name, got.dtype))
            return 1
        error = same(name, got.astype(np.float64), expected)
        if error:
            print("MISMATCH (T=%d B=%d): %s" % (T, B, error))
            return 1
    nonfinite = sum(int((~np.isfinite(e)).sum()) for e in want)
    print("OK %s: %d non-finite output values" % (args.case, nonfinite)
          + (" (propagated)" if nonfinite else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
