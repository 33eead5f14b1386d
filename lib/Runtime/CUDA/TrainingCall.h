//===- TrainingCall.h - One training forward or backward call ---*- C++ -*-===//
//
// What the training entry points add to a forward call: the reserve of a
// training forward, and the operands and results of a backward, with their
// checks and the trivial backwards without steps (B = 0 or T = 0).
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_TRAININGCALL_H
#define RNN_LIB_RUNTIME_CUDA_TRAININGCALL_H

#include "ForwardCall.h"

#include <array>

namespace rnnrt::cuda {

/// The device pointers of one backward: x, hx, cx, w, y, reserve, dy, dhy,
/// dcy, dx, dhx, dcx, dw (cx, dcy and dcx null unless LSTM), then the copy
/// flag (null or not) so that a graph captured with the copy is not
/// replayed without it.
using BackwardPointers = std::array<const void *, 14>;
/// The sizes in bytes of the BackwardPointers' buffers (0 where null).
using BackwardExtents = std::array<size_t, 14>;
enum BackwardPointer {
  kX,
  kHx,
  kCx,
  kW,
  kY,
  kReserve,
  kDy,
  kDhy,
  kDcy,
  kDx,
  kDhx,
  kDcx,
  kDw,
  kCopyFlag
};

/// One backward call's arguments. `forward` holds the configuration and
/// the forward's operands x, hx, cx, w and y; its result slots hy and cy
/// hold dhy and dcy (they have the final states' shapes), so its checks
/// cover them too.
struct BackwardCall {
  ForwardCall forward;
  rnnrt_memref1d *reserve = nullptr;
  rnnrt_memref3d *dy = nullptr;
  rnnrt_memref3d *dx = nullptr, *dhx = nullptr, *dcx = nullptr;
  rnnrt_memref1d *dw = nullptr;
  /// Work on a copy of the reserve (it has another use).
  bool copyReserve = false;

  const PlanKey &key() const { return forward.key; }
  /// The buffers, time_major and seq_lengths as compiled code passes them
  /// to a backward entry point (the key is set apart, per library).
  void setBuffers(rnnrt_memref3d *x, rnnrt_memref3d *hx, rnnrt_memref3d *cx,
                  rnnrt_memref1d *w, rnnrt_memref3d *y, rnnrt_memref1d *reserve,
                  rnnrt_memref3d *dy, rnnrt_memref3d *dhy, rnnrt_memref3d *dcy,
                  rnnrt_memref3d *dx, rnnrt_memref3d *dhx, rnnrt_memref3d *dcx,
                  rnnrt_memref1d *dw, int64_t timeMajor,
                  rnnrt_memref1d *seqLengths);
  /// Checks the forward's part (ForwardCall::validate) and dy, dx, dhx,
  /// dcx; sets T and B.
  Status validate();
  /// Checks that dw holds `elements` contiguous elements (w is checked
  /// by ForwardCall::validateWeights).
  Status validateWeightGradient(int64_t elements) const;
  /// The data pointers, after validate().
  BackwardPointers pointers() const;
  /// The sizes of their buffers, after validate().
  BackwardExtents extents() const;
  /// Whether there is no step to run (B = 0 or T = 0); then enqueues what
  /// the backward amounts to: dx empty, dhx = dhy, dcx = dcy, dw = 0.
  Status runWithoutSteps(bool &done) const;
};

/// ErrorContext's description of a BackwardCall.
void describeBackwardCall(const void *call, std::string &out);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_TRAININGCALL_H
