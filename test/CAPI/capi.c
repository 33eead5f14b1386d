/*===- capi.c - Test of the rnn-mlir C API ------------------------*- C -*-===*/

// RUN: rnn-capi-test 2>&1 | FileCheck %s

#include "rnn-c/Dialect.h"
#include "rnn-c/Passes.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdio.h>
#include <string.h>

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

static void printAttr(const char *what, MlirAttribute attr) {
  printf("%s: ", what);
  mlirAttributePrint(attr, printToStdout, NULL);
  printf("\n");
}

// CHECK-LABEL: testDialectHandle
// CHECK: namespace: rnn
// CHECK: loaded: 1
static void testDialectHandle(MlirContext ctx) {
  printf("testDialectHandle\n");
  MlirDialectHandle handle = mlirGetDialectHandle__rnn__();
  MlirStringRef ns = mlirDialectHandleGetNamespace(handle);
  printf("namespace: %.*s\n", (int)ns.length, ns.data);
  MlirDialect dialect = mlirDialectHandleLoadDialect(handle, ctx);
  printf("loaded: %d\n", !mlirDialectIsNull(dialect));
}

// CHECK-LABEL: testAttributes
// CHECK: mode: #rnn.mode<gru>
// CHECK: mode value: 3 is mode: 1 is direction: 0
// CHECK: direction: #rnn.direction<bidirectional>
// CHECK: bidirectional: 1 unidirectional: 0
// CHECK: input mode: #rnn.input_mode<skip_input>
// CHECK: input mode value: 1 is input mode: 1
// CHECK: integer is mode: 0
static void testAttributes(MlirContext ctx) {
  printf("testAttributes\n");
  MlirAttribute mode = rnnModeAttrGet(ctx, RNNRT_MODE_GRU);
  printAttr("mode", mode);
  printf("mode value: %d is mode: %d is direction: %d\n",
         (int)rnnModeAttrGetValue(mode), rnnAttributeIsAMode(mode),
         rnnAttributeIsADirection(mode));

  MlirAttribute bidir = rnnDirectionAttrGet(ctx, true);
  MlirAttribute unidir = rnnDirectionAttrGet(ctx, false);
  printAttr("direction", bidir);
  printf("bidirectional: %d unidirectional: %d\n",
         rnnDirectionAttrIsBidirectional(bidir),
         rnnDirectionAttrIsBidirectional(unidir));

  MlirAttribute skip = rnnInputModeAttrGet(ctx, RNNRT_INPUT_SKIP);
  printAttr("input mode", skip);
  printf("input mode value: %d is input mode: %d\n",
         (int)rnnInputModeAttrGetValue(skip), rnnAttributeIsAInputMode(skip));

  MlirAttribute integer = mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), 3);
  printf("integer is mode: %d\n", rnnAttributeIsAMode(integer));
}

// Sizes read off cuDNN 9.14 (FACTS.md).
// CHECK-LABEL: testPackedSize
// CHECK: lstm L=2 I=3 H=4: 304
// CHECK: lstm L=2 I=3 H=4 bidirectional: 736
// CHECK: lstm L=2 I=H=4 skip_input: 256
// CHECK: gru L=1 I=3 H=4 bidirectional: 216
// CHECK: rnn_tanh L=1 I=3 H=4: 36
// CHECK: invalid: -1 -1 -1
// Projection: per layer and direction 4H x I_l + 4H x P + P x H + 8H.
// CHECK: lstm L=2 I=3 H=4 P=2: 224
// CHECK: lstm L=2 I=3 H=4 P=2 bidirectional: 512
// CHECK: lstm P=0 as without: 304
// CHECK: invalid projection: -1 -1 -1
static void testPackedSize(void) {
  printf("testPackedSize\n");
  printf("lstm L=2 I=3 H=4: %lld\n",
         (long long)rnnGetPackedParamsSize(RNNRT_MODE_LSTM, 2, 4, 3, false,
                                           RNNRT_INPUT_LINEAR));
  printf("lstm L=2 I=3 H=4 bidirectional: %lld\n",
         (long long)rnnGetPackedParamsSize(RNNRT_MODE_LSTM, 2, 4, 3, true,
                                           RNNRT_INPUT_LINEAR));
  printf("lstm L=2 I=H=4 skip_input: %lld\n",
         (long long)rnnGetPackedParamsSize(RNNRT_MODE_LSTM, 2, 4, 4, false,
                                           RNNRT_INPUT_SKIP));
  printf("gru L=1 I=3 H=4 bidirectional: %lld\n",
         (long long)rnnGetPackedParamsSize(RNNRT_MODE_GRU, 1, 4, 3, true,
                                           RNNRT_INPUT_LINEAR));
  printf("rnn_tanh L=1 I=3 H=4: %lld\n",
         (long long)rnnGetPackedParamsSize(RNNRT_MODE_RNN_TANH, 1, 4, 3, false,
                                           RNNRT_INPUT_LINEAR));
  printf("invalid: %lld %lld %lld\n",
         (long long)rnnGetPackedParamsSize(RNNRT_MODE_LSTM, 0, 4, 3, false,
                                           RNNRT_INPUT_LINEAR),
         (long long)rnnGetPackedParamsSize(RNNRT_MODE_LSTM, 1, 4, 3, false,
                                           RNNRT_INPUT_SKIP),
         (long long)rnnGetPackedParamsSize((enum rnnrt_mode)7, 1, 4, 3, false,
                                           RNNRT_INPUT_LINEAR));
  printf("lstm L=2 I=3 H=4 P=2: %lld\n",
         (long long)rnnGetPackedParamsSizeWithProjection(
             RNNRT_MODE_LSTM, 2, 4, 3, 2, false, RNNRT_INPUT_LINEAR));
  printf("lstm L=2 I=3 H=4 P=2 bidirectional: %lld\n",
         (long long)rnnGetPackedParamsSizeWithProjection(
             RNNRT_MODE_LSTM, 2, 4, 3, 2, true, RNNRT_INPUT_LINEAR));
  printf("lstm P=0 as without: %lld\n",
         (long long)rnnGetPackedParamsSizeWithProjection(
             RNNRT_MODE_LSTM, 2, 4, 3, 0, false, RNNRT_INPUT_LINEAR));
  printf("invalid projection: %lld %lld %lld\n",
         (long long)rnnGetPackedParamsSizeWithProjection(
             RNNRT_MODE_LSTM, 1, 4, 3, 4, false, RNNRT_INPUT_LINEAR),
         (long long)rnnGetPackedParamsSizeWithProjection(
             RNNRT_MODE_LSTM, 1, 4, 3, -1, false, RNNRT_INPUT_LINEAR),
         (long long)rnnGetPackedParamsSizeWithProjection(
             RNNRT_MODE_GRU, 1, 4, 3, 2, false, RNNRT_INPUT_LINEAR));
}

static const char *kModule =
    "func.func @lstm(%x: tensor<5x2x3xf32>, %h: tensor<1x2x4xf32>,\n"
    "                %c: tensor<1x2x4xf32>, %p: tensor<144xf32>)\n"
    "    -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>) {\n"
    "  %y, %hn, %cn = rnn.lstm %x, %h, %c, %p\n"
    "      {num_layers = 1, num_units = 4}\n"
    "      : (tensor<5x2x3xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>,\n"
    "         tensor<144xf32>)\n"
    "     -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)\n"
    "  return %y, %hn, %cn\n"
    "      : tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>\n"
    "}\n";

/* The body block of the first function of `module`. */
static MlirBlock getFunctionBody(MlirModule module) {
  MlirOperation function =
      mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(function, 0));
}

// CHECK-LABEL: testOpBuilder
// CHECK: %y, %h_n, %c_n = rnn.lstm
// CHECK-SAME: {num_layers = 1 : i64, num_units = 4 : i64}
// CHECK-SAME: -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
// CHECK: built op verifies: 1
// CHECK: error: rnnRecurrentLayerOpCreate: expected no initial cell state
// CHECK-SAME: for mode 3{{$}}
// CHECK: gru with a cell state is null: 1
// CHECK: module verifies: 1
static void testOpBuilder(MlirContext ctx, MlirModule module) {
  printf("testOpBuilder\n");
  MlirBlock body = getFunctionBody(module);
  MlirValue x = mlirBlockGetArgument(body, 0);
  MlirValue h = mlirBlockGetArgument(body, 1);
  MlirValue c = mlirBlockGetArgument(body, 2);
  MlirValue p = mlirBlockGetArgument(body, 3);
  MlirLocation loc = mlirLocationUnknownGet(ctx);

  MlirOperation lstm = rnnRecurrentLayerOpCreate(
      loc, RNNRT_MODE_LSTM, x, h, c, p, 1, 4, false, RNNRT_INPUT_LINEAR);
  /* Insert it first in the body (its results are unused; the pipeline drops
   * it), so that its operands print with their names. */
  mlirBlockInsertOwnedOperation(body, 0, lstm);
  mlirOperationPrint(lstm, printToStdout, NULL);
  printf("\nbuilt op verifies: %d\n", mlirOperationVerify(lstm));

  fflush(stdout);
  MlirOperation gru = rnnRecurrentLayerOpCreate(
      loc, RNNRT_MODE_GRU, x, h, c, p, 1, 4, false, RNNRT_INPUT_LINEAR);
  fflush(stderr);
  printf("gru with a cell state is null: %d\n", mlirOperationIsNull(gru));
  printf("module verifies: %d\n",
         mlirOperationVerify(mlirModuleGetOperation(module)));
}

static const char *kOptionsModule =
    "func.func @options(%x: tensor<5x2x3xf32>, %h: tensor<1x2x2xf32>,\n"
    "                   %c: tensor<1x2x4xf32>, %p: tensor<120xf32>,\n"
    "                   %xb: tensor<2x5x3xf32>, %h4: tensor<1x2x4xf32>,\n"
    "                   %pg: tensor<108xf32>, %len: tensor<2xi32>) {\n"
    "  return\n"
    "}\n";

// CHECK-LABEL: testOpBuilderWithOptions
// CHECK: %y, %h_n, %c_n = rnn.lstm
// CHECK-SAME: num_proj = 2 : i64
// CHECK-SAME: -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x4xf32>)
// CHECK: projection verifies: 1
// CHECK: %y{{.*}}, %h_n{{.*}} = rnn.gru %arg4, %arg5, %arg6, %arg7
// CHECK-SAME: time_major = false
// CHECK-SAME: -> (tensor<2x5x4xf32>, tensor<1x2x4xf32>)
// CHECK: batch-major gru with lengths verifies: 1
// CHECK: error: rnnRecurrentLayerOpCreateWithOptions: num_proj must be 0
// CHECK-SAME: (none) or positive, got -1
// CHECK: negative num_proj is null: 1
static void testOpBuilderWithOptions(MlirContext ctx) {
  printf("testOpBuilderWithOptions\n");
  MlirModule module = mlirModuleCreateParse(
      ctx, mlirStringRefCreateFromCString(kOptionsModule));
  MlirBlock body = getFunctionBody(module);
  MlirValue arg[8];
  for (int i = 0; i < 8; ++i)
    arg[i] = mlirBlockGetArgument(body, i);
  MlirLocation loc = mlirLocationUnknownGet(ctx);
  MlirValue none = {NULL};

  rnnRecurrentLayerOptions projection = {0};
  projection.numProj = 2;
  MlirOperation lstmp = rnnRecurrentLayerOpCreateWithOptions(
      loc, RNNRT_MODE_LSTM, arg[0], arg[1], arg[2], arg[3], 1, 4, false,
      RNNRT_INPUT_LINEAR, projection);
  mlirBlockInsertOwnedOperation(body, 0, lstmp);
  mlirOperationPrint(lstmp, printToStdout, NULL);
  printf("\nprojection verifies: %d\n", mlirOperationVerify(lstmp));

  rnnRecurrentLayerOptions padded = {0};
  padded.seqLengths = arg[7];
  padded.batchMajor = true;
  MlirOperation gru = rnnRecurrentLayerOpCreateWithOptions(
      loc, RNNRT_MODE_GRU, arg[4], arg[5], none, arg[6], 1, 4, false,
      RNNRT_INPUT_LINEAR, padded);
  mlirBlockInsertOwnedOperation(body, 1, gru);
  mlirOperationPrint(gru, printToStdout, NULL);
  printf("\nbatch-major gru with lengths verifies: %d\n",
         mlirOperationVerify(gru));

  fflush(stdout);
  rnnRecurrentLayerOptions negative = {0};
  negative.numProj = -1;
  MlirOperation bad = rnnRecurrentLayerOpCreateWithOptions(
      loc, RNNRT_MODE_LSTM, arg[0], arg[1], arg[2], arg[3], 1, 4, false,
      RNNRT_INPUT_LINEAR, negative);
  fflush(stderr);
  printf("negative num_proj is null: %d\n", mlirOperationIsNull(bad));
  mlirModuleDestroy(module);
}

static MlirWalkResult countRNNOps(MlirOperation op, void *userData) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (name.length > 4 && strncmp(name.data, "rnn.", 4) == 0)
    ++*(int *)userData;
  return MlirWalkResultAdvance;
}

// CHECK-LABEL: testCPUPipeline
// CHECK: pipeline: success
// CHECK-DAG: llvm.func @lstm
// CHECK-DAG: llvm.func @rnnrt_cpu_gemm_f32
// CHECK: rnn ops left: 0
// CHECK: registered twice: ok
static void testCPUPipeline(MlirModule module) {
  printf("testCPUPipeline\n");
  MlirLogicalResult result = rnnRunCPUPipeline(module);
  printf("pipeline: %s\n",
         mlirLogicalResultIsSuccess(result) ? "success" : "failure");
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
    MlirAttribute symbol = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_name"));
    MlirStringRef symbolName = mlirAttributeIsNull(symbol)
                                   ? mlirStringRefCreateFromCString("")
                                   : mlirStringAttrGetValue(symbol);
    printf("%.*s @%.*s\n", (int)name.length, name.data, (int)symbolName.length,
           symbolName.data);
  }
  int rnnOps = 0;
  mlirOperationWalk(mlirModuleGetOperation(module), countRNNOps, &rnnOps,
                    MlirWalkPreOrder);
  printf("rnn ops left: %d\n", rnnOps);

  rnnRegisterAllPasses();
  rnnRegisterAllPasses();
  printf("registered twice: ok\n");
}

int main(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  rnnRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);

  testDialectHandle(ctx);
  testAttributes(ctx);
  testPackedSize();

  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kModule));
  if (mlirModuleIsNull(module)) {
    fprintf(stderr, "cannot parse the test module\n");
    return 1;
  }
  testOpBuilder(ctx, module);
  testOpBuilderWithOptions(ctx);
  testCPUPipeline(module);

  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return 0;
}
