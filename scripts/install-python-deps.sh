#!/usr/bin/env bash
# Installs the Python packages the tests need that Debian 12 does not ship,
# into ${RNN_BUILD_DIR:-build}/python-deps (test/lit.cfg.py puts it on
# PYTHONPATH): ONNX Runtime, the reference of the rnn-translate tests. Only
# that wheel, without its dependencies, so that Debian's numpy 1.24 (which
# torch 1.13 is built against) is never upgraded; 1.20.1 is the newest
# release that runs with it. Does nothing when it is already there.
# With --bench also OpenVINO 2024.6 (a peer of bench/run.py, not needed by
# the tests), the same way, into ${RNN_BUILD_DIR:-build}/bench-deps.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${RNN_BUILD_DIR:-$root/build}"
target="$build/python-deps"
python=/usr/bin/python3
version=1.20.1

if [ "${1:-}" = "--bench" ]; then
  bench="$build/bench-deps"
  if ! PYTHONPATH="$bench" "$python" -c "import openvino" 2>/dev/null; then
    echo "install-python-deps: installing openvino==2024.6.0 into $bench"
    mkdir -p "$bench"
    "$python" -m pip install --quiet --disable-pip-version-check --no-deps \
      --target="$bench" --upgrade "openvino==2024.6.0"
  fi
fi

if PYTHONPATH="$target" "$python" -c \
    "import onnxruntime, sys; sys.exit(onnxruntime.__version__ != '$version')" \
    2>/dev/null; then
  exit 0
fi
echo "install-python-deps: installing onnxruntime==$version into $target"
mkdir -p "$target"
"$python" -m pip install --quiet --disable-pip-version-check --no-deps \
  --target="$target" --upgrade "onnxruntime==$version"
