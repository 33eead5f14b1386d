#!/usr/bin/env bash
# Configures and builds rnn-mlir into ${RNN_BUILD_DIR:-build} with ninja.
# Extra arguments are passed to cmake (e.g. -DRNN_ENABLE_SANITIZERS=ON).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${RNN_BUILD_DIR:-$root/build}"
jobs="${RNN_JOBS:-2}"

"$root/scripts/install-deps.sh"

launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$root"
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
            -DCMAKE_CUDA_COMPILER_LAUNCHER=ccache)
fi

cmake -G Ninja -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=Release \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
  "${launcher[@]}" "$@" >/dev/null
ninja -C "$build" -j "$jobs" "${RNN_TARGETS:-all}"
