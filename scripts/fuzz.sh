#!/usr/bin/env bash
# Builds the libFuzzer targets (scripts/fuzz-build.sh: clang-22, ASan + UBSan,
# static LLVM/MLIR, into build-fuzz/) and runs each of them, one after the
# other, for SECONDS seconds with JOBS libFuzzer fork workers, over the seed
# corpus collected from the test suite (fuzz/make-corpus.py) with the
# dictionary fuzz/mlir.dict. Prints per target the CPU seconds, executions
# and crashes found; logs, the grown corpora and findings go to
# ${OUT:-build-fuzz/run} (see fuzz/run.py).
# Usage: scripts/fuzz.sh [seconds-per-target] [jobs] [targets]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
jobs="${2:-1}"
targets="${3:-parse,canonicalize,cpu,cudnn,cublas}"
build="$("$root/scripts/fuzz-build.sh")"
out="${OUT:-$build/run}"
seeds="$build/fuzz-seeds"
rm -rf "$seeds"
echo "seeds: $(python3 "$root/fuzz/make-corpus.py" "$seeds" "$root")"
python3 "$root/fuzz/run.py" --bin "$build/bin" --seeds "$seeds" \
  --dict "$root/fuzz/mlir.dict" --out "$out" --seconds "$seconds" \
  --workers "$jobs" --targets "$targets" --sequential
