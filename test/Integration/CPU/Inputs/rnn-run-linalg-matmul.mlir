// Input of rnn-run-input-dialects.mlir: a well-formed linalg op, which is not
// part of rnn-run's input language.
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>,
                %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %d = linalg.matmul ins(%a, %b : tensor<2x3xf32>, tensor<3x4xf32>)
                     outs(%c : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}
