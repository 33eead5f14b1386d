#!/usr/bin/env python3
"""Canonical weights as arguments against pre-packed params on the GPU.

For each shape, `rnn-run --backend=cudnn --benchmark=N` on the packed form
(params as the argument) and on the canonical form (the canonical weights
as arguments, rnn.pack_params inside the function, as a framework passes
its weights), interleaved over rounds; prints canonical / packed (issue
19's target: <= 1.05, and T=1 canonical <= 20 us).

  python3 bench/canonical_gpu.py --rnn-run PATH [--calls 50] [--rounds 3]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from shapes import Shape  # noqa: E402

SHAPES = [
    Shape("S1", "lstm", T=150, B=1, I=256, H=256),
    Shape("S2", "lstm", T=100, B=64, I=512, H=512),
    Shape("S5", "lstm", T=100, B=64, I=1024, H=1024, dtype="f16"),
    Shape("T1B1", "lstm", T=1, B=1, I=256, H=256),
]


def median_ms(tool, path, calls):
    run = subprocess.run([tool, path, "--backend=cudnn", "--random-inputs=1",
                          "--benchmark=%d" % calls], capture_output=True, text=True)
    match = re.search(r"median ([0-9.]+) ms", run.stdout)
    if run.returncode != 0 or not match:
        print("rnn-run failed: %s" % run.stderr.strip()[-300:], flush=True)
        return None
    return float(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lines = ["| shape | packed ms | canonical ms | canonical / packed |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as work:
        for s in SHAPES:
            paths = {}
            for form, text in [("packed", s.mlir()), ("canonical", s.mlir_canonical())]:
                paths[form] = os.path.join(work, "%s-%s.mlir" % (s.name, form))
                with open(paths[form], "w") as f:
                    f.write(text)
            times = {"packed": [], "canonical": []}
            for _ in range(args.rounds):
                for form in times:
                    times[form].append(median_ms(args.rnn_run, paths[form], args.calls))
            med = {k: sorted(v for v in vs if v is not None) for k, vs in times.items()}
            med = {k: v[len(v) // 2] if v else None for k, v in med.items()}
            ratio = "n/a" if None in med.values() else "%.2f" % (med["canonical"] / med["packed"])
            lines.append("| %s %s | %s | %s | %s |" % (
                s.name, s.describe(),
                "n/a" if med["packed"] is None else "%.4f" % med["packed"],
                "n/a" if med["canonical"] is None else "%.4f" % med["canonical"], ratio))
            print(lines[-1], flush=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
