//===- ForwardCall.h - One forward call of compiled code --------*- C++ -*-===//
//
// What the cuDNN and the cuBLAS forward entry points share: the plan key
// (the configuration without the pointers), the checks of the scalar
// arguments and of the memref descriptors compiled code passes, the device
// pointers of a call, and the trivial forwards without steps (B = 0 or
// T = 0).
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_FORWARDCALL_H
#define RNN_LIB_RUNTIME_CUDA_FORWARDCALL_H

#include "Status.h"

#include <cuda_runtime_api.h>

#include "rnn/Runtime/CUDARuntime.h"
#include "rnn/Support/ParamsLayout.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace rnnrt::cuda {

struct ExecutionContext;

/// One runtime call of one thread: its execution context (Context.h) and
/// the stream it runs on.
struct CallContext {
  ExecutionContext *context = nullptr;
  cudaStream_t stream = nullptr;

  ExecutionContext &ctx() const { return *context; }
};

/// The library a plan runs on.
enum class Library : int64_t { Cudnn = 0, Cublas = 1 };

/// Everything a forward call passes except the pointers: the plan caches'
/// key. Enum fields hold the values of rnn/Support/RNNEnums.h and
/// rnn/Runtime/CUDARuntime.h; the input mode is resolved (linear or skip).
struct PlanKey {
  int64_t library = 0;
  int64_t mode = 0;
  int64_t numLayers = 0;
  int64_t numUnits = 0;
  int64_t inputSize = 0;
  /// LSTM projection size P (0: none).
  int64_t numProj = 0;
  int64_t direction = 0;
  int64_t inputMode = 0;
  int64_t dtype = 0;
  int64_t math = 0;
  /// cuDNN's algorithm (unused by cuBLAS plans).
  int64_t algo = 0;
  /// Training forward with dropout between layers (cuBLAS only): the rate
  /// as the bits of a double, and the seed.
  int64_t training = 0;
  int64_t dropoutBits = 0;
  int64_t seed = 0;
  /// GRU's reset placement (cuBLAS only; 1 for every other mode).
  int64_t linearBeforeReset = 1;
  /// 1: x and y are [T, B, *]; 0: [B, T, *].
  int64_t timeMajor = 1;
  /// 1: the call has seq_lengths (their values are the call's, not the
  /// plan's).
  int64_t lengths = 0;
  /// T and B (-1 while unknown, in error messages only).
  int64_t seqLength = -1;
  int64_t batch = -1;

  std::array<int64_t, 19> fields() const {
    return {library,   mode,      numProj,     numLayers, numUnits,
            inputSize, direction, inputMode,   dtype,     math,
            algo,      training,  dropoutBits, seed,      linearBeforeReset,
            timeMajor, lengths,   seqLength,   batch};
  }
  /// Whether cuDNN needs its padded I/O (unpacked layouts) for this key.
  bool paddedIO() const { return lengths != 0 || timeMajor == 0; }
  /// A GRU whose reset gate scales h before R_n.
  bool resetsBeforeMatmul() const {
    return mode == RNNRT_MODE_GRU && linearBeforeReset == 0;
  }
  bool operator<(const PlanKey &other) const {
    return fields() < other.fields();
  }
  bool operator==(const PlanKey &other) const {
    return fields() == other.fields();
  }

  int64_t numDirections() const { return direction == 1 ? 2 : 1; }
  /// Width of h and of each direction's y: P with a projection, else H.
  int64_t hiddenSize() const { return numProj > 0 ? numProj : numUnits; }
  /// The layer configuration of a validated key (ParamsLayout's view).
  rnnrt::LayerConfig layerConfig() const;
  double dropout() const;

  /// Appends "lstm, num_layers 2, ..., T 5, B 3" to `out`.
  void describe(std::string &out) const;
};

/// Size in bytes of an element of the runtime's dtype code, or 0 when the
/// code is unknown.
size_t elementSize(int64_t dtype);

/// Size in bytes of the type gate pre-activations are accumulated in by the
/// cuBLAS fallback: f64 for f64 data, f32 otherwise.
size_t accumulatorSize(int64_t dtype);

/// Names of the runtime's codes, for messages.
const char *mathName(int64_t math);
const char *algoName(int64_t algo);

/// The device pointers of one forward: x, hx, cx, w, y, hy, cy (cx and cy
/// null unless LSTM).
using ForwardPointers = std::array<const void *, 7>;
/// The sizes in bytes of the ForwardPointers' buffers (0 where null).
using ForwardExtents = std::array<size_t, 7>;

/// One forward call's arguments.
struct ForwardCall {
  PlanKey key;
  /// The calling thread's context and stream (set by the entry point).
  CallContext context;
  rnnrt_memref3d *x = nullptr, *hx = nullptr, *cx = nullptr;
  rnnrt_memref1d *w = nullptr;
  rnnrt_memref3d *y = nullptr, *hy = nullptr, *cy = nullptr;
  /// A training forward's reserve (bytes; null or empty when the op returns
  /// none).
  rnnrt_memref1d *reserve = nullptr;
  /// The op's seq_lengths (B int32 in device memory; empty when it has
  /// none), and their host copy once loadLengths succeeded.
  rnnrt_memref1d *seqLengths = nullptr;
  std::vector<int32_t> lengths;
  /// Whether loadLengths has found them valid (a fallback route calls it
  /// again: it then does nothing).
  bool lengthsValid = false;

  /// The configuration codes as compiled code passes them (auto_select is
  /// resolved here as well, so plans only see linear or skip).
  void setConfig(Library library, int64_t mode, int64_t numLayers,
                 int64_t numUnits, int64_t inputSize, int64_t numProj,
                 int64_t direction, int64_t inputMode, int64_t dtype,
                 int64_t math);
  void setBuffers(rnnrt_memref3d *x, rnnrt_memref3d *hx, rnnrt_memref3d *cx,
                  rnnrt_memref1d *w, rnnrt_memref3d *y, rnnrt_memref3d *hy,
                  rnnrt_memref3d *cy);
  /// time_major and seq_lengths as compiled code passes them.
  void setLayout(int64_t timeMajor, rnnrt_memref1d *seqLengths);

  /// The shape of a [T, B, width] tensor in the call's layout.
  std::array<int64_t, 3> dataShape(int64_t width) const;
  /// The device copy of seq_lengths (null without).
  const int32_t *deviceLengths() const;

  /// The data pointers, after validate().
  ForwardPointers pointers() const;
  /// The sizes of their buffers, after validate().
  ForwardExtents extents() const;
  /// The size of the seq_lengths buffer (0 without).
  size_t lengthsBytes() const;
  /// Checks the codes, the dropout rate and x (w only for a descriptor,
  /// unless not `withWeights`: the fallback's reserve size takes none);
  /// sets T and B.
  Status validateInput(bool withWeights = true);
  /// validateInput, then every other descriptor but w's size.
  Status validate();
  /// Checks that w holds `elements` contiguous elements.
  Status validateWeights(int64_t elements) const;
  /// After validate(), with seq_lengths: checks their shape, copies them
  /// to `lengths` (waiting for the stream) and checks each against T. A
  /// length outside [0, T] is reported as compiled host code reports it
  /// (rnnrt_check_sequence_length with `opCode`, ShapeCheckCodes.h, so the
  /// caller takes it with rnnrt_take_error) and clears `valid`: then the
  /// call must do nothing. Once they are valid, later calls do nothing.
  Status loadLengths(int64_t opCode, bool &valid);
  /// Whether there is no step to run (B = 0 or T = 0); then enqueues what
  /// the forward amounts to (the final states are the initial ones).
  Status runWithoutSteps(bool &done) const;
};

/// ErrorContext's description of a ForwardCall.
void describeForwardCall(const void *call, std::string &out);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_FORWARDCALL_H
