//===- DropoutMaskTest.cpp - The shared dropout mask ----------------------===//
//
// rnnrt::DropoutMask against a re-implementation written from the documented
// definition (splitmix64's output function applied to a counter, indexed by
// step, batch row and unit), and its keep statistics.
//
//===----------------------------------------------------------------------===//

#include "rnn/Support/DropoutMask.h"

#include "gtest/gtest.h"

#include <cstdint>

namespace {

/// The output function of Vigna's splitmix64 generator, whose state
/// advances by the golden-ratio increment 0x9e3779b97f4a7c15.
uint64_t splitmix64Output(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// The documented decision for element (step, row, unit) of a layer output
/// [*, batch, width]: the counter is the element's row-major position plus
/// `seed` golden-ratio increments plus the layer; the element survives
/// unless the hash's 24-bit prefix lies below rate * 2^24.
bool referenceKeeps(uint64_t seed, uint64_t layer, double rate, int64_t step,
                    int64_t row, int64_t unit, int64_t batch, int64_t width) {
  uint64_t position = uint64_t(step) * uint64_t(batch) * uint64_t(width) +
                      uint64_t(row) * uint64_t(width) + uint64_t(unit);
  uint64_t counter = position + layer;
  for (uint64_t i = 0; i < seed; ++i)
    counter += 0x9e3779b97f4a7c15ULL;
  uint64_t prefix = splitmix64Output(counter) / (uint64_t(1) << 40);
  auto cutoff = static_cast<uint64_t>(rate * 16777216.0);
  return !(prefix < cutoff);
}

TEST(DropoutMask, MatchesTheDocumentedDefinition) {
  const int64_t steps = 5, batch = 3, width = 200; // 3000 elements
  for (uint64_t seed : {0u, 1u, 7u, 1234u})
    for (uint64_t layer : {0u, 1u, 2u})
      for (double rate : {0.1, 0.25, 0.5, 0.9}) {
        rnnrt::DropoutMask mask(seed, layer, rate);
        for (int64_t t = 0; t < steps; ++t)
          for (int64_t b = 0; b < batch; ++b)
            for (int64_t u = 0; u < width; ++u) {
              uint64_t index = rnnrt::dropoutIndex(t, b, u, batch, width);
              bool expected =
                  referenceKeeps(seed, layer, rate, t, b, u, batch, width);
              ASSERT_EQ(mask.keeps(index), expected)
                  << "seed " << seed << " layer " << layer << " rate " << rate
                  << " at (" << t << ", " << b << ", " << u << ")";
              ASSERT_EQ(rnnrt::dropoutKeeps(seed, layer, rate, index),
                        expected);
            }
      }
}

TEST(DropoutMask, KeepsOneMinusRate) {
  const uint64_t count = 200000;
  for (double rate : {0.0, 0.1, 0.3, 0.5, 0.75, 0.95}) {
    rnnrt::DropoutMask mask(/*seed=*/42, /*layer=*/1, rate);
    uint64_t kept = 0;
    for (uint64_t i = 0; i < count; ++i)
      kept += mask.keeps(i);
    double fraction = double(kept) / double(count);
    // Binomial standard deviation <= 0.0012 here: 0.005 is > 4 sigma.
    EXPECT_NEAR(fraction, 1.0 - rate, 0.005) << "rate " << rate;
  }
}

TEST(DropoutMask, SeedAndLayerChangeTheMask) {
  rnnrt::DropoutMask base(3, 0, 0.5), otherSeed(4, 0, 0.5),
      otherLayer(3, 1, 0.5);
  int differSeed = 0, differLayer = 0;
  for (uint64_t i = 0; i < 4096; ++i) {
    differSeed += base.keeps(i) != otherSeed.keeps(i);
    differLayer += base.keeps(i) != otherLayer.keeps(i);
  }
  // Independent masks at rate 0.5 disagree on about half the elements.
  EXPECT_GT(differSeed, 1700);
  EXPECT_GT(differLayer, 1700);
}

TEST(DropoutMask, ScaleIsInverted) {
  EXPECT_DOUBLE_EQ(rnnrt::dropoutScale(0.25), 1.0 / 0.75);
  EXPECT_DOUBLE_EQ(rnnrt::dropoutScale(0.0), 1.0);
}

} // namespace
