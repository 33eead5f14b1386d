// Hostile inputs of rnn-run (issue 8): corrupt and truncated .npy files,
// inputs that do not fit the signature, non-finite values, empty and huge
// sizes, and failed runs that must leave no output behind. Every failure
// exits with status 1 (`not` fails on a signal) and prints exactly one line
// `rnn-run: error: <what>`; the value checks compare with NumPy.
// REQUIRES: numpy

// RUN: rm -rf %t && mkdir -p %t/out
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/x.npy --dtype f32 --shape 3x2x4 --seed 1
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/h.npy --dtype f32 --shape 1x2x3 --seed 2
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/c.npy --dtype f32 --shape 1x2x3 --seed 3
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/p.npy --dtype f32 --shape 108 --seed 4

//===----------------------------------------------------------------------===//
// Corrupt .npy files: header cut, data cut, bad magic, bad dictionary, bad
// shape string, Fortran order, unsupported dtypes.
//===----------------------------------------------------------------------===//

// RUN: for v in empty magiconly lengthonly shortheader truncated trailing badmagic badversion fortran bigendian unsigned notuple missingkey dupkey unknownkey nonewline baddict listheader badbool strshape negshape floatshape bigdim unclosed nuldescr hugeshape overflowshape hugelength; do \
// RUN:   %python %S/Inputs/rnn_run_npy.py variant %t/$v.npy $v && \
// RUN:   { not rnn-run %s --entry=dynamic --input=%t/$v.npy > %t/$v.out 2>&1; echo "$v status $?"; cat %t/$v.out; }; \
// RUN: done > %t/npy.log
// RUN: FileCheck %s --check-prefix=NPY --match-full-lines < %t/npy.log

// NPY:      empty status 0
// NPY-NEXT: rnn-run: error: {{.*}}empty.npy: empty file, not a .npy file
// NPY-NEXT: magiconly status 0
// NPY-NEXT: rnn-run: error: {{.*}}magiconly.npy: truncated .npy header
// NPY-NEXT: lengthonly status 0
// NPY-NEXT: rnn-run: error: {{.*}}lengthonly.npy: truncated .npy header (header length 118, file has 0 bytes after the length field)
// NPY-NEXT: shortheader status 0
// NPY-NEXT: rnn-run: error: {{.*}}shortheader.npy: truncated .npy header (header length 118, file has 20 bytes after the length field)
// NPY-NEXT: truncated status 0
// NPY-NEXT: rnn-run: error: {{.*}}truncated.npy: truncated data: shape (2, 3) of <f4 needs 24 bytes, the file has 20
// NPY-NEXT: trailing status 0
// NPY-NEXT: rnn-run: error: {{.*}}trailing.npy: 4 bytes of unexpected data after the array of shape (2, 3)
// NPY-NEXT: badmagic status 0
// NPY-NEXT: rnn-run: error: {{.*}}badmagic.npy: not a .npy file (bad magic string)
// NPY-NEXT: badversion status 0
// NPY-NEXT: rnn-run: error: {{.*}}badversion.npy: unsupported .npy format version 4.0 (1.0, 2.0 and 3.0 are supported)
// NPY-NEXT: fortran status 0
// NPY-NEXT: rnn-run: error: {{.*}}fortran.npy: arrays in Fortran order are not supported; save a C-order array (numpy.ascontiguousarray)
// NPY-NEXT: bigendian status 0
// NPY-NEXT: rnn-run: error: {{.*}}bigendian.npy: dtype '>f4' is not supported (<f2 <f4 <f8 |b1 |i1 |u1 <i2 <i4 <i8 are)
// NPY-NEXT: unsigned status 0
// NPY-NEXT: rnn-run: error: {{.*}}unsigned.npy: dtype '<u4' is not supported (<f2 <f4 <f8 |b1 |i1 |u1 <i2 <i4 <i8 are)
// NPY-NEXT: notuple status 0
// NPY-NEXT: rnn-run: error: {{.*}}notuple.npy: malformed header: shape (6) is not a tuple, numpy writes (6,)
// NPY-NEXT: missingkey status 0
// NPY-NEXT: rnn-run: error: {{.*}}missingkey.npy: malformed header: key 'fortran_order' is missing
// NPY-NEXT: dupkey status 0
// NPY-NEXT: rnn-run: error: {{.*}}dupkey.npy: malformed header: key 'shape' appears twice
// NPY-NEXT: unknownkey status 0
// NPY-NEXT: rnn-run: error: {{.*}}unknownkey.npy: malformed header: unknown key 'order'
// NPY-NEXT: nonewline status 0
// NPY-NEXT: rnn-run: error: {{.*}}nonewline.npy: malformed header: it does not end with a newline
// NPY-NEXT: baddict status 0
// NPY-NEXT: rnn-run: error: {{.*}}baddict.npy: malformed header: expected ',' or '}' at ''fortran_order': Fal'
// NPY-NEXT: listheader status 0
// NPY-NEXT: rnn-run: error: {{.*}}listheader.npy: malformed header: expected '{' at '['<f4', False, (2, 3'
// NPY-NEXT: badbool status 0
// NPY-NEXT: rnn-run: error: {{.*}}badbool.npy: malformed header: expected True or False at '0, 'shape': (2, 3),'
// NPY-NEXT: strshape status 0
// NPY-NEXT: rnn-run: error: {{.*}}strshape.npy: malformed header: expected a shape tuple at ''(2, 3)', }'
// NPY-NEXT: negshape status 0
// NPY-NEXT: rnn-run: error: {{.*}}negshape.npy: malformed header: expected a non-negative integer in the shape tuple at '-2, 3), }'
// NPY-NEXT: floatshape status 0
// NPY-NEXT: rnn-run: error: {{.*}}floatshape.npy: malformed header: expected ',' or ')' in the shape tuple at '.0, 3), }'
// NPY-NEXT: bigdim status 0
// NPY-NEXT: rnn-run: error: {{.*}}bigdim.npy: malformed header: expected a dimension that fits in int64 at '), }'
// NPY-NEXT: unclosed status 0
// NPY-NEXT: rnn-run: error: {{.*}}unclosed.npy: malformed header: expected a non-negative integer in the shape tuple at '<end>'
// NPY-NEXT: nuldescr status 0
// NPY-NEXT: rnn-run: error: {{.*}}nuldescr.npy: dtype '<f4\x00' is not supported (<f2 <f4 <f8 |b1 |i1 |u1 <i2 <i4 <i8 are)
// NPY-NEXT: hugeshape status 0
// NPY-NEXT: rnn-run: error: {{.*}}hugeshape.npy: truncated data: shape (1000000, 1000000) of <f4 needs 4000000000000 bytes, the file has 0
// NPY-NEXT: overflowshape status 0
// NPY-NEXT: rnn-run: error: {{.*}}overflowshape.npy: shape (4611686018427387904, 3) overflows
// NPY-NEXT: hugelength status 0
// NPY-NEXT: rnn-run: error: {{.*}}hugelength.npy: truncated .npy header (header length 4294967295, file has 8 bytes after the length field)
// NPY-NOT:  {{.}}

// A directory and a missing file in place of an input.
// RUN: not rnn-run %s --entry=dynamic --input=%t 2>&1 | FileCheck %s --check-prefix=DIR
// DIR-NOT: {{.}}
// DIR:     {{^}}rnn-run: error: cannot read '{{.*}}': Is a directory{{$}}
// DIR-NOT: {{.}}

// Devices and pipes are read without trusting them to end: only the prefix,
// the header and the data the header describes (plus one byte) are read.
// RUN: not rnn-run %s --entry=dynamic --input=/dev/zero 2>&1 | FileCheck %s --check-prefix=DEV-ZERO
// DEV-ZERO-NOT: {{.}}
// DEV-ZERO:     {{^}}rnn-run: error: /dev/zero: not a .npy file (bad magic string){{$}}
// DEV-ZERO-NOT: {{.}}
// RUN: not rnn-run %s --entry=dynamic --input=/dev/null 2>&1 | FileCheck %s --check-prefix=DEV-NULL
// DEV-NULL-NOT: {{.}}
// DEV-NULL:     {{^}}rnn-run: error: /dev/null: empty file, not a .npy file{{$}}
// DEV-NULL-NOT: {{.}}
// RUN: { cat %t/hugeshape.npy %t/p.npy || true; } | not rnn-run %s --entry=dynamic --input=/dev/stdin 2>&1 | FileCheck %s --check-prefix=PIPE-HUGE
// PIPE-HUGE-NOT: {{.}}
// PIPE-HUGE:     {{^}}rnn-run: error: /dev/stdin: out of memory: shape (1000000, 1000000) of <f4 needs 4000000000000 bytes, this machine has {{[0-9]+}} bytes of memory and swap{{$}}
// PIPE-HUGE-NOT: {{.}}
// RUN: { cat %t/x.npy %t/p.npy || true; } | not rnn-run %s --entry=lstm --input=/dev/stdin --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=PIPE-TRAILING
// PIPE-TRAILING-NOT: {{.}}
// PIPE-TRAILING:     {{^}}rnn-run: error: /dev/stdin: 1 bytes of unexpected data after the array of shape (3, 2, 4){{$}}
// PIPE-TRAILING-NOT: {{.}}
// A valid array through a pipe gives the same results as from the file.
// RUN: rnn-run %s --entry=lstm --input=%t/x.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/y-file.npy --output=/dev/null --output=/dev/null
// RUN: cat %t/x.npy | rnn-run %s --entry=lstm --input=/dev/stdin --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/y-pipe.npy --output=/dev/null --output=/dev/null
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t/y-file.npy %t/y-pipe.npy --equal | FileCheck %s --check-prefix=PIPE
// PIPE: OK equal

//===----------------------------------------------------------------------===//
// Inputs that do not fit @lstm: dtype, shape, rank, count, entry.
//===----------------------------------------------------------------------===//

// RUN: %python %S/Inputs/rnn_run_npy.py make %t/x64.npy --dtype f64 --shape 3x2x4
// RUN: not rnn-run %s --entry=lstm --input=%t/x64.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE-NOT: {{.}}
// DTYPE:     {{^}}rnn-run: error: --input '{{.*}}x64.npy' does not match argument #0 of @lstm: expected tensor<?x?x4xf32>, got tensor<3x2x4xf64>{{$}}
// DTYPE-NOT: {{.}}

// RUN: %python %S/Inputs/rnn_run_npy.py make %t/x5.npy --dtype f32 --shape 3x2x5
// RUN: not rnn-run %s --entry=lstm --input=%t/x5.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE-NOT: {{.}}
// SHAPE:     {{^}}rnn-run: error: --input '{{.*}}x5.npy' does not match argument #0 of @lstm: expected tensor<?x?x4xf32>, got tensor<3x2x5xf32>{{$}}
// SHAPE-NOT: {{.}}

// Arguments in the wrong order: h_0 where x goes (right rank, I = 3).
// RUN: not rnn-run %s --entry=lstm --input=%t/h.npy --input=%t/x.npy --input=%t/c.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=ORDER
// ORDER-NOT: {{.}}
// ORDER:     {{^}}rnn-run: error: --input '{{.*}}h.npy' does not match argument #0 of @lstm: expected tensor<?x?x4xf32>, got tensor<1x2x3xf32>{{$}}
// ORDER-NOT: {{.}}

// RUN: not rnn-run %s --entry=lstm --input=%t/p.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=RANK
// RANK-NOT: {{.}}
// RANK:     {{^}}rnn-run: error: --input '{{.*}}p.npy' does not match argument #0 of @lstm: expected tensor<?x?x4xf32>, got tensor<108xf32>{{$}}
// RANK-NOT: {{.}}

// RUN: not rnn-run %s --entry=lstm --input=%t/x.npy 2>&1 | FileCheck %s --check-prefix=TOO-FEW
// TOO-FEW-NOT: {{.}}
// TOO-FEW:     {{^}}rnn-run: error: @lstm takes 4 argument(s) but 1 --input file(s) were given{{$}}
// TOO-FEW-NOT: {{.}}

// RUN: not rnn-run %s --entry=lstm --input=%t/x.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --input=%t/p.npy 2>&1 | FileCheck %s --check-prefix=TOO-MANY
// TOO-MANY-NOT: {{.}}
// TOO-MANY:     {{^}}rnn-run: error: @lstm takes 4 argument(s) but 5 --input file(s) were given{{$}}
// TOO-MANY-NOT: {{.}}

// RUN: not rnn-run %s --entry=LSTM --input=%t/x.npy 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY-NOT: {{.}}
// ENTRY:     {{^}}rnn-run: error: no function @LSTM in the module (functions: @lstm, @dynamic, @huge_arg, @overflow_arg, @huge_result){{$}}
// ENTRY-NOT: {{.}}

// RUN: not rnn-run %s --entry= --input=%t/x.npy 2>&1 | FileCheck %s --check-prefix=EMPTY-ENTRY
// EMPTY-ENTRY-NOT: {{.}}
// EMPTY-ENTRY:     {{^}}rnn-run: error: no function @ in the module (functions: @lstm, @dynamic, @huge_arg, @overflow_arg, @huge_result){{$}}
// EMPTY-ENTRY-NOT: {{.}}

//===----------------------------------------------------------------------===//
// NaN and Inf run and propagate as IEEE arithmetic does (random T, B and
// positions per seed; float64 NumPy reference; non-finite positions must
// match exactly). An Inf in x saturates the gates (sigmoid/tanh of +-inf)
// and gives finite outputs; an Inf in c_0 stays an Inf in c_n.
//===----------------------------------------------------------------------===//

// RUN: for s in 1 2 3; do for c in nan-x inf-x inf-c0 nan-params; do \
// RUN:   %python %S/Inputs/lstm_nonfinite.py rnn-run %S/Inputs/rnn-run-lstm-dynamic.mlir %t/nf-$c-$s --seed $s --case $c || exit 1; \
// RUN: done; done | FileCheck %s --check-prefix=NONFINITE
// NONFINITE-COUNT-3: OK nan-x: {{[1-9][0-9]*}} non-finite output values (propagated)
// NONFINITE:         OK inf-x: 0 non-finite output values
// NONFINITE:         OK inf-c0: 1 non-finite output values (propagated)
// NONFINITE:         OK nan-params: {{[1-9][0-9]*}} non-finite output values (propagated)

//===----------------------------------------------------------------------===//
// Zero-size T or B. PyTorch's nn.LSTM returns empty results for B = 0 and
// raises "Expected sequence length to be larger than 0" for T = 0. Both are
// well defined here, and T = 0 is not an error: the time loop runs zero
// steps, so y is empty and (h_n, c_n) = (h_0, c_0), which is what a scan
// over an empty sequence (and a Python loop over nn.LSTMCell) gives. A
// PyTorch user who wants the error checks T before calling.
//===----------------------------------------------------------------------===//

// RUN: %python %S/Inputs/rnn_run_npy.py make %t/x0.npy --dtype f32 --shape 0x2x4
// RUN: rnn-run %s --entry=lstm --input=%t/x0.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/y0.npy --output=%t/hn0.npy --output=%t/cn0.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/y0.npy --expect "np.zeros((0, 2, 3), np.float32)" | FileCheck %s --check-prefix=T0-Y
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/hn0.npy --expect "h" --arg h=%t/h.npy --rtol 0 | FileCheck %s --check-prefix=T0-H
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/cn0.npy --expect "c" --arg c=%t/c.npy --rtol 0 | FileCheck %s --check-prefix=T0-C
// T0-Y: OK float32 (0, 2, 3)
// T0-H: OK float32 (1, 2, 3)
// T0-C: OK float32 (1, 2, 3)

// RUN: %python %S/Inputs/rnn_run_npy.py make %t/xb0.npy --dtype f32 --shape 3x0x4
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/hb0.npy --dtype f32 --shape 1x0x3
// RUN: rnn-run %s --entry=lstm --input=%t/xb0.npy --input=%t/hb0.npy --input=%t/hb0.npy --input=%t/p.npy --output=%t/yb0.npy --output=%t/hnb0.npy --output=%t/cnb0.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/yb0.npy --expect "np.zeros((3, 0, 3), np.float32)" | FileCheck %s --check-prefix=B0-Y
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/hnb0.npy --expect "np.zeros((1, 0, 3), np.float32)" | FileCheck %s --check-prefix=B0-H
// B0-Y: OK float32 (3, 0, 3)
// B0-H: OK float32 (1, 0, 3)

// RUN: %python %S/Inputs/rnn_run_npy.py make %t/x00.npy --dtype f32 --shape 0x0x4
// RUN: rnn-run %s --entry=lstm --input=%t/x00.npy --input=%t/hb0.npy --input=%t/hb0.npy --input=%t/p.npy | FileCheck %s --check-prefix=TB0
// TB0:      result #0: tensor<0x0x3xf32>
// TB0-NEXT: []
// TB0-NEXT: result #1: tensor<1x0x3xf32>
// TB0-NEXT: {{^\[\[\]\]$}}

//===----------------------------------------------------------------------===//
// Sizes that cannot be allocated: a static argument of 16 TB and one whose
// byte size overflows (--random-inputs), and a 4 TB result that the
// compiled code itself allocates.
//===----------------------------------------------------------------------===//

// RUN: not rnn-run %s --entry=huge_arg --random-inputs 2>&1 | FileCheck %s --check-prefix=HUGE-ARG
// HUGE-ARG-NOT: {{.}}
// HUGE-ARG:     {{^}}rnn-run: error: out of memory allocating 16000000000000 bytes for tensor<1000000x1000000x4xf32> (this machine has {{[0-9]+}} bytes of memory and swap){{$}}
// HUGE-ARG-NOT: {{.}}

// RUN: not rnn-run %s --entry=overflow_arg --random-inputs 2>&1 | FileCheck %s --check-prefix=OVERFLOW-ARG
// OVERFLOW-ARG-NOT: {{.}}
// OVERFLOW-ARG:     {{^}}rnn-run: error: size of tensor<4611686018427387904x4xf32> overflows{{$}}
// OVERFLOW-ARG-NOT: {{.}}

// RUN: not rnn-run %s --entry=huge_result --random-inputs --output=%t/out/huge.npy 2>&1 | FileCheck %s --check-prefix=HUGE-RESULT
// HUGE-RESULT-NOT: {{.}}
// HUGE-RESULT:     {{^}}rnn-run: error: out of memory: the compiled function could not allocate {{4000000000[0-9]*}} bytes{{$}}
// HUGE-RESULT-NOT: {{.}}

//===----------------------------------------------------------------------===//
// Outputs are all or nothing: a failed run writes no output and leaves no
// temporary file, and an existing output file keeps its contents. Special
// files are written in place, never replaced: a symlink to /dev/null stays a
// symlink and /dev/null a device; a symlink to a regular file is followed.
//===----------------------------------------------------------------------===//

// A bad input: nothing is written.
// RUN: not rnn-run %s --entry=lstm --input=%t/x5.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/out/y.npy --output=%t/out/h.npy --output=%t/out/c.npy 2>/dev/null
// The third output cannot be written: the first two must not appear either.
// RUN: not rnn-run %s --entry=lstm --input=%t/x.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/out/y.npy --output=%t/out/h.npy --output=%t/out/no/such/dir/c.npy 2>&1 | FileCheck %s --check-prefix=THIRD
// THIRD-NOT: {{.}}
// THIRD:     {{^}}rnn-run: error: cannot write '{{.*}}c.npy': No such file or directory{{$}}
// THIRD-NOT: {{.}}
// An output that is a directory.
// RUN: mkdir %t/out/dir.npy
// RUN: not rnn-run %s --entry=lstm --input=%t/x.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/out/y.npy --output=%t/out/dir.npy --output=%t/out/c.npy 2>&1 | FileCheck %s --check-prefix=DIR-OUT
// DIR-OUT-NOT: {{.}}
// DIR-OUT:     {{^}}rnn-run: error: cannot write '{{.*}}dir.npy': it is a directory{{$}}
// DIR-OUT-NOT: {{.}}
// RUN: rmdir %t/out/dir.npy
// RUN: ls -A %t/out | count 0

// An existing output survives a failed run unchanged.
// RUN: cp %t/p.npy %t/out/keep.npy
// RUN: not rnn-run %s --entry=lstm --input=%t/x.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/out/keep.npy --output=%t/out/h.npy --output=%t/out/no/c.npy 2>/dev/null
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t/out/keep.npy %t/p.npy --equal | FileCheck %s --check-prefix=KEPT
// KEPT: OK equal
// RUN: ls -A %t/out | FileCheck %s --check-prefix=ONLY-KEEP
// ONLY-KEEP-NOT: {{.}}
// ONLY-KEEP:     {{^}}keep.npy{{$}}
// ONLY-KEEP-NOT: {{.}}

// Special files and symlinks.
// RUN: ln -s /dev/null %t/out/null.npy
// RUN: rnn-run %s --entry=lstm --input=%t/x.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/out/null.npy --output=%t/out/real.npy --output=/dev/null
// RUN: test -L %t/out/null.npy && test -c /dev/null
// RUN: ln -s real.npy %t/out/link.npy
// RUN: rnn-run %s --entry=lstm --input=%t/x.npy --input=%t/h.npy --input=%t/c.npy --input=%t/p.npy --output=%t/out/link.npy --output=/dev/null --output=/dev/null
// RUN: test -L %t/out/link.npy
// real.npy held h_n (1x2x3); through the link it now holds y (3x2x3).
// RUN: %python %S/Inputs/rnn_run_npy.py stats %t/out/real.npy | FileCheck %s --check-prefix=LINKED
// LINKED: float32 (3, 2, 3)
// RUN: ls -A %t/out | FileCheck %s --check-prefix=NO-TEMP
// NO-TEMP-NOT: tmp

func.func @lstm(%x: tensor<?x?x4xf32>, %h0: tensor<1x?x3xf32>,
                %c0: tensor<1x?x3xf32>, %p: tensor<108xf32>)
    -> (tensor<?x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>) {
  %y, %h, %c = rnn.lstm %x, %h0, %c0, %p {num_layers = 1, num_units = 3}
      : (tensor<?x?x4xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>,
         tensor<108xf32>)
     -> (tensor<?x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>)
  return %y, %h, %c : tensor<?x?x3xf32>, tensor<1x?x3xf32>, tensor<1x?x3xf32>
}

func.func @dynamic(%a: tensor<?x?xf32>) -> tensor<?x?xf32> {
  return %a : tensor<?x?xf32>
}

func.func @huge_arg(%a: tensor<1000000x1000000x4xf32>)
    -> tensor<1000000x1000000x4xf32> {
  return %a : tensor<1000000x1000000x4xf32>
}

func.func @overflow_arg(%a: tensor<4611686018427387904x4xf32>)
    -> tensor<4611686018427387904x4xf32> {
  return %a : tensor<4611686018427387904x4xf32>
}

func.func @huge_result(%a: tensor<2xf32>) -> tensor<1000000x1000000xf32> {
  %c0 = arith.constant 0 : index
  %v = tensor.extract %a[%c0] : tensor<2xf32>
  %f = tensor.splat %v : tensor<1000000x1000000xf32>
  return %f : tensor<1000000x1000000xf32>
}
