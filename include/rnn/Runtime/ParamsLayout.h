//===- ParamsLayout.h - Moved to rnn/Support/ParamsLayout.h -----*- C++ -*-===//
//
// Compatibility forward for code written before the Support library.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_RUNTIME_PARAMSLAYOUT_H
#define RNN_RUNTIME_PARAMSLAYOUT_H

#include "rnn/Support/ParamsLayout.h"

#endif // RNN_RUNTIME_PARAMSLAYOUT_H
