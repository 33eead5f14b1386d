// RUN: rnn-opt %s --rnn-matmul-to-blas | FileCheck %s

#mA = affine_map<(m, n, k) -> (m, k)>
#mBt = affine_map<(m, n, k) -> (n, k)>
#mC = affine_map<(m, n, k) -> (m, n)>

// CHECK-DAG: func.func private @rnnrt_cpu_gemm_f32(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, i64) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @rnnrt_cpu_gemm_f64(

// CHECK-LABEL: func.func @transposed_b
// CHECK-SAME:    %[[A:[^:]+]]: memref<4x3xf32>, %[[B:[^:]+]]: memref<5x3xf32>, %[[C:[^:]+]]: memref<4x5xf32>
// CHECK-DAG:     %[[TRUE:.+]] = arith.constant 1 : i64
// CHECK-DAG:     %[[CA:.+]] = memref.cast %[[A]]
// CHECK-DAG:     %[[CB:.+]] = memref.cast %[[B]]
// CHECK-DAG:     %[[CC:.+]] = memref.cast %[[C]]
// CHECK:         call @rnnrt_cpu_gemm_f32(%[[CA]], %[[CB]], %[[CC]], %[[TRUE]])
// CHECK-NOT:     linalg.matmul
func.func @transposed_b(%a: memref<4x3xf32>, %b: memref<5x3xf32>, %c: memref<4x5xf32>) {
  linalg.matmul indexing_maps = [#mA, #mBt, #mC]
      ins(%a, %b : memref<4x3xf32>, memref<5x3xf32>) outs(%c : memref<4x5xf32>)
  return
}

// CHECK-LABEL: func.func @plain_f64_strided_rows
// CHECK:         %[[FALSE:.+]] = arith.constant 0 : i64
// CHECK:         call @rnnrt_cpu_gemm_f64(%{{.+}}, %{{.+}}, %{{.+}}, %[[FALSE]])
func.func @plain_f64_strided_rows(%a: memref<4x3xf64, strided<[8, 1], offset: ?>>,
                                  %b: memref<3x5xf64>, %c: memref<4x5xf64>) {
  linalg.matmul ins(%a, %b : memref<4x3xf64, strided<[8, 1], offset: ?>>, memref<3x5xf64>)
                outs(%c : memref<4x5xf64>)
  return
}

// dW = dA^T X of the backward: transposed A is flag 2
// (RNNRT_GEMM_TRANSPOSE_A), both transposed 3.

// CHECK-LABEL: func.func @transposed_a
// CHECK:         %[[TA:.+]] = arith.constant 2 : i64
// CHECK:         call @rnnrt_cpu_gemm_f32(%{{.+}}, %{{.+}}, %{{.+}}, %[[TA]])
// CHECK:         %[[TAB:.+]] = arith.constant 3 : i64
// CHECK:         call @rnnrt_cpu_gemm_f32(%{{.+}}, %{{.+}}, %{{.+}}, %[[TAB]])
// CHECK-NOT:     linalg.matmul
func.func @transposed_a(%a: memref<3x4xf32>, %b: memref<3x5xf32>, %bt: memref<5x3xf32>,
                        %c: memref<4x5xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>,
                                 affine_map<(m, n, k) -> (k, n)>,
                                 affine_map<(m, n, k) -> (m, n)>]
                ins(%a, %b : memref<3x4xf32>, memref<3x5xf32>)
                outs(%c : memref<4x5xf32>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>,
                                 affine_map<(m, n, k) -> (n, k)>,
                                 affine_map<(m, n, k) -> (m, n)>]
                ins(%a, %bt : memref<3x4xf32>, memref<5x3xf32>)
                outs(%c : memref<4x5xf32>)
  return
}

// Non-unit inner stride, integer elements and tensors stay linalg.

// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT:     call
func.func @left_alone(%a: memref<4x3xf32, strided<[1, 4]>>, %b: memref<3x5xf32>,
                      %c: memref<4x5xf32>, %ai: memref<4x3xi32>, %bi: memref<3x5xi32>,
                      %ci: memref<4x5xi32>, %t: tensor<4x3xf32>, %u: tensor<3x5xf32>,
                      %v: tensor<4x5xf32>) -> tensor<4x5xf32> {
  linalg.matmul ins(%a, %b : memref<4x3xf32, strided<[1, 4]>>, memref<3x5xf32>)
                outs(%c : memref<4x5xf32>)
  linalg.matmul ins(%ai, %bi : memref<4x3xi32>, memref<3x5xi32>) outs(%ci : memref<4x5xi32>)
  %r = linalg.matmul ins(%t, %u : tensor<4x3xf32>, tensor<3x5xf32>) outs(%v : tensor<4x5xf32>) -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}
