//===- RecurrentLayerInterfaceTest.cpp - The op interface's answers -------===//

#include "rnn/Dialect/RNN/IR/RNNDialect.h"
#include "rnn/Dialect/RNN/IR/RNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;

namespace {

class RecurrentLayerInterfaceTest : public ::testing::Test {
protected:
  RecurrentLayerInterfaceTest() {
    context.loadDialect<rnn::RNNDialect, func::FuncDialect>();
  }

  /// Parses `body` inside a function and returns its single rnn op.
  rnn::RecurrentLayerOpInterface parseLayer(StringRef source) {
    module = parseSourceString<ModuleOp>(source, &context);
    EXPECT_TRUE(module);
    rnn::RecurrentLayerOpInterface found;
    module->walk([&](rnn::RecurrentLayerOpInterface op) { found = op; });
    EXPECT_TRUE(found);
    return found;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(RecurrentLayerInterfaceTest, BidirectionalLstm) {
  auto layer = parseLayer(R"mlir(
    func.func @f(%x: tensor<16x?x32xf32>, %h: tensor<4x?x64xf32>,
                 %c: tensor<4x?x64xf32>, %p: tensor<149504xf32>) {
      %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
          {num_layers = 2, num_units = 64,
           direction = #rnn.direction<bidirectional>}
          : (tensor<16x?x32xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>,
             tensor<149504xf32>)
         -> (tensor<16x?x128xf32>, tensor<4x?x64xf32>, tensor<4x?x64xf32>)
      return
    })mlir");
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer.getMode(), rnn::Mode::lstm);
  EXPECT_EQ(layer.getNumDirections(), 2);
  EXPECT_EQ(layer.getPackedParamsSize(), 149504);
  EXPECT_EQ(layer.getResolvedInputMode(), rnn::InputMode::linear_input);
  EXPECT_EQ(layer.getHiddenStateShape(),
            (SmallVector<int64_t>{4, ShapedType::kDynamic, 64}));
  EXPECT_EQ(layer.getCellStateShape(),
            (SmallVector<int64_t>{4, ShapedType::kDynamic, 64}));
  EXPECT_EQ(layer.getOutputShape(),
            (SmallVector<int64_t>{16, ShapedType::kDynamic, 128}));
  auto weights = layer.getCanonicalWeightShapes();
  ASSERT_EQ(weights.size(), 32u);
  EXPECT_EQ(weights[0], (SmallVector<int64_t, 2>{64, 32}));   // l0 W_i
  EXPECT_EQ(weights[4], (SmallVector<int64_t, 2>{64, 64}));   // l0 R_i
  EXPECT_EQ(weights[16], (SmallVector<int64_t, 2>{64, 128})); // l1 W_i
  auto biases = layer.getCanonicalBiasShapes();
  ASSERT_EQ(biases.size(), 32u);
  EXPECT_EQ(biases[31], (SmallVector<int64_t, 2>{64}));
  EXPECT_TRUE(layer.getInitialCell());
}

TEST_F(RecurrentLayerInterfaceTest, ProjectedBidirectionalLstm) {
  // I = 3, H = 4, P = 2, L = 2, D = 2: per direction W [4, in] x 4, R [4, 2]
  // x 4, the projection [2, 4] and 8 biases [4]; in = 3, then D*P = 4.
  auto layer = parseLayer(R"mlir(
    func.func @f(%x: tensor<5x?x3xf32>, %h: tensor<4x?x2xf32>,
                 %c: tensor<4x?x4xf32>, %p: tensor<512xf32>) {
      %y, %hn, %cn = rnn.lstm %x, %h, %c, %p
          {num_layers = 2, num_units = 4, num_proj = 2,
           direction = #rnn.direction<bidirectional>}
          : (tensor<5x?x3xf32>, tensor<4x?x2xf32>, tensor<4x?x4xf32>,
             tensor<512xf32>)
         -> (tensor<5x?x4xf32>, tensor<4x?x2xf32>, tensor<4x?x4xf32>)
      return
    })mlir");
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer.getPackedParamsSize(), 512);
  EXPECT_EQ(layer.getHiddenStateShape(),
            (SmallVector<int64_t>{4, ShapedType::kDynamic, 2}));
  EXPECT_EQ(layer.getCellStateShape(),
            (SmallVector<int64_t>{4, ShapedType::kDynamic, 4}));
  EXPECT_EQ(layer.getOutputShape(),
            (SmallVector<int64_t>{5, ShapedType::kDynamic, 4}));
  auto weights = layer.getCanonicalWeightShapes();
  ASSERT_EQ(weights.size(), 36u);
  EXPECT_EQ(weights[0], (SmallVector<int64_t, 2>{4, 3}));  // l0 W_i
  EXPECT_EQ(weights[4], (SmallVector<int64_t, 2>{4, 2}));  // l0 R_i
  EXPECT_EQ(weights[8], (SmallVector<int64_t, 2>{2, 4}));  // l0 projection
  EXPECT_EQ(weights[18], (SmallVector<int64_t, 2>{4, 4})); // l1 W_i
  EXPECT_EQ(layer.getCanonicalBiasShapes().size(), 32u);
}

TEST_F(RecurrentLayerInterfaceTest, GruAutoSelectResolvesToSkip) {
  auto layer = parseLayer(R"mlir(
    func.func @f(%x: tensor<?x3x8xf64>, %h: tensor<1x3x8xf64>,
                 %p: tensor<240xf64>) {
      %y, %hn = rnn.gru %x, %h, %p
          {num_layers = 1, num_units = 8,
           input_mode = #rnn.input_mode<auto_select>}
          : (tensor<?x3x8xf64>, tensor<1x3x8xf64>, tensor<240xf64>)
         -> (tensor<?x3x8xf64>, tensor<1x3x8xf64>)
      return
    })mlir");
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer.getResolvedInputMode(), rnn::InputMode::skip_input);
  // skip_input: only the 3 recurrent [8, 8] matrices, and 6 biases.
  EXPECT_EQ(layer.getCanonicalWeightShapes().size(), 3u);
  EXPECT_EQ(layer.getCanonicalBiasShapes().size(), 6u);
  EXPECT_EQ(layer.getPackedParamsSize(), 3 * 64 + 6 * 8);
  EXPECT_FALSE(layer.getInitialCell());
  EXPECT_FALSE(layer.getFinalCell());
}

} // namespace
