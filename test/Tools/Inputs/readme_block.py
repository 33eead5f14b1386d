"""Runs a README's shell block as a user would, for the README tests of the
tools (test/Tools/*/readme.test).

run_block(readme, marker, workdir, tools_dir) reads the lines of the ```sh
block between <!-- MARKER-begin --> and <!-- MARKER-end --> in README.md,
so that the README and its test cannot drift, and runs each line with bash
(set -e -o pipefail) in `workdir`, with PATH starting with the build's tool
directory and a `python3` that is this Python (the one with torch). Prints
the number of commands; exits with one FAIL line when the block is missing
or a command fails. Returns a function that joins a name to `workdir`.

compare(outputs, expected, tolerance) prints `PASS: max error E` or `FAIL`
for the .npy results against the reference arrays, by name.
"""
import os
import re
import subprocess
import sys

import numpy as np


def run_block(readme, marker, workdir, tools_dir):
    text = open(readme).read()
    match = re.search(r"<!-- %s-begin -->\n```sh\n(.*?)```\n<!-- %s-end -->" % (marker, marker),
                      text, re.S)
    if not match:
        sys.exit("FAIL: no %s-begin/end block in %s" % (marker, readme))
    commands = [line for line in match.group(1).splitlines() if line.strip()]
    print("%d commands" % len(commands))
    os.makedirs(workdir, exist_ok=True)
    shim = os.path.join(workdir, "bin")
    os.makedirs(shim, exist_ok=True)
    if not os.path.exists(os.path.join(shim, "python3")):
        os.symlink(sys.executable, os.path.join(shim, "python3"))
    env = dict(os.environ, PATH=os.pathsep.join([shim, tools_dir, os.environ.get("PATH", "")]))
    for command in commands:
        proc = subprocess.run(["bash", "-c", "set -e -o pipefail; " + command], cwd=workdir,
                              env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit("FAIL: `%s` exited %d: %s" % (command, proc.returncode, proc.stderr.strip()))
    return lambda name: os.path.join(workdir, name)


def compare(path, expected, tolerance=1e-5):
    """expected: (name, array) pairs; our result `name` is path(name + '.npy')."""
    worst = 0.0
    for name, reference in expected:
        reference = np.asarray(reference, dtype=np.float64)
        ours = np.load(path(name + ".npy")).astype(np.float64)
        if ours.shape != reference.shape:
            sys.exit("FAIL: %s has shape %s, the reference %s" % (name, ours.shape, reference.shape))
        worst = max(worst, float(np.max(np.abs(ours - reference))))
    print("%s: max error %.1e" % ("PASS" if worst <= tolerance else "FAIL", worst))
