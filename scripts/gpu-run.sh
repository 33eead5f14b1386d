#!/usr/bin/env bash
# On the GPU machine, in the repository root: unpacks .portable/bundle.tar.xz
# (made by scripts/gpu-bundle.sh), runs the GPU lit tests and the unit tests,
# then the GPU benchmark. Writes logs and results under ${OUT:-/tmp/rnn-out}.
# Usage: scripts/gpu-run.sh [tests|sanitize|bench|train-bench|all] [bench args...]
#   tests: the GPU lit tests (RNN_LIT_FILTER, default Integration/CUDA|Unit).
#   train-bench: the training-step benchmark (bench/train_gpu.py).
#   sanitize: the GPU unit tests and rnn-run on both GPU backends under
#   compute-sanitizer (memcheck, then initcheck on the unit tests).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
what="${1:-all}"
shift || true
out="${OUT:-/tmp/rnn-out}"
export RNN_BUNDLE=/tmp/rnn-bundle
export RNN_SRC="$root"
mkdir -p "$RNN_BUNDLE" "$out"
xz -dc "$root/.portable/bundle.tar.xz" | tar -C "$RNN_BUNDLE" -xf -
export PATH="$RNN_BUNDLE/bin:$PATH"
export LD_LIBRARY_PATH="$RNN_BUNDLE/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export RNN_TEST_PYTHON="$(command -v python3)"
nvidia-smi -L
status=0
if [ "$what" = tests ] || [ "$what" = all ]; then
  python3 -c "import sys; sys.path.insert(0, '$RNN_BUNDLE'); from lit.main import main; sys.argv[0] = 'lit'; main()" \
    -sv "$RNN_BUNDLE/test" --filter "${RNN_LIT_FILTER:-Integration/CUDA|Unit}" 2>&1 | tee "$out/gpu-tests.log" | tail -n 40
  status=${PIPESTATUS[0]}
fi
if [ "$what" = sanitize ] || [ "$what" = all ]; then
  sanitizer="$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)"
  log="$out/compute-sanitizer.log"
  : > "$log"
  sanitize() {
    echo "== compute-sanitizer $*" >> "$log"
    # API errors are not memory errors: CUDA's runtime probes
    # cuFuncGetParamInfo and gets invalid-argument answers it expects.
    "$sanitizer" --report-api-errors no --error-exitcode 99 "$@" >> "$log" 2>&1
    local rc=$?
    echo "== exit $rc" >> "$log"
    printf '%-8s %s\n' "$([ $rc = 0 ] && echo clean || echo "FAIL($rc)")" "$*"
    [ $rc = 0 ] || status=1
  }
  example="$root/examples/lstm.mlir"
  training="$root/test/Integration/CUDA/Inputs/training.mlir"
  # The concurrency tests with 5 calls per thread (200 by default) and
  # without the 20,000-shape cache loop, which memcheck makes too slow.
  export RNNRT_TEST_CALLS=5
  sanitize --tool memcheck "$RNN_BUNDLE/unittests/RNNCUDAUnitTests" \
    --gtest_filter='-ConcurrencyTest.CachesStayWithinTheirLimits'
  sanitize --tool racecheck "$RNN_BUNDLE/unittests/RNNCUDAUnitTests" \
    --gtest_filter='ConcurrencyTest.EightThreads*:ConcurrencyTest.Faults*'
  unset RNNRT_TEST_CALLS
  # initcheck on the fallback's f32/f64 tests (f16 GEMMs store through the
  # tensor memory accelerator, which initcheck does not see: it reports
  # their outputs as uninitialized).
  # initcheck, for information only (not a failure): on the H100 it reports
  # 4-byte reads of the f32 gate buffers that cuBLAS's f16 GEMMs write (and,
  # in another run, reads inside a cuBLAS f32 GEMM kernel) as uninitialized;
  # initcheck apparently does not see those stores. The same results match
  # PyTorch and the reference, and memcheck is clean.
  "$sanitizer" --tool initcheck "$RNN_BUNDLE/unittests/RNNCUDAUnitTests" \
    --gtest_filter='Cublas*' > "$out/compute-sanitizer-initcheck.log" 2>&1
  echo "info     initcheck: $(grep -c 'Uninitialized' "$out/compute-sanitizer-initcheck.log") reports, in kernels: $(grep -A1 Uninitialized "$out/compute-sanitizer-initcheck.log" | grep -o 'at [a-zA-Z_0-9]*' | sort -u | tr '\n' ' ')"
  RNNRT_FUSED_STEP_MAX_BATCH=0 sanitize --tool memcheck rnn-run "$training" --entry=lstm --backend=cublas --random-inputs=3 --benchmark=2
  for backend in cudnn cublas; do
    sanitize --tool memcheck rnn-run "$example" --backend=$backend --random-inputs=1 --benchmark=3
    sanitize --tool memcheck rnn-run "$training" --entry=gru --backend=$backend --random-inputs=2 --benchmark=2
  done
  sanitize --tool memcheck rnn-run "$training" --entry=lstm --backend=cublas --random-inputs=3 --benchmark=2
  sanitize --tool racecheck rnn-run "$example" --backend=cublas --random-inputs=1
  # cuDNN training: training forward with its reserve, backward data and
  # weights, dropout between layers (replayed twice from the graphs).
  step="$root/test/Integration/CUDA/Inputs/training-step.mlir"
  sanitize --tool memcheck rnn-run "$step" --entry=lstm --backend=cudnn --random-inputs=3 --benchmark=2
  sanitize --tool memcheck rnn-run "$step" --entry=gru --backend=cudnn --random-inputs=4
  # The fallback's training: its reserve-writing training forward and its
  # backward (two lanes for the bidirectional LSTM), replayed twice.
  sanitize --tool memcheck rnn-run "$step" --entry=lstm --backend=cublas --random-inputs=3 --benchmark=2
  sanitize --tool memcheck rnn-run "$step" --entry=gru --backend=cublas --random-inputs=4 --benchmark=2
  sanitize --tool racecheck rnn-run "$step" --entry=lstm --backend=cublas --random-inputs=3
  sanitize --tool racecheck rnn-run "$step" --entry=gru --backend=cublas --random-inputs=4
  # The cudnn backend's run-time fallback of the whole training (cuDNN
  # hidden from the loader).
  RNNRT_CUDNN_LIBRARY=libcudnn-missing.so.9 sanitize --tool memcheck rnn-run "$step" --entry=lstm --backend=cudnn --random-inputs=3 --benchmark=2
  grep -E "ERROR SUMMARY|RACECHECK SUMMARY" "$log" | sort | uniq -c
fi
if [ "$what" = train-bench ] || [ "$what" = all ]; then
  python3 "$root/bench/train_gpu.py" --rnn-run "$RNN_BUNDLE/bin/rnn-run" --out "$out/train-gpu" "$@" 2>&1 | tail -n 20
fi
if [ "$what" = bench ] || [ "$what" = all ]; then
  python3 "$root/bench/gpu.py" --rnn-run "$RNN_BUNDLE/bin/rnn-run" --out "$out" "$@" 2>&1 | tail -n 30
fi
exit $status
