// Input of rnn-run-errors.mlir: a syntax error.
func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32
}
