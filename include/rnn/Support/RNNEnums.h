/*===- RNNEnums.h - Enum values shared by compiler and runtime ----*- C -*-===*\
|*                                                                            *|
|* The integer values of the rnn dialect's enums. They mirror cuDNN's         *|
|* cudnnRNNMode_t, cudnnDirectionMode_t and cudnnRNNInputMode_t so that the   *|
|* runtime can pass them through unchanged. The ODS enums in RNNAttrs.td use  *|
|* these same numbers; a static_assert in RNNDialect.cpp keeps them in sync.  *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef RNN_SUPPORT_RNNENUMS_H
#define RNN_SUPPORT_RNNENUMS_H

#ifdef __cplusplus
extern "C" {
#endif

/* cudnnRNNMode_t */
enum rnnrt_mode {
  RNNRT_MODE_RNN_RELU = 0,
  RNNRT_MODE_RNN_TANH = 1,
  RNNRT_MODE_LSTM = 2,
  RNNRT_MODE_GRU = 3,
};

/* The dialect's spelling of a mode ("lstm", ...), or NULL for an unknown
 * code. */
static inline const char *rnnrt_mode_name(long long mode) {
  switch (mode) {
  case RNNRT_MODE_RNN_RELU:
    return "rnn_relu";
  case RNNRT_MODE_RNN_TANH:
    return "rnn_tanh";
  case RNNRT_MODE_LSTM:
    return "lstm";
  case RNNRT_MODE_GRU:
    return "gru";
  }
  return 0;
}

/* cudnnDirectionMode_t */
enum rnnrt_direction {
  RNNRT_DIRECTION_UNIDIRECTIONAL = 0,
  RNNRT_DIRECTION_BIDIRECTIONAL = 1,
};

/* cudnnRNNInputMode_t, plus auto_select which the compiler resolves. */
enum rnnrt_input_mode {
  RNNRT_INPUT_LINEAR = 0,
  RNNRT_INPUT_SKIP = 1,
  RNNRT_INPUT_AUTO_SELECT = 2,
};

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RNN_SUPPORT_RNNENUMS_H */
