#!/usr/bin/env bash
# Builds rnn-mlir with AddressSanitizer + UndefinedBehaviorSanitizer
# (RNN_ENABLE_SANITIZERS, gcc by default; CC/CXX pick another compiler) into
# ${RNN_ASAN_BUILD_DIR:-build-asan} and runs the whole check-rnn suite under
# it: every rnn-opt/rnn-run/unit-test process, including the rnn-run calls
# that the Python numerics scripts make, runs instrumented; JIT-compiled code
# runs inside the instrumented rnn-run (its malloc/free are ASan's).
#
# Not instrumented: Debian's prebuilt LLVM/MLIR libraries (a bug inside them
# is only seen where it corrupts our memory or our checks), the JIT-compiled
# code itself, and Python/PyTorch (they only read and write .npy files).
#
# Leak checking is on (detect_leaks=1) with the suppressions in
# scripts/sanitizers/lsan.supp (each entry says why). allocator_may_return_null
# lets the out-of-memory tests see a null pointer, as they would without ASan,
# instead of ASan's own abort. allow_user_poisoning=0: LLVM's headers poison
# and unpoison BumpPtrAllocator slabs when they see ASan, the prebuilt
# libraries (built without it) do not, and both instantiate the same inline
# code; with user poisoning on, MLIRContext construction reports a false
# use-after-poison. abort_on_error makes every report a SIGABRT:
# ASan's default exit status 1 would pass a `not rnn-run ...` line.
#
# Writes the lit log to $build/check-rnn-asan.log and ends with one line
# `check-rnn (asan+ubsan): N passed, M failed`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${RNN_ASAN_BUILD_DIR:-$root/build-asan}"

RNN_BUILD_DIR="$build" "$root/scripts/build.sh" \
  -DRNN_ENABLE_SANITIZERS=ON \
  -DCMAKE_C_COMPILER="${CC:-gcc}" -DCMAKE_CXX_COMPILER="${CXX:-g++}" \
  -DCMAKE_C_FLAGS=-g1 -DCMAKE_CXX_FLAGS=-g1 "$@"

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:allow_user_poisoning=0:abort_on_error=1:detect_stack_use_after_return=0:strict_string_checks=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$root/scripts/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"

log="$build/check-rnn-asan.log"
status=0
export LIT_OPTS="${LIT_OPTS:---show-unsupported}"
ninja -C "$build" -j "${RNN_JOBS:-2}" check-rnn 2>&1 | tee "$log" || status=$?

# A sanitizer report anywhere in the output fails the run even where a test
# tolerated a non-zero exit (e.g. `not rnn-run ...`).
if grep -qE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:" "$log"; then
  echo "test-sanitizers: sanitizer reports in $log" >&2
  status=1
fi
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^ *Failed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
summary="check-rnn (asan+ubsan): ${passed:-0} passed, ${failed:-0} failed"
echo "$summary"

# The record in bench/results/sanitizers.log (the commit is read before the
# redirection truncates that tracked file, which would make it "dirty").
commit="$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
{
  echo "# scripts/test-sanitizers.sh, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $commit"
  echo "compiler: $("${CXX:-g++}" --version | head -n 1)"
  echo "ASAN_OPTIONS=$ASAN_OPTIONS"
  echo "LSAN_OPTIONS=suppressions=scripts/sanitizers/lsan.supp"
  echo "UBSAN_OPTIONS=$UBSAN_OPTIONS"
  echo "not instrumented: Debian's LLVM/MLIR 22 libraries, JIT-compiled code, Python/PyTorch"
  echo "without a GPU the CUDA lit tests are unsupported and the CUDA gtest cases skip themselves"
  sed -n '/^Unsupported Tests/,/^$/p; /^Failed Tests/,/^$/p; /^Total Discovered Tests/,$p' "$log"
  echo "$summary"
} > "$root/bench/results/sanitizers.log"
exit "$status"
