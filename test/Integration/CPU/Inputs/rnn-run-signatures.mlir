// Input of rnn-run-errors.mlir: entry functions with supported and
// unsupported signatures.
func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %e = tensor.empty() : tensor<2xf32>
  %c = tensor.insert_slice %a into %e[0] [2] [1]
      : tensor<2xf32> into tensor<2xf32>
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
  %m = builtin.unrealized_conversion_cast %a : tensor<2xf32> to memref<2xf32>
  return %m : memref<2xf32>
}
func.func @f8_arg(%a: tensor<2xf8E5M2>) -> tensor<2xf8E5M2> {
  return %a : tensor<2xf8E5M2>
}
func.func private @declared(tensor<2xf32>) -> tensor<2xf32>
func.func @dynamic(%a: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?x3xf32>
  %e = tensor.empty(%n) : tensor<?x3xf32>
  %c = tensor.insert_slice %a into %e[0, 0] [%n, 3] [1, 1]
      : tensor<?x3xf32> into tensor<?x3xf32>
  return %c : tensor<?x3xf32>
}
