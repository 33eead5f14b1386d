#!/usr/bin/env bash
# Installs rnn-mlir from an existing build into a temporary prefix, then
# configures, builds and runs examples/embed against the installed package
# (find_package(RNNMLIR CONFIG)), as another project would: the inference
# example (rnn-embed-example) and the training example (rnn-train-example,
# whose per-step losses must decrease monotonically to below half the
# first). Prints "embed example: max relative error X (ok)" and the training
# example's last line, and exits non-zero on any failure. Uses
# ${RNN_BUILD_DIR:-build}; keeps the prefix with RNN_KEEP_TMP=1.
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

# The examples must carry no second copy of MLIR (the libMLIR dylib).
for example in rnn-embed-example rnn-train-example; do
  if ldd "$tmp/build/$example" | grep -q 'libMLIR'; then
    echo "embed example: $example links the libMLIR dylib" >&2
    exit 1
  fi
done
"$tmp/build/rnn-embed-example"

# The training example judges itself (exit status); the losses it prints are
# checked here as well, independently of its verdict.
step train "$tmp/build/rnn-train-example"
if ! awk '
  $1 == "step" && $3 == "loss" {
    if (n > 0 && !($4 < last)) { print "train example: loss of step " $2 " did not decrease"; bad = 1 }
    if (n == 0) first = $4
    last = $4; n++
  }
  END {
    if (n < 10) { print "train example: " n " loss lines"; bad = 1 }
    else if (!(last < 0.5 * first)) { print "train example: last loss " last " is not below half the first " first; bad = 1 }
    exit bad
  }' "$tmp/train.log" >&2; then
  cat "$tmp/train.log" >&2
  exit 1
fi
tail -n 1 "$tmp/train.log"
echo "embed example: install, configure, build and run took $((SECONDS - start)) s"
