#!/usr/bin/env python3
"""Checks one rnn layer run of rnn-run against the numpy reference.

    check_layer.py MODE --layers L --units H [--bidirectional]
        --inputs x.npy,h0.npy[,c0.npy],params.npy
        --outputs y.npy,h_n.npy[,c_n.npy] [--tolerance 1e-5]

Computes rnn_reference.numpy_reference in float64 and prints one line per
output, ``OK <name> <shape>`` or ``MISMATCH <name> ...``; the shapes are the
outputs' own, so a test sees that they were allocated with their true sizes.
Exits non-zero on a mismatch. A helper, not a lit test (it lives under
``Inputs``).
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import rnn_reference as ref  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("lstm", "gru", "rnn_tanh", "rnn_relu"))
    parser.add_argument("--layers", type=int, required=True)
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--bidirectional", action="store_true")
    parser.add_argument("--input-mode", default="linear_input")
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--outputs", required=True)
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()

    inputs = [np.load(path) for path in args.inputs.split(",")]
    if ref.has_cell_state(args.mode):
        x, h0, c0, params = inputs
    else:
        (x, h0, params), c0 = inputs, None
    expected = ref.numpy_reference(args.mode, x, h0, c0, params, args.layers,
                                   args.units, args.bidirectional,
                                   args.input_mode)
    names = ("y", "h_n", "c_n")
    failed = False
    for name, path, want in zip(names, args.outputs.split(","), expected):
        got = np.load(path)
        if got.shape != want.shape:
            print("MISMATCH %s shape %s, expected %s" % (name, got.shape, want.shape))
            failed = True
            continue
        error = np.linalg.norm(got - want) / max(np.linalg.norm(want), 1e-30)
        if not np.isfinite(error) or error > args.tolerance:
            print("MISMATCH %s relative error %g" % (name, error))
            failed = True
            continue
        print("OK %s %s" % (name, got.shape))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
