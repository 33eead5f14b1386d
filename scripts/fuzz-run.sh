#!/usr/bin/env bash
# On the fuzzing machine (Ubuntu 24.04 or similar, no MLIR needed; python3 and
# xz): unpacks .portable/fuzz-bundle.tar.xz (made by scripts/fuzz-bundle.sh;
# or the bundle given as $RNN_FUZZ_BUNDLE) and runs all four fuzz targets in
# parallel, each for SECONDS seconds of wall time with WORKERS libFuzzer fork
# workers (so about SECONDS x WORKERS CPU seconds per target; use
# WORKERS x 4 <= cores). Writes to ${OUT:-/tmp/rnn-fuzz-out}: summary.md (CPU
# time, executions, crashes, leaks, timeouts, OOMs per target), logs/,
# the grown corpora in corpus/ and every finding in artifacts/<target>/.
# Usage: scripts/fuzz-run.sh SECONDS WORKERS [targets]
# E.g. 30 CPU minutes per target on 16 cores: scripts/fuzz-run.sh 450 4
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:?usage: fuzz-run.sh SECONDS WORKERS [targets]}"
workers="${2:?usage: fuzz-run.sh SECONDS WORKERS [targets]}"
targets="${3:-parse,canonicalize,cpu,cudnn,cublas}"
bundle_file="${RNN_FUZZ_BUNDLE:-$root/.portable/fuzz-bundle.tar.xz}"
out="${OUT:-/tmp/rnn-fuzz-out}"
bundle=/tmp/rnn-fuzz-bundle
rm -rf "$bundle"
mkdir -p "$bundle" "$out"
xz -dc "$bundle_file" | tar -C "$bundle" -xf -
echo "bundle of commit $(cat "$bundle/COMMIT" 2>/dev/null || echo unknown), $(nproc) cores"
python3 "$bundle/run.py" --bin "$bundle/bin" --seeds "$bundle/seeds" \
  --dict "$bundle/mlir.dict" --out "$out" --seconds "$seconds" \
  --workers "$workers" --targets "$targets"
status=$?
cp "$bundle/KNOWN.md" "$out/" 2>/dev/null || true
echo "results in $out (summary.md, logs/, artifacts/)"
exit $status
