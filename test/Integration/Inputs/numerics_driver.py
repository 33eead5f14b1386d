"""What both randomized numerics scripts share (run_numerics.py for the
forward, run_grad_numerics.py for training): the layer part of a random
configuration (LayerConfig), the runner of their --self-test checks
(run_checks), and the driver that runs one check per
configuration on a thread pool, prints each result's line as it completes
in order, then the timing, every failure, and exactly one line
`N passed, M failed`.

A result has .passed, .seconds, .cfg (with .name and .summary()),
.problems and .line().
"""
import concurrent.futures
import dataclasses
import statistics
import time

import rnn_reference as ref


@dataclasses.dataclass(frozen=True)
class LayerConfig:
    """The layer and shapes of one random configuration; the scripts' own
    configurations add what they vary besides."""

    seed: int
    index: int
    mode: str
    num_layers: int
    bidirectional: bool
    input_mode: str
    steps: int  # T
    batch: int  # B
    input_size: int  # I
    num_units: int  # H
    dtype: str  # "f16", "f32" or "f64"
    dynamic_steps: bool
    dynamic_batch: bool

    @property
    def num_dirs(self):
        return 2 if self.bidirectional else 1

    @property
    def skip(self):
        return ref.resolve_skip(self.input_mode, self.input_size, self.num_units)

    @property
    def has_cell(self):
        return ref.has_cell_state(self.mode)

    @property
    def geometry(self):
        return (self.mode, self.num_layers, self.num_units, self.input_size,
                self.bidirectional, self.skip)

    @property
    def params_size(self):
        return ref.params_size(*self.geometry)

    @property
    def name(self):
        return "s%d-%04d" % (self.seed, self.index)

    def dynamic_dims(self):
        """"T", "B", "TB" or ""."""
        return "".join(d for d, on in (("T", self.dynamic_steps), ("B", self.dynamic_batch)) if on)


def run_configs(configs, check, jobs, seconds_label="per configuration"):
    """check(cfg) -> result. Returns the process exit status (1 on failure)."""
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(check, cfg) for cfg in configs]
        results = []
        for future in futures:
            results.append(future.result())
            print(results[-1].line(), flush=True)
    wall = time.monotonic() - start
    times = [r.seconds for r in results]
    print("time: %.1fs wall, %s median %.2fs, max %.2fs, %d jobs" % (
        wall, seconds_label, statistics.median(times), max(times), jobs))
    failures = [r for r in results if not r.passed]
    for r in failures:
        print("failed: %s %s: %s" % (r.cfg.name, r.cfg.summary(), "; ".join(r.problems)))
    print("%d passed, %d failed" % (len(results) - len(failures), len(failures)))
    return 1 if failures else 0


def run_checks(checks):
    """Runs (title, check) pairs, each raising on failure, and prints one
    PASS/FAIL line each (a check's float result as `| worst E`, a dict's
    {name: (error, _)} as `| name E ...`) and `N passed, M failed`. Returns
    the exit status (1 on failure); every check runs even after one fails."""
    failed = 0
    for title, check in checks:
        try:
            outcome = check()
            detail = ""
            if isinstance(outcome, float):
                detail = " | worst %.1e" % outcome
            elif isinstance(outcome, dict):
                detail = " | " + " ".join("%s %.1e" % (g, e) for g, (e, _) in outcome.items())
            print("PASS %s%s" % (title, detail))
        except Exception as exc:  # report every failing check, then fail
            failed += 1
            print("FAIL %s: %s: %s" % (title, type(exc).__name__, exc))
    print("%d passed, %d failed" % (len(checks) - failed, failed))
    return 1 if failed else 0
