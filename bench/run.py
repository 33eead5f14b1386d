#!/usr/bin/env python3
"""One-command benchmark of rnn-mlir against its peers on this machine.

    python3 bench/run.py [--quick] [--rnn-run PATH] [--out bench/results]

Writes <set>.csv, <set>.md, <set>_time.png, <set>_ratio.png and <set>.json into
--out for every shape set it runs (today: "cpu"). See bench/README.md.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEBIAN_PYTHON = "/usr/bin/python3"


def _reexec_if_needed():
    """The peers need numpy and torch, which Debian installs for /usr/bin/python3
    only (scripts/install-deps.sh); a pyenv `python3` first on PATH has neither.
    Re-run under Debian's interpreter in that case."""
    try:
        import numpy  # noqa: F401
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and os.access(DEBIAN_PYTHON, os.X_OK) \
            and not os.environ.get("RNN_BENCH_REEXEC"):
        os.environ["RNN_BENCH_REEXEC"] = "1"
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)


import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import time  # noqa: E402


# Environment variables no system sees (OpenBLAS's core type and cache size
# overrides change its kernels, up to 5x on small shapes).
UNSET_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


class Context:
    """What every system needs: tools, threads, where the .mlir files go."""

    def __init__(self, args):
        self.rnn_run = os.path.abspath(args.rnn_run)
        self.rnn_opt = os.path.abspath(args.rnn_opt or os.path.join(os.path.dirname(self.rnn_run), "rnn-opt"))
        self.threads = args.threads
        self.quick = args.quick
        self.mlir_dir = os.path.join(args.out, "mlir")
        self.measure_budget_s = None  # set per shape set from the mode
        # Children (rnn-run links OpenBLAS) get the same thread count; the
        # OpenBLAS tuning variables are unset for every system alike.
        self.child_env = dict(os.environ, OPENBLAS_NUM_THREADS=str(args.threads), OMP_NUM_THREADS=str(args.threads))
        for name in UNSET_ENV:
            self.child_env.pop(name, None)
        # Where the ONNX Runtime and OpenVINO wheels are (install-python-deps.sh).
        build = os.path.dirname(os.path.dirname(self.rnn_run))
        self.python_deps = [os.path.join(build, "python-deps"), os.path.join(build, "bench-deps")]

    def mlir_file(self, shape, variant=""):
        return os.path.join(self.mlir_dir, f"{shape.name}{'-' + variant if variant else ''}.mlir")


# Repetition settings: rounds, target seconds of timed calls per system per
# round (sets N), min/max N, repeats of the compile-time measurement, and the
# retry policy for measurements disturbed by other processes.
QUICK = dict(rounds=3, target_s=0.25, min_calls=3, max_calls=100, compile_repeats=1,
             max_foreign=0.3, retries=1, retry_wait_s=5, retry_budget_s=20)
FULL = dict(rounds=5, target_s=1.0, min_calls=5, max_calls=500, compile_repeats=3,
            max_foreign=0.3, retries=3, retry_wait_s=15, retry_budget_s=90)


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def gpu_present():
    return shutil.which("nvidia-smi") is not None and os.path.exists("/dev/nvidiactl")


def run_set(shape_set, ctx, cfg, only_shapes):
    import machine
    import systems as sysreg

    systems = []
    for name in shape_set.systems:
        cls = sysreg.SYSTEMS.get(name)
        if cls is None:
            log(f"{shape_set.name}: system {name} is not registered yet; skipped")
            continue
        if ctx.quick and not cls.in_quick:
            log(f"{shape_set.name}: system {name} skipped in --quick mode")
            continue
        system = cls(ctx)
        ok, why = system.available()
        if not ok:
            log(f"{shape_set.name}: system {name} unavailable: {why}")
            if system.ours:
                raise SystemExit(f"bench: {why}")
            continue
        systems.append(system)
    if not any(s.ours for s in systems):
        log(f"{shape_set.name}: no rnn-mlir system can run here; set skipped")
        return None, None

    shapes = [s for s in shape_set.shapes if not only_shapes or s.name in only_shapes]
    os.makedirs(ctx.mlir_dir, exist_ok=True)
    for shape in shapes:
        with open(ctx.mlir_file(shape), "w") as f:
            f.write(shape.mlir())
        with open(ctx.mlir_file(shape, "canonical"), "w") as f:
            f.write(shape.mlir_canonical())

    raw = {shape.name: {} for shape in shapes}
    # 1. Compile times (ours) and per-call estimates (everyone) -> N per system.
    for shape in shapes:
        for system in systems:
            comp = system.compile_times(shape, cfg["compile_repeats"])
            est = system.prepare(shape)
            calls = int(min(cfg["max_calls"], max(cfg["min_calls"], round(cfg["target_s"] * 1e3 / max(est, 1e-3)))))
            raw[shape.name][system.name] = {"rounds": [], "calls": calls, "compile": comp, "estimate_ms": est}
            extra = f", setup {comp['setup_ms']:.0f} ms" if comp else ""
            log(f"{shape.name} {system.name}: ~{est:.3g} ms/call -> {calls} calls/round{extra}")

    # 2. Interleaved rounds: every round visits every shape, and within a shape
    # every system; the order of the systems alternates between rounds.
    retry_spent = 0.0  # seconds spent waiting and re-measuring, capped by retry_budget_s
    for rnd in range(cfg["rounds"]):
        for shape in shapes:
            order = systems if rnd % 2 == 0 else list(reversed(systems))
            for system in order:
                rec = raw[shape.name][system.name]
                # A measurement during which other processes took more than
                # max_foreign CPUs is taken again (after waiting a little for
                # them to go), at most `retries` times; the last one is kept.
                for attempt in range(cfg["retries"] + 1):
                    with machine.ForeignLoad() as fl:
                        r = system.measure(shape, rec["calls"])
                    if fl.cpus is None or fl.cpus <= cfg["max_foreign"] or attempt == cfg["retries"] \
                            or retry_spent > cfg["retry_budget_s"]:
                        break
                    log(f"{shape.name} {system.name}: others used {fl.cpus:.2f} CPUs "
                        f"({r['median_ms']:.3g} ms); measuring again")
                    t_retry = time.time()
                    machine.wait_idle(cfg["retry_wait_s"], log=log)
                    retry_spent += time.time() - t_retry + fl.wall
                r["foreign_cpus"] = fl.cpus
                r["retries"] = attempt
                r["load1"] = machine.loadavg().split()[0]
                rec["rounds"].append(r)
        log(f"round {rnd + 1}/{cfg['rounds']} done: " + ", ".join(
            f"{sh.name} " + "/".join(f"{raw[sh.name][s.name]['rounds'][-1]['median_ms']:.3g}" for s in systems)
            for sh in shapes) + " ms")
    for system in systems:
        system.release()
    return systems, raw


def main():
    _reexec_if_needed()
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="fewer rounds and calls (< 2 minutes)")
    p.add_argument("--rnn-run", default=os.path.join(REPO, "build", "bin", "rnn-run"),
                   help="rnn-run binary (default: build/bin/rnn-run)")
    p.add_argument("--rnn-opt", default=None, help="rnn-opt binary (default: next to rnn-run)")
    p.add_argument("--out", default=None,
                   help="output folder (default: bench/results, or bench/results/quick with --quick)")
    p.add_argument("--sets", default=None,
                   help="comma-separated shape sets (default: cpu, plus gpu when a GPU is present)")
    p.add_argument("--shapes", default="", help="comma-separated shape names to keep (default: all)")
    p.add_argument("--threads", type=int, default=2, help="threads for every CPU system (default 2)")
    p.add_argument("--rounds", type=int, default=None, help="override the number of interleaved rounds")
    p.add_argument("--wait-idle", type=float, default=0, metavar="S",
                   help="first wait up to S seconds for other processes to leave the CPUs (default 0)")
    args = p.parse_args()
    if args.out is None:
        args.out = os.path.join(HERE, "results", "quick") if args.quick else os.path.join(HERE, "results")
    args.out = os.path.abspath(args.out)
    os.makedirs(args.out, exist_ok=True)

    # Thread counts must be fixed before numpy/torch load OpenBLAS.
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    sys.path.insert(0, HERE)
    import machine
    import report
    from shapes import SHAPE_SETS

    cfg = dict(QUICK if args.quick else FULL)
    if args.rounds:
        cfg["rounds"] = args.rounds
    set_names = args.sets.split(",") if args.sets else (["cpu"] + (["gpu"] if gpu_present() else []))
    only_shapes = {s for s in args.shapes.split(",") if s}
    ctx = Context(args)
    # A system that collapses (e.g. PyTorch's spinning threads on a busy
    # machine) stops timing after this long per round, after at least 1 call.
    ctx.measure_budget_s = 4 * cfg["target_s"]

    t0 = time.time()
    if args.wait_idle > 0:
        machine.wait_idle(args.wait_idle, log=log)
    load_start = machine.uptime_line()
    log(f"start: {load_start}")
    info = machine.machine_info(REPO, ctx.rnn_run)
    log(f"{info['cpu_model']}, rnn-mlir {info['git']}, torch {info['torch']}")

    for name in set_names:
        if name not in SHAPE_SETS:
            raise SystemExit(f"bench: unknown shape set {name!r} (known: {', '.join(SHAPE_SETS)})")
        shape_set = SHAPE_SETS[name]
        probe_fn = machine.PROBES[shape_set.machine]
        if name == "gpu":
            # The GPU matrix (ours on cuDNN, PyTorch eager, PyTorch's cuDNN in
            # a CUDA graph, all timed with CUDA events) is bench/gpu.py.
            import subprocess
            gpu_cmd = [sys.executable, os.path.join(HERE, "gpu.py"), "--rnn-run", ctx.rnn_run,
                       "--out", args.out] + (["--quick"] if args.quick else [])
            log(f"gpu: {' '.join(gpu_cmd)}")
            if subprocess.run(gpu_cmd).returncode != 0:
                log("gpu: bench/gpu.py failed")
            continue
        try:
            probe_start = probe_fn(args.quick)
        except NotImplementedError as e:
            log(f"{name}: skipped ({e})")
            continue
        log(f"{name}: peak {probe_start['peak_gflops']:.0f} GFLOP/s, copy {probe_start['bandwidth_gbs']:.1f} GB/s")
        t_set = time.time()
        systems, raw = run_set(shape_set, ctx, cfg, only_shapes)
        if systems is None:
            continue
        probe_end = probe_fn(args.quick)
        probe = machine.merge_probes(probe_start, probe_end)
        log(f"{name}: end peak {probe_end['peak_gflops']:.0f} GFLOP/s, copy {probe_end['bandwidth_gbs']:.1f} GB/s")

        rows = report.summarize(shape_set, systems, raw, probe, cfg["max_foreign"])
        foreign = sorted(r["foreign_cpus"] for per in raw.values() for rec in per.values()
                         for r in rec["rounds"] if r.get("foreign_cpus") is not None)
        meta = {"foreign_median": f"{foreign[len(foreign) // 2]:.2f}" if foreign else "?",
                "foreign_max": f"{foreign[-1]:.2f}" if foreign else "?",
                "foreign_max_value": foreign[-1] if foreign else 0,
                "busy_kept": sum(1 for per in raw.values() for rec in per.values() for r in rec["rounds"]
                                 if (r.get("foreign_cpus") or 0) > cfg["max_foreign"]),
                "retried": sum(r.get("retries", 0) for per in raw.values() for rec in per.values()
                               for r in rec["rounds"]),
                "measurements": sum(len(rec["rounds"]) for per in raw.values() for rec in per.values()),"quick": args.quick, "rounds": cfg["rounds"], "threads": args.threads,
                "load_start": load_start.split("load average:")[-1].strip(),
                "load_end": machine.uptime_line().split("load average:")[-1].strip(),
                "elapsed_s": time.time() - t_set, "cfg": cfg, "argv": sys.argv}
        report.write_csv(os.path.join(args.out, f"{name}.csv"), rows)
        plots = report.make_plots(args.out, shape_set, systems, rows)
        report.write_markdown(os.path.join(args.out, f"{name}.md"), shape_set, systems, rows, probe, info, meta, plots)
        with open(os.path.join(args.out, f"{name}.json"), "w") as f:
            json.dump({"info": info, "probe": probe, "meta": meta, "raw": raw, "rows": rows}, f, indent=1)
        log(f"{name}: wrote {args.out}/{name}.{{csv,md,json}} and {len(plots)} plots")
        with open(os.path.join(args.out, f"{name}.md")) as f:
            print(f.read())

    log(f"end: {machine.uptime_line()} (total {time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
