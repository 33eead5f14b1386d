//===- ModuleConstantSlot.h - A module's identity for its constants -*- C++
//-*-//
//
// GPU-compiled modules upload their constants through
// rnnrt_cuda_upload_constant_<T>(result, host, slot), where `slot` is the
// module's own memref<1xi64> global: the runtime keys the device copies by
// the id it stores there (rnn/Runtime/CUDARuntime.h), and the module's
// destructor (rnn-release-module-constants) frees them.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_CONVERSION_MODULECONSTANTSLOT_H
#define RNN_CONVERSION_MODULECONSTANTSLOT_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::rnn {

/// The symbol of the slot global.
constexpr llvm::StringLiteral kModuleConstantSlotName = "__rnnrt_module_slot";

/// A memref<?xi64> view of `module`'s slot global (created, zero, on first
/// use), built at `b`'s insertion point.
Value getModuleConstantSlot(OpBuilder &b, Location loc, ModuleOp module);

} // namespace mlir::rnn

#endif // RNN_CONVERSION_MODULECONSTANTSLOT_H
