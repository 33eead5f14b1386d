"""The driver both randomized numerics scripts share (run_numerics.py for
the forward, run_grad_numerics.py for training): runs one check per
configuration on a thread pool, prints each result's line as it completes
in order, then the timing, every failure, and exactly one line
`N passed, M failed`.

A result has .passed, .seconds, .cfg (with .name and .summary()),
.problems and .line().
"""
import concurrent.futures
import statistics
import time


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
