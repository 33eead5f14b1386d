// Every element type rnn-run exchanges (f16, f32, i1, i8, i16, i32, i64) in
// and out of one function with seven results, checked against numpy (.npy
// outputs) and by hand (printed values). i8 is read from int8 files and
// written as uint8 (the same bytes); it prints signed, as MLIR does.
// REQUIRES: numpy

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.h.npy --dtype f16 --shape 4 --values 0.333,-1.5,65504,0.0001
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.i.npy --dtype i32 --shape 2x2 --values 1,-2,3,40000
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.l.npy --dtype i64 --shape 3 --values 5,-9000000000,7
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.p.npy --dtype i1 --shape 2x3 --values 1,0,1,0,1,1
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.q.npy --dtype i1 --shape 2x3 --values 1,1,0,0,0,1
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.s.npy --dtype i8 --shape 5 --values 100,-100,3,0,-1
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.w.npy --dtype i16 --shape 2 --values 1000,-12000
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.f.npy --dtype f32 --shape 3 --values 0.1,-2.5,1e-7
// RUN: rnn-run %s --allow-linalg --input=%t.h.npy --input=%t.i.npy --input=%t.l.npy --input=%t.p.npy --input=%t.q.npy --input=%t.s.npy --input=%t.w.npy --input=%t.f.npy | FileCheck %s

// CHECK:      result #0: tensor<4xf16>
// CHECK-NEXT: {{^}}[-0.333008, 1.5, -65504, -0.000100017]
// CHECK-NEXT: result #1: tensor<2x2xi32>
// CHECK-NEXT: {{^\[\[}}2, 5],
// CHECK-NEXT: {{^}} [10, 1600000001]]
// CHECK-NEXT: result #2: tensor<3xi64>
// CHECK-NEXT: {{^}}[-2, -9000000007, 0]
// CHECK-NEXT: result #3: tensor<2x3xi1>
// CHECK-NEXT: {{^\[\[}}False, True, True],
// CHECK-NEXT: {{^}} [False, True, False]]
// CHECK-NEXT: result #4: tensor<5xi8>
// CHECK-NEXT: {{^}}[-56, 56, 6, 0, -2]
// CHECK-NEXT: result #5: tensor<2xi16>
// CHECK-NEXT: {{^}}[3000, 29536]
// CHECK-NEXT: result #6: tensor<3xf32>
// CHECK-NEXT: {{^}}[0.01, 6.25, 1e-14]

// RUN: rnn-run %s --allow-linalg --input=%t.h.npy --input=%t.i.npy --input=%t.l.npy --input=%t.p.npy --input=%t.q.npy --input=%t.s.npy --input=%t.w.npy --input=%t.f.npy --output=%t.r0.npy --output=%t.r1.npy --output=%t.r2.npy --output=%t.r3.npy --output=%t.r4.npy --output=%t.r5.npy --output=%t.r6.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.r0.npy --expect "0 - h" --arg h=%t.h.npy --rtol 0 | FileCheck %s --check-prefix=R0
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.r1.npy --expect "i * i + 1" --arg i=%t.i.npy | FileCheck %s --check-prefix=R1
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.r2.npy --expect "l - 7" --arg l=%t.l.npy | FileCheck %s --check-prefix=R2
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.r3.npy --expect "p ^ q" --arg p=%t.p.npy --arg q=%t.q.npy | FileCheck %s --check-prefix=R3
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.r4.npy --expect "(s + s).view(np.uint8)" --arg s=%t.s.npy | FileCheck %s --check-prefix=R4
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.r5.npy --expect "w * np.int16(3)" --arg w=%t.w.npy | FileCheck %s --check-prefix=R5
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.r6.npy --expect "f * f" --arg f=%t.f.npy --rtol 0 | FileCheck %s --check-prefix=R6

// R0: OK float16 (4,)
// R1: OK int32 (2, 2)
// R2: OK int64 (3,)
// R3: OK bool (2, 3)
// R4: OK uint8 (5,)
// R5: OK int16 (2,)
// R6: OK float32 (3,)

#id = affine_map<(i) -> (i)>
#id2 = affine_map<(i, j) -> (i, j)>
func.func @main(%h: tensor<4xf16>, %i: tensor<2x2xi32>, %l: tensor<3xi64>,
                %p: tensor<2x3xi1>, %q: tensor<2x3xi1>, %s: tensor<5xi8>,
                %w: tensor<2xi16>, %f: tensor<3xf32>)
    -> (tensor<4xf16>, tensor<2x2xi32>, tensor<3xi64>, tensor<2x3xi1>,
        tensor<5xi8>, tensor<2xi16>, tensor<3xf32>) {
  %h0 = tensor.empty() : tensor<4xf16>
  %neg = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel"]}
      ins(%h : tensor<4xf16>) outs(%h0 : tensor<4xf16>) {
  ^bb0(%x: f16, %o: f16):
    %r = arith.negf %x : f16
    linalg.yield %r : f16
  } -> tensor<4xf16>

  %i0 = tensor.empty() : tensor<2x2xi32>
  %one = arith.constant 1 : i32
  %sq = linalg.generic {indexing_maps = [#id2, #id2],
                        iterator_types = ["parallel", "parallel"]}
      ins(%i : tensor<2x2xi32>) outs(%i0 : tensor<2x2xi32>) {
  ^bb0(%x: i32, %o: i32):
    %m = arith.muli %x, %x : i32
    %r = arith.addi %m, %one : i32
    linalg.yield %r : i32
  } -> tensor<2x2xi32>

  %l0 = tensor.empty() : tensor<3xi64>
  %seven = arith.constant 7 : i64
  %lm = linalg.generic {indexing_maps = [#id, #id],
                        iterator_types = ["parallel"]}
      ins(%l : tensor<3xi64>) outs(%l0 : tensor<3xi64>) {
  ^bb0(%x: i64, %o: i64):
    %r = arith.subi %x, %seven : i64
    linalg.yield %r : i64
  } -> tensor<3xi64>

  %p0 = tensor.empty() : tensor<2x3xi1>
  %xor = linalg.generic {indexing_maps = [#id2, #id2, #id2],
                         iterator_types = ["parallel", "parallel"]}
      ins(%p, %q : tensor<2x3xi1>, tensor<2x3xi1>)
      outs(%p0 : tensor<2x3xi1>) {
  ^bb0(%x: i1, %y: i1, %o: i1):
    %r = arith.xori %x, %y : i1
    linalg.yield %r : i1
  } -> tensor<2x3xi1>

  %s0 = tensor.empty() : tensor<5xi8>
  %twice = linalg.add ins(%s, %s : tensor<5xi8>, tensor<5xi8>)
                      outs(%s0 : tensor<5xi8>) -> tensor<5xi8>

  %w0 = tensor.empty() : tensor<2xi16>
  %three = arith.constant 3 : i16
  %triple = linalg.generic {indexing_maps = [#id, #id],
                            iterator_types = ["parallel"]}
      ins(%w : tensor<2xi16>) outs(%w0 : tensor<2xi16>) {
  ^bb0(%x: i16, %o: i16):
    %r = arith.muli %x, %three : i16
    linalg.yield %r : i16
  } -> tensor<2xi16>

  %f0 = tensor.empty() : tensor<3xf32>
  %fsq = linalg.mul ins(%f, %f : tensor<3xf32>, tensor<3xf32>)
                    outs(%f0 : tensor<3xf32>) -> tensor<3xf32>

  return %neg, %sq, %lm, %xor, %twice, %triple, %fsq
      : tensor<4xf16>, tensor<2x2xi32>, tensor<3xi64>, tensor<2x3xi1>,
        tensor<5xi8>, tensor<2xi16>, tensor<3xf32>
}
