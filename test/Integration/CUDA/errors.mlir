// Requests the cuDNN backend cannot honour give one clear line and exit 1.
// REQUIRES: cuda
// RUN: not rnn-run %s --entry=training --backend=cudnn --random-inputs 2>&1 | FileCheck %s --check-prefix=TRAIN
// TRAIN: error: 'rnn.rnn_tanh' op is_training is not supported by the cudnn backend yet (inference only)
// TRAIN: rnn-run: error: lowering for the 'cudnn' backend failed
// RUN: not rnn-run %S/Inputs/host-math.mlir --entry=host_math --backend=cudnn --random-inputs 2>&1 | FileCheck %s --check-prefix=HOST
// HOST: error: 'arith.addf' op is not supported by the GPU backends
// HOST: rnn-run: error: lowering for the 'cudnn' backend failed

func.func @training(%x: tensor<2x1x3xf32>, %h: tensor<1x1x3xf32>, %p: tensor<24xf32>)
    -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>) {
  %y, %hn = rnn.rnn_tanh %x, %h, %p {num_layers = 1, num_units = 3, is_training = true}
      : (tensor<2x1x3xf32>, tensor<1x1x3xf32>, tensor<24xf32>)
     -> (tensor<2x1x3xf32>, tensor<1x1x3xf32>)
  return %y, %hn : tensor<2x1x3xf32>, tensor<1x1x3xf32>
}
