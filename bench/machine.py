"""What the machine can do (measured in the same run as the benchmarks) and
what it is (model, cores, versions, load)."""

import os
import platform
import re
import subprocess
import time


def _sh(cmd, cwd=None):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def loadavg() -> str:
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def uptime_line() -> str:
    return _sh(["uptime"]) or f"load average: {loadavg()}"


class ForeignLoad:
    """CPU time used by other processes (not this one or its waited-for
    children) while a measurement ran, in CPUs (0 = idle machine, 1 = one
    core fully taken). From /proc/stat busy time minus our own os.times()."""

    HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    @staticmethod
    def _busy():
        try:
            with open("/proc/stat") as f:
                v = [int(x) for x in f.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        # user nice system idle iowait irq softirq steal ...: busy = all - idle - iowait
        return (sum(v[:8]) - v[3] - v[4]) / ForeignLoad.HZ

    @staticmethod
    def _own():
        """CPU seconds of this process, its finished children, and its live
        descendants (e.g. the PyTorch worker processes)."""
        t = os.times()
        own = t.user + t.system + t.children_user + t.children_system
        stats = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # after "pid (comm)": state ppid ... utime(12) stime(13)
            stats[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        me = os.getpid()
        for pid, (ppid, _) in stats.items():
            p, seen = ppid, 0
            while p and p != me and p in stats and seen < 64:
                p, seen = stats[p][0], seen + 1
            if p == me and pid != me:
                own += stats[pid][1] / ForeignLoad.HZ
        return own

    def __enter__(self):
        self.b0, self.o0, self.t0 = self._busy(), self._own(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        wall = self.wall = time.perf_counter() - self.t0
        b1 = self._busy()
        if self.b0 is None or b1 is None or wall <= 0:
            self.cpus = None
        else:
            self.cpus = max(0.0, ((b1 - self.b0) - (self._own() - self.o0)) / wall)
        return False


def wait_idle(max_s: float, threshold: float = 0.25, log=print):
    """Waits (at most max_s seconds) until other processes use under
    `threshold` CPUs over a 2-second window. Returns the last reading."""
    deadline = time.time() + max_s
    while True:
        with ForeignLoad() as fl:
            time.sleep(2.0)
        if fl.cpus is None or fl.cpus < threshold or time.time() >= deadline:
            return fl.cpus
        log(f"waiting for the machine to go idle: other processes use {fl.cpus:.2f} CPUs")


# --------------------------------------------------------------------------
# CPU roofline: peak float32 GEMM rate and copy bandwidth

def cpu_probe(quick: bool) -> dict:
    """Peak GFLOP/s: the best of several numpy float32 square matmuls (OpenBLAS,
    OPENBLAS_NUM_THREADS threads, set by run.py before numpy is imported).
    Bandwidth: the best of several numpy copies of a 256 MiB float32 array
    (one thread), counted as read + write = 2 x 256 MiB. Best-of, not median,
    because both are meant as "what the machine can do" and other processes
    only ever make them slower."""
    import numpy as np

    peak = 0.0
    sizes = (2048, 3072) if quick else (2048, 3072, 4096)
    reps = 3 if quick else 5
    rng = np.random.default_rng(0)
    for n in sizes:
        a = rng.random((n, n), dtype=np.float32)
        b = rng.random((n, n), dtype=np.float32)
        c = np.empty((n, n), dtype=np.float32)
        np.matmul(a, b, out=c)
        for _ in range(reps):
            start = time.perf_counter()
            np.matmul(a, b, out=c)
            peak = max(peak, 2.0 * n ** 3 / (time.perf_counter() - start) / 1e9)
    del a, b, c

    x = np.ones(64 * 1024 * 1024, dtype=np.float32)
    y = np.empty_like(x)
    np.copyto(y, x)
    bw = 0.0
    for _ in range(reps + 2):
        start = time.perf_counter()
        np.copyto(y, x)
        bw = max(bw, 2.0 * x.nbytes / (time.perf_counter() - start) / 1e9)
    return {"peak_gflops": peak, "bandwidth_gbs": bw,
            "step_latency_us": None,  # no per-step floor on the CPU
            "peak_method": f"numpy float32 matmul n={'/'.join(map(str, sizes))}, best of {reps}",
            "bandwidth_method": "numpy copy of 256 MiB float32, read+write, best of %d" % (reps + 2)}


def gpu_probe(quick: bool) -> dict:
    """Placeholder for the GPU set: the lead adds a measured tensor-core/FMA
    peak, HBM bandwidth and a per-step latency (~1 us for one dependent
    CUDA-graph node, FACTS.md)."""
    raise NotImplementedError("GPU roofline probe not written yet")


PROBES = {"cpu": cpu_probe, "gpu": gpu_probe}


def merge_probes(a: dict, b: dict) -> dict:
    """Two probes of one run (start and end): keep the best of each number."""
    out = dict(a)
    for key in ("peak_gflops", "bandwidth_gbs"):
        out[key] = max(a[key], b[key])
        out[key + "_start"] = a[key]
        out[key + "_end"] = b[key]
    return out


# --------------------------------------------------------------------------
# Description of the machine and the software

def machine_info(repo: str, rnn_run: str) -> dict:
    lscpu = _sh(["lscpu"])
    fields = {}
    for line in lscpu.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            fields[k.strip()] = v.strip()
    info = {
        "cpu_model": fields.get("Model name", platform.processor() or "?"),
        "cpus": fields.get("CPU(s)", str(os.cpu_count())),
        "cores_per_socket": fields.get("Core(s) per socket", "?"),
        "threads_per_core": fields.get("Thread(s) per core", "?"),
        "sockets": fields.get("Socket(s)", "?"),
        "hypervisor": fields.get("Hypervisor vendor", ""),
        "l2": fields.get("L2 cache", ""),
        "l3": fields.get("L3 cache", ""),
        "avx512": "avx512f" in fields.get("Flags", ""),
        "memory_gib": "?",
        "kernel": platform.release(),
        "os": _os_name(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
    try:
        with open("/proc/meminfo") as f:
            kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
            info["memory_gib"] = f"{kb / 1024 / 1024:.0f}"
    except (OSError, AttributeError):
        pass
    info["git"] = _sh(["git", "describe", "--always", "--dirty", "--abbrev=7"], cwd=repo) or "?"
    info["llvm"] = ""
    m = re.search(r"LLVM version ([0-9.]+)", _sh([rnn_run, "--version"]))
    if m:
        info["llvm"] = m.group(1)
    try:
        info["rnn_run_built"] = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(rnn_run)))
    except OSError:
        info["rnn_run_built"] = "?"
    info["numpy"] = _pkg_version("numpy")
    info["torch"] = _pkg_version("torch")
    blas = os.path.realpath("/etc/alternatives/libblas.so.3-x86_64-linux-gnu")
    info["libblas"] = blas if os.path.exists(blas) else "?"
    info["openblas"] = _sh(["dpkg-query", "-W", "-f=${Version}", "libopenblas0-pthread"]) or "?"
    return info


def _pkg_version(mod):
    try:
        return __import__(mod).__version__
    except ImportError:
        return "not installed"


def _os_name():
    try:
        with open("/etc/os-release") as f:
            m = re.search(r'PRETTY_NAME="([^"]+)"', f.read())
            return m.group(1) if m else "?"
    except OSError:
        return "?"
