// Without cuDNN (hidden from the loader), --backend=cudnn fails with one line
// naming the library, and --backend=auto falls back to the CPU and still
// computes the right values.
// REQUIRES: cuda, numpy
// RUN: env RNNRT_CUDNN_LIBRARY=libcudnn-missing.so.9 not rnn-run %rnn_src_root/examples/lstm.mlir --backend=cudnn --random-inputs 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: rnn-run: error: cuDNN not found: dlopen(libcudnn-missing.so.9) failed
// RUN: env RNNRT_CUDNN_LIBRARY=libcudnn-missing.so.9 rnn-run %rnn_src_root/examples/lstm.mlir --backend=auto --random-inputs=5 --output=%t.auto.npy --output=%t.h.npy --output=%t.c.npy
// RUN: rnn-run %rnn_src_root/examples/lstm.mlir --backend=cpu --random-inputs=5 --output=%t.cpu.npy --output=%t.h2.npy --output=%t.c2.npy
// RUN: %python -c "import numpy as np; print(np.array_equal(np.load('%t.auto.npy'), np.load('%t.cpu.npy')))" | FileCheck %s --check-prefix=FALLBACK
// FALLBACK: True
