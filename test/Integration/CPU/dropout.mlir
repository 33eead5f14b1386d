// Dropout between layers in training (is_training, seed): deterministic for
// a seed, different for another seed, absent in inference, and never applied
// to the last layer's output or to the first layer's own state.
// REQUIRES: numpy
// RUN: rnn-run %s --entry=train7 --random-inputs=3 --output=%t.a.y.npy --output=%t.a.h.npy
// RUN: rnn-run %s --entry=train7 --random-inputs=3 --output=%t.b.y.npy --output=%t.b.h.npy
// RUN: rnn-run %s --entry=train8 --random-inputs=3 --output=%t.c.y.npy --output=%t.c.h.npy
// RUN: rnn-run %s --entry=infer --random-inputs=3 --output=%t.d.y.npy --output=%t.d.h.npy
// RUN: %python %S/Inputs/check_dropout.py %t | FileCheck %s
// CHECK: same seed identical: True
// CHECK: other seed differs: True
// CHECK: inference differs: True
// CHECK: layer 0 state unaffected: True
// CHECK: dropped fraction plausible: True

func.func @train7(%x: tensor<20x8x16xf32>, %h: tensor<2x8x16xf32>, %p: tensor<1088xf32>)
    -> (tensor<20x8x16xf32>, tensor<2x8x16xf32>) {
  %y, %hn = rnn.rnn_relu %x, %h, %p
      {num_layers = 2, num_units = 16, dropout = 0.5 : f32, seed = 7, is_training = true}
      : (tensor<20x8x16xf32>, tensor<2x8x16xf32>, tensor<1088xf32>) -> (tensor<20x8x16xf32>, tensor<2x8x16xf32>)
  return %y, %hn : tensor<20x8x16xf32>, tensor<2x8x16xf32>
}

func.func @train8(%x: tensor<20x8x16xf32>, %h: tensor<2x8x16xf32>, %p: tensor<1088xf32>)
    -> (tensor<20x8x16xf32>, tensor<2x8x16xf32>) {
  %y, %hn = rnn.rnn_relu %x, %h, %p
      {num_layers = 2, num_units = 16, dropout = 0.5 : f32, seed = 8, is_training = true}
      : (tensor<20x8x16xf32>, tensor<2x8x16xf32>, tensor<1088xf32>) -> (tensor<20x8x16xf32>, tensor<2x8x16xf32>)
  return %y, %hn : tensor<20x8x16xf32>, tensor<2x8x16xf32>
}

func.func @infer(%x: tensor<20x8x16xf32>, %h: tensor<2x8x16xf32>, %p: tensor<1088xf32>)
    -> (tensor<20x8x16xf32>, tensor<2x8x16xf32>) {
  %y, %hn = rnn.rnn_relu %x, %h, %p
      {num_layers = 2, num_units = 16, dropout = 0.5 : f32, seed = 7}
      : (tensor<20x8x16xf32>, tensor<2x8x16xf32>, tensor<1088xf32>) -> (tensor<20x8x16xf32>, tensor<2x8x16xf32>)
  return %y, %hn : tensor<20x8x16xf32>, tensor<2x8x16xf32>
}
