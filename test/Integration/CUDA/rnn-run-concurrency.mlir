// rnn-run --concurrency on both GPU backends, with and without CUDA-graph
// replay: 8 threads (each with its own stream and execution context) call a
// function of four configurations and shapes 200 times at once; every
// result equals the single-threaded call bit for bit, and agrees with the
// CPU backend.
// REQUIRES: cuda, numpy
// RUN: rm -rf %t && mkdir -p %t
// RUN: rnn-run %S/../Inputs/concurrency.mlir --backend=cpu --random-inputs=5 --output=%t/cpu1.npy --output=%t/cpu2.npy --output=%t/cpu3.npy --output=%t/cpu4.npy --output=%t/cpu5.npy --output=%t/cpu6.npy --output=%t/cpu7.npy
// RUN: rnn-run %S/../Inputs/concurrency.mlir --backend=cudnn --random-inputs=5 --concurrency=8 --output=%t/cudnn1.npy --output=%t/cudnn2.npy --output=%t/cudnn3.npy --output=%t/cudnn4.npy --output=%t/cudnn5.npy --output=%t/cudnn6.npy --output=%t/cudnn7.npy | FileCheck %s
// RUN: rnn-run %S/../Inputs/concurrency.mlir --backend=cublas --random-inputs=5 --concurrency=8 --output=%t/cublas1.npy --output=%t/cublas2.npy --output=%t/cublas3.npy --output=%t/cublas4.npy --output=%t/cublas5.npy --output=%t/cublas6.npy --output=%t/cublas7.npy | FileCheck %s
// RUN: env RNNRT_CUDA_GRAPHS=0 rnn-run %S/../Inputs/concurrency.mlir --backend=cudnn --random-inputs=5 --concurrency=8 --output=/dev/null --output=/dev/null --output=/dev/null --output=/dev/null --output=/dev/null --output=/dev/null --output=/dev/null | FileCheck %s
// RUN: env RNNRT_CUDA_GRAPHS=0 rnn-run %S/../Inputs/concurrency.mlir --backend=cublas --random-inputs=5 --concurrency=8 --output=/dev/null --output=/dev/null --output=/dev/null --output=/dev/null --output=/dev/null --output=/dev/null --output=/dev/null | FileCheck %s
// CHECK: concurrency: 8 threads x 200 calls, every result bit-identical to the single-threaded call
// RUN: %python -c "import numpy as np; load = lambda n: np.load('%t/' + n + '.npy').astype(np.float64); print(max(np.linalg.norm(load(b + str(i)) - load('cpu' + str(i))) / np.linalg.norm(load('cpu' + str(i))) for b in ('cudnn', 'cublas') for i in range(1, 8)) < 1e-5)" | FileCheck %s --check-prefix=AGREE
// AGREE: True
