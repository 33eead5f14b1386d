//===- ShapeCheckTest.cpp - The run-time dimension checks -----------------===//
//
// rnnrt_check_same_size, rnnrt_has_error and rnnrt_take_error of the CPU
// runtime (lib/Support/ShapeCheck.cpp): the message of a mismatch, the first
// error of a thread kept until taken, and errors that stay in their thread.
//
//===----------------------------------------------------------------------===//

#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Runtime/ShapeCheckCodes.h"

#include "gtest/gtest.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

/// Takes any error a previous test of this thread left behind.
class ShapeCheckTest : public ::testing::Test {
protected:
  void SetUp() override { rnnrt_take_error(); }
  void TearDown() override { rnnrt_take_error(); }
};

TEST_F(ShapeCheckTest, MatchReturnsOneAndRecordsNothing) {
  EXPECT_EQ(rnnrt_check_same_size(RNNRT_OP_LSTM, RNNRT_OPERAND_H_0, 1, 5,
                                  RNNRT_OPERAND_X, 1, 5),
            1);
  EXPECT_EQ(rnnrt_has_error(), 0);
  EXPECT_STREQ(rnnrt_take_error(), "");
}

TEST_F(ShapeCheckTest, MismatchNamesBothOperandsAndSizes) {
  EXPECT_EQ(rnnrt_check_same_size(RNNRT_OP_LSTM, RNNRT_OPERAND_H_0, 1, 3,
                                  RNNRT_OPERAND_X, 1, 5),
            0);
  EXPECT_EQ(rnnrt_has_error(), 1);
  EXPECT_EQ(std::string(rnnrt_take_error()),
            "rnn.lstm: dimension 1 of h_0 is 3, but dimension 1 of x is 5 "
            "(they must match)");
  EXPECT_EQ(rnnrt_has_error(), 0);
  EXPECT_STREQ(rnnrt_take_error(), "");
}

TEST_F(ShapeCheckTest, FirstErrorStaysUntilTaken) {
  EXPECT_EQ(rnnrt_check_same_size(RNNRT_OP_GRU, RNNRT_OPERAND_Y, 0, 7,
                                  RNNRT_OPERAND_X, 0, 8),
            0);
  // A second mismatch and a match before the error is taken leave it as is.
  EXPECT_EQ(rnnrt_check_same_size(RNNRT_OP_LSTM, RNNRT_OPERAND_C_0, 1, 2,
                                  RNNRT_OPERAND_X, 1, 4),
            0);
  EXPECT_EQ(rnnrt_check_same_size(RNNRT_OP_LSTM, RNNRT_OPERAND_C_0, 1, 4,
                                  RNNRT_OPERAND_X, 1, 4),
            1);
  EXPECT_EQ(rnnrt_has_error(), 1);
  EXPECT_EQ(std::string(rnnrt_take_error()),
            "rnn.gru: dimension 0 of y is 7, but dimension 0 of x is 8 "
            "(they must match)");

  // After taking it, the next check works and records its own error.
  EXPECT_EQ(rnnrt_check_same_size(RNNRT_OP_RNN_TANH, RNNRT_OPERAND_H_N, 1, 6,
                                  RNNRT_OPERAND_H_0, 1, 6),
            1);
  EXPECT_EQ(rnnrt_has_error(), 0);
  EXPECT_EQ(rnnrt_check_same_size(RNNRT_OP_RNN_RELU, RNNRT_OPERAND_H_N, 1, 9,
                                  RNNRT_OPERAND_H_0, 1, 6),
            0);
  EXPECT_EQ(std::string(rnnrt_take_error()),
            "rnn.rnn_relu: dimension 1 of h_n is 9, but dimension 1 of h_0 "
            "is 6 (they must match)");
}

TEST_F(ShapeCheckTest, ErrorsStayInTheirThread) {
  constexpr int numThreads = 8;
  constexpr int mismatching = 5;
  std::atomic<int> checked{0};
  std::atomic<bool> release{false};
  std::vector<int> results(numThreads, -1);
  std::vector<int> pending(numThreads, -1);
  std::vector<std::string> messages(numThreads);
  std::vector<std::thread> threads;
  for (int index = 0; index < numThreads; ++index) {
    threads.emplace_back([&, index] {
      int64_t size = index == mismatching ? 4 : 2;
      results[index] = rnnrt_check_same_size(RNNRT_OP_LSTM, RNNRT_OPERAND_X, 1,
                                             size, RNNRT_OPERAND_H_0, 1, 2);
      // Every thread has checked before any looks at its error, so the
      // mismatching thread's error exists while the others look.
      ++checked;
      while (!release.load())
        std::this_thread::yield();
      pending[index] = rnnrt_has_error();
      messages[index] = rnnrt_take_error();
    });
  }
  while (checked.load() != numThreads)
    std::this_thread::yield();
  // Nor does the main thread see it.
  EXPECT_EQ(rnnrt_has_error(), 0);
  release = true;
  for (std::thread &thread : threads)
    thread.join();

  for (int index = 0; index < numThreads; ++index) {
    SCOPED_TRACE("thread " + std::to_string(index));
    if (index == mismatching) {
      EXPECT_EQ(results[index], 0);
      EXPECT_EQ(pending[index], 1);
      EXPECT_EQ(messages[index], "rnn.lstm: dimension 1 of x is 4, but "
                                 "dimension 1 of h_0 is 2 (they must match)");
    } else {
      EXPECT_EQ(results[index], 1);
      EXPECT_EQ(pending[index], 0);
      EXPECT_EQ(messages[index], "");
    }
  }
  EXPECT_EQ(rnnrt_has_error(), 0);
}

} // namespace
