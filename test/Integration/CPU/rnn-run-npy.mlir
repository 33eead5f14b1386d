// The .npy reader and writer: versions 1.0, 2.0 and 3.0 in, version 1.0 out
// with the data 64-byte aligned, shapes (2, 3), () and (5,), numpy reads back
// what rnn-run writes, an existing output is replaced and no temporary file
// is left behind.
// REQUIRES: numpy

// RUN: rm -rf %t.dir && mkdir -p %t.dir/out
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.dir/v1.npy --dtype f32 --shape 2x3 --fill random --seed 4
// RUN: %python %S/Inputs/rnn_run_npy.py variant %t.dir/v2.npy v2
// RUN: %python %S/Inputs/rnn_run_npy.py variant %t.dir/v3.npy v3
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.dir/vec.npy --dtype f64 --shape 5 --fill random --seed 5

// RUN: rnn-run %s --allow-linalg --input=%t.dir/v1.npy --input=%t.dir/vec.npy --output=%t.dir/out/copy.npy --output=%t.dir/out/sum.npy --output=%t.dir/out/vec.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.dir/out/copy.npy --expect "a" --arg a=%t.dir/v1.npy --rtol 0 | FileCheck %s --check-prefix=COPY
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.dir/out/sum.npy --expect "np.sum(a, dtype=np.float64).astype(np.float32)" --arg a=%t.dir/v1.npy --rtol 1e-6 | FileCheck %s --check-prefix=SUM
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.dir/out/vec.npy --expect "v" --arg v=%t.dir/vec.npy --rtol 0 | FileCheck %s --check-prefix=VEC
// RUN: %python %S/Inputs/rnn_run_npy.py header %t.dir/out/copy.npy | FileCheck %s --check-prefix=HEADER-COPY
// RUN: %python %S/Inputs/rnn_run_npy.py header %t.dir/out/sum.npy | FileCheck %s --check-prefix=HEADER-SUM
// RUN: %python %S/Inputs/rnn_run_npy.py header %t.dir/out/vec.npy | FileCheck %s --check-prefix=HEADER-VEC

// COPY: OK float32 (2, 3)
// SUM: OK float32 ()
// VEC: OK float64 (5,)
// HEADER-COPY: version 1.0 data offset 128 (mod 64 = 0) header {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// HEADER-SUM: version 1.0 data offset 128 (mod 64 = 0) header {'descr': '<f4', 'fortran_order': False, 'shape': (), }
// HEADER-VEC: version 1.0 data offset 128 (mod 64 = 0) header {'descr': '<f8', 'fortran_order': False, 'shape': (5,), }

// Version 2.0 and 3.0 inputs, written over the existing outputs.
// RUN: rnn-run %s --allow-linalg --input=%t.dir/v2.npy --input=%t.dir/vec.npy --output=%t.dir/out/copy.npy --output=%t.dir/out/sum.npy --output=%t.dir/out/vec.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.dir/out/copy.npy --expect "a" --arg a=%t.dir/v2.npy --rtol 0 | FileCheck %s --check-prefix=COPY
// RUN: rnn-run %s --allow-linalg --input=%t.dir/v3.npy --input=%t.dir/vec.npy --output=%t.dir/out/copy.npy --output=%t.dir/out/sum.npy --output=%t.dir/out/vec.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.dir/out/copy.npy --expect "a" --arg a=%t.dir/v3.npy --rtol 0 | FileCheck %s --check-prefix=COPY

// Only the three outputs are in the directory: no temporary files.
// RUN: ls -a %t.dir/out | FileCheck %s --check-prefix=LS
// LS-NOT: tmp
// LS:     copy.npy
// LS-NEXT: sum.npy
// LS-NEXT: vec.npy
// LS-NOT: {{.}}

func.func @main(%a: tensor<2x3xf32>, %v: tensor<5xf64>)
    -> (tensor<2x3xf32>, tensor<f32>, tensor<5xf64>) {
  %e = tensor.empty() : tensor<2x3xf32>
  %copy = linalg.copy ins(%a : tensor<2x3xf32>)
                      outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %zero = arith.constant 0.0 : f32
  %s0 = tensor.empty() : tensor<f32>
  %acc = linalg.fill ins(%zero : f32) outs(%s0 : tensor<f32>) -> tensor<f32>
  %sum = linalg.reduce ins(%a : tensor<2x3xf32>) outs(%acc : tensor<f32>)
      dimensions = [0, 1]
      (%in: f32, %partial: f32) {
        %r = arith.addf %in, %partial : f32
        linalg.yield %r : f32
      }
  %ev = tensor.empty() : tensor<5xf64>
  %vcopy = linalg.copy ins(%v : tensor<5xf64>)
                       outs(%ev : tensor<5xf64>) -> tensor<5xf64>
  return %copy, %sum, %vcopy : tensor<2x3xf32>, tensor<f32>, tensor<5xf64>
}
