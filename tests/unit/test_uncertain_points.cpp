// pick_uncertain_points: greedy peaks of an uncertainty map, kept apart from each other and from hints.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/uncertain_points.hpp"

using namespace tinge;

namespace {

HintPoint hint_at(double x, double y) {
  HintPoint h;
  h.x = x;
  h.y = y;
  h.size = 5;
  return h;
}

// A 20 x 10 grid of 8-pixel cells (a 160 x 80 image) with three bumps of different heights.
Plane bumps() {
  Plane s(20, 10, 1.f);
  s.at(3, 2) = 9.f;
  s.at(4, 2) = 8.5f;  // beside the highest bump: suppressed by the distance rule
  s.at(15, 7) = 7.f;
  s.at(10, 5) = 5.f;
  return s;
}

TEST(UncertainPoints, HighestFirstAndApart) {
  const auto p = pick_uncertain_points(bumps(), Plane(), 8.0, 8.0, {}, 3, 20.0);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_DOUBLE_EQ(p[0].x, 3.5 * 8);
  EXPECT_DOUBLE_EQ(p[0].y, 2.5 * 8);
  EXPECT_FLOAT_EQ(p[0].score, 9.f);
  EXPECT_DOUBLE_EQ(p[1].x, 15.5 * 8);  // not (4, 2): 8 px from the first
  EXPECT_FLOAT_EQ(p[1].score, 7.f);
  EXPECT_DOUBLE_EQ(p[2].x, 10.5 * 8);
  EXPECT_FLOAT_EQ(p[2].score, 5.f);
  // Without the distance rule the neighbour comes second.
  EXPECT_FLOAT_EQ(pick_uncertain_points(bumps(), Plane(), 8.0, 8.0, {}, 2, 0.0)[1].score, 8.5f);
}

TEST(UncertainPoints, KeepsAwayFromHintsAndInvisibleColour) {
  // A hint on the highest bump: the next ones are picked instead.
  auto p = pick_uncertain_points(bumps(), Plane(), 8.0, 8.0, {hint_at(30, 20)}, 2, 20.0);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_FLOAT_EQ(p[0].score, 7.f);
  EXPECT_FLOAT_EQ(p[1].score, 5.f);
  // Black (L < 8) and white (L > 95) cells are skipped: colour does not show there.
  Plane L(20, 10, 50.f);
  L.at(3, 2) = 3.f;
  L.at(4, 2) = 3.f;
  L.at(15, 7) = 99.f;
  p = pick_uncertain_points(bumps(), L, 8.0, 8.0, {}, 1, 20.0);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_FLOAT_EQ(p[0].score, 5.f);
}

TEST(UncertainPoints, StopsWhenNothingQualifiesAndRefusesBadInput) {
  // A 4 x 4 image of one cell: one point at most, however many are asked for.
  EXPECT_EQ(pick_uncertain_points(Plane(1, 1, 2.f), Plane(), 4.0, 4.0, {}, 5, 10.0).size(), 1u);
  EXPECT_TRUE(pick_uncertain_points(bumps(), Plane(), 8.0, 8.0, {}, 0, 10.0).empty());
  EXPECT_THROW(pick_uncertain_points(Plane(), Plane(), 8.0, 8.0, {}, 1, 1.0), Error);
  EXPECT_THROW(pick_uncertain_points(bumps(), Plane(3, 3), 8.0, 8.0, {}, 1, 1.0), Error);
  EXPECT_THROW(pick_uncertain_points(bumps(), Plane(), 0.0, 8.0, {}, 1, 1.0), Error);
}

}  // namespace
