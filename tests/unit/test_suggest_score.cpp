// Hit rates of suggested colours: the first suggestion within the radius counts, at its rank.
#include <gtest/gtest.h>

#include "core/suggest_score.hpp"

namespace tinge {
namespace {

TEST(SuggestScore, FirstHitIsTheRankOfTheFirstSuggestionInsideTheRadius) {
  const std::vector<std::array<float, 2>> s = {{40, 40}, {10, 2}, {9, 1}, {-30, 0}};
  EXPECT_EQ(first_hit(s, 10, 0, 5), 1);   // (10, 2) is 2 away; (9, 1) also inside but later
  EXPECT_EQ(first_hit(s, -26, 3, 5), 3);  // exactly 5 away counts
  EXPECT_EQ(first_hit(s, -26, 3, 4.9f), -1);
  EXPECT_EQ(first_hit({}, 0, 0, 100), -1);
}

TEST(SuggestScore, HitRateCountsRanksBelowK) {
  HitRate h;
  EXPECT_EQ(h.at(8), 0.0);
  for (int r : {0, 2, -1, 7}) h.add(r);
  EXPECT_EQ(h.probes(), 4);
  EXPECT_DOUBLE_EQ(h.at(1), 0.25);
  EXPECT_DOUBLE_EQ(h.at(3), 0.5);
  EXPECT_DOUBLE_EQ(h.at(8), 0.75);
}

}  // namespace
}  // namespace tinge
