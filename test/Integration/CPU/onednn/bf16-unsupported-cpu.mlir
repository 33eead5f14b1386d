// On a CPU without oneDNN's bf16 RNN primitives (AVX-512 for oneDNN 2.6,
// emulated here by capping oneDNN's ISA with ONEDNN_MAX_CPU_ISA) a bf16
// call fails with one error line naming the reason and rnn-run exits
// non-zero; the f32 op of the same shapes still runs.
// REQUIRES: onednn

// RUN: env ONEDNN_MAX_CPU_ISA=SSE41 not rnn-run %s --backend=onednn --random-inputs=1 2>&1 | FileCheck %s
// CHECK: rnn-run: error: onednn backend: this CPU cannot run oneDNN's bf16 RNN primitives (oneDNN 2.6 needs AVX-512; run f32 or --backend=cpu): {{.+}}
// CHECK-NOT: error

// RUN: env ONEDNN_MAX_CPU_ISA=SSE41 rnn-run %s --entry=f32 --backend=onednn --random-inputs=1 --print 2>&1 | FileCheck %s --check-prefix=F32
// F32-NOT: error
// F32: tensor<6x3x8xf32>

func.func @main(%x: tensor<6x3x5xbf16>, %h: tensor<1x3x8xbf16>, %c: tensor<1x3x8xbf16>,
                %p: tensor<480xbf16>) -> tensor<6x3x8xbf16> {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 8}
      : (tensor<6x3x5xbf16>, tensor<1x3x8xbf16>, tensor<1x3x8xbf16>, tensor<480xbf16>)
     -> (tensor<6x3x8xbf16>, tensor<1x3x8xbf16>, tensor<1x3x8xbf16>)
  return %y : tensor<6x3x8xbf16>
}

func.func @f32(%x: tensor<6x3x5xf32>, %h: tensor<1x3x8xf32>, %c: tensor<1x3x8xf32>,
               %p: tensor<480xf32>) -> tensor<6x3x8xf32> {
  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p {num_layers = 1, num_units = 8}
      : (tensor<6x3x5xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>, tensor<480xf32>)
     -> (tensor<6x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
  return %y : tensor<6x3x8xf32>
}
