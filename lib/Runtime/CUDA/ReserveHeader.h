//===- ReserveHeader.h - The header of a GPU training reserve ---*- C++ -*-===//
//
// The reserve a cuDNN training forward returns is a byte buffer: this
// header (64 bytes, zero-padded to 256 so that cuDNN's reserve space after
// it keeps the 256-byte alignment of the allocation), then cuDNN's reserve
// space. The header names what wrote
// it (the library, a fingerprint of the configuration, T, B and the size of
// what follows), so that a backward given a reserve of another configuration
// or shape fails with a clear error instead of computing garbage.
//
// Reading a header from device memory costs a host synchronization, so the
// runtime remembers the header of every reserve a training forward of this
// process was enqueued to write (by its device address) and reads the
// device copy only for a reserve it has not seen: one that crossed from
// another process, e.g. through a .npy file. Freeing device memory through
// the runtime forgets the reserves it held.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_LIB_RUNTIME_CUDA_RESERVEHEADER_H
#define RNN_LIB_RUNTIME_CUDA_RESERVEHEADER_H

#include "ForwardCall.h"
#include "Status.h"

#include <cstddef>
#include <cstdint>

namespace rnnrt::cuda {

/// "rnnrtGPU" as a little-endian integer.
constexpr uint64_t kReserveMagic = 0x55504774726e6e72ULL;

/// The front of every GPU training reserve.
struct ReserveHeader {
  uint64_t magic = kReserveMagic;
  uint64_t fingerprint = 0;
  int64_t library = 0;
  int64_t seqLength = 0;
  int64_t batch = 0;
  /// Bytes of the library's reserve space after the header.
  int64_t payloadBytes = 0;
  int64_t padding[2] = {0, 0};

  bool operator==(const ReserveHeader &other) const;
};
static_assert(sizeof(ReserveHeader) == 64, "the header is 64 bytes");

/// Bytes before cuDNN's reserve space: the header and zero padding.
constexpr size_t kReserveHeaderBytes = 256;
/// The alignment cuDNN's reserve space gets (the allocation's).
constexpr size_t kReserveAlignment = 256;

/// The header of a reserve of the configuration and shape of `key` with
/// `payloadBytes` of library reserve space.
ReserveHeader makeReserveHeader(const PlanKey &key, size_t payloadBytes);

/// Remembers that the reserve at `data` holds `header` (its forward is
/// enqueued to write it).
void recordReserve(const void *data, const ReserveHeader &header);

/// Checks the reserve (`data`, `bytes`) a backward of `key` is given
/// against `expected` (makeReserveHeader of that backward's plan): from the
/// remembered header, or else from the device copy, read on `call`'s
/// stream. The error names the grad op.
Status checkReserve(const CallContext &call, const PlanKey &key,
                    const void *data, int64_t bytes,
                    const ReserveHeader &expected);

/// Forgets the reserves that start in the first bytes of `allocation`, a
/// device allocation being freed.
void forgetReserves(const void *allocation);

} // namespace rnnrt::cuda

#endif // RNN_LIB_RUNTIME_CUDA_RESERVEHEADER_H
