// Input of rnn-run-errors.mlir: parses, but does not verify.
func.func @main(%a: tensor<2xf32>) -> tensor<3xf32> {
  return %a : tensor<2xf32>
}
