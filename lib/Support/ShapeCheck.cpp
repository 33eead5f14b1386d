//===- ShapeCheck.cpp - Run-time checks of shared dynamic dimensions ------===//
//
// Compiled code compares every dynamic dimension that two operands must
// share before it reads them; a mismatch becomes this thread's error, which
// the caller takes with rnnrt_take_error() after the call.
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Runtime/ShapeCheckCodes.h"
#include "rnn/Support/RNNEnums.h"

#include <string>

namespace {

/// The pending error of this thread; per thread, so that concurrent calls
/// (one per server thread) never see each other's errors.
struct ThreadError {
  bool pending = false;
  std::string message;
  std::string taken;
};

thread_local ThreadError threadError;

/// "rnn.lstm", "rnn.lstm_grad", ...: forward op codes are the mode codes,
/// grad op codes the mode codes plus RNNRT_OP_GRAD (ShapeCheckCodes.h).
std::string opName(int64_t code) {
  bool isGrad = code >= RNNRT_OP_GRAD;
  const char *mode = rnnrt_mode_name(isGrad ? code - RNNRT_OP_GRAD : code);
  if (!mode)
    return "rnn op";
  return std::string("rnn.") + mode + (isGrad ? "_grad" : "");
}

/// Records `message` as this thread's error unless one is pending.
void setError(std::string message);

const char *operandName(int64_t code) {
  static const char *const names[] = {
      "x",  "h_0",  "c_0",  "params",  "y",  "h_n",  "c_n",  "seq_lengths",
      "dy", "dh_n", "dc_n", "reserve", "dx", "dh_0", "dc_0", "dparams"};
  if (code < 0 || code >= static_cast<int64_t>(sizeof(names) / sizeof(*names)))
    return "operand";
  return names[code];
}

void setError(std::string message) {
  if (threadError.pending)
    return;
  threadError.pending = true;
  threadError.message = std::move(message);
}

} // namespace

extern "C" {

int8_t rnnrt_check_same_size(int64_t op_code, int64_t lhs_operand,
                             int64_t lhs_dim, int64_t lhs_size,
                             int64_t rhs_operand, int64_t rhs_dim,
                             int64_t rhs_size) {
  if (lhs_size == rhs_size)
    return 1;
  if (threadError.pending)
    return 0;
  threadError.pending = true;
  threadError.message =
      opName(op_code) + ": dimension " + std::to_string(lhs_dim) + " of " +
      operandName(lhs_operand) + " is " + std::to_string(lhs_size) + ", but ";
  if (rhs_operand == RNNRT_OPERAND_CONFIGURATION)
    threadError.message +=
        "the op's attributes make it " + std::to_string(rhs_size);
  else
    threadError.message += "dimension " + std::to_string(rhs_dim) + " of " +
                           operandName(rhs_operand) + " is " +
                           std::to_string(rhs_size) + " (they must match)";
  return 0;
}

int8_t rnnrt_check_reserve(int64_t op_code, int64_t size, int64_t expected_size,
                           int64_t magic, int64_t fingerprint,
                           int64_t expected_fingerprint, int64_t steps,
                           int64_t expected_steps, int64_t batch,
                           int64_t expected_batch) {
  std::string op = opName(op_code) + ": ";
  if (size < 64 || magic != RNNRT_CPU_RESERVE_MAGIC) {
    setError(op + "the reserve (" + std::to_string(size) +
             " bytes) was not written by a training forward of the cpu "
             "backend");
    return 0;
  }
  if (fingerprint != expected_fingerprint) {
    setError(op + "the reserve was written by a training forward of another "
                  "configuration (mode, layers, units, input size, "
                  "direction, input mode, dropout, seed, element type, "
                  "layout or the presence of seq_lengths "
                  "differ)");
    return 0;
  }
  if (steps != expected_steps || batch != expected_batch) {
    setError(op + "the reserve was written for T = " + std::to_string(steps) +
             ", B = " + std::to_string(batch) +
             ", but x has T = " + std::to_string(expected_steps) +
             ", B = " + std::to_string(expected_batch));
    return 0;
  }
  if (size != expected_size) {
    setError(op + "the reserve has " + std::to_string(size) +
             " bytes, but this configuration's has " +
             std::to_string(expected_size));
    return 0;
  }
  return 1;
}

int8_t rnnrt_check_sequence_length(int64_t op_code, int64_t index,
                                   int64_t length, int64_t steps) {
  if (length >= 0 && length <= steps)
    return 1;
  setError(opName(op_code) + ": seq_lengths[" + std::to_string(index) +
           "] is " + std::to_string(length) +
           ", but every length must be in [0, T] = [0, " +
           std::to_string(steps) + "]");
  return 0;
}

void rnnrt_set_error(const char *message) { setError(message); }

int rnnrt_has_error(void) { return threadError.pending ? 1 : 0; }

const char *rnnrt_take_error(void) {
  threadError.taken = threadError.pending ? threadError.message : "";
  threadError.pending = false;
  threadError.message.clear();
  return threadError.taken.c_str();
}

} // extern "C"
