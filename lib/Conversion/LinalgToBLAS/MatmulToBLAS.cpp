//===- MatmulToBLAS.cpp - linalg.matmul on memrefs to runtime GEMM calls --===//
//
// C += op(A) * op(B) becomes
//   func.call @rnnrt_cpu_gemm_<T>(A, B, C, transpose)
// with transpose = RNNRT_GEMM_TRANSPOSE_A | RNNRT_GEMM_TRANSPOSE_B as the
// indexing maps say (rnn/Runtime/CPURuntime.h)
// where the callee is declared with llvm.emit_c_interface, so the LLVM
// lowering calls _mlir_ciface_rnnrt_cpu_gemm_<T> with descriptor pointers
// (see rnn/Runtime/CPURuntime.h).
//
//===----------------------------------------------------------------------===//

#include "rnn/Conversion/Passes.h"
#include "rnn/Conversion/Utils/RuntimeFunctions.h"
#include "rnn/Runtime/CPURuntime.h"

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

/// The transpose flags (RNNRT_GEMM_TRANSPOSE_*) a matmul's indexing maps
/// describe, or nullopt for a form the GEMM cannot run.
std::optional<int64_t> getTransposeFlags(linalg::MatmulOp op) {
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  auto map = [&](AffineExpr row, AffineExpr col) {
    return AffineMap::get(3, 0, {row, col}, ctx);
  };
  if (maps[2] != map(m, n))
    return std::nullopt;
  int64_t flags = 0;
  if (maps[0] == map(k, m))
    flags |= RNNRT_GEMM_TRANSPOSE_A;
  else if (maps[0] != map(m, k))
    return std::nullopt;
  if (maps[1] == map(n, k))
    flags |= RNNRT_GEMM_TRANSPOSE_B;
  else if (maps[1] != map(k, n))
    return std::nullopt;
  return flags;
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
      if (!getTransposeFlags(op))
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
      args.push_back(arith::ConstantOp::create(
          b, loc, b.getI64IntegerAttr(*getTransposeFlags(op))));
      func::CallOp::create(b, loc, *gemm, args);
      op.erase();
    }
  }
};

} // namespace
