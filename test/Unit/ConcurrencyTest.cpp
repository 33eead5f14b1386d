//===- ConcurrencyTest.cpp - The GPU runtime under many threads -----------===//
//
// What a server embedding the runtime relies on: 8 threads calling forwards
// of different configurations and shapes on cuDNN and the cuBLAS fallback
// get, every time, the bits a single thread gets; a failure (an injected
// out-of-memory, a cuDNN refusal) in one thread is that thread's alone and
// the thread's next call works; device selection and host streams work; and
// the plan caches stay within their limits over 10,000 shapes.
//
// RNNRT_TEST_CALLS sets the calls per thread (default 200; fewer under
// compute-sanitizer). RNNRT_CUDA_GRAPHS=0 runs the same without graphs.
//
//===----------------------------------------------------------------------===//

#include "GPUForwardProblem.h"

#include <cuda_runtime_api.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace rnn_test;

/// One thread's work: a configuration, a shape and a library.
struct Job {
  Config config;
  int64_t seqLength, batch;
  bool cublas;
  int64_t algo;
};

const std::vector<Job> &jobs() {
  static const std::vector<Job> all = {
      {lstm(2, 32, 16, true), 7, 3, false, RNNRT_ALGO_STANDARD},
      {withMode(lstm(1, 24, 12, false), RNNRT_MODE_GRU), 5, 9, true, 0},
      {withMode(lstm(1, 16, 16, false), RNNRT_MODE_RNN_RELU), 11, 2, false,
       RNNRT_ALGO_PREFER_PERSIST_STATIC},
      {lstm(3, 16, 8, false), 20, 4, true, 0},
      {lstm(1, 64, 32, false), 9, 1, false, RNNRT_ALGO_PREFER_PERSIST_STATIC},
      {withMode(lstm(2, 8, 5, true), RNNRT_MODE_RNN_TANH), 6, 17, true, 0},
      {withMode(lstm(2, 20, 10, false), RNNRT_MODE_GRU), 13, 6, false,
       RNNRT_ALGO_STANDARD},
      {lstm(1, 40, 24, true), 3, 33, true, 0},
  };
  return all;
}

int64_t callsPerThread() {
  const char *value = std::getenv("RNNRT_TEST_CALLS");
  return value ? std::max(1, std::atoi(value)) : 200;
}

/// A job's problem with its own buffers, and what one thread computed.
struct Worker {
  Worker(const Job &job, unsigned seed)
      : job(job), problem(job.config, job.seqLength, job.batch, seed) {}

  void run() {
    if (job.cublas)
      problem.runCublas();
    else
      problem.run(RNNRT_MATH_STRICT, job.algo);
  }
  std::vector<std::vector<double>> outputs() {
    return {problem.y.download(), problem.hy.download(), problem.cy.download()};
  }

  Job job;
  ForwardProblem<float> problem;
  std::vector<std::vector<double>> expected;
};

/// Runs `body(index)` on `count` threads at once and joins them.
template <typename Body> void onThreads(int count, Body body) {
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i)
    threads.emplace_back(body, i);
  for (std::thread &thread : threads)
    thread.join();
}

/// Single-threaded results of every worker (the reference of the
/// concurrent runs; each is also checked against the double reference).
std::vector<std::unique_ptr<Worker>> makeWorkers(int count) {
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < count; ++i) {
    const Job &job = jobs()[static_cast<size_t>(i) % jobs().size()];
    workers.push_back(std::make_unique<Worker>(job, 100 + i));
    Worker &worker = *workers.back();
    worker.run();
    EXPECT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
    EXPECT_LT(worker.problem.maxError(), 1e-4) << "worker " << i;
    worker.expected = worker.outputs();
  }
  return workers;
}

class ConcurrencyTest : public GPUTest {};

TEST_F(ConcurrencyTest, EightThreadsGetTheSingleThreadedBits) {
  constexpr int kThreads = 8;
  std::vector<std::unique_ptr<Worker>> workers = makeWorkers(kThreads);
  const int64_t calls = callsPerThread();
  std::atomic<int64_t> mismatches{0}, errors{0};
  std::mutex messageMutex;
  std::string firstProblem;
  onThreads(kThreads, [&](int index) {
    Worker &worker = *workers[static_cast<size_t>(index)];
    for (int64_t call = 0; call < calls; ++call) {
      worker.run();
      if (rnnrt_cuda_has_error()) {
        ++errors;
        std::lock_guard<std::mutex> lock(messageMutex);
        if (firstProblem.empty())
          firstProblem = takeError();
        return;
      }
      if (worker.outputs() != worker.expected) {
        ++mismatches;
        std::lock_guard<std::mutex> lock(messageMutex);
        if (firstProblem.empty())
          firstProblem = "thread " + std::to_string(index) + " call " +
                         std::to_string(call) + " differs";
      }
    }
  });
  EXPECT_EQ(errors.load(), 0) << firstProblem;
  EXPECT_EQ(mismatches.load(), 0) << firstProblem;
}

TEST_F(ConcurrencyTest, FaultsStayInTheirThread) {
  constexpr int kThreads = 6;
  std::vector<std::unique_ptr<Worker>> workers = makeWorkers(kThreads);
  const int64_t calls = std::max<int64_t>(callsPerThread() / 4, 5);
  std::atomic<int64_t> othersWrong{0};
  std::string allocationError, refusalError;
  bool refusedRunRight = false, recoveredRight = false;
  std::vector<std::string> remarks;
  static std::mutex remarkMutex;
  static std::vector<std::string> *remarkSink = nullptr;
  remarkSink = &remarks;
  rnnrt_cuda_set_remark_handler([](const char *message) {
    std::lock_guard<std::mutex> lock(remarkMutex);
    remarkSink->push_back(message);
  });
  onThreads(kThreads, [&](int index) {
    if (index == 0) {
      // A new shape needs a plan: its first allocation fails.
      Config config = lstm(1, 12, 7, false);
      ForwardProblem<float> problem(config, 4, 5, 7);
      rnnrt_cuda_inject_fault(RNNRT_FAULT_ALLOCATION, 1);
      problem.run(RNNRT_MATH_STRICT, RNNRT_ALGO_PREFER_PERSIST_STATIC);
      allocationError = takeError();
      problem.run(RNNRT_MATH_STRICT, RNNRT_ALGO_PREFER_PERSIST_STATIC);
      recoveredRight = rnnrt_cuda_has_error() == 0 && problem.maxError() < 1e-4;
      return;
    }
    if (index == 1) {
      // cuDNN refuses a new plan: the call runs on the fallback.
      Config config = withMode(lstm(1, 10, 6, true), RNNRT_MODE_GRU);
      ForwardProblem<float> problem(config, 5, 3, 8);
      rnnrt_cuda_inject_fault(RNNRT_FAULT_CUDNN_REFUSAL, 1);
      problem.run();
      refusalError = takeError();
      refusedRunRight = problem.maxError() < 1e-4;
      return;
    }
    Worker &worker = *workers[static_cast<size_t>(index)];
    for (int64_t call = 0; call < calls; ++call) {
      worker.run();
      if (rnnrt_cuda_has_error() || worker.outputs() != worker.expected)
        ++othersWrong;
    }
    (void)takeError();
  });
  rnnrt_cuda_set_remark_handler(nullptr);
  EXPECT_NE(allocationError.find("out of memory"), std::string::npos)
      << allocationError;
  EXPECT_NE(allocationError.find("lstm"), std::string::npos)
      << "the error names the configuration: " << allocationError;
  EXPECT_TRUE(recoveredRight) << "the failing thread's next call works";
  EXPECT_EQ(refusalError, "") << "a refusal is not an error";
  EXPECT_TRUE(refusedRunRight);
  bool remarked = false;
  for (const std::string &remark : remarks)
    remarked |=
        remark.find("cuDNN does not support gru") != std::string::npos &&
        remark.find("injected") != std::string::npos;
  EXPECT_TRUE(remarked) << "the refusal is remarked";
  EXPECT_EQ(othersWrong.load(), 0);
}

TEST_F(ConcurrencyTest, DeviceSelection) {
  EXPECT_EQ(rnnrt_cuda_set_device(0), 0) << takeError();
  EXPECT_EQ(rnnrt_cuda_get_device(), 0);
  int count = 0;
  ASSERT_EQ(cudaGetDeviceCount(&count), cudaSuccess);
  EXPECT_NE(rnnrt_cuda_set_device(count), 0);
  std::string message = takeError();
  EXPECT_NE(message.find("device " + std::to_string(count) + " does not exist"),
            std::string::npos)
      << message;
  EXPECT_NE(rnnrt_cuda_set_device(-1), 0);
  EXPECT_NE(takeError().find("does not exist"), std::string::npos);
  EXPECT_EQ(rnnrt_cuda_get_device(), 0) << "a refused device changes nothing";
  expectMatchesReference<float>(lstm(1, 8, 4, false), 3, 2, 1e-5);
}

TEST_F(ConcurrencyTest, HostStreams) {
  // Two threads, each on a stream of its own making.
  std::atomic<int> right{0};
  onThreads(2, [&](int index) {
    cudaStream_t stream = nullptr;
    ASSERT_EQ(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking),
              cudaSuccess);
    ASSERT_EQ(rnnrt_cuda_set_stream(stream), 0) << takeError();
    EXPECT_EQ(rnnrt_cuda_get_stream(), stream);
    {
      ForwardProblem<float> problem(lstm(2, 16, 8, index == 1), 6, 4, 20);
      index == 0 ? problem.run() : problem.runCublas();
      if (rnnrt_cuda_has_error() == 0 && problem.maxError() < 1e-4)
        ++right;
    }
    ASSERT_EQ(rnnrt_cuda_set_stream(nullptr), 0);
    EXPECT_NE(rnnrt_cuda_get_stream(), stream);
    cudaStreamSynchronize(stream);
    cudaStreamDestroy(stream);
  });
  EXPECT_EQ(right.load(), 2);
}

/// Bytes the device's default memory pool has handed out.
uint64_t poolBytesInUse() {
  cudaMemPool_t pool;
  EXPECT_EQ(cudaDeviceGetDefaultMemPool(&pool, 0), cudaSuccess);
  uint64_t used = 0;
  EXPECT_EQ(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemCurrent, &used),
            cudaSuccess);
  return used;
}

/// Runs `config` once for every shape (T, B) = (shape / kMaxB + 1,
/// shape % kMaxB + 1) in [first, last) on arrays sized for the largest,
/// calling `check` after every 500th.
template <typename Check>
void runShapes(ForwardProblem<float> &largest, const Config &config,
               bool cublas, int64_t first, int64_t last, int64_t maxBatch,
               Check check) {
  for (int64_t shape = first; shape < last; ++shape) {
    const int64_t T = shape / maxBatch + 1, B = shape % maxBatch + 1;
    largest.xDesc = memref3d(largest.x.data, T, B, config.inputSize);
    largest.hxDesc = memref3d(largest.hx.data, 1, B, config.numUnits);
    largest.yDesc = memref3d(largest.y.data, T, B, config.numUnits);
    largest.hyDesc = memref3d(largest.hy.data, 1, B, config.numUnits);
    cublas ? largest.runCublas() : largest.run();
    ASSERT_EQ(rnnrt_cuda_has_error(), 0) << takeError();
    if (shape % 500 == 499)
      check();
  }
}

TEST_F(ConcurrencyTest, CachesStayWithinTheirLimits) {
  const Config config = withMode(lstm(1, 4, 3, false), RNNRT_MODE_GRU);
  constexpr int64_t kMaxT = 100, kMaxB = 100;
  ForwardProblem<float> largest(config, kMaxT, kMaxB, 3);
  rnnrt_cache_stats stats;

  // The count limit: 10,000 distinct (T, B) shapes per library, at most 8
  // plans per cache at any time, and device memory in use tracks what the
  // caches account for (nothing leaks with the evicted plans).
  constexpr int64_t kMaxPlans = 8;
  rnnrt_cuda_set_cache_limits(kMaxPlans, int64_t(1) << 30);
  const uint64_t usedBefore = poolBytesInUse();
  uint64_t usedMost = usedBefore;
  int64_t planBytesMost = 0;
  for (bool cublas : {true, false})
    runShapes(largest, config, cublas, 0, kMaxT * kMaxB, kMaxB, [&] {
      ASSERT_EQ(rnnrt_cuda_cache_stats(&stats), 0);
      EXPECT_LE(stats.cudnn_plans, kMaxPlans);
      EXPECT_LE(stats.cublas_plans, kMaxPlans);
      planBytesMost = std::max(planBytesMost, stats.plan_bytes);
      usedMost = std::max(usedMost, poolBytesInUse());
    });
  EXPECT_LE(usedMost - usedBefore, uint64_t(planBytesMost + (16 << 20)))
      << "device memory grew by " << (usedMost - usedBefore)
      << " bytes, the caches hold at most " << planBytesMost;

  // The byte limit: at most 1 MiB per cache, or a single plan that is
  // larger on its own.
  constexpr int64_t kMaxBytes = 1 << 20;
  rnnrt_cuda_set_cache_limits(64, kMaxBytes);
  for (bool cublas : {true, false})
    runShapes(largest, config, cublas, 5000, 7000, kMaxB, [&] {
      ASSERT_EQ(rnnrt_cuda_cache_stats(&stats), 0);
      EXPECT_EQ(stats.max_bytes, kMaxBytes);
      EXPECT_TRUE(stats.cudnn_bytes <= kMaxBytes || stats.cudnn_plans == 1)
          << stats.cudnn_plans << " cuDNN plans of " << stats.cudnn_bytes
          << " bytes";
      EXPECT_TRUE(stats.cublas_bytes <= kMaxBytes || stats.cublas_plans == 1)
          << stats.cublas_plans << " cuBLAS plans of " << stats.cublas_bytes
          << " bytes";
    });
  rnnrt_cuda_set_cache_limits(64, int64_t(1) << 30);
}

} // namespace
