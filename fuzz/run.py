#!/usr/bin/env python3
"""Runs the rnn-fuzz targets and summarizes them (used by scripts/fuzz.sh on
the build machine and by scripts/fuzz-run.sh from the portable bundle).

  run.py --bin DIR --seeds DIR --dict FILE --out DIR --seconds S --workers W
         [--targets parse,canonicalize,cpu,cudnn,cublas] [--sequential]

Each target runs as `DIR/rnn-fuzz-<target> -fork=W -max_total_time=S` over
OUT/corpus/<target> (new inputs) and the seed corpus, ignoring crashes,
timeouts and OOMs so that it keeps going; libFuzzer saves every finding in
OUT/artifacts/<target>/ (crash-*, leak-*, timeout-*, oom-*) and its log goes
to OUT/logs/<target>.log. Targets run in parallel unless --sequential.
Prints, and writes to OUT/summary.md, one row per target: wall and CPU
seconds (user + system of the target's whole process tree), executions,
coverage, and findings: crashes, leaks, timeouts and OOMs count the inputs
saved in artifacts/ (the last column is libFuzzer's own counter, which also
counts fork jobs that died without an input). Exits 1 when any target has a crash or leak.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

TARGETS = ["parse", "canonicalize", "cpu", "cudnn", "cublas"]
STATUS = re.compile(r"^#(\d+): cov: (\d+) ft: (\d+) corp: (\d+) exec/s: (\d+) "
                    r"oom/timeout/crash: (\d+)/(\d+)/(\d+) time: (\d+)s")


def start(args, target):
    corpus = os.path.join(args.out, "corpus", target)
    artifacts = os.path.join(args.out, "artifacts", target)
    logs = os.path.join(args.out, "logs")
    for directory in (corpus, artifacts, logs):
        os.makedirs(directory, exist_ok=True)
    command = [
        os.path.join(args.bin, "rnn-fuzz-" + target),
        "-fork=%d" % args.workers,
        "-ignore_crashes=1", "-ignore_timeouts=1", "-ignore_ooms=1",
        "-max_total_time=%d" % args.seconds,
        "-timeout=%d" % args.timeout,
        "-rss_limit_mb=%d" % args.rss_limit_mb,
        "-max_len=%d" % args.max_len,
        "-dict=" + args.dict,
        "-artifact_prefix=" + artifacts + "/",
        "-print_final_stats=1",
        corpus, args.seeds,
    ]
    env = dict(os.environ)
    # Leaks are findings; a report aborts the input so that fork mode counts
    # and saves it.
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:allocator_may_return_null=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    log = open(os.path.join(logs, target + ".log"), "w")
    log.write("$ " + " ".join(command) + "\n")
    log.flush()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                               env=env, cwd=args.out)
    return process, log, time.time()


def summarize(args, target, wall, usage, returncode):
    with open(os.path.join(args.out, "logs", target + ".log"),
              errors="replace") as f:
        lines = f.read().splitlines()
    last = None
    for line in lines:
        match = STATUS.match(line)
        if match:
            last = match
    execs = int(last.group(1)) if last else 0
    cov = int(last.group(2)) if last else 0
    corpus = int(last.group(4)) if last else 0
    oom, timeout, crash = ((int(last.group(6)), int(last.group(7)),
                            int(last.group(8))) if last else (0, 0, 0))
    artifacts = os.path.join(args.out, "artifacts", target)
    files = sorted(os.listdir(artifacts)) if os.path.isdir(artifacts) else []
    count = lambda prefix: sum(1 for f in files if f.startswith(prefix))
    return {
        "target": target,
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "execs": execs,
        "cov": cov,
        "corpus": corpus,
        # Findings are the saved inputs (libFuzzer dedups them by content);
        # its own counter also counts fork jobs that died without an input
        # (e.g. the binary replaced mid-run) and is reported separately.
        "crash": count("crash-") + count("deadly-signal"),
        "leak": count("leak-"),
        "timeout": count("timeout-"),
        "oom": count("oom-"),
        "counted": "%d/%d/%d" % (oom, timeout, crash),
        "returncode": returncode,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--dict", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--sequential", action="store_true")
    parser.add_argument("--timeout", type=int, default=60)
    parser.add_argument("--rss-limit-mb", type=int, default=4096)
    parser.add_argument("--max-len", type=int, default=16384)
    args = parser.parse_args()
    for name in ("bin", "seeds", "dict", "out"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    os.makedirs(args.out, exist_ok=True)
    targets = [t for t in args.targets.split(",") if t]
    for target in targets:
        if target not in TARGETS:
            sys.exit("run.py: unknown target " + target)

    rows = []
    running = {}
    pending = list(targets)
    while pending or running:
        while pending and (not args.sequential or not running):
            target = pending.pop(0)
            process, log, started = start(args, target)
            running[process.pid] = (target, log, started)
            print("started %s (pid %d)" % (target, process.pid), flush=True)
        pid, status, usage = os.wait4(-1, 0)
        if pid not in running:
            continue
        target, log, started = running.pop(pid)
        log.close()
        row = summarize(args, target, time.time() - started, usage,
                        os.waitstatus_to_exitcode(status))
        rows.append(row)
        print("finished %s: %d execs, %d crashes" %
              (target, row["execs"], row["crash"]), flush=True)

    rows.sort(key=lambda r: targets.index(r["target"]))
    header = ("| target | wall s | CPU s | executions | exec/CPU s | cov | "
              "corpus | crashes | leaks | timeouts | OOMs | "
              "libFuzzer oom/timeout/crash |")
    table = [header, "|" + "---|" * 12]
    for r in rows:
        table.append("| %s | %.0f | %.0f | %d | %.0f | %d | %d | %d | %d | %d | %d | %s |" % (
            r["target"], r["wall"], r["cpu"], r["execs"],
            r["execs"] / r["cpu"] if r["cpu"] else 0, r["cov"], r["corpus"],
            r["crash"], r["leak"], r["timeout"], r["oom"], r["counted"]))
    text = "\n".join(table) + "\n"
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("rnn-fuzz: %d s per target, %d workers (-fork) each\n\n"
                % (args.seconds, args.workers))
        f.write(text)
        f.write("\nFindings: artifacts/<target>/ (reproduce with "
                "bin/rnn-fuzz-<target> FILE).\n")
    print(text, end="")
    sys.exit(1 if any(r["crash"] or r["leak"] for r in rows) else 0)


if __name__ == "__main__":
    main()
