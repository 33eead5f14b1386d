//===- TensorOps.h - Upstream tensor ops the importer emits ------*- C++
//-*-===//
//
// Builders for the data movement of ONNX ops at tensor level: reshapes as
// tensor.expand_shape / collapse_shape (tensor.reshape when neither fits),
// permutations as linalg.transpose (rnn-translate's cleanup folds those that
// cancel and turns the rest into tensor.generate), time reversal and
// zero-filled tensors.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_TRANSLATE_TENSOROPS_H
#define RNN_TOOLS_RNN_TRANSLATE_TENSOROPS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"

namespace mlir::rnn::onnx_import {

/// The ranked tensor type of `value`.
RankedTensorType getTensorType(Value value);

/// Size `dim` of `value`: a constant index or a tensor.dim.
Value getDimSize(OpBuilder &b, Location loc, Value value, int64_t dim);
/// The sizes of `value`'s dynamic dimensions, for tensor.empty and friends.
SmallVector<Value> getDynamicSizes(OpBuilder &b, Location loc, Value value);

/// `value` reshaped to `shape` (same element count; kDynamic where unknown):
/// an expand or collapse where one fits, else tensor.reshape.
Value reshape(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> shape);

/// result[i_0, ..., i_n] = value[i_perm^-1...]: ONNX Transpose, i.e. result
/// dimension k is `value`'s dimension perm[k].
Value transpose(OpBuilder &b, Location loc, Value value,
                ArrayRef<int64_t> perm);

/// `value` with dimension `dim` reversed (tensor.generate). With `lengths`
/// (i32, one per index of dimension 1), each sequence is reversed within
/// its own length and the steps past it stay where they are (ONNX's
/// ReverseSequence with time_axis `dim` = 0 and batch_axis 1).
Value reverse(OpBuilder &b, Location loc, Value value, int64_t dim,
              Value lengths = Value());

/// A tensor of `type` filled with `fill`; `dynamicSizes` are the sizes of
/// its dynamic dimensions.
Value splat(OpBuilder &b, Location loc, RankedTensorType type,
            ValueRange dynamicSizes, double fill);

/// Insert one dimension of size 1 at `dim` (tensor.expand_shape).
Value insertUnitDim(OpBuilder &b, Location loc, Value value, int64_t dim);
/// Drop the size-1 dimension `dim` (tensor.collapse_shape).
Value dropUnitDim(OpBuilder &b, Location loc, Value value, int64_t dim);

/// Rows [offset, offset + size) of dimension `dim` of `value`.
Value sliceDim(OpBuilder &b, Location loc, Value value, int64_t dim,
               int64_t offset, int64_t size);

/// Normalizes an ONNX axis (negative counts from the end) for `rank`; fails
/// when it is out of range.
FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank);

} // namespace mlir::rnn::onnx_import

#endif // RNN_TOOLS_RNN_TRANSLATE_TENSOROPS_H
