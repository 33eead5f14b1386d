#!/usr/bin/env python3
"""Checks of a GPU backend's own dropout between layers (cuDNN's generator,
whose masks the float64 reference cannot know):

* one seed gives one mask: the training forwards of one process (several
  calls of one plan) and of two processes agree bit for bit, forward
  results and gradients alike;
* another seed gives other masks;
* the drop rate: with identity input matrices, zero recurrent matrices and
  biases, a 2-layer rnn_relu's output is the dropout of its positive input,
  so y / x is 0 or 1 / (1 - p) everywhere, and the dropped fraction is
  within 3 sigma of p.

The gradients under the same masks are checked against central differences
of the same seeded forward by ``run_grad_numerics.py --finite-differences
--backend=...``. Prints one line per check and ``N passed, M failed``.

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import argparse
import dataclasses
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import rnn_reference as ref  # noqa: E402
import run_grad_numerics as rgn  # noqa: E402
from numerics_driver import run_checks  # noqa: E402

#: Forward calls of one process in the same-mask check.
CALLS = 4


def dropout_config(index, dtype, mode="lstm", layers=3, dropout=0.4, seed=11, **shape):
    sizes = dict(steps=6, batch=3, input_size=5, num_units=7)
    sizes.update(shape)
    return rgn.Config(seed=0, index=index, mode=mode, num_layers=layers,
                      bidirectional=index % 2 == 1, input_mode="linear_input",
                      dtype=dtype, dynamic_steps=False, dynamic_batch=False,
                      dropout=float(np.float32(dropout)), drop_seed=seed,
                      spell_defaults=False, **sizes)


class Runner:
    def __init__(self, tool, backend, workdir):
        self.tool, self.backend, self.workdir = tool, backend, workdir

    def run(self, directory, entry, model, inputs, outputs):
        cmd = rgn._command(self.tool, ["--backend=" + self.backend], directory, entry,
                           inputs, outputs)
        cmd[1] = os.path.join(directory, model)
        rc, stderr = rgn._run_tool(cmd, 300)
        if rc != 0:
            raise RuntimeError("rnn-run %s: %s" % (entry, rgn.stderr_summary(stderr)))
        return [np.load(os.path.join(directory, n + ".npy")) for n in outputs]

    def case(self, cfg, inputs, tag):
        """The directory of ``cfg`` with @step/@many and ``inputs`` (plus
        CALLS stacked copies of the forward inputs) written."""
        directory = os.path.join(self.workdir, "%s-%d-%s" % (cfg.mode, cfg.index, tag))
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "step.mlir"), "w") as f:
            f.write(rgn.make_fd_step_mlir(cfg))
        with open(os.path.join(directory, "many.mlir"), "w") as f:
            f.write(rgn.make_fd_mlir(cfg, CALLS))
        for name, value in inputs.items():
            np.save(os.path.join(directory, name + ".npy"), value)
            if name in cfg.forward_inputs:
                np.save(os.path.join(directory, name + "s.npy"), np.stack([value] * CALLS))
        return directory

    def step(self, cfg, inputs, tag):
        directory = self.case(cfg, inputs, tag)
        names = rgn.step_outputs(cfg)
        return dict(zip(names, self.run(directory, "step", "step.mlir",
                                        rgn.step_inputs(cfg), ["out_" + n for n in names])))

    def many(self, cfg, inputs, tag):
        directory = self.case(cfg, inputs, tag)
        names = cfg.forward_outputs
        return dict(zip(names, self.run(directory, "many", "many.mlir",
                                        [n + "s" for n in cfg.forward_inputs],
                                        ["many_" + n for n in names])))


def check_same_masks(runner, cfg):
    """Every call and process with one seed: the same results, bit for bit."""
    inputs = rgn.make_inputs(cfg)
    many = runner.many(cfg, inputs, "many")
    for name, stacked in many.items():
        for k in range(1, CALLS):
            assert np.array_equal(stacked[k], stacked[0]), \
                "%s of call %d differs from call 0 in one process" % (name, k)
    first = runner.step(cfg, inputs, "first")
    second = runner.step(cfg, inputs, "second")
    for name in first:
        assert np.array_equal(first[name], second[name]), \
            "%s differs between two processes with one seed" % name
    for name in cfg.forward_outputs:
        assert np.array_equal(first[name], many[name][0]), \
            "%s of the step differs from the forward's with one seed" % name
    return 0.0


def check_other_seed(runner, cfg):
    """Another seed changes y (the masks) but not the shapes."""
    inputs = rgn.make_inputs(cfg)
    first = runner.step(cfg, inputs, "seed")
    other = runner.step(dataclasses.replace(cfg, drop_seed=cfg.drop_seed + 1), inputs, "seed2")
    changed = np.mean(first["y"] != other["y"])
    assert changed > 0.1, "only %.3f of y changed with another seed" % changed
    return float(changed)


def identity_params(cfg, dtype):
    """Identity input matrices, zero recurrent matrices and biases."""
    skip = False
    layout = ref.packed_layout(cfg.mode, cfg.num_layers, cfg.num_units, cfg.input_size,
                               cfg.bidirectional, skip)
    weights = {}
    for entry in layout:
        value = np.zeros(entry.shape)
        if entry.kind == "matrix" and entry.gate_id < ref.num_gates(cfg.mode):
            value = np.eye(*entry.shape)
        weights[entry[:4]] = value
    return ref.pack(weights, cfg.mode, cfg.num_layers, cfg.num_units, cfg.input_size,
                    cfg.bidirectional, skip, dtype=dtype)


def check_drop_rate(runner, rate, dtype):
    """y / x in {0, 1 / (1 - p)} and the dropped fraction within 3 sigma."""
    cfg = dropout_config(100 + int(rate * 100), dtype, mode="rnn_relu", layers=2,
                         dropout=rate, seed=5, steps=32, batch=16, input_size=64,
                         num_units=64)
    cfg = dataclasses.replace(cfg, bidirectional=False)
    inputs = rgn.make_inputs(cfg)
    rng = np.random.default_rng(3)
    np_dtype = rgn.NUMPY_DTYPE[dtype]
    inputs["x"] = rng.uniform(0.5, 1.5, size=inputs["x"].shape).astype(np_dtype)
    inputs["h_0"] = np.zeros_like(inputs["h_0"])
    inputs["params"] = identity_params(cfg, np_dtype)
    y = runner.step(cfg, inputs, "rate")["y"].astype(np.float64)
    scale = y / inputs["x"].astype(np.float64)
    kept = scale > 0.5 / (1.0 - cfg.dropout)
    assert np.allclose(scale[kept], 1.0 / (1.0 - cfg.dropout), rtol=1e-5), \
        "kept values are not scaled by 1 / (1 - p)"
    assert np.all(np.abs(scale[~kept]) < 1e-6), "dropped values are not 0"
    dropped = 1.0 - np.mean(kept)
    sigma = np.sqrt(cfg.dropout * (1.0 - cfg.dropout) / kept.size)
    assert abs(dropped - cfg.dropout) <= 3 * sigma, \
        "dropped %.4f, p = %.4f, 3 sigma = %.4f" % (dropped, cfg.dropout, 3 * sigma)
    return float(abs(dropped - cfg.dropout) / sigma)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rnn-run", default="rnn-run")
    parser.add_argument("--backend", default="cudnn")
    parser.add_argument("--workdir", default="gpu-dropout-work")
    args = parser.parse_args(argv)
    tool = rgn.find_tool(args.rnn_run)
    if tool is None:
        print("error: rnn-run not found: %s\n0 passed, 1 failed" % args.rnn_run)
        return 1
    runner = Runner(tool, args.backend, args.workdir)
    checks = []
    for i, (mode, dtype) in enumerate([("lstm", "f32"), ("gru", "f64"), ("rnn_tanh", "f16"),
                                       ("rnn_relu", "f32")]):
        cfg = dropout_config(i, dtype, mode=mode, layers=2 + i % 2)
        checks.append(("one seed, one mask " + cfg.summary(),
                       lambda c=cfg: check_same_masks(runner, c)))
        checks.append(("another seed, other masks " + cfg.summary(),
                       lambda c=cfg: check_other_seed(runner, c)))
    for rate, dtype in [(0.2, "f32"), (0.5, "f64"), (0.35, "f32")]:
        checks.append(("drop rate p=%g %s (sigmas off)" % (rate, dtype),
                       lambda r=rate, d=dtype: check_drop_rate(runner, r, d)))
    return run_checks(checks)


if __name__ == "__main__":
    sys.exit(main())
