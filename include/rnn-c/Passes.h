/*===- Passes.h - C API of the rnn passes and pipelines -----------*- C -*-===*\
|*                                                                            *|
|* Registration of the rnn passes and pipelines (for mlirParsePassPipeline)   *|
|* and runners for the backend pipelines. Link RNNMLIR::CAPI.                 *|
|*                                                                            *|
|* The pipelines add function passes at the top level: they need a pass       *|
|* manager with implicit nesting, which the C API's mlirPassManagerCreate is  *|
|* not (there "builtin.module(rnn-cpu-pipeline)" aborts while being built).   *|
|* Run them with rnnRunCPUPipeline / rnnRunCUDNNPipeline.                     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef RNN_C_PASSES_H
#define RNN_C_PASSES_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Registers the rnn-* and convert-rnn-to-* passes and the rnn-cpu-pipeline /
 * rnn-cudnn-pipeline pipelines with the global registry (see above for the
 * pipelines). Safe to call more than once. */
MLIR_CAPI_EXPORTED void rnnRegisterAllPasses(void);

/* Lowers `module` (func.func with tensor arguments and results using the rnn
 * dialect) to the LLVM dialect for the CPU, in place, with the default
 * options (runtime BLAS for matmuls, polynomial tanh/exp). The module's
 * context gets the dialects and interface models the pipeline needs.
 * Diagnostics go to the context's handlers; the result says whether the
 * pipeline succeeded. The lowered functions follow docs/ABI.md and call the
 * CPU runtime (rnnrt_cpu_symbols() in rnn/Runtime/CPURuntime.h). */
MLIR_CAPI_EXPORTED MlirLogicalResult rnnRunCPUPipeline(MlirModule module);

/* rnnRunCPUPipeline with its options: `useBlas` (else linalg codegen for
 * matmuls), `approximateMath` (else libm tanh/exp). */
MLIR_CAPI_EXPORTED MlirLogicalResult rnnRunCPUPipelineWithOptions(
    MlirModule module, bool useBlas, bool approximateMath);

/* Lowers `module` to the LLVM dialect with calls into the CUDA runtime
 * (rnn/Runtime/CUDARuntime.h; every buffer is device memory, docs/ABI.md).
 * `math` is "strict" or "tf32", `algo` one of "auto", "standard",
 * "persist-static", "persist-static-small-h", "persist-dynamic"; an empty
 * string keeps the default. Lowering needs no GPU. */
MLIR_CAPI_EXPORTED MlirLogicalResult rnnRunCUDNNPipeline(MlirModule module,
                                                         MlirStringRef math,
                                                         MlirStringRef algo);

#ifdef __cplusplus
}
#endif

#endif /* RNN_C_PASSES_H */
