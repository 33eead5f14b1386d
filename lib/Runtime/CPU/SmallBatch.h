//===- SmallBatch.h - The onednn backend's matrix-vector path ---*- C++ -*-===//
//
// Inference forward of a stacked recurrent layer for small batches, straight
// from the packed params (no weight preparation); see SmallBatch.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CPU_SMALLBATCH_H
#define RNN_LIB_RUNTIME_CPU_SMALLBATCH_H

#include "rnn/Support/ParamsLayout.h"

namespace rnnrt {

/// The batches up to which the onednn backend takes the matrix-vector path.
constexpr int64_t kMaxSmallBatch = 2;

/// One forward call on contiguous f32 buffers: x [T, B, I], hx/cx
/// [L*D, B, H], the packed params w, y [T, B, D*H], hy/cy [L*D, B, H]
/// (cx/cy unused without a cell state). linear_input only.
struct SmallBatchCall {
  LayerConfig config;
  bool linearBeforeReset = true;
  int64_t steps = 0, batch = 0;
  const float *x = nullptr, *hx = nullptr, *cx = nullptr, *w = nullptr;
  float *y = nullptr, *hy = nullptr, *cy = nullptr;
};

/// Runs `call`; returns false if it does not apply.
bool runSmallBatchForward(const SmallBatchCall &call);

} // namespace rnnrt

#endif // RNN_LIB_RUNTIME_CPU_SMALLBATCH_H
