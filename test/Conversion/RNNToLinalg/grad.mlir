// RUN: rnn-opt %s --convert-rnn-to-linalg --canonicalize --cse | FileCheck %s

// The shape of the backward on the CPU: the reserve is checked before
// anything is read (rnnrt_check_reserve, inside the dimension guard's
// condition); the time loop runs once per (layer, direction) with one fused
// generic and one recurrent matmul [B, G*H] x [G*H, H] per step; the weight
// gradients are transposed-A matmuls over all T*B rows after the loop, the
// bias gradients column sums. GRU, I = 3, H = 4, T = 5, B = 2.

// CHECK-LABEL: func.func @gru_backward(
// CHECK:         %[[BYTES:.+]] = bufferization.to_buffer %{{.+}} read_only : tensor<?xi8> to memref<?xi8>
// CHECK:         call @rnnrt_check_reserve(
// CHECK:         scf.if
// CHECK:           scf.for
// CHECK:             linalg.generic
// CHECK:             linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<2x12xf64>, tensor<12x4xf64>) outs(%{{.+}} : tensor<2x4xf64>)
// CHECK:             scf.yield
// CHECK:           linalg.matmul indexing_maps = [#[[TA:.+]], #{{.+}}, #{{.+}}] ins(%{{.+}}, %{{.+}} : tensor<10x12xf64>, tensor<10x4xf64>) outs(%{{.+}} : tensor<12x4xf64>)
// CHECK:           linalg.generic {{.+}}iterator_types = ["reduction", "parallel"]
// CHECK:           linalg.matmul indexing_maps = [#[[TA]], #{{.+}}, #{{.+}}] ins(%{{.+}}, %{{.+}} : tensor<10x12xf64>, tensor<10x3xf64>) outs(%{{.+}} : tensor<12x3xf64>)
// CHECK:           linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<10x12xf64>, tensor<12x3xf64>) outs(%{{.+}} : tensor<10x3xf64>)
func.func @gru_backward(%x: tensor<5x2x3xf64>, %h_0: tensor<1x2x4xf64>,
    %params: tensor<108xf64>, %y: tensor<5x2x4xf64>, %reserve: tensor<?xi8>,
    %dy: tensor<5x2x4xf64>, %dh_n: tensor<1x2x4xf64>)
    -> (tensor<5x2x3xf64>, tensor<1x2x4xf64>, tensor<108xf64>) {
  %dx, %dh_0, %dp = rnn.gru_grad %x, %h_0, %params, %y, %reserve, %dy, %dh_n
      {num_layers = 1, num_units = 4}
      : (tensor<5x2x3xf64>, tensor<1x2x4xf64>, tensor<108xf64>, tensor<5x2x4xf64>,
         tensor<?xi8>, tensor<5x2x4xf64>, tensor<1x2x4xf64>)
     -> (tensor<5x2x3xf64>, tensor<1x2x4xf64>, tensor<108xf64>)
  return %dx, %dh_0, %dp : tensor<5x2x3xf64>, tensor<1x2x4xf64>, tensor<108xf64>
}

// The training forward allocates the reserve, writes its header (five
// fields, zeros to 64 bytes) and copies
// the saved planes (4 for GRU) into it.
// CHECK-LABEL: func.func @gru_forward(
// CHECK:         memref.alloc() {alignment = 64 : i64} : memref<1344xi8>
// CHECK-COUNT-8: memref.store
// CHECK:         scf.for
// CHECK-COUNT-4: bufferization.materialize_in_destination
// CHECK:         bufferization.to_tensor %{{.+}} restrict writable : memref<?xi8> to tensor<?xi8>
func.func @gru_forward(%x: tensor<5x2x3xf64>, %h_0: tensor<1x2x4xf64>,
                       %params: tensor<108xf64>)
    -> (tensor<5x2x4xf64>, tensor<1x2x4xf64>, tensor<?xi8>) {
  %y, %h_n, %reserve = rnn.gru %x, %h_0, %params
      {num_layers = 1, num_units = 4, is_training = true}
      : (tensor<5x2x3xf64>, tensor<1x2x4xf64>, tensor<108xf64>)
     -> (tensor<5x2x4xf64>, tensor<1x2x4xf64>, tensor<?xi8>)
  return %y, %h_n, %reserve : tensor<5x2x4xf64>, tensor<1x2x4xf64>, tensor<?xi8>
}
