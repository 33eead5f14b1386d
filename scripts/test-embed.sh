#!/usr/bin/env bash
# Installs rnn-mlir from an existing build into a temporary prefix, then
# configures, builds and runs examples/embed against the installed package
# (find_package(RNNMLIR CONFIG)), as another project would.
# Prints "embed example: max relative error X (ok)" and exits non-zero on any
# failure. Uses ${RNN_BUILD_DIR:-build}; keeps the prefix with RNN_KEEP_TMP=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${RNN_BUILD_DIR:-$root/build}"
jobs="${RNN_JOBS:-2}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rnn-embed.XXXXXX")"
if [[ "${RNN_KEEP_TMP:-0}" != 1 ]]; then
  trap 'rm -rf "$tmp"' EXIT
fi

# Runs a step with its output in $tmp/<name>.log, shown if the step fails.
step() {
  local name="$1"
  shift
  if ! "$@" >"$tmp/$name.log" 2>&1; then
    cat "$tmp/$name.log" >&2
    echo "embed example: $name failed" >&2
    exit 1
  fi
}

start=$SECONDS
step install cmake --install "$build" --prefix "$tmp/prefix"

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Paths under the temporary directory become relative, so that ccache hits
  # across runs.
  export CCACHE_BASEDIR="$tmp"
fi
step configure cmake -G Ninja -S "$root/examples/embed" -B "$tmp/build" \
  -DCMAKE_BUILD_TYPE=Release \
  -DRNNMLIR_DIR="$tmp/prefix/lib/cmake/rnnmlir" \
  "${launcher[@]}"
step build ninja -C "$tmp/build" -j "$jobs"

# The example must carry no second copy of MLIR (the libMLIR dylib).
if ldd "$tmp/build/rnn-embed-example" | grep -q 'libMLIR'; then
  echo "embed example: links the libMLIR dylib" >&2
  exit 1
fi
"$tmp/build/rnn-embed-example"
echo "embed example: install, configure, build and run took $((SECONDS - start)) s"
