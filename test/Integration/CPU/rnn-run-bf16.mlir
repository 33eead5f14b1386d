// bf16 .npy files (CONTRACT.md notes: numpy has no bfloat16, so a bf16
// tensor is the 2-byte void '|V2' holding little-endian bfloat16 bits, what
// np.save writes for an ml_dtypes.bfloat16 array; '<V2' is read too). The
// input is written byte by byte, not by numpy; the result is read back the
// same way and printed by rnn-run. A '|V2' file for an f16 argument is a
// dtype mismatch.

// RUN: %python %S/Inputs/bf16_npy.py make %t.in.npy 1,-2.5,0.15625,256,3.0517578125e-05
// RUN: rnn-run %s --allow-linalg --input=%t.in.npy --output=%t.out.npy
// RUN: %python %S/Inputs/bf16_npy.py show %t.out.npy | FileCheck %s
// RUN: rnn-run %s --allow-linalg --input=%t.in.npy | FileCheck %s --check-prefix=PRINT
// RUN: not rnn-run %s --allow-linalg --entry=half --input=%t.in.npy 2>&1 | FileCheck %s --check-prefix=MISMATCH

// 2x - 1 rounded to bf16 (8 significant bits: 511 -> 512, 1 - 2^-14 -> 1):
// CHECK: descr |V2 shape (5,) values 1 -6 -0.6875 512 -1
// PRINT: result #0: tensor<5xbf16>
// PRINT-NEXT: {{^}}[1, -6, -0.6875, 512, -1]
// MISMATCH: rnn-run: error: --input '{{.+}}' does not match argument #0 of @half: expected tensor<5xf16>, got tensor<5xbf16>

#id = affine_map<(i) -> (i)>
func.func @main(%a: tensor<5xbf16>) -> tensor<5xbf16> {
  %init = tensor.empty() : tensor<5xbf16>
  %two = arith.constant 2.0 : bf16
  %one = arith.constant 1.0 : bf16
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<5xbf16>) outs(%init : tensor<5xbf16>) {
  ^bb0(%x: bf16, %o: bf16):
    %m = arith.mulf %x, %two : bf16
    %s = arith.subf %m, %one : bf16
    linalg.yield %s : bf16
  } -> tensor<5xbf16>
  return %r : tensor<5xbf16>
}

func.func @half(%a: tensor<5xf16>) -> tensor<5xf16> {
  return %a : tensor<5xf16>
}
