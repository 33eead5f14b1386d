#!/usr/bin/env python3
"""Runs a training step with each cuDNN algorithm rnn-run offers and prints
per algorithm `ALGO: agrees` (every output within --tolerance relative
error of the reference outputs), `ALGO: refused: <rnn-run's error>` (exit 1
with one error line), `ALGO: falls back: agrees` (cuDNN refused it, the
runtime's remark says the training ran on the cuBLAS fallback, and every
output is within --tolerance of --fallback-reference: the cpu backend's
outputs, whose dropout masks the fallback shares), or `ALGO: differs ...` /
`ALGO: failed ...`.

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import argparse
import os
import subprocess
import sys

import numpy as np

ALGORITHMS = ["standard", "persist-static", "persist-static-small-h", "persist-dynamic", "auto"]
OUTPUTS = ["dx", "dh", "dc", "dp"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--model", required=True)
    parser.add_argument("--entry", required=True)
    parser.add_argument("--reference", required=True, help="directory of the reference outputs")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--fallback-reference", required=True,
                        help="directory of the cpu backend's outputs")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()
    for algo in ALGORITHMS:
        outputs = [os.path.join(args.workdir, "%s-%s.npy" % (algo, n)) for n in OUTPUTS]
        cmd = [args.rnn_run, args.model, "--entry=" + args.entry, "--backend=cudnn",
               "--cudnn-algo=" + algo, "--random-inputs=8"] + ["--output=" + o for o in outputs]
        run = subprocess.run(cmd, capture_output=True, text=True)
        errors = [line for line in run.stderr.splitlines() if "error" in line]
        if run.returncode != 0:
            state = "refused" if run.returncode == 1 and len(errors) == 1 else "failed"
            print("%s: %s: %s" % (algo, state, " | ".join(run.stderr.strip().splitlines())[-400:]))
            continue
        fell_back = "running this training on the cuBLAS fallback" in run.stderr
        reference = args.fallback_reference if fell_back else args.reference
        worst = 0.0
        for name, path in zip(OUTPUTS, outputs):
            ours = np.load(path).astype(np.float64)
            ref = np.load(os.path.join(reference, name + ".npy")).astype(np.float64)
            worst = max(worst, np.linalg.norm(ours - ref) / max(np.linalg.norm(ref), 1e-30))
        state = "agrees" if worst <= args.tolerance else "differs %.2e" % worst
        print("%s: %s%s" % (algo, "falls back: " if fell_back else "", state))
    return 0


if __name__ == "__main__":
    sys.exit(main())
