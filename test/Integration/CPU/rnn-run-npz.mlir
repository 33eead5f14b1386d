// rnn-run's .npz archives, partial --output lists, --version, the compile
// line of --benchmark and one-line diagnostics.
// REQUIRES: numpy
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/npz_arrays.py make %t
// RUN: rnn-run %S/Inputs/rnn-run-npz-gru.mlir --input=%t/in.0.npy --input=%t/in.1.npy --input=%t/in.2.npy --output=%t/ref.0.npy --output=%t/ref.1.npy

// Arguments from one archive (stored, deflated, or named by rnn.name), all
// results into one archive: the same bits as the .npy files.
// RUN: rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/in.npz --outputs=%t/out.npz
// RUN: %python %S/Inputs/npz_arrays.py same %t/out.npz %t/ref | FileCheck %s --check-prefix=SAME
// RUN: rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/in-compressed.npz --outputs=%t/out-compressed.npz
// RUN: %python %S/Inputs/npz_arrays.py same %t/out-compressed.npz %t/out.npz | FileCheck %s --check-prefix=SAME
// RUN: rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/named.npz --outputs=%t/out-named.npz
// RUN: %python %S/Inputs/npz_arrays.py same %t/out-named.npz %t/out.npz | FileCheck %s --check-prefix=SAME
// SAME: same ['result_0', 'result_1']

// Bad archives and combinations: one line, exit 1, no output written.
// RUN: not rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/extra.npz --outputs=%t/never.npz 2>&1 | FileCheck %s --check-prefix=EXTRA
// EXTRA: {{^}}rnn-run: error: array 'arr_9' of '{{.*}}extra.npz' names no argument of @main (3 arguments: use arr_<i> or arg<i>, or one of x, h_0, params){{$}}
// RUN: not rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/missing.npz 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: {{^}}rnn-run: error: '{{.*}}missing.npz' has no array for argument #2 of @main (arr_2){{$}}
// RUN: not rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/wrong-shape.npz 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: {{^}}rnn-run: error: array #0 of --inputs '{{.*}}wrong-shape.npz' does not match argument #0 of @main: expected tensor<5x2x3xf32>, got tensor<1x2x4xf32>{{$}}
// RUN: %python %S/Inputs/npz_arrays.py corrupt %t/in.npz %t/corrupt.npz
// RUN: not rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/corrupt.npz 2>&1 | FileCheck %s --check-prefix=CRC
// CRC: {{^}}rnn-run: error: '{{.*}}corrupt.npz' is not a valid .npz file: member 'arr_0.npy' fails its CRC check{{$}}
// RUN: not rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/in.0.npy 2>&1 | FileCheck %s --check-prefix=NOTZIP
// NOTZIP: {{^}}rnn-run: error: '{{.*}}in.0.npy' is not a valid .npz file: no zip end-of-directory record{{$}}
// RUN: not rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/in.npz --input=%t/in.0.npy 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH: {{^}}rnn-run: error: --input and --inputs cannot be combined{{$}}
// RUN: not rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/in.npz --outputs=%t/x.npz --output=%t/x.npy 2>&1 | FileCheck %s --check-prefix=BOTHOUT
// BOTHOUT: {{^}}rnn-run: error: --output and --outputs cannot be combined{{$}}
// RUN: not rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/in.npz --random-inputs 2>&1 | FileCheck %s --check-prefix=RANDOM
// RANDOM: {{^}}rnn-run: error: --inputs and --random-inputs cannot be combined{{$}}
// RUN: not ls %t/never.npz %t/x.npz %t/x.npy

// Fewer --output files than results: the rest is printed, and a note says so.
// RUN: rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/in.npz --output=%t/only-y.npy > %t/rest.txt 2> %t/note.txt
// RUN: FileCheck %s --check-prefix=NOTE < %t/note.txt
// NOTE: {{^}}rnn-run: note: result #1 of @main has no --output file: printed{{$}}
// RUN: FileCheck %s --check-prefix=REST < %t/rest.txt
// REST-NOT: result #0
// REST:     result #1: tensor<1x2x4xf32>
// RUN: cmp %t/only-y.npy %t/ref.0.npy
// With --benchmark the rest is dropped.
// RUN: rnn-run %S/Inputs/rnn-run-npz-gru.mlir --inputs=%t/in.npz --output=%t/only-y.npy --benchmark=2 2>&1 | FileCheck %s --check-prefix=BENCH
// BENCH: rnn-run: note: result #1 of @main has no --output file: dropped
// BENCH: median {{[0-9]+\.[0-9]+}} ms, min {{[0-9]+\.[0-9]+}} ms over 2 calls (compile {{[0-9]+\.[0-9]}} ms, first call {{[0-9]+\.[0-9]+}} ms)

// --version names the project, its commit and LLVM.
// RUN: rnn-run --version | FileCheck %s --check-prefix=VERSION
// VERSION: rnn-run (rnn-mlir {{[0-9]+\.[0-9]+\.[0-9]+}}, commit {{[0-9a-f]+|unknown}}), LLVM 22.{{[0-9.]+}}

// A verifier error is one diagnostic without the operation dump, unless
// asked for.
// RUN: not rnn-run %S/Inputs/rnn-run-bad-params.mlir --random-inputs 2>&1 | FileCheck %s --check-prefix=DIAG
// DIAG:     error: 'rnn.rnn_tanh' op params must have the packed size 24, got 30
// DIAG-NOT: see current operation
// DIAG:     {{^}}rnn-run: error: '{{.*}}rnn-run-bad-params.mlir' does not verify{{$}}
// RUN: not rnn-run %S/Inputs/rnn-run-bad-params.mlir --random-inputs --print-op-on-diagnostic 2>&1 | FileCheck %s --check-prefix=DUMP
// DUMP: note: see current operation: {{.*}}"rnn.rnn_tanh"
