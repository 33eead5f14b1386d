//===- RNNToCUBLAS.cpp - rnn compute ops to cuBLAS-fallback calls ---------===//
//
// convert-rnn-to-cublas: every recurrent op becomes a call of
// rnnrt_cublas_rnn_forward_<type> (GPURuntimeCall.h): GEMMs on cuBLAS plus
// the runtime's fused cell kernels, training dropout included; a training
// forward returning a reserve calls rnnrt_cublas_rnn_training_forward_<type>
// and a grad op rnnrt_cublas_rnn_backward_<type>.
//
//===----------------------------------------------------------------------===//

#include "GPURuntimeCall.h"

#include "rnn/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_CONVERTRNNTOCUBLAS
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;
using namespace mlir::rnn;

namespace {

struct ConvertRNNToCUBLASPass
    : public rnn::impl::ConvertRNNToCUBLASBase<ConvertRNNToCUBLASPass> {
  using Base::Base;

  void runOnOperation() override {
    std::optional<rnnrt_math> mathCode = parseMathOption(math);
    if (!mathCode) {
      getOperation().emitError() << "convert-rnn-to-cublas: unknown math '"
                                 << math << "' (strict, tf32)";
      return signalPassFailure();
    }
    GPUForwardOptions options;
    options.math = *mathCode;
    if (failed(lowerRecurrentOpsToGPURuntime(
            getOperation(), "the cublas backend", options,
            [](RecurrentOpInterface) { return RNNRT_LIBRARY_CUBLAS; })))
      return signalPassFailure();
  }
};

} // namespace
