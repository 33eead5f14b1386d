#!/usr/bin/env bash
# Builds rnn-mlir and runs every test (lit + FileCheck regression tests, the
# gtest unit suite, JIT runs and the randomized numerical suite against
# PyTorch). GPU tests run only where a GPU is present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${RNN_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh" "$@"
RNN_BUILD_DIR="$build" "$root/scripts/install-python-deps.sh"

log="$build/check-rnn.log"
status=0
ninja -C "$build" -j "${RNN_JOBS:-2}" check-rnn 2>&1 | tee "$log" || status=$?

# The installed package, used from another project (examples/embed).
RNN_BUILD_DIR="$build" "$root/scripts/test-embed.sh" || status=1

# One plain summary line for CI: "N passed, M failed".
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^ *Failed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
echo "check-rnn: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
