// Input of rnn-run-errors.mlir: entry functions with supported and
// unsupported signatures.
func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %e = tensor.empty() : tensor<2xf32>
  %c = linalg.copy ins(%a : tensor<2xf32>) outs(%e : tensor<2xf32>)
      -> tensor<2xf32>
  return %c : tensor<2xf32>
}
func.func @scalar_arg(%a: tensor<2xf32>, %b: f32) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}
func.func @unranked_arg(%a: tensor<*xf32>) -> tensor<2xf32> {
  %c = tensor.cast %a : tensor<*xf32> to tensor<2xf32>
  return %c : tensor<2xf32>
}
func.func @memref_result(%a: tensor<2xf32>) -> memref<2xf32> {
  %m = bufferization.to_buffer %a : tensor<2xf32> to memref<2xf32>
  return %m : memref<2xf32>
}
func.func @bf16_arg(%a: tensor<2xbf16>) -> tensor<2xbf16> {
  return %a : tensor<2xbf16>
}
func.func private @declared(tensor<2xf32>) -> tensor<2xf32>
func.func @dynamic(%a: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?x3xf32>
  %e = tensor.empty(%n) : tensor<?x3xf32>
  %c = linalg.copy ins(%a : tensor<?x3xf32>) outs(%e : tensor<?x3xf32>)
      -> tensor<?x3xf32>
  return %c : tensor<?x3xf32>
}
