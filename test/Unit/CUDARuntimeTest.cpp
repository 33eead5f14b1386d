//===- CUDARuntimeTest.cpp - The cuDNN runtime against a CPU reference ----===//
//
// Tests of rnn/Runtime/CUDARuntime.h. Those that need a GPU skip only when
// rnnrt_cuda_init() reports that no CUDA GPU is present (any other init
// failure, e.g. a missing cuDNN on a GPU machine, fails them). The tests of
// the no-GPU path and of the symbol table run everywhere.
//
// The reference is a straightforward double-precision implementation of the
// semantics in docs/Dialect.md, reading the weights through the packed layout
// (rnnrt::ParamsLayout).
//
//===----------------------------------------------------------------------===//

#include "GPUForwardProblem.h"

namespace {

using namespace rnn_test;

//===----------------------------------------------------------------------===//
// Tests that run everywhere
//===----------------------------------------------------------------------===//

/// Without a GPU, init fails with a message that names the problem, and
/// every entry point records an error instead of crashing. With one, init
/// succeeds and an invalid forward records an error.
TEST(CUDARuntimeAnyMachine, ErrorsInsteadOfCrashes) {
  // A forward with null descriptors, possibly before any init.
  _mlir_ciface_rnnrt_cudnn_rnn_forward(
      RNNRT_MODE_LSTM, 1, 4, 4, /*num_proj=*/0, 0, 0, RNNRT_DTYPE_F32,
      RNNRT_MATH_STRICT, RNNRT_ALGO_STANDARD, nullptr, nullptr, nullptr,
      nullptr, nullptr, nullptr, nullptr, /*time_major=*/1,
      /*seq_lengths=*/nullptr);
  EXPECT_EQ(rnnrt_cuda_has_error(), 1);
  EXPECT_NE(takeError(), "");
  EXPECT_EQ(rnnrt_cuda_has_error(), 0);
  EXPECT_EQ(takeError(), "");

  if (rnnrt_cuda_init() != 0) {
    std::string message = takeError();
    EXPECT_TRUE(message.find("no CUDA GPU found") != std::string::npos ||
                message.find("cuDNN not found") != std::string::npos)
        << message;
    // Still not initialized: every entry point reports it.
    float host[4] = {0, 0, 0, 0};
    EXPECT_EQ(rnnrt_cuda_alloc(16), nullptr);
    EXPECT_NE(takeError().find("not initialized"), std::string::npos);
    EXPECT_NE(rnnrt_cuda_memcpy(host, host, sizeof(host), 0), 0);
    EXPECT_NE(takeError().find("not initialized"), std::string::npos);
    EXPECT_NE(rnnrt_cuda_synchronize(), 0);
    EXPECT_NE(takeError(), "");
    int64_t moduleSlot = 0;
    EXPECT_EQ(rnnrt_cuda_constant(&moduleSlot, host, sizeof(host)), nullptr);
    EXPECT_NE(takeError(), "");
    EXPECT_EQ(rnnrt_cuda_memref_alloc(64), nullptr);
    EXPECT_NE(takeError(), "");
    EXPECT_NE(std::string(rnnrt_cuda_describe()).find("error"),
              std::string::npos);
    EXPECT_NE(takeError(), "");
    // A well-formed forward without a runtime.
    rnnrt_memref3d x = memref3d(host, 1, 1, 4);
    rnnrt_memref3d h = memref3d(host, 1, 1, 4);
    rnnrt_memref1d w = memref1d(host, 4);
    _mlir_ciface_rnnrt_cudnn_rnn_forward(
        RNNRT_MODE_LSTM, 1, 4, 4, /*num_proj=*/0, 0, 0, RNNRT_DTYPE_F32,
        RNNRT_MATH_STRICT, RNNRT_ALGO_STANDARD, &x, &h, &h, &w, &x, &h, &h,
        /*time_major=*/1,
        /*seq_lengths=*/nullptr);
    EXPECT_NE(takeError().find("not initialized"), std::string::npos);
    return;
  }
  EXPECT_EQ(takeError(), "");
  EXPECT_EQ(rnnrt_cuda_init(), 0) << "init must be idempotent";
}

/// The first error stays pending; later ones are counted, not lost.
TEST(CUDARuntimeAnyMachine, FirstErrorStaysPending) {
  EXPECT_NE(rnnrt_cuda_memcpy(nullptr, nullptr, 4, 7), 0);
  EXPECT_NE(rnnrt_cuda_memcpy(nullptr, nullptr, -1, 0), 0);
  std::string message = takeError();
  EXPECT_NE(message.find("unknown kind 7"), std::string::npos) << message;
  EXPECT_NE(message.find("1 later error"), std::string::npos) << message;
  EXPECT_EQ(rnnrt_cuda_has_error(), 0);
}

TEST(CUDARuntimeAnyMachine, SymbolsNameTheLoweredCalls) {
  size_t count = 0;
  const rnnrt_symbol *symbols = rnnrt_cuda_symbols(&count);
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) {
    EXPECT_NE(symbols[i].address, nullptr) << symbols[i].name;
    names.push_back(symbols[i].name);
  }
  for (const char *name :
       {"_mlir_ciface_rnnrt_cudnn_rnn_forward_f32", "rnnrt_cuda_constant",
        "_mlir_memref_to_llvm_alloc", "_mlir_memref_to_llvm_aligned_alloc",
        "_mlir_memref_to_llvm_free", "memrefCopy"})
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
}

//===----------------------------------------------------------------------===//
// Tests that need a GPU
//===----------------------------------------------------------------------===//

class CUDARuntimeTest : public GPUTest {};

TEST_F(CUDARuntimeTest, DescribeNamesCudnnAndDevice) {
  std::string text = rnnrt_cuda_describe();
  EXPECT_EQ(text.rfind("cuDNN 9.", 0), 0u) << text;
  EXPECT_NE(text.find("device "), std::string::npos) << text;
}

TEST_F(CUDARuntimeTest, AllocMemcpyRoundTrip) {
  std::vector<float> values(1000), back(1000, 0), copy(1000, 0);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<float>(i) * 0.5f - 3.0f;
  const int64_t bytes = values.size() * sizeof(float);
  void *a = rnnrt_cuda_alloc(bytes);
  void *b = rnnrt_cuda_alloc(bytes);
  ASSERT_NE(a, nullptr) << takeError();
  ASSERT_NE(b, nullptr) << takeError();
  EXPECT_EQ(rnnrt_cuda_memcpy(a, values.data(), bytes, 0), 0) << takeError();
  EXPECT_EQ(rnnrt_cuda_memcpy(b, a, bytes, 2), 0) << takeError();
  EXPECT_EQ(rnnrt_cuda_memcpy(back.data(), b, bytes, 1), 0) << takeError();
  EXPECT_EQ(values, back);
  EXPECT_EQ(rnnrt_cuda_memcpy(copy.data(), b, 0, 1), 0) << takeError();
  EXPECT_EQ(rnnrt_cuda_synchronize(), 0) << takeError();
  rnnrt_cuda_free(a);
  rnnrt_cuda_free(b);
}

TEST_F(CUDARuntimeTest, ZeroByteAllocationsAreUnique) {
  void *a = rnnrt_cuda_alloc(0);
  void *b = rnnrt_cuda_alloc(0);
  EXPECT_NE(a, nullptr);
  EXPECT_NE(b, nullptr);
  EXPECT_NE(a, b);
  rnnrt_cuda_free(a);
  rnnrt_cuda_free(b);
}

TEST_F(CUDARuntimeTest, LstmBidirectionalTwoLayersStrictF32) {
  expectMatchesReference<float>(lstm(2, 6, 4, true), 5, 3, 1e-5);
}

TEST_F(CUDARuntimeTest, LstmUnidirectionalStrictF32) {
  expectMatchesReference<float>(lstm(3, 8, 5, false), 7, 4, 1e-5);
}

TEST_F(CUDARuntimeTest, GruStrictF32) {
  expectMatchesReference<float>(withMode(lstm(2, 7, 5, true), RNNRT_MODE_GRU),
                                4, 2, 1e-5);
}

TEST_F(CUDARuntimeTest, RnnReluStrictF32) {
  expectMatchesReference<float>(
      withMode(lstm(3, 6, 4, false), RNNRT_MODE_RNN_RELU), 6, 3, 1e-5);
}

TEST_F(CUDARuntimeTest, RnnTanhBidirectionalStrictF32) {
  expectMatchesReference<float>(
      withMode(lstm(1, 5, 3, true), RNNRT_MODE_RNN_TANH), 5, 2, 1e-5);
}

/// skip_input (I == H): x enters every gate unweighted, b_W is added.
TEST_F(CUDARuntimeTest, LstmSkipInput) {
  expectMatchesReference<float>(lstm(2, 6, 6, true, RNNRT_INPUT_SKIP), 5, 3,
                                1e-5);
}

TEST_F(CUDARuntimeTest, GruSkipInput) {
  expectMatchesReference<float>(
      withMode(lstm(1, 4, 4, false, RNNRT_INPUT_SKIP), RNNRT_MODE_GRU), 3, 2,
      1e-5);
}

/// auto_select with I == H is skip_input.
TEST_F(CUDARuntimeTest, AutoSelectIsResolved) {
  ForwardProblem<float> problem(lstm(1, 4, 4, false, RNNRT_INPUT_SKIP), 3, 2,
                                7);
  problem.run(RNNRT_MATH_STRICT, RNNRT_ALGO_STANDARD, RNNRT_INPUT_AUTO_SELECT);
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(problem.maxError(), 1e-5);
}

/// The configurations whose cuDNN layout FACTS.md records: the offsets
/// check at plan creation passes and the results match.
TEST_F(CUDARuntimeTest, WeightLayoutCheckPasses) {
  const Config configs[] = {
      lstm(2, 4, 3, false),
      lstm(2, 4, 3, true),
      lstm(2, 4, 4, false, RNNRT_INPUT_SKIP),
      withMode(lstm(1, 4, 3, true), RNNRT_MODE_GRU),
      withMode(lstm(1, 4, 3, false), RNNRT_MODE_RNN_TANH),
  };
  for (const Config &config : configs) {
    SCOPED_TRACE("mode " + std::to_string(config.mode) + ", " +
                 std::to_string(config.numWeights()) + " weights");
    expectMatchesReference<float>(config, 3, 2, 1e-5);
  }
}

TEST_F(CUDARuntimeTest, LstmF64) {
  expectMatchesReference<double>(lstm(2, 6, 4, true), 5, 3, 1e-10);
}

TEST_F(CUDARuntimeTest, F64NeedsStrictStandard) {
  ForwardProblem<double> problem(lstm(1, 4, 3, false), 2, 2, 3);
  problem.run(RNNRT_MATH_STRICT, RNNRT_ALGO_PERSIST_STATIC);
  std::string message = takeError();
  EXPECT_NE(message.find("f64 needs algo standard"), std::string::npos)
      << message;
  problem.run(RNNRT_MATH_TF32, RNNRT_ALGO_STANDARD);
  message = takeError();
  EXPECT_NE(message.find("f64 needs math strict"), std::string::npos)
      << message;
}

TEST_F(CUDARuntimeTest, LstmF16TensorOps) {
  expectMatchesReference<_Float16>(lstm(2, 16, 8, true), 5, 4, 2e-2,
                                   RNNRT_MATH_TENSOR_OP);
}

/// Large enough for cuDNN to pick tensor-core GEMMs if it were allowed to:
/// TF32 would miss 1e-5 by two orders of magnitude.
TEST_F(CUDARuntimeTest, StrictF32UsesNoTF32) {
  expectMatchesReference<float>(lstm(2, 128, 64, true), 4, 16, 1e-5);
}

TEST_F(CUDARuntimeTest, LstmTF32) {
  ForwardProblem<float> problem(lstm(2, 128, 64, true), 4, 16, 1);
  problem.run(RNNRT_MATH_TF32);
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  double error = problem.maxError();
  std::printf("tf32 max relative error %.3g\n", error);
  EXPECT_LT(error, 1e-2);
}

/// Persistent algorithms either run and match, or report cuDNN's refusal;
/// either way the next standard call works.
TEST_F(CUDARuntimeTest, PersistentAlgorithmsRunOrReport) {
  for (int64_t algo : {RNNRT_ALGO_PERSIST_STATIC, RNNRT_ALGO_PERSIST_DYNAMIC}) {
    ForwardProblem<_Float16> problem(lstm(1, 64, 64, false), 8, 16, 11);
    problem.run(RNNRT_MATH_TENSOR_OP, algo);
    if (rnnrt_cuda_has_error()) {
      std::string message = takeError();
      std::printf("algo %lld reported: %s\n", static_cast<long long>(algo),
                  message.c_str());
      EXPECT_NE(message.find("cudnn"), std::string::npos) << message;
    } else {
      std::printf("algo %lld ran\n", static_cast<long long>(algo));
      EXPECT_LT(problem.maxError(), 2e-2) << "algo " << algo;
    }
  }
  expectMatchesReference<float>(lstm(1, 4, 3, false), 3, 2, 1e-5);
}

/// A bad call records an error naming the operand; while it is pending,
/// calls do nothing; once taken, the same plan works again.
TEST_F(CUDARuntimeTest, ErrorThenRecovery) {
  ForwardProblem<float> problem(lstm(2, 6, 4, true), 5, 3, 5);
  problem.run();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();

  rnnrt_memref3d goodY = problem.yDesc;
  problem.yDesc.sizes[2] = 6;
  problem.run();
  std::string message = takeError();
  EXPECT_NE(message.find("y has shape [5, 3, 6], expected [5, 3, 12]"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("lstm, num_layers 2"), std::string::npos) << message;
  problem.yDesc = goodY;

  problem.yDesc.strides[0] = 100;
  problem.run();
  EXPECT_NE(takeError().find("y is not contiguous"), std::string::npos);
  problem.yDesc = goodY;

  // Pending error: the valid call leaves y untouched.
  std::vector<double> zeros(problem.y.count, 0.0);
  problem.y.upload(zeros);
  problem.hyDesc.sizes[0] = 1;
  problem.run();
  problem.hyDesc.sizes[0] = 4;
  problem.run();
  EXPECT_EQ(rnnrt_cuda_has_error(), 1);
  EXPECT_EQ(problem.y.download(), zeros);
  EXPECT_NE(takeError().find("hy has shape"), std::string::npos);

  problem.run();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_LT(problem.maxError(), 1e-5);
}

TEST_F(CUDARuntimeTest, WrongWeightSizeIsReported) {
  ForwardProblem<float> problem(lstm(1, 4, 3, false), 2, 2, 5);
  problem.wDesc.sizes[0] -= 1;
  problem.run();
  std::string message = takeError();
  EXPECT_NE(message.find("w has shape"), std::string::npos) << message;
}

TEST_F(CUDARuntimeTest, PlanCacheAcrossShapes) {
  const Config config = withMode(lstm(2, 5, 3, true), RNNRT_MODE_GRU);
  expectMatchesReference<float>(config, 5, 3, 1e-5, RNNRT_MATH_STRICT,
                                RNNRT_ALGO_STANDARD, 1);
  expectMatchesReference<float>(config, 2, 1, 1e-5, RNNRT_MATH_STRICT,
                                RNNRT_ALGO_STANDARD, 2);
  expectMatchesReference<float>(config, 5, 3, 1e-5, RNNRT_MATH_STRICT,
                                RNNRT_ALGO_STANDARD, 3);
}

TEST_F(CUDARuntimeTest, EmptySequenceKeepsStates) {
  ForwardProblem<float> problem(lstm(2, 4, 3, true), 0, 2, 9);
  problem.run();
  ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
  EXPECT_EQ(problem.hy.download(), problem.hostHx);
  EXPECT_EQ(problem.cy.download(), problem.hostCx);
}

void runProblem(void *arg) { static_cast<ForwardProblem<float> *>(arg)->run(); }

TEST_F(CUDARuntimeTest, TimeCalls) {
  ForwardProblem<float> problem(lstm(1, 32, 16, false), 10, 4, 13);
  double times[3] = {-1, -1, -1};
  ASSERT_EQ(rnnrt_cuda_time_calls(runProblem, &problem, 3, times), 0)
      << takeError();
  for (double time : times)
    EXPECT_GT(time, 0.0);
}

TEST_F(CUDARuntimeTest, MemRefAllocationAndCopy) {
  void *aligned = rnnrt_cuda_memref_aligned_alloc(1024, 100);
  ASSERT_NE(aligned, nullptr) << takeError();
  EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % 1024, 0u);
  rnnrt_cuda_memref_free(aligned);

  float values[6] = {1, 2, 3, 4, 5, 6};
  float *src = static_cast<float *>(rnnrt_cuda_memref_alloc(sizeof(values)));
  float *dst = static_cast<float *>(rnnrt_cuda_memref_alloc(sizeof(values)));
  ASSERT_TRUE(src && dst) << takeError();
  ASSERT_EQ(rnnrt_cuda_memcpy(src, values, sizeof(values), 0), 0);
  struct Desc2d {
    void *allocated, *aligned;
    int64_t offset, sizes[2], strides[2];
  };
  Desc2d srcDesc{src, src, 0, {2, 3}, {3, 1}};
  Desc2d dstDesc{dst, dst, 0, {2, 3}, {3, 1}};
  rnnrt_unranked_memref srcArg{2, &srcDesc}, dstArg{2, &dstDesc};
  rnnrt_cuda_memref_copy(sizeof(float), &srcArg, &dstArg);
  float back[6] = {0};
  ASSERT_EQ(rnnrt_cuda_memcpy(back, dst, sizeof(back), 1), 0) << takeError();
  EXPECT_EQ(std::memcmp(back, values, sizeof(values)), 0);

  Desc2d columns{src, src, 0, {2, 2}, {3, 1}};
  Desc2d dense{dst, dst, 0, {2, 2}, {2, 1}};
  rnnrt_unranked_memref columnsArg{2, &columns}, denseArg{2, &dense};
  rnnrt_cuda_memref_copy(sizeof(float), &columnsArg, &denseArg);
  EXPECT_NE(takeError().find("non-contiguous device memref copy is not "
                             "supported"),
            std::string::npos);
  rnnrt_cuda_memref_free(src);
  rnnrt_cuda_memref_free(dst);
}

TEST_F(CUDARuntimeTest, ConstantsAreOwnedByTheirModule) {
  // One host buffer reused by two modules (a freed module's global landing
  // at the same address with the same size): each module gets its own
  // copy, with its own contents.
  static float weights[5] = {1.5f, -2, 3, 0.25f, 8};
  int64_t firstModule = 0, secondModule = 0;
  const int64_t constantsBefore = rnnrt_cuda_constant_count();
  void *first = rnnrt_cuda_constant(&firstModule, weights, sizeof(weights));
  ASSERT_NE(first, nullptr) << takeError();
  EXPECT_NE(firstModule, 0);
  EXPECT_EQ(rnnrt_cuda_constant(&firstModule, weights, sizeof(weights)), first);
  const float firstValues[5] = {1.5f, -2, 3, 0.25f, 8};
  weights[0] = -7.0f;
  weights[4] = 0.5f;
  void *second = rnnrt_cuda_constant(&secondModule, weights, sizeof(weights));
  ASSERT_NE(second, nullptr) << takeError();
  EXPECT_NE(second, first);
  EXPECT_NE(secondModule, firstModule);
  float back[5] = {0};
  ASSERT_EQ(rnnrt_cuda_memcpy(back, first, sizeof(back), 1), 0) << takeError();
  EXPECT_EQ(std::memcmp(back, firstValues, sizeof(back)), 0);
  ASSERT_EQ(rnnrt_cuda_memcpy(back, second, sizeof(back), 1), 0) << takeError();
  EXPECT_EQ(std::memcmp(back, weights, sizeof(back)), 0);
  EXPECT_EQ(rnnrt_cuda_constant_count(), constantsBefore + 2);
  // Releasing a module frees its copies only and resets its slot.
  rnnrt_cuda_release_module(&firstModule);
  EXPECT_EQ(takeError(), "");
  EXPECT_EQ(firstModule, 0);
  EXPECT_EQ(rnnrt_cuda_constant_count(), constantsBefore + 1);
  rnnrt_cuda_release_module(&secondModule);
  EXPECT_EQ(rnnrt_cuda_constant_count(), constantsBefore);
}

} // namespace
