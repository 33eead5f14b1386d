//===- ReserveHeader.cpp - The header of a GPU training reserve -----------===//

#include "ReserveHeader.h"

#include "rnn/Support/RNNEnums.h"

#include <cstring>
#include <iterator>
#include <map>
#include <mutex>
#include <string>

namespace rnnrt::cuda {
namespace {

/// FNV-1a over the key's fields that decide what the reserve holds (all but
/// T and B, which the header holds as they are).
uint64_t fingerprintOf(const PlanKey &key) {
  PlanKey configuration = key;
  configuration.seqLength = 0;
  configuration.batch = 0;
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (int64_t field : configuration.fields()) {
    for (int byte = 0; byte < 8; ++byte) {
      hash ^= static_cast<uint64_t>(field >> (8 * byte)) & 0xff;
      hash *= 0x100000001b3ULL;
    }
  }
  return hash;
}

/// The headers of the reserves this process's forwards wrote, by address.
struct Registry {
  std::mutex mutex;
  std::map<const void *, ReserveHeader> headers;
};

Registry &registry() {
  static auto *instance = new Registry();
  return *instance;
}

/// "rnn.lstm_grad: " for the grad op of `key`.
std::string gradOpPrefix(const PlanKey &key) {
  const char *mode = rnnrt_mode_name(key.mode);
  return std::string("rnn.") + (mode ? mode : "rnn") + "_grad: ";
}

/// The error for a reserve whose header is `actual` where `expected` was
/// due, or success when they agree and the size is right.
Status compareHeaders(const PlanKey &key, int64_t bytes,
                      const ReserveHeader &actual,
                      const ReserveHeader &expected) {
  const std::string op = gradOpPrefix(key);
  if (actual.magic != kReserveMagic || actual.library != expected.library)
    return Status::error(op + "the reserve (" + std::to_string(bytes) +
                         " bytes) was not written by a training forward of "
                         "the cudnn backend");
  if (actual.fingerprint != expected.fingerprint)
    return Status::error(
        op + "the reserve was written by a training forward of another "
             "configuration (mode, layers, units, input size, direction, "
             "input mode, dropout, seed, element type, math or algorithm "
             "differ)");
  if (actual.seqLength != expected.seqLength || actual.batch != expected.batch)
    return Status::error(
        op +
        "the reserve was written for T = " + std::to_string(actual.seqLength) +
        ", B = " + std::to_string(actual.batch) +
        ", but x has T = " + std::to_string(expected.seqLength) +
        ", B = " + std::to_string(expected.batch));
  if (!(actual == expected))
    return Status::error(op + "the reserve's header does not match this "
                              "configuration's");
  return success();
}

} // namespace

bool ReserveHeader::operator==(const ReserveHeader &other) const {
  return std::memcmp(this, &other, sizeof(ReserveHeader)) == 0;
}

ReserveHeader makeReserveHeader(const PlanKey &key, size_t payloadBytes) {
  ReserveHeader header;
  header.fingerprint = fingerprintOf(key);
  header.library = key.library;
  header.seqLength = key.seqLength;
  header.batch = key.batch;
  header.payloadBytes = static_cast<int64_t>(payloadBytes);
  return header;
}

void recordReserve(const void *data, const ReserveHeader &header) {
  Registry &reserves = registry();
  std::lock_guard<std::mutex> lock(reserves.mutex);
  reserves.headers[data] = header;
}

Status checkReserve(const CallContext &call, const PlanKey &key,
                    const void *data, int64_t bytes,
                    const ReserveHeader &expected) {
  const int64_t expectedBytes =
      static_cast<int64_t>(kReserveHeaderBytes) + expected.payloadBytes;
  if (bytes < static_cast<int64_t>(kReserveHeaderBytes))
    return Status::error(gradOpPrefix(key) + "the reserve (" +
                         std::to_string(bytes) +
                         " bytes) was not written by a training forward of "
                         "the cudnn backend");
  ReserveHeader actual;
  bool known = false;
  {
    Registry &reserves = registry();
    std::lock_guard<std::mutex> lock(reserves.mutex);
    auto found = reserves.headers.find(data);
    if (found != reserves.headers.end()) {
      actual = found->second;
      known = true;
    }
  }
  if (!known) {
    // A reserve from elsewhere: read its header once (a synchronization).
    RNNRT_CHECK_CUDA_WHAT(cudaMemcpyAsync(&actual, data, sizeof(actual),
                                          cudaMemcpyDeviceToHost, call.stream),
                          "copy to &actual");
    RNNRT_CHECK(cudaStreamSynchronize(call.stream));
  }
  RNNRT_RETURN_IF_ERROR(compareHeaders(key, bytes, actual, expected));
  if (bytes != expectedBytes)
    return Status::error(gradOpPrefix(key) + "the reserve has " +
                         std::to_string(bytes) +
                         " bytes, but this configuration's has " +
                         std::to_string(expectedBytes));
  if (!known)
    recordReserve(data, actual);
  return success();
}

void forgetReserves(const void *allocation) {
  // A reserve starts at its allocation or just after it (the alignment of
  // the allocation functions); nothing else starts that close.
  constexpr size_t kMaxAlignment = 256;
  Registry &reserves = registry();
  std::lock_guard<std::mutex> lock(reserves.mutex);
  const char *begin = static_cast<const char *>(allocation);
  auto first = reserves.headers.lower_bound(begin);
  auto last = reserves.headers.lower_bound(begin + kMaxAlignment);
  reserves.headers.erase(first, last);
}

} // namespace rnnrt::cuda
