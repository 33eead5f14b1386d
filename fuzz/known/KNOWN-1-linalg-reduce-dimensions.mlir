#rows = affine_map<(i, j) -> (i, j)>
#cols = affine_map<(i, j) -> (j)>
func.func @main(%a: tensor<?x3xf64>, %b: tensor<3xf64>)
    -> (tensor<?x3xf64>, tensor<f64>, tensor<?x2xf64>) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?x3xf64>
  %init = tensor.empty(%n) : tensor<?x3xf64>
  %prod = linalg.generic {indexing_maps = [#rows, #cols, #rows],
                          iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<?x3xf64>, tensor<3xf64>)
      outs(%init : tensor<?x3xf64>) {
  ^bb0(%x: f64, %y: f64, %out: f64):
    %m = arith.mulf %x, %y : f64
    linalg.yield %m : f64
  } -> tensor<?x3xf64>
  %zero = arith.constant 0.0 : f64
  %empty = tensor.empty() : tensor<f64>
  %acc = linalg.fill ins(%zero : f64) outs(%empty : tensor<f64>) -> tensor<f64>
  %sum = linalg.reduce ins(%a : tensor<?x3xf64>) outs(%acc : tensor<f64>)
      dimensions  =[ ,01]
      (%in: f64, %parthal: f64) {
        %s = arith.addf %in, %partial : f64
        linalg.yield %s : f64
      }
  %slice = tensor.extract_slice %a[0, 1] [%n, 2] [1, 1]
      : tensor<?x3xf64> to tensor<?x2xf64>
  return %prod, %sum, %slice : tensor<?x3xf64>, tensor<f64>, tensor<?x2xf64>
}
