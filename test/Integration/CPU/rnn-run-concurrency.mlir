// rnn-run --concurrency on the CPU backend: 8 threads, each with its own
// copy of the inputs, call a function of four configurations and shapes 200
// times at once; every result equals the single-threaded call bit for bit,
// and the emitted results are the single-threaded ones.
// REQUIRES: numpy
// RUN: rm -rf %t && mkdir -p %t
// RUN: rnn-run %S/../Inputs/concurrency.mlir --backend=cpu --random-inputs=4 --output=%t/1.npy --output=%t/2.npy --output=%t/3.npy --output=%t/4.npy --output=%t/5.npy --output=%t/6.npy --output=%t/7.npy
// RUN: rnn-run %S/../Inputs/concurrency.mlir --backend=cpu --random-inputs=4 --concurrency=8 --output=%t/c1.npy --output=%t/c2.npy --output=%t/c3.npy --output=%t/c4.npy --output=%t/c5.npy --output=%t/c6.npy --output=%t/c7.npy | FileCheck %s
// CHECK: concurrency: 8 threads x 200 calls, every result bit-identical to the single-threaded call
// RUN: %python -c "import numpy as np; print(all(np.array_equal(np.load('%t/%%d.npy' %% i), np.load('%t/c%%d.npy' %% i)) for i in range(1, 8)))" | FileCheck %s --check-prefix=SAME
// SAME: True

// Bad values are usage errors.
// RUN: not rnn-run %S/../Inputs/concurrency.mlir --backend=cpu --random-inputs --concurrency=0 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: rnn-run: error: --concurrency needs a number >= 1, got '0'
// RUN: not rnn-run %S/../Inputs/concurrency.mlir --backend=cpu --random-inputs --concurrency=2 --concurrency-calls=x 2>&1 | FileCheck %s --check-prefix=CALLS
// CALLS: rnn-run: error: --concurrency-calls needs a number >= 1, got 'x'
// RUN: not rnn-run %S/../Inputs/concurrency.mlir --backend=cpu --random-inputs --concurrency=2 --benchmark=3 2>&1 | FileCheck %s --check-prefix=BENCH
// BENCH: rnn-run: error: --concurrency and --benchmark cannot be combined
