//===- RNNDialect.cpp - The rnn dialect -----------------------------------===//

#include "rnn/Dialect/RNN/IR/RNNDialect.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::rnn;

// The ODS enums and the runtime ABI enums must agree value for value.
static_assert(static_cast<int>(Mode::rnn_relu) == RNNRT_MODE_RNN_RELU &&
                  static_cast<int>(Mode::rnn_tanh) == RNNRT_MODE_RNN_TANH &&
                  static_cast<int>(Mode::lstm) == RNNRT_MODE_LSTM &&
                  static_cast<int>(Mode::gru) == RNNRT_MODE_GRU,
              "rnn::Mode out of sync with rnnrt_mode");
static_assert(static_cast<int>(Direction::unidirectional) ==
                      RNNRT_DIRECTION_UNIDIRECTIONAL &&
                  static_cast<int>(Direction::bidirectional) ==
                      RNNRT_DIRECTION_BIDIRECTIONAL,
              "rnn::Direction out of sync with rnnrt_direction");
static_assert(static_cast<int>(InputMode::linear_input) == RNNRT_INPUT_LINEAR &&
                  static_cast<int>(InputMode::skip_input) == RNNRT_INPUT_SKIP &&
                  static_cast<int>(InputMode::auto_select) ==
                      RNNRT_INPUT_AUTO_SELECT,
              "rnn::InputMode out of sync with rnnrt_input_mode");

#include "rnn/Dialect/RNN/IR/RNNOpsDialect.cpp.inc"

#include "rnn/Dialect/RNN/IR/RNNEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "rnn/Dialect/RNN/IR/RNNAttrs.cpp.inc"

void RNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "rnn/Dialect/RNN/IR/RNNOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "rnn/Dialect/RNN/IR/RNNAttrs.cpp.inc"
      >();
}
