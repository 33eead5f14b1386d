//===- Cleanup.cpp - What rnn-translate runs on an imported module --------===//

#include "Cleanup.h"

#include "rnn/Dialect/RNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace {

/// linalg.transpose on tensors -> tensor.generate reading the permuted
/// element: data movement in the tensor dialect.
struct TransposeToGenerate : OpRewritePattern<linalg::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getNumResults() != 1)
      return rewriter.notifyMatchFailure(op, "not on tensors");
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto type = cast<RankedTensorType>(op.getResult()[0].getType());
    ArrayRef<int64_t> perm = op.getPermutation();
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (type.isDynamicDim(d))
        dynamicSizes.push_back(
            tensor::DimOp::create(rewriter, loc, input, perm[d]));
    auto generate =
        tensor::GenerateOp::create(rewriter, loc, type, dynamicSizes);
    Block *body = rewriter.createBlock(&generate.getBody());
    SmallVector<Value> ivs;
    for (int64_t d = 0; d < type.getRank(); ++d)
      ivs.push_back(body->addArgument(rewriter.getIndexType(), loc));
    // result[i] = input[j] with j[perm[k]] = i[k].
    SmallVector<Value> source(type.getRank());
    for (int64_t k = 0; k < type.getRank(); ++k)
      source[perm[k]] = ivs[k];
    rewriter.setInsertionPointToEnd(body);
    Value element = tensor::ExtractOp::create(rewriter, loc, input, source);
    tensor::YieldOp::create(rewriter, loc, element);
    rewriter.replaceOp(op, generate.getResult());
    return success();
  }
};

} // namespace

LogicalResult mlir::rnn::onnx_import::cleanupImportedModule(ModuleOp module) {
  PassManager pm(module.getContext());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createRNNFuseStackedLayers());
  pm.addPass(createRNNAbsorbBatchMajorTransposes());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (failed(pm.run(module)))
    return failure();
  RewritePatternSet patterns(module.getContext());
  patterns.add<TransposeToGenerate>(module.getContext());
  // tensor.concat as tensor.empty + insert_slice (views on every backend).
  tensor::populateDecomposeTensorConcatPatterns(patterns);
  return applyPatternsGreedily(module, std::move(patterns));
}
