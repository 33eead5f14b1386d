// Repeated calls do not go to the system for memory: the packed params that
// rnn.pack_params builds from run-time weights (1 MiB here), the layer's
// workspaces and the results are large blocks that the CPU runtime's heap
// cache (rnnrt_cpu_malloc/free) hands out again on the next call, and no
// page is faulted in anew.

// RUN: rnn-run %s --random-inputs --benchmark=5 --heap-stats | FileCheck %s
// CHECK: {{^heap: [1-9][0-9]*\.0 allocations, 0\.0 new large blocks, 0\.0 page faults per call$}}
// CHECK: {{^median .* over 5 calls}}

func.func @main(%x: tensor<64x8x64xf32>, %h: tensor<1x8x256xf32>,
                %w_r: tensor<256x64xf32>, %w_z: tensor<256x64xf32>,
                %w_h: tensor<256x64xf32>, %r_r: tensor<256x256xf32>,
                %r_z: tensor<256x256xf32>, %r_h: tensor<256x256xf32>,
                %b0: tensor<256xf32>, %b1: tensor<256xf32>,
                %b2: tensor<256xf32>, %b3: tensor<256xf32>,
                %b4: tensor<256xf32>, %b5: tensor<256xf32>)
    -> (tensor<64x8x256xf32>, tensor<1x8x256xf32>) {
  %p = rnn.pack_params %w_r, %w_z, %w_h, %r_r, %r_z, %r_h,
                       %b0, %b1, %b2, %b3, %b4, %b5
      {mode = #rnn.mode<gru>, num_layers = 1, num_units = 256, input_size = 64}
      : (tensor<256x64xf32>, tensor<256x64xf32>, tensor<256x64xf32>,
         tensor<256x256xf32>, tensor<256x256xf32>, tensor<256x256xf32>,
         tensor<256xf32>, tensor<256xf32>, tensor<256xf32>, tensor<256xf32>,
         tensor<256xf32>, tensor<256xf32>) -> tensor<247296xf32>
  %y, %h_n = rnn.gru %x, %h, %p {num_layers = 1, num_units = 256}
      : (tensor<64x8x64xf32>, tensor<1x8x256xf32>, tensor<247296xf32>)
     -> (tensor<64x8x256xf32>, tensor<1x8x256xf32>)
  return %y, %h_n : tensor<64x8x256xf32>, tensor<1x8x256xf32>
}
