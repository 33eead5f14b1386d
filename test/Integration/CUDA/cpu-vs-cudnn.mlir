// The two backends agree on the bundled example (random inputs, same seed),
// and --benchmark prints the timing line on the GPU.
// REQUIRES: cuda, numpy
// RUN: rnn-run %rnn_src_root/examples/lstm.mlir --backend=cpu --random-inputs=3 --output=%t.cpu.y.npy --output=%t.cpu.h.npy --output=%t.cpu.c.npy
// RUN: rnn-run %rnn_src_root/examples/lstm.mlir --backend=cudnn --random-inputs=3 --output=%t.gpu.y.npy --output=%t.gpu.h.npy --output=%t.gpu.c.npy
// RUN: %python -c "import numpy as np, sys; errs = [np.linalg.norm(np.load('%t.gpu.' + n + '.npy').astype(np.float64) - np.load('%t.cpu.' + n + '.npy')) / np.linalg.norm(np.load('%t.cpu.' + n + '.npy')) for n in 'yhc']; print('max relative difference %%.1e' %% max(errs)); sys.exit(0 if max(errs) < 1e-5 else 1)" | FileCheck %s --check-prefix=AGREE
// AGREE: max relative difference {{[0-9.]+}}e-{{0[6-9]|[1-9][0-9]}}
// RUN: rnn-run %rnn_src_root/examples/lstm.mlir --backend=cudnn --random-inputs=3 --benchmark=5 | FileCheck %s --check-prefix=BENCH
// BENCH: median {{[0-9]+\.[0-9]+}} ms, min {{[0-9]+\.[0-9]+}} ms over 5 calls
// RUN: rnn-run %rnn_src_root/examples/lstm.mlir --backend=auto --random-inputs=3 --output=%t.auto.y.npy --output=%t.auto.h.npy --output=%t.auto.c.npy
// RUN: %python -c "import numpy as np; print(np.array_equal(np.load('%t.auto.y.npy'), np.load('%t.gpu.y.npy')))" | FileCheck %s --check-prefix=AUTO
// AUTO: True
