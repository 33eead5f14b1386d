# -*- Python -*-
# lit configuration for rnn-mlir.

import os
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "RNN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".py", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.rnn_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%rnn_src_root", config.rnn_src_root))
config.substitutions.append(("%rnn_tools_dir", config.rnn_tools_dir))
# The reference generated from ODS (rnn-doc) and MLIR's .td include path, for
# the doc-sync check of test/Docs.
# (The GPU machine's bundle has neither: its site config leaves them out.)
config.substitutions.append(("%rnn_doc_dir", getattr(config, "rnn_doc_dir", "")))
config.substitutions.append(
    ("%llvm_tblgen", os.path.join(config.llvm_tools_dir, "llvm-tblgen"))
)
config.substitutions.append(
    ("%mlir_include_dirs", getattr(config, "mlir_include_dirs", "").replace(";", ":"))
)
config.substitutions.append(
    ("%rnn_unittests", os.path.join(config.rnn_obj_root, "unittests"))
)
config.environment["FILECHECK_OPTS"] = (
    "-enable-var-scope --allow-unused-prefixes=false"
)

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# `not`, `count` and `split-file` at the start of a RUN line come from PATH.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.rnn_tools_dir, config.llvm_tools_dir]
tools = ["rnn-opt", "rnn-run"]
if getattr(config, "rnn_enable_onnx", False):
    tools.append("rnn-translate")
    config.available_features.add("rnn-translate")
llvm_config.add_tool_substitutions(tools, tool_dirs)

# The Python used by numerical tests: it needs numpy (and torch where the test
# compares against PyTorch). Debian's /usr/bin/python3 has both.
python = os.environ.get("RNN_TEST_PYTHON", "/usr/bin/python3")
if not os.path.exists(python):
    python = shutil.which("python3") or "python3"
config.substitutions.append(("%python", python))

# rnn-weights is a Python script: run it with that Python, not whatever
# `python3` is first on PATH.
llvm_config.add_tool_substitutions(
    [
        ToolSubst(
            "rnn-weights",
            command=python,
            extra_args=[os.path.join(config.rnn_tools_dir, "rnn-weights")],
        )
    ]
)


# Python packages that scripts/install-python-deps.sh puts into the build
# folder (ONNX Runtime from PyPI, beside Debian's numpy).
python_deps = os.path.join(config.rnn_obj_root, "python-deps")
if os.path.isdir(python_deps):
    paths = [python_deps] + [
        p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p
    ]
    config.environment["PYTHONPATH"] = os.pathsep.join(paths)


def python_has(module):
    env = dict(os.environ)
    if "PYTHONPATH" in config.environment:
        env["PYTHONPATH"] = config.environment["PYTHONPATH"]
    try:
        return (
            subprocess.run(
                [python, "-c", "import " + module],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            ).returncode
            == 0
        )
    except OSError:
        return False


if python_has("numpy"):
    config.available_features.add("numpy")
if python_has("torch"):
    config.available_features.add("torch")
# onnx: with its ReferenceEvaluator (onnx >= 1.13, from PyPI); onnx-helper:
# any onnx, for building models (Debian 12's python3-onnx is 1.12).
if python_has("onnx.reference"):
    config.available_features.add("onnx")
if python_has("onnx"):
    config.available_features.add("onnx-helper")
if python_has("onnxruntime"):
    config.available_features.add("onnxruntime")

# ONNX's backend node tests (Debian's libonnx-testdata).
onnx_testdata = "/usr/share/libonnx-testdata/data/node"
if os.path.isdir(onnx_testdata):
    config.available_features.add("onnx-testdata")
config.substitutions.append(("%onnx_testdata", onnx_testdata))


def has_gpu():
    """A CUDA GPU is present: nvidia-smi lists one."""
    smi = shutil.which("nvidia-smi")
    if not smi:
        return False
    try:
        out = subprocess.run(
            [smi, "-L"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        ).stdout
    except OSError:
        return False
    return b"GPU" in out


# The onednn backend (oneDNN found at configure time, libdnnl-dev).
if getattr(config, "rnn_have_onednn", False):
    config.available_features.add("onednn")


def has_avx512_core():
    """The CPU has oneDNN's avx512_core ISA (AVX-512 F, BW, VL, DQ), which
    oneDNN 2.6 needs for bf16 RNN primitives."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            flags = next(
                (line.split(":", 1)[1].split() for line in cpuinfo
                 if line.startswith("flags")),
                [],
            )
    except OSError:
        return False
    return {"avx512f", "avx512bw", "avx512vl", "avx512dq"} <= set(flags)


# onednn-bf16: the onednn backend can run bf16 here.
if "onednn" in config.available_features and has_avx512_core():
    config.available_features.add("onednn-bf16")

# Imported ONNX models with ONNX Runtime's outputs, made on the build machine
# by scripts/gpu-bundle.sh (test/Integration/CUDA/onnx-imported-models.test).
imported_models = os.path.join(config.rnn_obj_root, "imported-models")
if os.path.isdir(imported_models):
    config.available_features.add("imported-models")
config.substitutions.append(("%imported_models", imported_models))

if config.rnn_enable_cuda and has_gpu():
    config.available_features.add("cuda")
