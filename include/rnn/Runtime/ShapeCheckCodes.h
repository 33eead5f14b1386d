/*===- ShapeCheckCodes.h - Codes of the run-time shape checks ------*- C
-*-===*\
|*                                                                            *|
|* The op and operand codes that compiled code passes to                     *|
|* rnnrt_check_same_size (CPURuntime.h) so that the runtime can name them in *|
|* its error message. Shared by the compiler and the runtime; no MLIR        *|
|* dependency.                                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef RNN_RUNTIME_SHAPECHECKCODES_H
#define RNN_RUNTIME_SHAPECHECKCODES_H

#ifdef __cplusplus
extern "C" {
#endif

/* The op whose operands are checked; forward ops share rnnrt_mode's values,
 * a grad op is its forward's code plus RNNRT_OP_GRAD. */
enum rnnrt_op_code {
  RNNRT_OP_RNN_RELU = 0,
  RNNRT_OP_RNN_TANH = 1,
  RNNRT_OP_LSTM = 2,
  RNNRT_OP_GRU = 3,
  RNNRT_OP_GRAD = 16,
};

/* The operands and results named by the contract. */
enum rnnrt_operand_code {
  RNNRT_OPERAND_X = 0,
  RNNRT_OPERAND_H_0 = 1,
  RNNRT_OPERAND_C_0 = 2,
  RNNRT_OPERAND_PARAMS = 3,
  RNNRT_OPERAND_Y = 4,
  RNNRT_OPERAND_H_N = 5,
  RNNRT_OPERAND_C_N = 6,
  RNNRT_OPERAND_SEQ_LENGTHS = 7,
  RNNRT_OPERAND_DY = 8,
  RNNRT_OPERAND_DH_N = 9,
  RNNRT_OPERAND_DC_N = 10,
  RNNRT_OPERAND_RESERVE = 11,
  RNNRT_OPERAND_DX = 12,
  RNNRT_OPERAND_DH_0 = 13,
  RNNRT_OPERAND_DC_0 = 14,
  RNNRT_OPERAND_DPARAMS = 15,
  /* Not an operand: the size the op's attributes fix (L*D, H, the packed
   * params size); rhs_dim is ignored. */
  RNNRT_OPERAND_CONFIGURATION = 100,
};

/* The first header word of the CPU backend's training reserve ("rnnrsv01"
 * read as a little-endian int64), checked by rnnrt_check_reserve. */
#define RNNRT_CPU_RESERVE_MAGIC 0x31307673726e6e72LL

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RNN_RUNTIME_SHAPECHECKCODES_H */
