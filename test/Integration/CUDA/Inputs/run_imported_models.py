"""Runs the models torch_models.py imported on the build machine
(NAME.mlir, NAME.<input>.npy, NAME.expected<i>.npy: ONNX Runtime's outputs)
with rnn-run on a GPU backend and compares every output with ONNX
Runtime's.

usage: run_imported_models.py MODELS_DIR TOOLS_DIR BACKEND
Prints `PASS name max-error` (within 1e-5) or `FAIL name: why` per model,
then `N passed, M failed`; a model whose ops the GPU backends cannot run
(the Embedding tagger) prints `REFUSED name: <rnn-run's first error line>`
instead, and must not produce outputs.
"""
import glob
import os
import subprocess
import sys

import numpy as np

TOLERANCE = 1e-5


def run_model(mlir, tools, backend):
    name = os.path.basename(mlir)[: -len(".mlir")]
    work = os.path.dirname(mlir)
    expected = sorted(glob.glob(os.path.join(work, name + ".expected*.npy")))
    inputs = [p for p in sorted(glob.glob(os.path.join(work, name + ".*.npy")))
              if ".expected" not in p and ".out" not in p]
    outputs = [os.path.join(work, "%s.%s.out%d.npy" % (name, backend, i))
               for i in range(len(expected))]
    for path in outputs:
        if os.path.exists(path):
            os.remove(path)
    # Inputs in the order of the function's arguments (rnn.name).
    text = open(mlir).read()
    order = {p: text.find('rnn.name = "%s"' % p.split(".")[-2]) for p in inputs}
    inputs.sort(key=order.get)
    args = [os.path.join(tools, "rnn-run"), mlir, "--backend=" + backend,
            "--allow-linalg"]
    args += ["--input=" + p for p in inputs] + ["--output=" + p for p in outputs]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        wrote = [p for p in outputs if os.path.exists(p)]
        first = (run.stderr.strip().splitlines() or ["(no message)"])[0]
        if wrote:
            return "FAIL %s: exit %d but wrote %s" % (name, run.returncode, wrote)
        return "REFUSED %s: %s" % (name, first)
    error = 0.0
    for want_path, out in zip(expected, outputs):
        want, got = np.load(want_path), np.load(out)
        if got.shape != want.shape:
            return "FAIL %s: shape %s, ONNX Runtime %s" % (name, got.shape,
                                                           want.shape)
        error = max(error, float(np.max(np.abs(got - want))))
    if error > TOLERANCE:
        return "FAIL %s: max error %.3g against ONNX Runtime" % (name, error)
    return "PASS %s %.1e" % (name, error)


def main():
    models, tools, backend = sys.argv[1:4]
    lines = [run_model(m, tools, backend)
             for m in sorted(glob.glob(os.path.join(models, "*.mlir")))]
    for line in lines:
        print(line)
    passed = sum(line.startswith("PASS") for line in lines)
    print("%d passed, %d failed" % (passed, sum(line.startswith("FAIL")
                                                for line in lines)))


if __name__ == "__main__":
    main()
