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

/// "rnn.lstm", ...: forward op codes are the mode codes (ShapeCheckCodes.h).
std::string opName(int64_t code) {
  const char *mode = rnnrt_mode_name(code);
  return mode ? std::string("rnn.") + mode : std::string("rnn op");
}

const char *operandName(int64_t code) {
  static const char *const names[] = {"x",  "h_0",  "c_0",  "params",
                                      "y",  "h_n",  "c_n",  "seq_lengths",
                                      "dy", "dh_n", "dc_n", "reserve"};
  if (code < 0 || code >= static_cast<int64_t>(sizeof(names) / sizeof(*names)))
    return "operand";
  return names[code];
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
  threadError.message = opName(op_code) + ": dimension " +
                        std::to_string(lhs_dim) + " of " +
                        operandName(lhs_operand) + " is " +
                        std::to_string(lhs_size) + ", but ";
  if (rhs_operand == RNNRT_OPERAND_CONFIGURATION)
    threadError.message += "the op's attributes make it " +
                           std::to_string(rhs_size);
  else
    threadError.message += "dimension " + std::to_string(rhs_dim) + " of " +
                           operandName(rhs_operand) + " is " +
                           std::to_string(rhs_size) + " (they must match)";
  return 0;
}

int rnnrt_has_error(void) { return threadError.pending ? 1 : 0; }

const char *rnnrt_take_error(void) {
  threadError.taken = threadError.pending ? threadError.message : "";
  threadError.pending = false;
  threadError.message.clear();
  return threadError.taken.c_str();
}

} // extern "C"
