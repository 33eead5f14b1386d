//===- CPUGemm.cpp - The CPU runtime's GEMM entry points ------------------===//
//
// C += op(A) * op(B) on row-major strided views. With OpenBLAS (the default
// build) this is cblas_?gemm; without it, a plain blocked loop keeps the CPU
// backend correct on machines that lack a BLAS.
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CPURuntime.h"

#include <vector>

#ifdef RNNRT_HAVE_CBLAS
#include <cblas.h>
#endif

namespace {

template <typename T, typename Desc>
void referenceGemm(const Desc *a, const Desc *b, Desc *c, bool transA,
                   bool transB) {
  const int64_t m = c->sizes[0], n = c->sizes[1],
                k = transA ? a->sizes[0] : a->sizes[1];
  const T *aData = a->aligned + a->offset;
  const T *bData = b->aligned + b->offset;
  T *cData = c->aligned + c->offset;
  for (int64_t i = 0; i < m; ++i) {
    T *cRow = cData + i * c->strides[0];
    for (int64_t j = 0; j < n; ++j) {
      T sum = 0;
      for (int64_t p = 0; p < k; ++p) {
        T aValue = transA ? aData[p * a->strides[0] + i]
                          : aData[i * a->strides[0] + p];
        T bValue = transB ? bData[j * b->strides[0] + p]
                          : bData[p * b->strides[0] + j];
        sum += aValue * bValue;
      }
      cRow[j] += sum;
    }
  }
}

} // namespace

extern "C" {

void _mlir_ciface_rnnrt_cpu_gemm_f32(rnnrt_memref2d_f32 *a,
                                     rnnrt_memref2d_f32 *b,
                                     rnnrt_memref2d_f32 *c, int64_t transpose) {
  if (c->sizes[0] == 0 || c->sizes[1] == 0)
    return;
  const bool transA = transpose & RNNRT_GEMM_TRANSPOSE_A;
  const bool transB = transpose & RNNRT_GEMM_TRANSPOSE_B;
#ifdef RNNRT_HAVE_CBLAS
  const int64_t k = transA ? a->sizes[0] : a->sizes[1];
  cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
              transB ? CblasTrans : CblasNoTrans, c->sizes[0], c->sizes[1], k,
              1.0f, a->aligned + a->offset, a->strides[0],
              b->aligned + b->offset, b->strides[0], 1.0f,
              c->aligned + c->offset, c->strides[0]);
#else
  referenceGemm<float>(a, b, c, transA, transB);
#endif
}

void _mlir_ciface_rnnrt_cpu_gemm_f64(rnnrt_memref2d_f64 *a,
                                     rnnrt_memref2d_f64 *b,
                                     rnnrt_memref2d_f64 *c, int64_t transpose) {
  if (c->sizes[0] == 0 || c->sizes[1] == 0)
    return;
  const bool transA = transpose & RNNRT_GEMM_TRANSPOSE_A;
  const bool transB = transpose & RNNRT_GEMM_TRANSPOSE_B;
#ifdef RNNRT_HAVE_CBLAS
  const int64_t k = transA ? a->sizes[0] : a->sizes[1];
  cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
              transB ? CblasTrans : CblasNoTrans, c->sizes[0], c->sizes[1], k,
              1.0, a->aligned + a->offset, a->strides[0],
              b->aligned + b->offset, b->strides[0], 1.0,
              c->aligned + c->offset, c->strides[0]);
#else
  referenceGemm<double>(a, b, c, transA, transB);
#endif
}

const char *rnnrt_cpu_gemm_backend(void) {
#ifdef RNNRT_HAVE_CBLAS
  return "openblas";
#else
  return "reference";
#endif
}

} // extern "C"
