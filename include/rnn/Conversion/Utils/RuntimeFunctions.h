//===- RuntimeFunctions.h - Declaring runtime callees from the ABI table -===//
//
// The compiler's side of rnn/Runtime/RuntimeABI.def: a conversion that calls
// the runtime declares the callee with declareRuntimeFunction, which takes
// the name and the signature from the table, so no pass spells a symbol and
// a call the runtime cannot serve is a diagnostic, not a JIT link failure.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_CONVERSION_UTILS_RUNTIMEFUNCTIONS_H
#define RNN_CONVERSION_UTILS_RUNTIMEFUNCTIONS_H

#include "rnn/Runtime/RuntimeABI.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::rnn {

using RuntimeFunction = rnnrt::abi::Function;

/// Whether some runtime serves `function` for `elementType`.
bool hasRuntimeFunction(RuntimeFunction function, Type elementType);

/// The runtime's fused pack of rnn.pack_params, if `runtime` has one.
std::optional<RuntimeFunction>
getPackParamsFunction(rnnrt::abi::Runtime runtime);

/// The private func.func (llvm.emit_c_interface) through which lowered code
/// calls `function` for `elementType`, declared once in the module of
/// `user`. When no runtime serves that pair (or the module holds a
/// different function of that name) emits an error on `user` and fails.
FailureOr<func::FuncOp> declareRuntimeFunction(Operation *user,
                                               RuntimeFunction function,
                                               Type elementType);

} // namespace mlir::rnn

#endif // RNN_CONVERSION_UTILS_RUNTIMEFUNCTIONS_H
