//===- CublasFallbackTest.cpp - The cuBLAS fallback against a reference ---===//
//
// _mlir_ciface_rnnrt_cublas_rnn_forward against the double-precision
// reference of GPUForwardProblem.h: every cell, both directions, stacks run
// as a wavefront, skip_input, f16/f32/f64, TF32, the vectorized, scalar and
// fused (small-batch) step kernels; training dropout; CUDA-graph replay with
// new pointers; errors that leave the plan cache usable. GPU tests skip where
// no GPU is present.
//
//===----------------------------------------------------------------------===//

#include "GPUForwardProblem.h"

namespace {

using namespace rnn_test;

class CublasFallbackTest : public GPUTest {};

template <typename T>
void expectCublasMatches(const Config &config, int64_t seqLength, int64_t batch,
                         double tolerance, int64_t math = RNNRT_MATH_STRICT,
                         unsigned seed = 1) {
  ForwardProblem<T> problem(config, seqLength, batch, seed);
  problem.runCublas(math);
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(problem.maxError(), tolerance);
}

/// B = 3 runs each step as the fused GEMV + cell kernel, B = 11 as a cuBLAS
/// GEMM and the step kernel.
TEST_F(CublasFallbackTest, EveryCellBothDirectionsBothStepPathsF32) {
  for (rnnrt_mode mode : {RNNRT_MODE_LSTM, RNNRT_MODE_GRU, RNNRT_MODE_RNN_TANH,
                          RNNRT_MODE_RNN_RELU})
    for (bool bidirectional : {false, true})
      for (int64_t batch : {3, 11}) {
        SCOPED_TRACE("mode " + std::to_string(mode) +
                     (bidirectional ? " bidirectional" : " unidirectional") +
                     " B " + std::to_string(batch));
        expectCublasMatches<float>(
            withMode(lstm(2, 12, 7, bidirectional), mode), 6, batch, 1e-5);
      }
}

/// Unidirectional stacks run as a wavefront over chunks of steps: T not a
/// multiple of the chunk count, fewer steps than chunks, one step.
TEST_F(CublasFallbackTest, WavefrontStacks) {
  for (int64_t seqLength : {1, 3, 13, 40}) {
    SCOPED_TRACE("T " + std::to_string(seqLength));
    expectCublasMatches<float>(withMode(lstm(4, 16, 5, false), RNNRT_MODE_GRU),
                               seqLength, 2, 1e-5);
    expectCublasMatches<float>(lstm(3, 8, 8, false), seqLength, 12, 1e-5);
  }
}

TEST_F(CublasFallbackTest, SkipInput) {
  expectCublasMatches<float>(lstm(2, 8, 8, true, RNNRT_INPUT_SKIP), 5, 3, 1e-5);
  expectCublasMatches<float>(
      withMode(lstm(1, 6, 6, false, RNNRT_INPUT_SKIP), RNNRT_MODE_GRU), 4, 2,
      1e-5);
}

/// The step kernel with many and with few units (one unit per thread; the
/// vector widths are checked by the numerics suite with RNNRT_CELL_VECTOR=8)
/// and the fused kernel (B = 4), in f32 and f16.
TEST_F(CublasFallbackTest, VectorScalarAndFusedStepKernels) {
  for (auto [batch, hidden] :
       {std::pair<int64_t, int64_t>{256, 256}, {16, 7}, {4, 40}})
    for (rnnrt_mode mode : {RNNRT_MODE_LSTM, RNNRT_MODE_GRU}) {
      SCOPED_TRACE("B " + std::to_string(batch) + " H " +
                   std::to_string(hidden));
      expectCublasMatches<float>(withMode(lstm(1, hidden, 9, true), mode), 3,
                                 batch, 1e-5);
      expectCublasMatches<_Float16>(withMode(lstm(1, hidden, 16, false), mode),
                                    3, batch, 2e-2, RNNRT_MATH_TENSOR_OP);
    }
}

TEST_F(CublasFallbackTest, F64) {
  expectCublasMatches<double>(lstm(2, 6, 4, true), 5, 3, 1e-10);
  expectCublasMatches<double>(lstm(2, 6, 4, true), 5, 13, 1e-10);
  expectCublasMatches<double>(withMode(lstm(3, 5, 4, false), RNNRT_MODE_GRU), 7,
                              2, 1e-10);
}

/// Strict f32 must not use TF32 tensor cores (they would miss 1e-5 by two
/// orders of magnitude at this size); TF32 stays within 1e-2.
TEST_F(CublasFallbackTest, StrictAndTF32) {
  expectCublasMatches<float>(lstm(2, 128, 64, true), 4, 16, 1e-5);
  ForwardProblem<float> problem(lstm(2, 128, 64, true), 4, 16, 1);
  problem.runCublas(RNNRT_MATH_TF32);
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  double error = problem.maxError();
  std::printf("tf32 max relative error %.3g\n", error);
  EXPECT_LT(error, 1e-2);
  EXPECT_GT(error, 1e-6) << "TF32 math had no effect";
}

/// The graph captured for one set of pointers is replayed; other pointers
/// get their own graph, and results stay right.
TEST_F(CublasFallbackTest, GraphReplayWithNewPointers) {
  ForwardProblem<float> problem(lstm(2, 16, 8, false), 9, 3, 21);
  problem.runCublas();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  std::vector<double> first = problem.y.download();
  EXPECT_LT(problem.maxError(), 1e-5);
  problem.runCublas();
  EXPECT_EQ(problem.y.download(), first);

  DeviceArray<float> otherY(problem.y.count);
  rnnrt_memref3d savedY = problem.yDesc;
  problem.yDesc.aligned = problem.yDesc.allocated = otherY.data;
  problem.runCublas();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_EQ(otherY.download(), first);
  problem.yDesc = savedY;
}

/// Training dropout (between layers only): deterministic for a seed,
/// different for another, layer 0's final state untouched, and about the
/// rate's share of the next layer's inputs dropped.
TEST_F(CublasFallbackTest, TrainingDropout) {
  ForwardProblem<float> problem(lstm(3, 32, 8, false), 10, 4, 3);
  problem.runCublas();
  std::vector<double> inferenceY = problem.y.download();
  std::vector<double> inferenceHy = problem.hy.download();
  problem.runCublas(RNNRT_MATH_STRICT, 0.5, 42);
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  std::vector<double> trainingY = problem.y.download();
  std::vector<double> trainingHy = problem.hy.download();
  problem.runCublas(RNNRT_MATH_STRICT, 0.5, 42);
  EXPECT_EQ(problem.y.download(), trainingY);
  problem.runCublas(RNNRT_MATH_STRICT, 0.5, 43);
  EXPECT_NE(problem.y.download(), trainingY);

  const size_t layerState = 4 * 32;
  EXPECT_TRUE(std::equal(inferenceHy.begin(), inferenceHy.begin() + layerState,
                         trainingHy.begin()));
  size_t changed = 0;
  for (size_t i = 0; i < trainingY.size(); ++i)
    changed += trainingY[i] != inferenceY[i];
  EXPECT_GT(changed, trainingY.size() / 2);
}

TEST_F(CublasFallbackTest, EmptySequenceAndBatch) {
  ForwardProblem<float> problem(lstm(2, 4, 3, true), 0, 2, 9);
  problem.runCublas();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_EQ(problem.hy.download(), problem.hostHx);
  EXPECT_EQ(problem.cy.download(), problem.hostCx);
  ForwardProblem<float> empty(lstm(1, 4, 3, false), 3, 0, 9);
  empty.runCublas();
  EXPECT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
}

/// Bad calls record an error naming the problem and the configuration;
/// once taken, the same plan runs again.
TEST_F(CublasFallbackTest, ErrorsThenRecovery) {
  ForwardProblem<float> problem(lstm(2, 6, 4, true), 5, 3, 5);
  problem.runCublas(RNNRT_MATH_STRICT, 1.5, 1);
  std::string message = takeError();
  EXPECT_NE(message.find("dropout must be in [0, 1), got 1.5"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("cuBLAS"), std::string::npos) << message;

  problem.wDesc.sizes[0] -= 1;
  problem.runCublas();
  message = takeError();
  EXPECT_NE(message.find("w has shape"), std::string::npos) << message;
  problem.wDesc.sizes[0] += 1;

  problem.runCublas();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(problem.maxError(), 1e-5);
}

/// cuDNN and the fallback agree on the same problem (both against the
/// reference, and with each other).
TEST_F(CublasFallbackTest, AgreesWithCudnn) {
  if (rnnrt_cuda_library_error(RNNRT_LIBRARY_CUDNN))
    GTEST_SKIP() << "cuDNN is not available";
  ForwardProblem<float> problem(withMode(lstm(2, 24, 10, true), RNNRT_MODE_GRU),
                                11, 6, 8);
  problem.run();
  std::vector<double> cudnnY = problem.y.download();
  problem.runCublas();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(maxRelativeError(problem.y.download(), cudnnY), 1e-5);
}

} // namespace
