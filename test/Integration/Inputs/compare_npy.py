"""Compares pairs of .npy files: prints the largest relative difference
(norm of the difference over the norm of the second file, in float64) and
exits 1 when it exceeds --tolerance or a shape differs. bf16 files (|V2,
rnn-run's convention) are read as their values.

    compare_npy.py --tolerance 1e-5 ours.npy:reference.npy [...]
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

from run_numerics import load_npy  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tolerance", type=float, required=True)
    parser.add_argument("pairs", nargs="+", help="OURS.npy:REFERENCE.npy")
    args = parser.parse_args()
    worst = 0.0
    for pair in args.pairs:
        ours_path, reference_path = pair.split(":")
        ours = np.asarray(load_npy(ours_path), np.float64)
        reference = np.asarray(load_npy(reference_path), np.float64)
        if ours.shape != reference.shape:
            print("shape %s != %s for %s" % (ours.shape, reference.shape, pair))
            return 1
        scale = np.linalg.norm(reference.ravel())
        diff = np.linalg.norm((ours - reference).ravel())
        error = diff / scale if scale > 0 else diff
        worst = max(worst, error if np.isfinite(error) else np.inf)
    print("max relative difference %.1e" % worst)
    return 0 if worst <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
