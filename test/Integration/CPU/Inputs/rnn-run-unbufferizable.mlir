// Input of rnn-run-errors.mlir: the CPU pipeline fails on it.
// Elementwise arith on tensors has no bufferization.
func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = arith.addf %a, %a : tensor<2xf32>
  return %0 : tensor<2xf32>
}
