//===- RNNEnums.h - Moved to rnn/Support/RNNEnums.h ---------------*- C -*-===//
//
// Compatibility forward for code written before the Support library.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_RUNTIME_RNNENUMS_H
#define RNN_RUNTIME_RNNENUMS_H

#include "rnn/Support/RNNEnums.h"

#endif // RNN_RUNTIME_RNNENUMS_H
