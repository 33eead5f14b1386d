// The cuBLAS fallback takes over, with a remark saying why, where cuDNN
// cannot run a request, and computes what the CPU backend computes.
// REQUIRES: cuda, numpy
//
// A training forward (dropout between layers): the fallback and the CPU use
// one mask function, so cublas and cpu give the same values (f32 to 1e-5,
// f64 to 1e-12). (The cudnn backend runs training on cuDNN, with cuDNN's
// masks: training-dropout.test.)
// RUN: rnn-run %S/Inputs/training.mlir --entry=lstm --backend=cpu --random-inputs=4 --output=%t.cpu.y.npy --output=%t.cpu.h.npy --output=%t.cpu.c.npy
// RUN: rnn-run %S/Inputs/training.mlir --entry=lstm --backend=cublas --random-inputs=4 --output=%t.blas.y.npy --output=%t.blas.h.npy --output=%t.blas.c.npy
// RUN: %python %S/../Inputs/compare_npy.py --tolerance 1e-5 %t.blas.y.npy:%t.cpu.y.npy %t.blas.h.npy:%t.cpu.h.npy %t.blas.c.npy:%t.cpu.c.npy
// RUN: rnn-run %S/Inputs/training.mlir --entry=gru --backend=cpu --random-inputs=5 --output=%t.gcpu.y.npy --output=%t.gcpu.h.npy
// RUN: rnn-run %S/Inputs/training.mlir --entry=gru --backend=cublas --random-inputs=5 --output=%t.gblas.y.npy --output=%t.gblas.h.npy
// RUN: %python %S/../Inputs/compare_npy.py --tolerance 1e-12 %t.gblas.y.npy:%t.gcpu.y.npy %t.gblas.h.npy:%t.gcpu.h.npy
//
// cuDNN hidden from the loader: --backend=cudnn runs on the fallback (the
// runtime's remark), --backend=auto picks cublas (rnn-run's remark); both
// agree with the CPU.
// RUN: rnn-run %rnn_src_root/examples/lstm.mlir --backend=cpu --random-inputs=5 --output=%t.ref.y.npy --output=%t.ref.h.npy --output=%t.ref.c.npy
// RUN: env RNNRT_CUDNN_LIBRARY=libcudnn-missing.so.9 rnn-run %rnn_src_root/examples/lstm.mlir --backend=cudnn --random-inputs=5 --output=%t.m.y.npy --output=%t.m.h.npy --output=%t.m.c.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: rnn-run: remark: cuDNN is not available (cuDNN not found: dlopen(libcudnn-missing.so.9) failed: {{.*}}): rnn forwards run on the cuBLAS fallback
// RUN: %python %S/../Inputs/compare_npy.py --tolerance 1e-5 %t.m.y.npy:%t.ref.y.npy %t.m.h.npy:%t.ref.h.npy %t.m.c.npy:%t.ref.c.npy
// RUN: env RNNRT_CUDNN_LIBRARY=libcudnn-missing.so.9 rnn-run %rnn_src_root/examples/lstm.mlir --backend=auto --random-inputs=5 --output=%t.a.y.npy --output=%t.a.h.npy --output=%t.a.c.npy 2>&1 | FileCheck %s --check-prefix=AUTO
// AUTO: rnn-run: remark: cuDNN is not available (cuDNN not found: dlopen(libcudnn-missing.so.9) failed: {{.*}}): using the cuBLAS fallback backend
// RUN: %python %S/../Inputs/compare_npy.py --tolerance 1e-5 %t.a.y.npy:%t.ref.y.npy %t.a.h.npy:%t.ref.h.npy %t.a.c.npy:%t.ref.c.npy
//
// A configuration cuDNN refuses at run time (its small-hidden persistent
// kernel with 1024 units: CUDNN_STATUS_NOT_SUPPORTED) runs on the fallback,
// with a remark naming cuDNN's answer, and agrees with the CPU.
// RUN: rnn-run %S/Inputs/large-hidden.mlir --backend=cpu --random-inputs=6 --output=%t.lcpu.y.npy --output=%t.lcpu.h.npy --output=%t.lcpu.c.npy
// RUN: rnn-run %S/Inputs/large-hidden.mlir --backend=cudnn --cudnn-algo=persist-static-small-h --random-inputs=6 --output=%t.r.y.npy --output=%t.r.h.npy --output=%t.r.c.npy 2>&1 | FileCheck %s --check-prefix=REFUSED
// REFUSED: rnn-run: remark: cuDNN does not support lstm, num_layers 1, num_units 1024, input_size 32, unidirectional, linear_input, f32, math strict, cuDNN algo persist_static_small_h, T 6, B 16 ({{.*}}CUDNN_STATUS_NOT_SUPPORTED (3000)): running it on the cuBLAS fallback
// RUN: %python %S/../Inputs/compare_npy.py --tolerance 1e-5 %t.r.y.npy:%t.lcpu.y.npy %t.r.h.npy:%t.lcpu.h.npy %t.r.c.npy:%t.lcpu.c.npy
//
// Without cuBLAS, --backend=cublas is an error naming the library; without
// either library the GPU backends cannot start and auto takes the CPU.
// RUN: env RNNRT_CUBLAS_LIBRARY=libcublas-missing.so.13 not rnn-run %rnn_src_root/examples/lstm.mlir --backend=cublas --random-inputs 2>&1 | FileCheck %s --check-prefix=NOBLAS
// NOBLAS: rnn-run: error: backend 'cublas' needs cuBLAS: cuBLAS not found: dlopen(libcublas-missing.so.13) failed
// RUN: env RNNRT_CUBLAS_LIBRARY=libcublas-missing.so.13 RNNRT_CUDNN_LIBRARY=libcudnn-missing.so.9 not rnn-run %rnn_src_root/examples/lstm.mlir --backend=cudnn --random-inputs 2>&1 | FileCheck %s --check-prefix=NEITHER
// NEITHER: rnn-run: error: neither cuDNN nor cuBLAS can be loaded: cuDNN not found: {{.*}}; cuBLAS not found:
// RUN: env RNNRT_CUBLAS_LIBRARY=libcublas-missing.so.13 RNNRT_CUDNN_LIBRARY=libcudnn-missing.so.9 rnn-run %rnn_src_root/examples/lstm.mlir --backend=auto --random-inputs=5 --output=%t.n.y.npy --output=%t.n.h.npy --output=%t.n.c.npy
// RUN: %python -c "import numpy as np; print(np.array_equal(np.load('%t.n.y.npy'), np.load('%t.ref.y.npy')))" | FileCheck %s --check-prefix=CPU
// CPU: True
