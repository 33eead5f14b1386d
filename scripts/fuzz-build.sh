#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) into ${RNN_FUZZ_BUILD_DIR:-build-fuzz}
# with clang-22: our code with coverage + ASan + UBSan, LLVM/MLIR linked
# statically (RNN_PORTABLE_BUILD), so that the same binary goes into the
# portable bundle (scripts/fuzz-bundle.sh). Our code keeps its assertions
# (no NDEBUG; the inline LLVM/MLIR header code it instantiates asserts too,
# e.g. a bad llvm::cast), the prebuilt libraries do not have them. Prints
# the build directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${RNN_FUZZ_BUILD_DIR:-$root/build-fuzz}"
"$root/scripts/install-deps.sh" >&2
if ! [ -e /usr/lib/llvm-22/lib/clang/22/lib/linux/libclang_rt.fuzzer-x86_64.a ]; then
  echo "fuzz-build: installing clang-22 and libclang-rt-22-dev" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    --no-install-recommends clang-22 libclang-rt-22-dev >/dev/null
fi

launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$root"
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -G Ninja -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DCMAKE_C_FLAGS=-gline-tables-only -DCMAKE_CXX_FLAGS=-gline-tables-only \
  -DCMAKE_C_FLAGS_RELEASE=-O2 -DCMAKE_CXX_FLAGS_RELEASE=-O2 \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
  -DRNN_ENABLE_FUZZERS=ON -DRNN_PORTABLE_BUILD=ON -DRNN_ENABLE_CUDA=OFF \
  "${launcher[@]}" "$@" >&2
ninja -C "$build" -j "${RNN_JOBS:-2}" rnn-fuzz >&2
echo "$build"
