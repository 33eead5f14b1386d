"""What the rnn-translate model tests share: import a model with
`rnn-translate --import-onnx`, run it with `rnn-run --backend=cpu` on the
given inputs and compare every output with the expected arrays (ONNX
Runtime's), and print the result lines with one `N passed, M failed`.
"""
import os
import subprocess

import numpy as np


def import_and_compare(name, path, feed, expected, work, tools, run_options=()):
    """feed: the graph inputs in order ({name: array}). Returns one line,
    `PASS name error` (max abs error <= 1e-5) or `FAIL name: why`."""
    mlir = os.path.join(work, name + ".mlir")
    translate = subprocess.run(
        [os.path.join(tools, "rnn-translate"), "--import-onnx", path,
         "-o", mlir], capture_output=True, text=True)
    if translate.returncode != 0:
        return "FAIL %s: %s" % (name, translate.stderr.strip())
    args = [os.path.join(tools, "rnn-run"), mlir, "--backend=cpu"] + list(run_options)
    for k, v in feed.items():
        np.save(os.path.join(work, "%s.%s.npy" % (name, k)), v)
        args.append("--input=" + os.path.join(work, "%s.%s.npy" % (name, k)))
    outputs = [os.path.join(work, "%s.out%d.npy" % (name, i))
               for i in range(len(expected))]
    args += ["--output=" + o for o in outputs]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        return "FAIL %s: rnn-run: %s" % (name, run.stderr.strip())
    error = 0.0
    for want, out in zip(expected, outputs):
        got = np.load(out)
        if got.shape != want.shape:
            return "FAIL %s: shape %s, ONNX Runtime %s" % (
                name, got.shape, want.shape)
        error = max(error, float(np.max(np.abs(got - want))))
    if error > 1e-5:
        return "FAIL %s: max error %.3g against ONNX Runtime" % (name, error)
    return "PASS %s %.1e" % (name, error)


def print_results(results):
    for line in results:
        print(line)
    failed = sum(not line.startswith("PASS") for line in results)
    print("%d passed, %d failed" % (len(results) - failed, failed))
