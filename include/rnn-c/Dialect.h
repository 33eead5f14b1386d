/*===- Dialect.h - C API of the rnn dialect -----------------------*- C -*-===*\
|*                                                                            *|
|* The rnn dialect for C and other languages, in the style of MLIR's own      *|
|* dialect C APIs (mlir-c/Dialect/*.h): the dialect handle, the enum          *|
|* attributes, a builder for the recurrent layer ops and the packed-params    *|
|* size. Enum values are those of rnn/Support/RNNEnums.h (cuDNN's). Link      *|
|* RNNMLIR::CAPI.                                                             *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef RNN_C_DIALECT_H
#define RNN_C_DIALECT_H

#include "mlir-c/IR.h"
#include "rnn/Support/RNNEnums.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The `rnn` dialect: mlirGetDialectHandle__rnn__(). */
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(RNN, rnn);

/* Inserts the rnn dialect and everything its passes and pipelines need (the
 * upstream dialects they produce, bufferization interface models, LLVM IR
 * translations) into `registry`: mlir::rnn::registerAllRNNDialects. */
MLIR_CAPI_EXPORTED void rnnRegisterAllDialects(MlirDialectRegistry registry);

/*===--------------------------------------------------------------------===*
 * Attributes
 *===--------------------------------------------------------------------===*/

/* #rnn.mode<...>: the cell kind of rnn.pack_params / rnn.unpack_params. */
MLIR_CAPI_EXPORTED MlirAttribute rnnModeAttrGet(MlirContext ctx,
                                                enum rnnrt_mode mode);
MLIR_CAPI_EXPORTED bool rnnAttributeIsAMode(MlirAttribute attr);
/* The value of a #rnn.mode attribute (rnnAttributeIsAMode must hold). */
MLIR_CAPI_EXPORTED enum rnnrt_mode rnnModeAttrGetValue(MlirAttribute attr);

/* #rnn.direction<unidirectional|bidirectional>. */
MLIR_CAPI_EXPORTED MlirAttribute rnnDirectionAttrGet(MlirContext ctx,
                                                     bool bidirectional);
MLIR_CAPI_EXPORTED bool rnnAttributeIsADirection(MlirAttribute attr);
/* Whether a #rnn.direction attribute is bidirectional. */
MLIR_CAPI_EXPORTED bool rnnDirectionAttrIsBidirectional(MlirAttribute attr);

/* #rnn.input_mode<linear_input|skip_input|auto_select>. */
MLIR_CAPI_EXPORTED MlirAttribute
rnnInputModeAttrGet(MlirContext ctx, enum rnnrt_input_mode inputMode);
MLIR_CAPI_EXPORTED bool rnnAttributeIsAInputMode(MlirAttribute attr);
MLIR_CAPI_EXPORTED enum rnnrt_input_mode
rnnInputModeAttrGetValue(MlirAttribute attr);

/*===--------------------------------------------------------------------===*
 * Operations
 *===--------------------------------------------------------------------===*/

/* Creates, detached, the recurrent layer op of `mode` (rnn.lstm, rnn.gru,
 * rnn.rnn_tanh, rnn.rnn_relu) on x [T, B, I], h_0 (and, for LSTM only, c_0)
 * [L*D, B, H] and the packed params; pass a null `initialCell` for the other
 * modes. The result types follow from the operands: y [T, B, D*H] with x's
 * element type, then h_n (and c_n) of h_0's (c_0's) type. dropout, seed and
 * is_training keep their defaults. The op is not verified
 * (mlirOperationVerify); on operands that fix no result type (x not a ranked
 * rank-3 tensor, a missing or extra c_0) it emits an error at `loc` and
 * returns a null operation. Insert it with mlirBlockAppendOwnedOperation. */
MLIR_CAPI_EXPORTED MlirOperation rnnRecurrentLayerOpCreate(
    MlirLocation loc, enum rnnrt_mode mode, MlirValue input,
    MlirValue initialHidden, MlirValue initialCell, MlirValue params,
    int64_t numLayers, int64_t numUnits, bool bidirectional,
    enum rnnrt_input_mode inputMode);

/* The optional parts of a recurrent layer op; a zero-initialized struct
 * (rnnRecurrentLayerOptions options = {0}) asks for none of them. */
typedef struct rnnRecurrentLayerOptions {
  /* LSTM projection size P (TensorFlow's num_proj, PyTorch's proj_size;
   * 1 <= P < numUnits), 0 for none: h_0/h_n are [L*D, B, P] and y's last
   * dimension is D*P. */
  int64_t numProj;
  /* Per-sequence lengths, a tensor<Bxi32> value; null for none (every
   * sequence is T steps). */
  MlirValue seqLengths;
  /* x and y are [B, T, *] (time_major = false) instead of [T, B, *]. */
  bool batchMajor;
} rnnRecurrentLayerOptions;

/* rnnRecurrentLayerOpCreate with `options`: the projection, the lengths
 * operand and the batch-major layout of CONTRACT.md. The result types follow
 * from the operands as there (y keeps x's layout). Not verified either (the
 * verifier checks numProj against numUnits, the lengths' B and the modes
 * that have no projection). */
MLIR_CAPI_EXPORTED MlirOperation rnnRecurrentLayerOpCreateWithOptions(
    MlirLocation loc, enum rnnrt_mode mode, MlirValue input,
    MlirValue initialHidden, MlirValue initialCell, MlirValue params,
    int64_t numLayers, int64_t numUnits, bool bidirectional,
    enum rnnrt_input_mode inputMode, rnnRecurrentLayerOptions options);

/*===--------------------------------------------------------------------===*
 * Packed params
 *===--------------------------------------------------------------------===*/

/* Number of elements of the packed params of a stacked layer (cuDNN's weight
 * space: all matrices, then all biases), or -1 for an invalid configuration
 * (a count below 1, an unknown enum value, skip_input with I != H). */
MLIR_CAPI_EXPORTED int64_t rnnGetPackedParamsSize(
    enum rnnrt_mode mode, int64_t numLayers, int64_t numUnits,
    int64_t inputSize, bool bidirectional, enum rnnrt_input_mode inputMode);

/* rnnGetPackedParamsSize with an LSTM projection of size `numProj` (0 for
 * none; one [P, H] matrix per layer and direction, no bias): -1 also for a
 * projection of another mode or outside 1 <= numProj < numUnits. */
MLIR_CAPI_EXPORTED int64_t rnnGetPackedParamsSizeWithProjection(
    enum rnnrt_mode mode, int64_t numLayers, int64_t numUnits,
    int64_t inputSize, int64_t numProj, bool bidirectional,
    enum rnnrt_input_mode inputMode);

#ifdef __cplusplus
}
#endif

#endif /* RNN_C_DIALECT_H */
