// Suggested colours from a predicted distribution: mode seeking and the undoing of class
// rebalancing (nn/suggest.hpp), on distributions made up for the purpose.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/ab_grid.hpp"
#include "nn/suggest.hpp"

using namespace tinge;

TEST(Suggest, BimodalDistributionGivesBothModesFirst) {
  AbGrid grid;
  std::vector<float> p(size_t(grid.size()), 0.0001f);
  const int red = grid.bin_of(50, 30), blue = grid.bin_of(0, -50);
  p[size_t(red)] = 0.5f;
  p[size_t(blue)] = 0.3f;
  auto s = suggest_from_distribution(grid, p, 50.f, 3);
  ASSERT_GE(s.size(), 2u);
  EXPECT_NEAR(s[0].a, 50, 3);
  EXPECT_NEAR(s[0].b, 30, 3);
  EXPECT_NEAR(s[1].a, 0, 3);
  EXPECT_NEAR(s[1].b, -50, 3);
  EXPECT_GT(s[0].probability, s[1].probability);
}

// A stray local maximum in the far tail of the distribution (a garish colour with no mass) must not
// outrank a colour that carries a large share of the probability.
TEST(Suggest, NegligibleModesComeAfterLikelyColours) {
  AbGrid grid;
  std::vector<float> p(size_t(grid.size()), 0.f);
  for (int b = -20; b <= 20; b += 10)  // one broad mode: 0.1 0.2 0.3 0.2 0.1 along b
    p[size_t(grid.bin_of(0, float(b)))] = 0.3f - 0.1f * float(std::abs(b)) / 10.f;
  const int stray = grid.bin_of(-70, 70);
  ASSERT_GE(stray, 0);
  p[size_t(stray)] = 1e-5f;
  auto s = suggest_from_distribution(grid, p, 60.f, 3);
  ASSERT_GE(s.size(), 2u);
  EXPECT_NEAR(s[0].a, 0, 3);
  EXPECT_NEAR(s[0].b, 0, 3);
  EXPECT_GT(s[1].probability, 0.1f);
  EXPECT_NEAR(s[1].a, 0, 3);  // the mode's flank (b about +-13), not the stray green
  for (size_t i = 0; i + 1 < s.size(); ++i) EXPECT_GE(s[i].probability, s[i + 1].probability) << i;
}

// Class rebalancing skews a distribution by 1 / ((1 - lambda) prior + lambda / Q); unbiasing undoes
// exactly that, so a common colour the skew pushed below a rare one comes first again.
TEST(Suggest, UnbiasingUndoesTheRebalancingWeights) {
  const std::vector<float> prior = {0.7f, 0.2f, 0.1f, 0.0f};
  const std::vector<float> truth = {0.4f, 0.2f, 0.2f, 0.2f};
  const float lambda = 0.5f;
  std::vector<float> skewed(4);
  double sum = 0;
  for (size_t q = 0; q < 4; ++q) sum += skewed[q] = truth[q] / ((1 - lambda) * prior[q] + lambda / 4);
  for (float& v : skewed) v = float(v / sum);
  ASSERT_LT(skewed[0], skewed[3]);  // the rare colour looks likelier than the common one
  unbias_distribution(skewed, prior, lambda);
  for (size_t q = 0; q < 4; ++q) EXPECT_NEAR(skewed[q], truth[q], 1e-6) << q;
  std::vector<float> other = {0.25f, 0.75f};
  unbias_distribution(other, prior, lambda);  // sizes differ: unchanged
  EXPECT_EQ(other, (std::vector<float>{0.25f, 0.75f}));
}
