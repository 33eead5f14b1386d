#!/usr/bin/env bash
# The main job: builds rnn-mlir and JIT-runs the bundled 2-layer
# bidirectional LSTM on the best available backend, printing its outputs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${RNN_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
"$build/bin/rnn-run" "$root/examples/lstm.mlir" --backend=auto \
  --random-inputs=1 "$@"
