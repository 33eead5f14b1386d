"""The systems the benchmark compares: a small registry of name -> System.

A System knows whether it can run here, how to prepare one shape (build,
compile, warm up; returns an estimate of one call in ms so that run.py can pick
the number of calls), and how to time `calls` calls of it (returns the median
and min per call in ms). Systems with `ours = True` are rnn-mlir; the others
are peers, and every "ours" row gets a ratio to each peer and to the best peer.

Adding a GPU backend = one subclass + @register, and its name in a shape set
(shapes.py). Example sketch (not registered here):

    @register
    class RnnRunCudnn(RnnRun):
        name, label, backend, pipeline = ("rnn-mlir-cudnn", "rnn-mlir cuDNN",
                                          "cudnn", "--rnn-cudnn-pipeline")
"""

import os
import re
import statistics
import subprocess
import time

SYSTEMS = {}


def register(cls):
    SYSTEMS[cls.name] = cls
    return cls


class System:
    name = "?"
    label = "?"
    ours = False
    in_quick = True   # run in --quick mode too

    def __init__(self, ctx):
        # ctx: run.py's Context (paths, thread count, mlir dir, quick flag).
        self.ctx = ctx

    def available(self):
        """(True, "") or (False, why)."""
        return True, ""

    def version(self) -> str:
        return ""

    def prepare(self, shape) -> float:
        """Build/compile/warm up for `shape`; return the estimated ms per call."""
        raise NotImplementedError

    def measure(self, shape, calls: int) -> dict:
        """One round: warm-up call(s), then `calls` timed calls.
        Returns {"median_ms": .., "min_ms": ..}."""
        raise NotImplementedError

    def release(self):
        """Frees what prepare() built (worker processes, models)."""

    def compile_times(self, shape, repeats: int):
        """Optional: {"pipeline_ms": .., "jit_ms": .., "total_ms": ..} or None."""
        return None


# --------------------------------------------------------------------------
# rnn-mlir through rnn-run (README.md, Tools)

_BENCH_LINE = re.compile(r"median ([0-9.eE+-]+) ms, min ([0-9.eE+-]+) ms over (\d+) calls")
_TIMING_LINE = re.compile(r"^timing: ([a-z-]+) ([0-9.]+) ms$", re.M)


class RnnRun(System):
    ours = True
    backend = "?"
    pipeline = "?"   # rnn-opt pipeline flag used to time the lowering alone
    # The onednn backend runs oneDNN on libgomp's threads, which (like
    # PyTorch's, see pytorch-cpu) spin at their barriers by default: on a
    # shared 2-core machine a descheduled spinning worker stalled every step
    # (C4: 0.3-6 s per call against 56-79 ms with PASSIVE, side by side).
    env = {"OMP_WAIT_POLICY": "PASSIVE"}

    def available(self):
        for tool in (self.ctx.rnn_run, self.ctx.rnn_opt):
            if not (os.path.isfile(tool) and os.access(tool, os.X_OK)):
                return False, f"{tool} not found (build rnn-mlir or pass --rnn-run)"
        return True, ""

    def version(self):
        return ""

    variant = ""     # "" (packed params argument) or "canonical" (shapes.py)

    def _file(self, shape):
        return self.ctx.mlir_file(shape, self.variant)

    def _run(self, shape, calls, extra=()):
        cmd = [self.ctx.rnn_run, self._file(shape), f"--backend={self.backend}",
               "--random-inputs=1", f"--benchmark={calls}", *extra]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=dict(self.ctx.child_env, **self.env))
        wall_ms = (time.perf_counter() - start) * 1e3
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): "
                               f"{(proc.stderr or proc.stdout).strip()[-500:]}")
        m = _BENCH_LINE.search(proc.stdout)
        if not m:
            raise RuntimeError(f"no benchmark line in the output of {' '.join(cmd)}: {proc.stdout[-300:]!r}")
        timing = {k: float(v) for k, v in _TIMING_LINE.findall(proc.stderr)}
        return {"median_ms": float(m.group(1)), "min_ms": float(m.group(2)), "wall_ms": wall_ms,
                "timing": timing}

    def prepare(self, shape):
        return self._run(shape, 1)["median_ms"]

    def measure(self, shape, calls):
        r = self._run(shape, calls)
        return {"median_ms": r["median_ms"], "min_ms": r["min_ms"]}

    def compile_times(self, shape, repeats):
        """rnn-run --timing's phases (parse, pipeline = the pass pipeline,
        jit = translate + optimize + codegen, setup = their sum, first-call),
        medians over `repeats` runs."""
        runs = [self._run(shape, 1, ["--timing"])["timing"] for _ in range(repeats)]
        med = lambda key: statistics.median(t.get(key, 0.0) for t in runs)
        return {"parse_ms": med("parse"), "pipeline_ms": med("pipeline"),
                "jit_ms": med("translate") + med("optimize") + med("codegen"),
                "setup_ms": med("setup"), "first_call_ms": med("first-call")}


@register
class RnnRunCpu(RnnRun):
    name = "rnn-mlir-cpu"
    label = "rnn-mlir CPU"
    backend = "cpu"
    pipeline = "--rnn-cpu-pipeline"


@register
class RnnRunCpuCanonical(RnnRunCpu):
    """The canonical weights as arguments, rnn.pack_params inside the
    function, as a framework passes them."""
    name = "rnn-mlir-cpu-canonical"
    label = "rnn-mlir CPU canonical"
    variant = "canonical"


@register
class RnnRunOneDNN(RnnRun):
    """--backend=onednn: oneDNN's RNN primitives, weights prepared once."""
    name = "rnn-mlir-onednn"
    label = "rnn-mlir oneDNN"
    backend = "onednn"
    pipeline = "--rnn-onednn-pipeline"


@register
class RnnRunOneDNNCanonical(RnnRunOneDNN):
    name = "rnn-mlir-onednn-canonical"
    label = "rnn-mlir oneDNN canonical"
    variant = "canonical"


# --------------------------------------------------------------------------
# PyTorch (nn.LSTM / nn.GRU / nn.RNN, inference under no_grad), each system in
# its own worker process (torch_worker.py) with its own environment.

import dataclasses  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class PyTorchWorker(System):
    env = {}          # extra environment of the worker
    device = "cpu"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None

    def _ask(self, req):
        if self.proc is None:
            env = dict(self.ctx.child_env, BENCH_THREADS=str(self.ctx.threads), BENCH_DEVICE=self.device,
                       **self.env)
            self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "torch_worker.py")],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.name}: the torch worker died (exit {self.proc.wait()})")
        ans = json.loads(line)
        if not ans.get("ok"):
            raise RuntimeError(f"{self.name}: {ans.get('error')}")
        return ans

    def available(self):
        try:
            import torch  # noqa: F401
        except ImportError as e:
            return False, f"torch not importable ({e}); use Debian's /usr/bin/python3 with python3-torch"
        return True, ""

    def version(self):
        return "torch " + self._ask({"cmd": "version"})["version"]

    def prepare(self, shape):
        return self._ask({"cmd": "prepare", "shape": dataclasses.asdict(shape)})["est_ms"]

    def measure(self, shape, calls):
        ans = self._ask({"cmd": "measure", "shape": dataclasses.asdict(shape), "calls": calls,
                         "budget_s": self.ctx.measure_budget_s})
        return {"median_ms": ans["median_ms"], "min_ms": ans["min_ms"], "calls_done": ans["calls"]}

    def release(self):
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait()
            self.proc = None


@register
class PyTorchCpu(PyTorchWorker):
    """PyTorch as fast as we could make it on the CPU: Debian's torch links the
    pthread OpenBLAS, whose threads compete with libgomp's spinning threads;
    OMP_WAIT_POLICY=PASSIVE stops the spinning (2-20x faster on 2 cores,
    see bench/README.md)."""
    name = "pytorch-cpu"
    label = "PyTorch CPU"
    env = {"OMP_WAIT_POLICY": "PASSIVE"}


@register
class PyTorchCpuDefaultEnv(PyTorchWorker):
    """PyTorch with libgomp's default (spinning) wait policy, as a user gets it."""
    name = "pytorch-cpu-default"
    label = "PyTorch CPU (default env)"
    in_quick = False


# --------------------------------------------------------------------------
# ONNX Runtime and OpenVINO (onnx_worker.py), each in its own worker process.


class OnnxWorker(PyTorchWorker):
    engine = "?"
    precision = "f32"
    script = "onnx_worker.py"

    def _ask(self, req):
        if self.proc is None:
            env = dict(self.ctx.child_env, BENCH_THREADS=str(self.ctx.threads), BENCH_ENGINE=self.engine,
                       BENCH_PRECISION=self.precision)
            env["PYTHONPATH"] = os.pathsep.join(p for p in [*self.ctx.python_deps, env.get("PYTHONPATH", "")] if p)
            self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, self.script)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        return PyTorchWorker._ask(self, req)

    def available(self):
        module = "onnxruntime" if self.engine == "onnxruntime" else "openvino"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(self.ctx.python_deps)
        proc = subprocess.run([sys.executable, "-c", f"import onnx, {module}"], capture_output=True, text=True,
                              env=env)
        if proc.returncode != 0:
            return False, (f"{module} not importable from {self.ctx.python_deps} "
                           f"(scripts/install-python-deps.sh; bench/README.md): {proc.stderr.strip()[-200:]}")
        return True, ""

    def version(self):
        return self._ask({"cmd": "version"})["version"]

    def prepare(self, shape):
        ans = self._ask({"cmd": "prepare", "shape": dataclasses.asdict(shape)})
        self.setup_ms = ans["setup_ms"]
        return ans["est_ms"]

    def compile_times(self, shape, repeats):
        # Session creation, measured by prepare() (run.py calls this first,
        # so ask for it here).
        ans = self._ask({"cmd": "prepare", "shape": dataclasses.asdict(shape)})
        return {"setup_ms": ans["setup_ms"]}


@register
class OnnxRuntimeCpu(OnnxWorker):
    """ONNX Runtime 1.20.1 (scripts/install-python-deps.sh), CPU execution
    provider, f32, intra_op_num_threads = threads."""
    name = "onnxruntime"
    label = "ONNX Runtime"
    engine = "onnxruntime"


@register
class OpenVINOCpu(OnnxWorker):
    """OpenVINO 2024.6 (scripts/install-python-deps.sh --bench), f32 forced
    (INFERENCE_PRECISION_HINT; it defaults to bf16 on AVX-512 bf16 CPUs)."""
    name = "openvino"
    label = "OpenVINO"
    engine = "openvino"


@register
class OpenVINOCpuBf16(OpenVINOCpu):
    """OpenVINO with INFERENCE_PRECISION_HINT=bf16, its default on CPUs with
    AVX-512 bf16 or AMX: the f32 model computed in bf16 (the cpu-bf16 set)."""
    name = "openvino-bf16"
    label = "OpenVINO bf16"
    precision = "bf16"
