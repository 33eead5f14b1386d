//===- GraphRelocationTest.cpp - Replays on buffers at new addresses ------===//
//
// Compiled code's results come from a pool that gives them new addresses
// on most calls. The plans replay their first capture with the pointers
// rewritten (lib/Runtime/CUDA/GraphRelocation.h): every call here moves x,
// h_0 and the results to new buffers (and, on some calls, back to earlier
// ones), and each call's results must equal the first call's and the
// reference. The lit configuration runs this suite with
// RNNRT_CHECK_GRAPH_RELOCATION=1, so every rewritten graph is also
// compared with a new capture for the same pointers.
//
//===----------------------------------------------------------------------===//

#include "GPUForwardProblem.h"

#include <memory>

namespace {

using namespace rnn_test;

class GraphRelocationTest : public GPUTest {};

/// Runs `problem` (`run` enqueues it) `calls` times, each on copies of its
/// inputs and on result buffers at other addresses; expects every call's
/// results to be the first call's.
template <typename T, typename Run>
void expectSameResultsOnNewBuffers(ForwardProblem<T> &problem, int calls,
                                   Run run, double tolerance) {
  run();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(problem.maxError(), tolerance);
  const std::vector<double> y = problem.y.download();
  const std::vector<double> hy = problem.hy.download();
  const std::vector<double> cy = problem.cy.download();
  // Live buffers of earlier calls, so that the pool cannot hand the same
  // addresses back; every third call reuses the first call's buffers.
  std::vector<std::unique_ptr<DeviceArray<T>>> kept;
  const ForwardProblem<T> &p = problem;
  auto fresh = [&](const DeviceArray<T> &like) {
    kept.push_back(std::make_unique<DeviceArray<T>>(like.count));
    return kept.back().get();
  };
  const auto saved =
      std::make_tuple(p.xDesc, p.hxDesc, p.yDesc, p.hyDesc, p.cyDesc);
  for (int call = 1; call < calls; ++call) {
    DeviceArray<T> *x = fresh(problem.x), *hx = fresh(problem.hx);
    DeviceArray<T> *yOut = fresh(problem.y), *hyOut = fresh(problem.hy),
                   *cyOut = fresh(problem.cy);
    x->upload(problem.hostX);
    hx->upload(problem.hostHx);
    if (call % 3 != 0) {
      problem.xDesc.aligned = problem.xDesc.allocated = x->data;
      problem.hxDesc.aligned = problem.hxDesc.allocated = hx->data;
      problem.yDesc.aligned = problem.yDesc.allocated = yOut->data;
      problem.hyDesc.aligned = problem.hyDesc.allocated = hyOut->data;
      problem.cyDesc.aligned = problem.cyDesc.allocated = cyOut->data;
    } else {
      std::tie(problem.xDesc, problem.hxDesc, problem.yDesc, problem.hyDesc,
               problem.cyDesc) = saved;
      yOut = &problem.y;
      hyOut = &problem.hy;
      cyOut = &problem.cy;
    }
    run();
    ASSERT_EQ(rnnrt_cuda_has_error(), 0)
        << "call " << call << ": " << takeError();
    EXPECT_EQ(yOut->download(), y) << "call " << call;
    EXPECT_EQ(hyOut->download(), hy) << "call " << call;
    if (problem.config.mode == RNNRT_MODE_LSTM) {
      EXPECT_EQ(cyOut->download(), cy) << "call " << call;
    }
  }
  std::tie(problem.xDesc, problem.hxDesc, problem.yDesc, problem.hyDesc,
           problem.cyDesc) = saved;
}

TEST_F(GraphRelocationTest, CudnnLstmTwoLayersBidirectional) {
  ForwardProblem<float> problem(lstm(2, 24, 16, true), 11, 5, 31);
  expectSameResultsOnNewBuffers(
      problem, 10, [&] { problem.run(); }, 1e-5);
}

TEST_F(GraphRelocationTest, CudnnGruHalf) {
  ForwardProblem<_Float16> problem(
      withMode(lstm(1, 64, 32, false), RNNRT_MODE_GRU), 20, 8, 32);
  expectSameResultsOnNewBuffers(
      problem, 8,
      [&] { problem.run(RNNRT_MATH_TENSOR_OP, RNNRT_ALGO_STANDARD); }, 2e-2);
}

TEST_F(GraphRelocationTest, CublasFallbackBothStepPaths) {
  // B = 3: the fused small-batch step kernel; B = 12: GEMM + step kernel.
  for (int64_t batch : {3, 12}) {
    ForwardProblem<float> problem(lstm(3, 20, 12, true), 9, batch, 33);
    expectSameResultsOnNewBuffers(
        problem, 10, [&] { problem.runCublas(); }, 1e-5);
  }
}

} // namespace
