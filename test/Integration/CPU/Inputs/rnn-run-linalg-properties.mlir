// Input of rnn-run-input-dialects.mlir: fuzz/known/KNOWN-2, a signature
// without its `{` followed by a linalg named op with `<3632>` properties.
func.func @main(%a: tensor<2xf32>) -> tensor<2xf32>
    linalg.tanh<3632> ins(%a : tensor<2xf32>) outs(%a : tensor<2xf32>) -> tensor<2xf32>
  return %a : tensor<2xf32>
}
