// Dynamic dimensions that operands must share are checked at run time:
// one error line naming both operands, exit 1, no output file written, and
// never a read past a buffer. Matching shapes run normally.
// REQUIRES: numpy

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/x.npy --dtype f32 --shape 5x2x4 --fill random --seed 1
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/h2.npy --dtype f32 --shape 1x2x3 --fill random --seed 2
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/h3.npy --dtype f32 --shape 1x3x3 --fill random --seed 3
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/p.npy --dtype f32 --shape 108 --fill random --seed 4
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/x6.npy --dtype f32 --shape 6x2x4 --fill random --seed 5

// B of h_0 differs from x's.
// RUN: not rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --input=%t/x.npy --input=%t/h3.npy --input=%t/h2.npy --input=%t/p.npy --output=%t/y1.npy --output=%t/hn1.npy --output=%t/cn1.npy 2>&1 | FileCheck %s --check-prefix=H0
// H0-NOT: {{.}}
// H0:     {{^}}rnn-run: error: rnn.lstm: dimension 1 of h_0 is 3, but dimension 1 of x is 2 (they must match){{$}}
// H0-NOT: {{.}}
// RUN: not test -e %t/y1.npy

// B of c_0 differs, also on the --benchmark warm-up call.
// RUN: not rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --benchmark=2 --input=%t/x.npy --input=%t/h2.npy --input=%t/h3.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=C0
// C0-NOT: {{.}}
// C0:     {{^}}rnn-run: error: rnn.lstm: dimension 1 of c_0 is 3, but dimension 1 of x is 2 (they must match){{$}}
// C0-NOT: {{.}}

// T of x against a static y.
// RUN: not rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --entry=static_y --input=%t/x.npy --input=%t/h2.npy --input=%t/h2.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=T
// T-NOT: {{.}}
// T:     {{^}}rnn-run: error: rnn.lstm: dimension 0 of y is 6, but dimension 0 of x is 5 (they must match){{$}}
// T-NOT: {{.}}

// Sizes the attributes fix, when the types leave them dynamic: L*D and H
// of the states, the packed size of the params (never a read past them).
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/h2x2.npy --dtype f32 --shape 2x2x3 --fill random --seed 6
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/h1x2x5.npy --dtype f32 --shape 1x2x5 --fill random --seed 7
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/p60.npy --dtype f32 --shape 60 --fill random --seed 8
// RUN: not rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --entry=dynamic_states --input=%t/x.npy --input=%t/h2x2.npy --input=%t/h2.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=LD
// LD: {{^}}rnn-run: error: rnn.lstm: dimension 0 of h_0 is 2, but the op's attributes make it 1{{$}}
// RUN: not rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --entry=dynamic_states --input=%t/x.npy --input=%t/h2.npy --input=%t/h1x2x5.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=HID
// HID: {{^}}rnn-run: error: rnn.lstm: dimension 2 of c_0 is 5, but the op's attributes make it 3{{$}}
// RUN: not rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --entry=dynamic_states --input=%t/x.npy --input=%t/h2.npy --input=%t/h2.npy --input=%t/p60.npy 2>&1 | FileCheck %s --check-prefix=PARAMS
// PARAMS: {{^}}rnn-run: error: rnn.lstm: dimension 0 of params is 60, but the op's attributes make it 108{{$}}
// RUN: rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --entry=dynamic_states --input=%t/x.npy --input=%t/h2.npy --input=%t/h2.npy --input=%t/p.npy --output=%t/dy.npy --output=%t/dhn.npy --output=%t/dcn.npy
// RUN: %python %S/../Inputs/check_layer.py lstm --layers 1 --units 3 --inputs %t/x.npy,%t/h2.npy,%t/h2.npy,%t/p.npy --outputs %t/dy.npy,%t/dhn.npy,%t/dcn.npy | FileCheck %s --check-prefix=OK

// Matching shapes run and give the reference's values, repeatedly.
// RUN: rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --benchmark=3 --input=%t/x.npy --input=%t/h2.npy --input=%t/h2.npy --input=%t/p.npy --output=%t/y.npy --output=%t/hn.npy --output=%t/cn.npy | FileCheck %s --check-prefix=BENCH
// BENCH: median {{.*}} over 3 calls
// RUN: %python %S/../Inputs/check_layer.py lstm --layers 1 --units 3 --inputs %t/x.npy,%t/h2.npy,%t/h2.npy,%t/p.npy --outputs %t/y.npy,%t/hn.npy,%t/cn.npy | FileCheck %s --check-prefix=OK
// RUN: rnn-run %S/../Inputs/rnn-dimension-mismatch.mlir --backend=cpu --entry=static_y --input=%t/x6.npy --input=%t/h2.npy --input=%t/h2.npy --input=%t/p.npy | FileCheck %s --check-prefix=STATIC
// OK:      OK y (5, 2, 3)
// OK-NEXT: OK h_n (1, 2, 3)
// OK-NEXT: OK c_n (1, 2, 3)
// STATIC:  result #0: tensor<6x2x3xf32>
