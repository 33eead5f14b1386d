"""Runs the README's "From PyTorch/ONNX to rnn-run" commands and checks
their outputs against PyTorch.

The commands are read from README.md between <!-- readme-onnx-begin -->
and <!-- readme-onnx-end --> (the lines of the ```sh block), so that the
README and this test cannot drift. They run in argv[2] (a fresh directory)
with bash, PATH starting with the build's tool directory and a `python3`
that is this Python (the one with torch). Prints one PASS/FAIL line.
"""
import os
import re
import subprocess
import sys

import numpy as np
import torch

readme, workdir, tools_dir = sys.argv[1:4]
text = open(readme).read()
match = re.search(r"<!-- readme-onnx-begin -->\n```sh\n(.*?)```\n<!-- readme-onnx-end -->",
                  text, re.S)
if not match:
    sys.exit("FAIL: no readme-onnx-begin/end block in " + readme)
commands = [line for line in match.group(1).splitlines() if line.strip()]
print("%d commands" % len(commands))
os.makedirs(workdir, exist_ok=True)
shim = os.path.join(workdir, "bin")
os.makedirs(shim, exist_ok=True)
os.symlink(sys.executable, os.path.join(shim, "python3"))
env = dict(os.environ, PATH=os.pathsep.join([shim, tools_dir, os.environ.get("PATH", "")]))
for command in commands:
    proc = subprocess.run(["bash", "-c", "set -e -o pipefail; " + command], cwd=workdir, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("FAIL: `%s` exited %d: %s" % (command, proc.returncode, proc.stderr.strip()))

path = lambda name: os.path.join(workdir, name)  # noqa: E731
module = torch.nn.LSTM(8, 16, num_layers=2, bidirectional=True, batch_first=True)
module.load_state_dict(torch.load(path("model.pt")))
module = module.double()
x = torch.from_numpy(np.load(path("x.npy")).astype(np.float64))
with torch.no_grad():
    y, (h_n, c_n) = module(x)
worst = 0.0
for name, expected in (("y", y), ("h_n", h_n), ("c_n", c_n)):
    ours = np.load(path(name + ".npy")).astype(np.float64)
    if ours.shape != tuple(expected.shape):
        sys.exit("FAIL: %s has shape %s, PyTorch %s" % (name, ours.shape, tuple(expected.shape)))
    worst = max(worst, float(np.max(np.abs(ours - expected.numpy()))))
print("%s: max error %.1e" % ("PASS" if worst <= 1e-5 else "FAIL", worst))
