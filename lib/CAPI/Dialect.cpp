//===- Dialect.cpp - C API of the rnn dialect -----------------------------===//

#include "rnn-c/Dialect.h"

#include "rnn/Dialect/RNN/IR/RNNAttrs.h"
#include "rnn/Dialect/RNN/IR/RNNDialect.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"
#include "rnn/InitAllRNN.h"
#include "rnn/Support/ParamsLayout.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(RNN, rnn, mlir::rnn::RNNDialect)

void rnnRegisterAllDialects(MlirDialectRegistry registry) {
  mlir::rnn::registerAllRNNDialects(*unwrap(registry));
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

MlirAttribute rnnModeAttrGet(MlirContext ctx, enum rnnrt_mode mode) {
  return wrap(mlir::rnn::ModeAttr::get(unwrap(ctx),
                                       static_cast<mlir::rnn::Mode>(mode)));
}

bool rnnAttributeIsAMode(MlirAttribute attr) {
  return isa<mlir::rnn::ModeAttr>(unwrap(attr));
}

enum rnnrt_mode rnnModeAttrGetValue(MlirAttribute attr) {
  return static_cast<rnnrt_mode>(
      cast<mlir::rnn::ModeAttr>(unwrap(attr)).getValue());
}

MlirAttribute rnnDirectionAttrGet(MlirContext ctx, bool bidirectional) {
  return wrap(mlir::rnn::DirectionAttr::get(
      unwrap(ctx), bidirectional ? mlir::rnn::Direction::bidirectional
                                 : mlir::rnn::Direction::unidirectional));
}

bool rnnAttributeIsADirection(MlirAttribute attr) {
  return isa<mlir::rnn::DirectionAttr>(unwrap(attr));
}

bool rnnDirectionAttrIsBidirectional(MlirAttribute attr) {
  return cast<mlir::rnn::DirectionAttr>(unwrap(attr)).getValue() ==
         mlir::rnn::Direction::bidirectional;
}

MlirAttribute rnnInputModeAttrGet(MlirContext ctx,
                                  enum rnnrt_input_mode inputMode) {
  return wrap(mlir::rnn::InputModeAttr::get(
      unwrap(ctx), static_cast<mlir::rnn::InputMode>(inputMode)));
}

bool rnnAttributeIsAInputMode(MlirAttribute attr) {
  return isa<mlir::rnn::InputModeAttr>(unwrap(attr));
}

enum rnnrt_input_mode rnnInputModeAttrGetValue(MlirAttribute attr) {
  return static_cast<rnnrt_input_mode>(
      cast<mlir::rnn::InputModeAttr>(unwrap(attr)).getValue());
}

//===----------------------------------------------------------------------===//
// Operations
//===----------------------------------------------------------------------===//

namespace {

/// rnnRecurrentLayerOpCreateWithOptions; `api` names the entry point in
/// errors.
MlirOperation createRecurrentLayerOp(
    const char *api, MlirLocation loc, enum rnnrt_mode mode, MlirValue input,
    MlirValue initialHidden, MlirValue initialCell, MlirValue params,
    int64_t numLayers, int64_t numUnits, bool bidirectional,
    enum rnnrt_input_mode inputMode, const rnnRecurrentLayerOptions &options) {
  Location location = unwrap(loc);
  bool isLSTM = mode == RNNRT_MODE_LSTM;
  if (mlirValueIsNull(input) || mlirValueIsNull(initialHidden) ||
      mlirValueIsNull(params)) {
    emitError(location) << api
                        << ": input, initial hidden state and params must be "
                           "non-null values";
    return MlirOperation{nullptr};
  }
  if (isLSTM == mlirValueIsNull(initialCell)) {
    emitError(location) << api << ": expected " << (isLSTM ? "an" : "no")
                        << " initial cell state for mode "
                        << static_cast<int>(mode);
    return MlirOperation{nullptr};
  }
  auto inputType = dyn_cast<RankedTensorType>(unwrap(input).getType());
  if (!inputType || inputType.getRank() != 3) {
    emitError(location) << api
                        << ": expected input of rank-3 ranked tensor type "
                           "[T, B, I], got "
                        << unwrap(input).getType();
    return MlirOperation{nullptr};
  }
  int64_t directions = bidirectional ? 2 : 1;
  if (options.numProj < 0) {
    emitError(location) << api << ": num_proj must be 0 (none) or positive, "
                        << "got " << options.numProj;
    return MlirOperation{nullptr};
  }
  int64_t hiddenSize = options.numProj > 0 ? options.numProj : numUnits;
  Type outputType = RankedTensorType::get(
      {inputType.getDimSize(0), inputType.getDimSize(1),
       hiddenSize > 0 ? directions * hiddenSize : ShapedType::kDynamic},
      inputType.getElementType());
  Type hiddenType = unwrap(initialHidden).getType();

  MLIRContext *context = location->getContext();
  OpBuilder builder(context);
  auto direction = mlir::rnn::DirectionAttr::get(
      context, bidirectional ? mlir::rnn::Direction::bidirectional
                             : mlir::rnn::Direction::unidirectional);
  auto inputModeAttr = mlir::rnn::InputModeAttr::get(
      context, static_cast<mlir::rnn::InputMode>(inputMode));
  IntegerAttr layers = builder.getI64IntegerAttr(numLayers);
  IntegerAttr units = builder.getI64IntegerAttr(numUnits);
  IntegerAttr projection = options.numProj > 0
                               ? builder.getI64IntegerAttr(options.numProj)
                               : IntegerAttr();
  Value lengths = mlirValueIsNull(options.seqLengths)
                      ? Value()
                      : unwrap(options.seqLengths);
  FloatAttr dropout = builder.getF32FloatAttr(0.0f);
  Value x = unwrap(input), h0 = unwrap(initialHidden), w = unwrap(params);

  Operation *op = nullptr;
  switch (mode) {
  case RNNRT_MODE_LSTM:
    op = mlir::rnn::LSTMOp::create(
        builder, location, outputType, hiddenType,
        unwrap(initialCell).getType(),
        /*reserve=*/Type(), x, h0, unwrap(initialCell), w, lengths, layers,
        units, direction, inputModeAttr, projection, dropout);
    break;
  case RNNRT_MODE_GRU:
    op = mlir::rnn::GRUOp::create(builder, location, outputType, hiddenType,
                                  /*reserve=*/Type(), x, h0, w, lengths, layers,
                                  units, direction, inputModeAttr, projection,
                                  dropout);
    break;
  case RNNRT_MODE_RNN_TANH:
    op = mlir::rnn::RNNTanhOp::create(builder, location, outputType, hiddenType,
                                      /*reserve=*/Type(), x, h0, w, lengths,
                                      layers, units, direction, inputModeAttr,
                                      projection, dropout);
    break;
  case RNNRT_MODE_RNN_RELU:
    op = mlir::rnn::RNNReluOp::create(builder, location, outputType, hiddenType,
                                      /*reserve=*/Type(), x, h0, w, lengths,
                                      layers, units, direction, inputModeAttr,
                                      projection, dropout);
    break;
  default:
    emitError(location) << api << ": unknown mode " << static_cast<int>(mode);
    return MlirOperation{nullptr};
  }
  if (options.batchMajor)
    op->setAttr("time_major", builder.getBoolAttr(false));
  return wrap(op);
}

} // namespace

MlirOperation rnnRecurrentLayerOpCreate(MlirLocation loc, enum rnnrt_mode mode,
                                        MlirValue input,
                                        MlirValue initialHidden,
                                        MlirValue initialCell, MlirValue params,
                                        int64_t numLayers, int64_t numUnits,
                                        bool bidirectional,
                                        enum rnnrt_input_mode inputMode) {
  return createRecurrentLayerOp("rnnRecurrentLayerOpCreate", loc, mode, input,
                                initialHidden, initialCell, params, numLayers,
                                numUnits, bidirectional, inputMode,
                                rnnRecurrentLayerOptions{});
}

MlirOperation rnnRecurrentLayerOpCreateWithOptions(
    MlirLocation loc, enum rnnrt_mode mode, MlirValue input,
    MlirValue initialHidden, MlirValue initialCell, MlirValue params,
    int64_t numLayers, int64_t numUnits, bool bidirectional,
    enum rnnrt_input_mode inputMode, rnnRecurrentLayerOptions options) {
  return createRecurrentLayerOp("rnnRecurrentLayerOpCreateWithOptions", loc,
                                mode, input, initialHidden, initialCell, params,
                                numLayers, numUnits, bidirectional, inputMode,
                                options);
}

//===----------------------------------------------------------------------===//
// Packed params
//===----------------------------------------------------------------------===//

int64_t rnnGetPackedParamsSize(enum rnnrt_mode mode, int64_t numLayers,
                               int64_t numUnits, int64_t inputSize,
                               bool bidirectional,
                               enum rnnrt_input_mode inputMode) {
  return rnnGetPackedParamsSizeWithProjection(mode, numLayers, numUnits,
                                              inputSize, /*numProj=*/0,
                                              bidirectional, inputMode);
}

int64_t rnnGetPackedParamsSizeWithProjection(enum rnnrt_mode mode,
                                             int64_t numLayers,
                                             int64_t numUnits,
                                             int64_t inputSize, int64_t numProj,
                                             bool bidirectional,
                                             enum rnnrt_input_mode inputMode) {
  if (numLayers < 1 || numUnits < 1 || inputSize < 1)
    return -1;
  if (numProj < 0 || numProj >= numUnits ||
      (numProj > 0 && mode != RNNRT_MODE_LSTM))
    return -1;
  switch (mode) {
  case RNNRT_MODE_RNN_RELU:
  case RNNRT_MODE_RNN_TANH:
  case RNNRT_MODE_LSTM:
  case RNNRT_MODE_GRU:
    break;
  default:
    return -1;
  }
  switch (inputMode) {
  case RNNRT_INPUT_LINEAR:
  case RNNRT_INPUT_AUTO_SELECT:
    break;
  case RNNRT_INPUT_SKIP:
    if (inputSize != numUnits)
      return -1;
    break;
  default:
    return -1;
  }
  rnnrt_direction direction = bidirectional ? RNNRT_DIRECTION_BIDIRECTIONAL
                                            : RNNRT_DIRECTION_UNIDIRECTIONAL;
  return rnnrt::ParamsLayout(rnnrt::makeLayerConfig(mode, numLayers, numUnits,
                                                    inputSize, direction,
                                                    inputMode, numProj))
      .size();
}
