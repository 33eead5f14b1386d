"""Compares pairs of .npy files: prints the largest relative difference
(norm of the difference over the norm of the second file, in float64) and
exits 1 when it exceeds --tolerance or a shape differs.

    compare_npy.py --tolerance 1e-5 ours.npy:reference.npy [...]
"""
import argparse
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tolerance", type=float, required=True)
    parser.add_argument("pairs", nargs="+", help="OURS.npy:REFERENCE.npy")
    args = parser.parse_args()
    worst = 0.0
    for pair in args.pairs:
        ours_path, reference_path = pair.split(":")
        ours = np.load(ours_path).astype(np.float64)
        reference = np.load(reference_path).astype(np.float64)
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
