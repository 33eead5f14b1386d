"""ONNX's own backend node tests for LSTM/GRU/RNN through rnn-translate and
rnn-run: import model.onnx, run it on test_data_set_0's inputs with
rnn-run --backend=cpu and compare every output with the expected one, or,
for the nodes the dialect cannot express, check that rnn-translate gives one
clear error line and exit status 1.

usage: onnx_node_tests.py DATA_DIR WORK_DIR TOOLS_DIR TEST_NAME...
Prints one line per test: `PASS name max-error`, `REJECTED name: reason`
or `FAIL name: why`.
"""

import glob
import os
import subprocess
import sys

import numpy as np
from onnx import TensorProto, numpy_helper


def read_pb(path):
    tensor = TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    return numpy_helper.to_array(tensor)


def run_test(data_dir, work, tools, name):
    model = os.path.join(data_dir, name, "model.onnx")
    data = os.path.join(data_dir, name, "test_data_set_0")
    out_dir = os.path.join(work, name)
    os.makedirs(out_dir, exist_ok=True)
    mlir = os.path.join(out_dir, "model.mlir")
    translate = subprocess.run(
        [os.path.join(tools, "rnn-translate"), "--import-onnx", model, "-o", mlir],
        capture_output=True, text=True)
    if translate.returncode != 0:
        lines = translate.stderr.strip().splitlines()
        if translate.returncode == 1 and len(lines) == 1 and \
                lines[0].startswith("rnn-translate: error: "):
            reason = lines[0].split("cannot be imported: ", 1)[-1]
            return "REJECTED %s: %s" % (name, reason)
        return "FAIL %s: rnn-translate exit %d: %s" % (
            name, translate.returncode, translate.stderr)
    args = [os.path.join(tools, "rnn-run"), mlir, "--backend=cpu"]
    for i, pb in enumerate(sorted(glob.glob(os.path.join(data, "input_*.pb")))):
        npy = os.path.join(out_dir, "input_%d.npy" % i)
        np.save(npy, read_pb(pb))
        args.append("--input=" + npy)
    expected = [read_pb(pb) for pb in
                sorted(glob.glob(os.path.join(data, "output_*.pb")))]
    outputs = [os.path.join(out_dir, "output_%d.npy" % i)
               for i in range(len(expected))]
    args += ["--output=" + path for path in outputs]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        return "FAIL %s: rnn-run exit %d: %s" % (name, run.returncode, run.stderr)
    error = 0.0
    for want, path in zip(expected, outputs):
        got = np.load(path)
        if got.shape != want.shape:
            return "FAIL %s: shape %s, expected %s" % (name, got.shape, want.shape)
        error = max(error, float(np.max(np.abs(got - want))))
    if error > 1e-5:
        return "FAIL %s: max error %.3g" % (name, error)
    return "PASS %s %.1e" % (name, error)


def main():
    data_dir, work, tools = sys.argv[1:4]
    for name in sys.argv[4:]:
        print(run_test(data_dir, work, tools, name))


if __name__ == "__main__":
    main()
