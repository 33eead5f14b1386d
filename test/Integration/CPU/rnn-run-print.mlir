// The printed form of results: nested brackets as numpy prints them (blank
// line between blocks of a rank-3 tensor), %g with 6 significant digits,
// special floats.
// REQUIRES: numpy

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.cube.npy --dtype f32 --shape 2x2x3 --fill arange
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.special.npy --dtype f64 --shape 8 --values nan,inf,-inf,1234567,0.000012345678,-0.0,0.1,3.14159265
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.scalar.npy --dtype f32 --shape scalar --values -2.5
// RUN: rnn-run %s --allow-linalg --input=%t.cube.npy --input=%t.special.npy --input=%t.scalar.npy | FileCheck %s --strict-whitespace

// CHECK:      {{^}}result #0: tensor<2x2x3xf32>{{$}}
// CHECK-NEXT: {{^\[\[\[}}0, 1, 2],{{$}}
// CHECK-NEXT: {{^}}  [3, 4, 5]],{{$}}
// CHECK-EMPTY:
// CHECK-NEXT: {{^}} {{\[\[}}6, 7, 8],{{$}}
// CHECK-NEXT: {{^}}  [9, 10, 11]]]{{$}}
// CHECK-NEXT: {{^}}result #1: tensor<8xf64>{{$}}
// CHECK-NEXT: {{^}}[nan, inf, -inf, 1.23457e+06, 1.23457e-05, -0, 0.1, 3.14159]{{$}}
// CHECK-NEXT: {{^}}result #2: tensor<f32>{{$}}
// CHECK-NEXT: {{^}}-2.5{{$}}
// CHECK-NOT:  {{.}}

func.func @main(%cube: tensor<2x2x3xf32>, %special: tensor<8xf64>,
                %scalar: tensor<f32>)
    -> (tensor<2x2x3xf32>, tensor<8xf64>, tensor<f32>) {
  %e0 = tensor.empty() : tensor<2x2x3xf32>
  %c = linalg.copy ins(%cube : tensor<2x2x3xf32>)
                   outs(%e0 : tensor<2x2x3xf32>) -> tensor<2x2x3xf32>
  %e1 = tensor.empty() : tensor<8xf64>
  %s = linalg.copy ins(%special : tensor<8xf64>)
                   outs(%e1 : tensor<8xf64>) -> tensor<8xf64>
  %e2 = tensor.empty() : tensor<f32>
  %x = linalg.copy ins(%scalar : tensor<f32>)
                   outs(%e2 : tensor<f32>) -> tensor<f32>
  return %c, %s, %x : tensor<2x2x3xf32>, tensor<8xf64>, tensor<f32>
}
