/*===- RuntimeABI.h - The compiler/runtime ABI version and table -*- C -*-===*\
|*                                                                            *|
|* RNNRT_ABI_VERSION: compiled code carries the version it was compiled for  *|
|* (the exported i64 global __rnnrt_abi_version) and a loader compares it    *|
|* with rnnrt_abi_version() of the runtime it links against. Bump it when a  *|
|* row of RuntimeABI.def changes meaning or signature.                       *|
|*                                                                            *|
|* For C++, rnnrt::abi names the rows of RuntimeABI.def: the functions and   *|
|* the kinds of their arguments. No MLIR dependency.                          *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef RNN_RUNTIME_RUNTIMEABI_H
#define RNN_RUNTIME_RUNTIMEABI_H

#include "rnn/Runtime/Export.h"

#include <stdint.h>

#define RNNRT_ABI_VERSION 5

/* The name of the global compiled code exports its ABI version in. */
#define RNNRT_ABI_VERSION_SYMBOL "__rnnrt_abi_version"

#ifdef __cplusplus
extern "C" {
#endif

/* RNNRT_ABI_VERSION of the runtime linked in. */
RNNRT_EXPORT int64_t rnnrt_abi_version(void);

/* NULL when code compiled for runtime ABI `compiled` (the value of its
 * __rnnrt_abi_version) can run on this runtime, else the error to report:
 * "compiled for runtime ABI N, the runtime has M". The message stays valid
 * until the next call from this thread. */
RNNRT_EXPORT const char *rnnrt_check_abi_version(int64_t compiled);

#ifdef __cplusplus
} /* extern "C" */

namespace rnnrt::abi {

/// What an argument or result of a runtime function is, for element type T
/// (see RuntimeABI.def).
enum Kind : uint8_t {
  None,
  I64,
  F64,
  Buffer1D,
  Buffer3D,
  Strided2D,
  Unranked,
  I64Buffer1D,
  I64Table,
  ByteBuffer1D,
  I32Buffer1D,
};

/// The runtimes that serve functions.
enum class Runtime : uint8_t { CPU, CUDA };

/// The functions of RuntimeABI.def.
enum class Function : uint8_t {
#define RNNRT_FUNCTION(Id, Stem, Result, ...) Id,
#include "rnn/Runtime/RuntimeABI.def"
};

/// `<Stem>` of `function`: it is called as `<Stem>_<element type>`.
inline const char *getStem(Function function) {
  switch (function) {
#define RNNRT_FUNCTION(Id, Stem, Result, ...)                                  \
  case Function::Id:                                                           \
    return #Stem;
#include "rnn/Runtime/RuntimeABI.def"
  }
  return "";
}

} // namespace rnnrt::abi

#endif /* __cplusplus */

#endif /* RNN_RUNTIME_RUNTIMEABI_H */
