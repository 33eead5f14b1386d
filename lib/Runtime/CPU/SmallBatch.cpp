//===- SmallBatch.cpp - The matrix-vector path of the onednn backend ------===//
//
// For a batch of one or two a recurrent step is a matrix-vector product,
// which reads every weight once per step and does two FLOPs per weight: the
// packed params are already in the best layout for it (each gate's rows
// contiguous, row-major), so this path reads them where they are. There is
// nothing to prepare and nothing to fingerprint, which on a T=1 call is
// most of the work. Per step and direction: a = W x_t + b_W and
// c = R h + b_R over all G*H gate rows (OpenBLAS's sgemv), then the gate
// math (vectorized exp) over H units; the
// reset-before-matmul GRU computes R_n (r * h) after r. W x_t + b_W is
// computed for all steps before the recurrence.
//
//===----------------------------------------------------------------------===//

#include "SmallBatch.h"

#include "rnn/Support/ParamsLayout.h"

#ifdef RNNRT_HAVE_CBLAS
#include <cblas.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace {

/// exp(x) for |x| < 88 to about 2 ulp: 2^n * p(r), branch-free so that loops
/// over it vectorize.
inline float fastExp(float x) {
  x = std::min(88.0f, std::max(-88.0f, x));
  const float n = std::nearbyint(x * 1.44269504088896341f);
  const float r = x - n * 0.693359375f + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t bits;
  std::memcpy(&bits, &p, sizeof(bits));
  bits += static_cast<int32_t>(n) << 23;
  std::memcpy(&p, &bits, sizeof(p));
  return p;
}

inline float sigmoid(float x) { return 1.0f / (1.0f + fastExp(-x)); }

/// tanh through exp(-2|x|), exact in sign and accurate near 0 in relative
/// terms to about 1e-7 of 1 (what f32 checks need).
inline float fastTanh(float x) {
  const float e = fastExp(-2.0f * std::fabs(x));
  const float t = (1.0f - e) / (1.0f + e);
  return std::copysign(t, x);
}

/// out[b][row..row+3] = bias + m[row..row+3] . v[b] for the block of (up to)
/// four rows at `row`: four independent FMA chains that share each load of
/// v.
#ifndef RNNRT_HAVE_CBLAS
inline void matVecBlock(const float *m, const float *bias, int64_t row,
                        int64_t rows, int64_t cols, const float *v,
                        int64_t vStride, int64_t batch, float *out,
                        int64_t outStride) {
  for (int64_t b = 0; b < batch; ++b) {
    const float *vector = v + b * vStride;
    if (row + 4 > rows) {
      for (int64_t r = row; r < rows; ++r) {
        const float *weights = m + r * cols;
        float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
        for (int64_t k = 0; k < cols; ++k)
          sum += weights[k] * vector[k];
        out[b * outStride + r] = bias[r] + sum;
      }
      continue;
    }
    const float *w0 = m + row * cols, *w1 = w0 + cols, *w2 = w1 + cols,
                *w3 = w2 + cols;
    float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
#pragma omp simd reduction(+ : s0, s1, s2, s3)
    for (int64_t k = 0; k < cols; ++k) {
      const float value = vector[k];
      s0 += w0[k] * value;
      s1 += w1[k] * value;
      s2 += w2[k] * value;
      s3 += w3[k] * value;
    }
    float *o = out + b * outStride + row;
    o[0] = bias[row] + s0;
    o[1] = bias[row + 1] + s1;
    o[2] = bias[row + 2] + s2;
    o[3] = bias[row + 3] + s3;
  }
}
#endif

/// out[b][row] = bias[row] + sum_k m[row][k] * v[b][k] for rows
/// [0, rows), batch `batch` (v rows of `cols` with stride `vStride`). With
/// OpenBLAS, its sgemv/sgemm (kernels chosen for the CPU at run time: 1.7x
/// faster than the loop below on C1, and 2.5x on a T=1 step, measured on an
/// AMD EPYC with AVX-512); without it, blocks of four rows, over OpenMP
/// threads only for large layers (a parallel region, even of one thread,
/// costs about a microsecond: more than a small step's product).
void matVec(const float *m, const float *bias, int64_t rows, int64_t cols,
            const float *v, int64_t vStride, int64_t batch, float *out,
            int64_t outStride) {
#ifdef RNNRT_HAVE_CBLAS
  for (int64_t b = 0; b < batch; ++b)
    std::copy(bias, bias + rows, out + b * outStride);
  if (batch == 1)
    cblas_sgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1.0f, m, cols, v, 1,
                1.0f, out, 1);
  else
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, batch, rows, cols,
                1.0f, v, vStride, m, cols, 1.0f, out, outStride);
#else
  const int64_t blocks = (rows + 3) / 4;
  if (rows * cols < (int64_t(1) << 18)) {
    for (int64_t block = 0; block < blocks; ++block)
      matVecBlock(m, bias, block * 4, rows, cols, v, vStride, batch, out,
                  outStride);
    return;
  }
#pragma omp parallel for schedule(static)
  for (int64_t block = 0; block < blocks; ++block)
    matVecBlock(m, bias, block * 4, rows, cols, v, vStride, batch, out,
                outStride);
#endif
}

} // namespace

bool rnnrt::runSmallBatchForward(const SmallBatchCall &call) {
  const LayerConfig &config = call.config;
  const ParamsLayout layout(config);
  const int64_t steps = call.steps, batch = call.batch;
  const int64_t hidden = config.numUnits, dirs = config.numDirections();
  const int64_t gates = config.numGates(), rows = gates * hidden;
  const bool lstm = config.mode == RNNRT_MODE_LSTM;
  const bool gru = config.mode == RNNRT_MODE_GRU;
  // Workspaces live as long as the thread and only grow, so repeated calls
  // allocate nothing (the input projections of a long sequence exceed
  // malloc's mmap threshold).
  thread_local std::vector<float> a, c, h, cell, rh, inputProjection,
      scratch[2];
  a.resize(batch * rows);
  c.resize(batch * rows);
  h.resize(batch * hidden);
  cell.resize(batch * hidden);
  rh.resize(batch * hidden);
  const int64_t stateRows = dirs * batch * hidden;
  const float *layerInput = call.x;
  for (int64_t layer = 0; layer < config.numLayers; ++layer) {
    const int64_t input = config.layerInputSize(layer);
    const bool last = layer + 1 == config.numLayers;
    float *layerOutput = call.y;
    if (!last) {
      scratch[layer % 2].resize(steps * batch * dirs * hidden);
      layerOutput = scratch[layer % 2].data();
    }
    for (int64_t d = 0; d < dirs; ++d) {
      const float *w = call.w + layout.inputMatricesOffset(layer, d);
      const float *r = call.w + layout.recurrentMatricesOffset(layer, d);
      const float *bw = call.w + layout.inputBiasesOffset(layer, d);
      const float *br = call.w + layout.recurrentBiasesOffset(layer, d);
      const int64_t state = (layer * dirs + d) * batch * hidden;
      // The input projections of all steps at once: each row of W is read
      // once for the T*B input vectors instead of once per step.
      inputProjection.resize(steps * batch * rows);
      matVec(w, bw, rows, input, layerInput, input, steps * batch,
             inputProjection.data(), rows);
      std::copy(call.hx + state, call.hx + state + batch * hidden, h.begin());
      if (lstm)
        std::copy(call.cx + state, call.cx + state + batch * hidden,
                  cell.begin());
      for (int64_t step = 0; step < steps; ++step) {
        const int64_t t = d == 0 ? step : steps - 1 - step;
        std::copy(inputProjection.data() + t * batch * rows,
                  inputProjection.data() + (t + 1) * batch * rows, a.begin());
        // The reset-before-matmul GRU's R_n waits for r.
        const int64_t recurrentRows =
            gru && !call.linearBeforeReset ? 2 * hidden : rows;
        matVec(r, br, recurrentRows, hidden, h.data(), hidden, batch, c.data(),
               rows);
        for (int64_t b = 0; b < batch; ++b) {
          float *ab = a.data() + b * rows, *cb = c.data() + b * rows;
          float *hb = h.data() + b * hidden;
          float *yb =
              layerOutput + (t * batch + b) * dirs * hidden + d * hidden;
          if (lstm) {
            float *cellb = cell.data() + b * hidden;
#pragma omp simd
            for (int64_t j = 0; j < hidden; ++j) {
              const float i = sigmoid(ab[j] + cb[j]);
              const float f = sigmoid(ab[hidden + j] + cb[hidden + j]);
              const float g = fastTanh(ab[2 * hidden + j] + cb[2 * hidden + j]);
              const float o = sigmoid(ab[3 * hidden + j] + cb[3 * hidden + j]);
              cellb[j] = f * cellb[j] + i * g;
              hb[j] = o * fastTanh(cellb[j]);
              yb[j] = hb[j];
            }
          } else if (gru) {
            float *rhb = rh.data() + b * hidden;
            if (!call.linearBeforeReset) {
              for (int64_t j = 0; j < hidden; ++j)
                rhb[j] = sigmoid(ab[j] + cb[j]) * hb[j];
              matVec(r + 2 * hidden * hidden, br + 2 * hidden, hidden, hidden,
                     rhb, hidden, 1, cb + 2 * hidden, rows);
            }
#pragma omp simd
            for (int64_t j = 0; j < hidden; ++j) {
              const float rg = sigmoid(ab[j] + cb[j]);
              const float z = sigmoid(ab[hidden + j] + cb[hidden + j]);
              const float n =
                  call.linearBeforeReset
                      ? fastTanh(ab[2 * hidden + j] + rg * cb[2 * hidden + j])
                      : fastTanh(ab[2 * hidden + j] + cb[2 * hidden + j]);
              hb[j] = (1.0f - z) * n + z * hb[j];
              yb[j] = hb[j];
            }
          } else {
            const bool relu = config.mode == RNNRT_MODE_RNN_RELU;
#pragma omp simd
            for (int64_t j = 0; j < hidden; ++j) {
              const float v = ab[j] + cb[j];
              hb[j] = relu ? std::max(v, 0.0f) : fastTanh(v);
              yb[j] = hb[j];
            }
          }
        }
      }
      std::copy(h.begin(), h.begin() + batch * hidden, call.hy + state);
      if (lstm)
        std::copy(cell.begin(), cell.begin() + batch * hidden, call.cy + state);
    }
    layerInput = layerOutput;
  }
  (void)stateRows;
  return true;
}
