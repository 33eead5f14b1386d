//===- MatmulToBLAS.cpp - linalg.matmul on memrefs to runtime GEMM calls --===//
//
// C += A * op(B) becomes
//   func.call @rnnrt_cpu_gemm_<T>(A, B, C, transB)
// where the callee is declared with llvm.emit_c_interface, so the LLVM
// lowering calls _mlir_ciface_rnnrt_cpu_gemm_<T> with descriptor pointers
// (see rnn/Runtime/CPURuntime.h).
//
//===----------------------------------------------------------------------===//

#include "rnn/Conversion/Passes.h"
#include "rnn/Conversion/Utils/RuntimeFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::rnn {
#define GEN_PASS_DEF_RNNMATMULTOBLAS
#include "rnn/Conversion/Passes.h.inc"
} // namespace mlir::rnn

using namespace mlir;

namespace {

/// Which operand layout a matmul's indexing maps describe.
enum class MatmulForm { Plain, TransposedB, Other };

MatmulForm classify(linalg::MatmulOp op) {
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  auto map = [&](ArrayRef<AffineExpr> results) {
    return AffineMap::get(3, 0, results, ctx);
  };
  if (maps[0] != map({m, k}) || maps[2] != map({m, n}))
    return MatmulForm::Other;
  if (maps[1] == map({k, n}))
    return MatmulForm::Plain;
  if (maps[1] == map({n, k}))
    return MatmulForm::TransposedB;
  return MatmulForm::Other;
}

/// A rank-2 memref whose rows are contiguous.
bool hasContiguousRows(Value value) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type || type.getRank() != 2)
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  return strides[1] == 1;
}

struct RNNMatmulToBLASPass
    : public rnn::impl::RNNMatmulToBLASBase<RNNMatmulToBLASPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<linalg::MatmulOp> matmuls;
    module.walk([&](linalg::MatmulOp op) {
      if (!op.hasPureBufferSemantics())
        return;
      Type elementType = getElementTypeOrSelf(op.getOutputs()[0].getType());
      if (!rnn::hasRuntimeFunction(rnn::RuntimeFunction::CpuGemm, elementType))
        return;
      if (classify(op) == MatmulForm::Other)
        return;
      if (!llvm::all_of(op->getOperands(), hasContiguousRows))
        return;
      matmuls.push_back(op);
    });

    for (linalg::MatmulOp op : matmuls) {
      Type elementType = getElementTypeOrSelf(op.getOutputs()[0].getType());
      FailureOr<func::FuncOp> gemm = rnn::declareRuntimeFunction(
          op, rnn::RuntimeFunction::CpuGemm, elementType);
      if (failed(gemm))
        return signalPassFailure();
      OpBuilder b(op);
      Location loc = op.getLoc();
      Type abiType = gemm->getFunctionType().getInput(0);
      SmallVector<Value> args;
      for (Value operand : op->getOperands())
        args.push_back(memref::CastOp::create(b, loc, abiType, operand));
      bool transB = classify(op) == MatmulForm::TransposedB;
      args.push_back(arith::ConstantOp::create(
          b, loc, b.getI64IntegerAttr(transB ? 1 : 0)));
      func::CallOp::create(b, loc, *gemm, args);
      op.erase();
    }
  }
};

} // namespace
