// i8 tensors of dynamic size (what a training forward's reserve is): read
// from uint8 (|u1) and int8 (|i1) .npy files and .npz members, written as
// uint8, round-tripped through --output and --input, returned with a size
// the function decides, in plain, --benchmark and --concurrency runs.
// REQUIRES: numpy
// RUN: rm -rf %t && mkdir -p %t

// A uint8 input: the bytes plus one (wrapping) and 0, 1, ..., 2n-1.
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/r.npy --dtype ui8 --shape 6 --values 0,1,127,128,254,255
// RUN: rnn-run %s --input=%t/r.npy --output=%t/inc.npy --output=%t/seq.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/inc.npy --expect "r + np.uint8(1)" --arg r=%t/r.npy | FileCheck %s --check-prefix=INC
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/seq.npy --expect "np.arange(12, dtype=np.uint8)" | FileCheck %s --check-prefix=SEQ
// INC: OK uint8 (6,)
// SEQ: OK uint8 (12,)

// Round trip: a result file is the next call's input.
// RUN: rnn-run %s --input=%t/inc.npy --output=%t/inc2.npy --output=%t/seq2.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/inc2.npy --expect "r + np.uint8(2)" --arg r=%t/r.npy | FileCheck %s --check-prefix=INC
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t/seq.npy %t/seq2.npy --equal | FileCheck %s --check-prefix=EQUAL
// EQUAL: OK equal

// An int8 input holds the same bytes; the results are uint8 all the same.
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/s.npy --dtype i8 --shape 4 --values=-128,-1,0,127
// RUN: rnn-run %s --input=%t/s.npy --output=%t/sinc.npy --output=%t/sseq.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/sinc.npy --expect "(s + np.int8(1)).view(np.uint8)" --arg s=%t/s.npy | FileCheck %s --check-prefix=SINC
// SINC: OK uint8 (4,)

// Printed values are signed, as MLIR prints i8.
// RUN: rnn-run %s --input=%t/r.npy | FileCheck %s --check-prefix=PRINT
// PRINT:      result #0: tensor<6xi8>
// PRINT-NEXT: {{^}}[1, 2, -128, -127, -1, 0]
// PRINT-NEXT: result #1: tensor<12xi8>
// PRINT-NEXT: {{^}}[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]

// An empty reserve.
// RUN: %python %S/Inputs/rnn_run_npy.py make %t/empty.npy --dtype ui8 --shape 0
// RUN: rnn-run %s --input=%t/empty.npy --output=%t/einc.npy --output=%t/eseq.npy
// RUN: %python %S/Inputs/rnn_run_npy.py check %t/eseq.npy --expect "np.zeros(0, np.uint8)" | FileCheck %s --check-prefix=EMPTY
// EMPTY: OK uint8 (0,)

// .npz: uint8 and int8 members in, uint8 members out.
// RUN: %python -c "import numpy as np; np.savez('%t/u.npz', np.load('%t/r.npy')); np.savez('%t/i.npz', np.load('%t/s.npy'))"
// RUN: rnn-run %s --inputs=%t/u.npz --outputs=%t/u-out.npz
// RUN: rnn-run %s --inputs=%t/i.npz --outputs=%t/i-out.npz
// RUN: %python -c "import numpy as np; a = np.load('%t/u-out.npz'); b = np.load('%t/i-out.npz'); print(a['result_0'].dtype, a['result_1'].dtype, b['result_0'].dtype, list(a['result_0']), list(b['result_0']))" | FileCheck %s --check-prefix=NPZ
// NPZ: uint8 uint8 uint8 [1, 2, 128, 129, 255, 0] [129, 0, 1, 128]

// Results of dynamic size from every call of --benchmark and --concurrency.
// RUN: rnn-run %s --input=%t/r.npy --benchmark=3 --output=%t/binc.npy --output=%t/bseq.npy | FileCheck %s --check-prefix=BENCH
// BENCH: {{^median .* over 3 calls}}
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t/inc.npy %t/binc.npy --equal | FileCheck %s --check-prefix=EQUAL
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t/seq.npy %t/bseq.npy --equal | FileCheck %s --check-prefix=EQUAL
// RUN: rnn-run %s --input=%t/r.npy --concurrency=2 --concurrency-calls=20 --output=%t/cinc.npy --output=%t/cseq.npy | FileCheck %s --check-prefix=CONC
// CONC: concurrency: 2 threads x 20 calls, every result bit-identical to the single-threaded call
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t/seq.npy %t/cseq.npy --equal | FileCheck %s --check-prefix=EQUAL

// Other dtypes are errors naming the file or the argument.
// RUN: %python -c "import numpy as np; np.save('%t/u2.npy', np.zeros(3, np.uint16)); np.save('%t/b1.npy', np.zeros(3, np.bool_)); np.save('%t/i2.npy', np.zeros(3, np.int16))"
// RUN: not rnn-run %s --input=%t/u2.npy 2>&1 | FileCheck %s --check-prefix=U2
// U2: {{^}}rnn-run: error: {{.*}}u2.npy: dtype '<u2' is not supported (<f2 <f4 <f8 |b1 |i1 |u1 <i2 <i4 <i8 are){{$}}
// RUN: not rnn-run %s --input=%t/b1.npy 2>&1 | FileCheck %s --check-prefix=B1
// B1: {{^}}rnn-run: error: --input '{{.*}}b1.npy' does not match argument #0 of @main: expected tensor<?xi8>, got tensor<3xi1>{{$}}
// RUN: not rnn-run %s --input=%t/i2.npy 2>&1 | FileCheck %s --check-prefix=I2
// I2: {{^}}rnn-run: error: --input '{{.*}}i2.npy' does not match argument #0 of @main: expected tensor<?xi8>, got tensor<3xi16>{{$}}
// A truncated int8 file names its dtype as written.
// RUN: %python -c "open('%t/cut.npy', 'wb').write(open('%t/s.npy', 'rb').read()[:-1])"
// RUN: not rnn-run %s --input=%t/cut.npy 2>&1 | FileCheck %s --check-prefix=CUT
// CUT: {{^}}rnn-run: error: {{.*}}cut.npy: truncated data: shape (4,) of |i1 needs 4 bytes, the file has 3{{$}}

func.func @main(%r: tensor<?xi8>) -> (tensor<?xi8>, tensor<?xi8>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %one = arith.constant 1 : i8
  %n = tensor.dim %r, %c0 : tensor<?xi8>
  %inc = tensor.generate %n {
  ^bb0(%i: index):
    %v = tensor.extract %r[%i] : tensor<?xi8>
    %w = arith.addi %v, %one : i8
    tensor.yield %w : i8
  } : tensor<?xi8>
  %m = arith.muli %n, %c2 : index
  %seq = tensor.generate %m {
  ^bb0(%i: index):
    %b = arith.index_cast %i : index to i8
    tensor.yield %b : i8
  } : tensor<?xi8>
  return %inc, %seq : tensor<?xi8>, tensor<?xi8>
}
