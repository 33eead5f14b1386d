// Results whose non-T/B dimensions are dynamic (y [5, 2, ?], h_n and c_n
// [?, 2, 8], with L*D = 2 and D*H = 16) get their true sizes, and the values
// match the numpy reference. A second function leaves every dim dynamic.
// REQUIRES: numpy

// RUN: %python %S/Inputs/rnn_run_npy.py make %t.x.npy --dtype f32 --shape 5x2x3 --fill random --seed 1
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.h.npy --dtype f32 --shape 2x2x8 --fill random --seed 2
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.c.npy --dtype f32 --shape 2x2x8 --fill random --seed 3
// RUN: %python %S/Inputs/rnn_run_npy.py make %t.p.npy --dtype f32 --shape 832 --fill random --seed 4
// RUN: rnn-run %s --backend=cpu --input=%t.x.npy --input=%t.h.npy --input=%t.c.npy --input=%t.p.npy --output=%t.y.npy --output=%t.hn.npy --output=%t.cn.npy
// RUN: %python %S/../Inputs/check_layer.py lstm --layers 1 --units 8 --bidirectional --inputs %t.x.npy,%t.h.npy,%t.c.npy,%t.p.npy --outputs %t.y.npy,%t.hn.npy,%t.cn.npy | FileCheck %s
// RUN: rnn-run %s --backend=cpu --entry=all_dynamic --input=%t.x.npy --input=%t.h.npy --input=%t.c.npy --input=%t.p.npy --output=%t.y2.npy --output=%t.hn2.npy --output=%t.cn2.npy
// RUN: %python %S/../Inputs/check_layer.py lstm --layers 1 --units 8 --bidirectional --inputs %t.x.npy,%t.h.npy,%t.c.npy,%t.p.npy --outputs %t.y2.npy,%t.hn2.npy,%t.cn2.npy | FileCheck %s

// CHECK:      OK y (5, 2, 16)
// CHECK-NEXT: OK h_n (2, 2, 8)
// CHECK-NEXT: OK c_n (2, 2, 8)

func.func @main(%x: tensor<5x2x3xf32>, %h0: tensor<2x2x8xf32>,
                %c0: tensor<2x2x8xf32>, %p: tensor<832xf32>)
    -> (tensor<5x2x?xf32>, tensor<?x2x8xf32>, tensor<?x2x?xf32>) {
  %y, %h, %c = rnn.lstm %x, %h0, %c0, %p
      {num_layers = 1, num_units = 8, direction = #rnn.direction<bidirectional>}
      : (tensor<5x2x3xf32>, tensor<2x2x8xf32>, tensor<2x2x8xf32>, tensor<832xf32>)
     -> (tensor<5x2x?xf32>, tensor<?x2x8xf32>, tensor<?x2x?xf32>)
  return %y, %h, %c : tensor<5x2x?xf32>, tensor<?x2x8xf32>, tensor<?x2x?xf32>
}

func.func @all_dynamic(%x: tensor<?x?x3xf32>, %h0: tensor<?x?x8xf32>,
                       %c0: tensor<2x?x?xf32>, %p: tensor<?xf32>)
    -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) {
  %y, %h, %c = rnn.lstm %x, %h0, %c0, %p
      {num_layers = 1, num_units = 8, direction = #rnn.direction<bidirectional>}
      : (tensor<?x?x3xf32>, tensor<?x?x8xf32>, tensor<2x?x?xf32>, tensor<?xf32>)
     -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>)
  return %y, %h, %c : tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>
}
