// Every usage error of rnn-run exits with status 1 (never a crash: `not`
// fails on signals) and prints exactly one line `rnn-run: error: <what>`,
// after MLIR's own diagnostic where there is one.
// REQUIRES: numpy

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/f32x2.npy --dtype f32 --shape 2 --fill ones
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/f32x3.npy --dtype f32 --shape 3 --fill ones
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/f64x2.npy --dtype f64 --shape 2 --fill ones
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/f32x2x2.npy --dtype f32 --shape 2x2 --fill ones

// RUN: not rnn-run %t/missing.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING-NOT: {{.}}
// MISSING:     {{^}}rnn-run: error: cannot open input file '{{.*}}missing.mlir': No such file or directory{{$}}
// MISSING-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-syntax-error.mlir 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX:      rnn-run-syntax-error.mlir:{{[0-9]+}}:{{[0-9]+}}: error: expected '>' in tensor type
// SYNTAX:      {{^}}rnn-run: error: cannot parse '{{.*}}rnn-run-syntax-error.mlir'{{$}}
// SYNTAX-NOT:  {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-verify-error.mlir 2>&1 | FileCheck %s --check-prefix=VERIFY
// VERIFY:      rnn-run-verify-error.mlir:{{[0-9]+}}:{{[0-9]+}}: error: type of return operand 0 ('tensor<2xf32>') doesn't match function result type ('tensor<3xf32>')
// VERIFY:      {{^}}rnn-run: error: '{{.*}}rnn-run-verify-error.mlir' does not verify{{$}}
// VERIFY-NOT:  {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=nope --random-inputs 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY-NOT: {{.}}
// ENTRY:     {{^}}rnn-run: error: no function @nope in the module (functions: @main, @scalar_arg, @unranked_arg, @memref_result, @f8_arg, @dynamic){{$}}
// ENTRY-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=scalar_arg --random-inputs 2>&1 | FileCheck %s --check-prefix=SCALAR-ARG
// SCALAR-ARG-NOT: {{.}}
// SCALAR-ARG:     {{^}}rnn-run: error: argument #1 of @scalar_arg has type f32; rnn-run only passes ranked tensors{{$}}
// SCALAR-ARG-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=unranked_arg --random-inputs 2>&1 | FileCheck %s --check-prefix=UNRANKED
// UNRANKED-NOT: {{.}}
// UNRANKED:     {{^}}rnn-run: error: argument #0 of @unranked_arg has type tensor<*xf32>; rnn-run only passes ranked tensors{{$}}
// UNRANKED-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=memref_result --random-inputs 2>&1 | FileCheck %s --check-prefix=MEMREF-RESULT
// MEMREF-RESULT-NOT: {{.}}
// MEMREF-RESULT:     {{^}}rnn-run: error: result #0 of @memref_result has type memref<2xf32>; rnn-run only passes ranked tensors{{$}}
// MEMREF-RESULT-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=f8_arg --random-inputs 2>&1 | FileCheck %s --check-prefix=F8
// F8-NOT: {{.}}
// F8:     {{^}}rnn-run: error: argument #0 of @f8_arg: element type f8E5M2 is not supported (f16, bf16, f32, f64, i1, i8, i16, i32, i64 are){{$}}
// F8-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=declared --random-inputs 2>&1 | FileCheck %s --check-prefix=DECLARED
// DECLARED-NOT: {{.}}
// DECLARED:     {{^}}rnn-run: error: @declared is only declared, it has no body{{$}}
// DECLARED-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir 2>&1 | FileCheck %s --check-prefix=NO-INPUTS
// NO-INPUTS-NOT: {{.}}
// NO-INPUTS:     {{^}}rnn-run: error: @main takes 1 argument(s) but 0 --input file(s) were given (or use --random-inputs){{$}}
// NO-INPUTS-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --input=%t/f32x2.npy --input=%t/f32x2.npy 2>&1 | FileCheck %s --check-prefix=TOO-MANY
// TOO-MANY-NOT: {{.}}
// TOO-MANY:     {{^}}rnn-run: error: @main takes 1 argument(s) but 2 --input file(s) were given{{$}}
// TOO-MANY-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --input=%t/f32x3.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE-NOT: {{.}}
// SHAPE:     {{^}}rnn-run: error: --input '{{.*}}f32x3.npy' does not match argument #0 of @main: expected tensor<2xf32>, got tensor<3xf32>{{$}}
// SHAPE-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --input=%t/f64x2.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE-NOT: {{.}}
// DTYPE:     {{^}}rnn-run: error: --input '{{.*}}f64x2.npy' does not match argument #0 of @main: expected tensor<2xf32>, got tensor<2xf64>{{$}}
// DTYPE-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=dynamic --input=%t/f32x2.npy 2>&1 | FileCheck %s --check-prefix=RANK
// RANK-NOT: {{.}}
// RANK:     {{^}}rnn-run: error: --input '{{.*}}f32x2.npy' does not match argument #0 of @dynamic: expected tensor<?x3xf32>, got tensor<2xf32>{{$}}
// RANK-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=dynamic --input=%t/f32x2x2.npy 2>&1 | FileCheck %s --check-prefix=STATIC-DIM
// STATIC-DIM-NOT: {{.}}
// STATIC-DIM:     {{^}}rnn-run: error: --input '{{.*}}f32x2x2.npy' does not match argument #0 of @dynamic: expected tensor<?x3xf32>, got tensor<2x2xf32>{{$}}
// STATIC-DIM-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --entry=dynamic --random-inputs=3 2>&1 | FileCheck %s --check-prefix=RANDOM-DYNAMIC
// RANDOM-DYNAMIC-NOT: {{.}}
// RANDOM-DYNAMIC:     {{^}}rnn-run: error: argument #0 of @dynamic has the dynamic shape tensor<?x3xf32>; --random-inputs needs static shapes, pass the arguments with --input{{$}}
// RANDOM-DYNAMIC-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs --output=%t/a.npy --output=%t/b.npy 2>&1 | FileCheck %s --check-prefix=OUTPUTS
// OUTPUTS-NOT: {{.}}
// OUTPUTS:     {{^}}rnn-run: error: @main returns 1 result(s) but 2 --output file(s) were given{{$}}
// OUTPUTS-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-copy.mlir --random-inputs --output=%t/no/such/dir/out.npy 2>&1 | FileCheck %s --check-prefix=WRITE
// WRITE-NOT: {{.}}
// WRITE:     {{^}}rnn-run: error: cannot write '{{.*}}out.npy': No such file or directory{{$}}
// WRITE-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs --backend=tpu 2>&1 | FileCheck %s --check-prefix=BACKEND
// BACKEND-NOT: {{.}}
// BACKEND:     {{^}}rnn-run: error: unknown backend 'tpu' (expected auto, cpu, onednn, cudnn or cublas){{$}}
// BACKEND-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs --backend=cudnn 2>&1 | FileCheck %s --check-prefix=CUDNN
// CUDNN-NOT: {{.}}
// CUDNN:     {{^}}rnn-run: error: backend 'cudnn' {{is not available in this build \(RNN_ENABLE_CUDA=OFF\)|needs a GPU: no CUDA GPU found}}{{$}}
// CUDNN-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs --backend=cublas 2>&1 | FileCheck %s --check-prefix=CUBLAS
// CUBLAS-NOT: {{.}}
// CUBLAS:     {{^}}rnn-run: error: backend 'cublas' {{is not available in this build \(RNN_ENABLE_CUDA=OFF\)|needs a GPU: no CUDA GPU found}}{{$}}
// CUBLAS-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-unbufferizable.mlir --random-inputs 2>&1 | FileCheck %s --check-prefix=PIPELINE
// PIPELINE:     rnn-run-unbufferizable.mlir:{{[0-9]+}}:{{[0-9]+}}: error: op was not bufferized
// PIPELINE:     {{^}}rnn-run: error: lowering for the 'cpu' backend failed{{$}}
// PIPELINE-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs --benchmark=0 2>&1 | FileCheck %s --check-prefix=BENCH-ZERO
// BENCH-ZERO-NOT: {{.}}
// BENCH-ZERO:     {{^}}rnn-run: error: --benchmark needs a number of calls >= 1, got '0'{{$}}
// BENCH-ZERO-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs --benchmark=abc 2>&1 | FileCheck %s --check-prefix=BENCH-TEXT
// BENCH-TEXT-NOT: {{.}}
// BENCH-TEXT:     {{^}}rnn-run: error: --benchmark needs a number of calls >= 1, got 'abc'{{$}}
// BENCH-TEXT-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs --input=%t/f32x2.npy 2>&1 | FileCheck %s --check-prefix=BOTH-INPUTS
// BOTH-INPUTS-NOT: {{.}}
// BOTH-INPUTS:     {{^}}rnn-run: error: --input and --random-inputs cannot be combined{{$}}
// BOTH-INPUTS-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs=seven 2>&1 | FileCheck %s --check-prefix=SEED
// SEED-NOT: {{.}}
// SEED:     {{^}}rnn-run: error: --random-inputs seed 'seven' is not a non-negative integer{{$}}
// SEED-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --frobnicate 2>&1 | FileCheck %s --check-prefix=OPTION
// OPTION-NOT: {{.}}
// OPTION:     {{^}}rnn-run: error: Unknown command line argument '--frobnicate'.{{.*$}}
// OPTION-NOT: {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-signatures.mlir --random-inputs --entry 2>&1 | FileCheck %s --check-prefix=NO-VALUE
// NO-VALUE-NOT: {{.}}
// NO-VALUE:     {{^}}rnn-run: error: for the --entry option: requires a value!{{$}}
// NO-VALUE-NOT: {{.}}

// RUN: not rnn-run 2>&1 | FileCheck %s --check-prefix=NO-FILE
// NO-FILE-NOT: {{.}}
// NO-FILE:     {{^}}rnn-run: error: Not enough positional command line arguments specified!{{$}}
// NO-FILE-NOT: {{.}}
