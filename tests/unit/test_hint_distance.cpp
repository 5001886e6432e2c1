// Distance from every pixel to the nearest hinted pixel (model+levin's fading share).
#include <gtest/gtest.h>

#include <cmath>

#include "core/hint_distance.hpp"

namespace tinge {
namespace {

TEST(HintDistance, IsZeroOnHintsAndExactAlongRowsColumnsAndDiagonals) {
  Plane mask(40, 30);
  mask.at(10, 12) = 1.f;
  const Plane d = distance_to_hints(mask);
  ASSERT_EQ(d.width, 40);
  ASSERT_EQ(d.height, 30);
  EXPECT_EQ(d.at(10, 12), 0.f);
  EXPECT_FLOAT_EQ(d.at(39, 12), 29.f);                     // along the row, to the right
  EXPECT_FLOAT_EQ(d.at(0, 12), 10.f);                      // and to the left
  EXPECT_FLOAT_EQ(d.at(10, 0), 12.f);                      // along the column, up
  EXPECT_FLOAT_EQ(d.at(10, 29), 17.f);                     // and down
  EXPECT_NEAR(d.at(20, 22), 10.f * std::sqrt(2.f), 1e-4);  // down-right diagonal
  EXPECT_NEAR(d.at(0, 2), 10.f * std::sqrt(2.f), 1e-4);    // up-left diagonal
}

TEST(HintDistance, IsCloseToTheEuclideanDistanceToTheNearestOfSeveralHints) {
  const int w = 64, h = 48;
  Plane mask(w, h);
  const int hx[] = {5, 50, 30}, hy[] = {5, 10, 40};
  for (int k = 0; k < 3; ++k) mask.at(hx[k], hy[k]) = 1.f;
  const Plane d = distance_to_hints(mask);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      double e = 1e9;
      for (int k = 0; k < 3; ++k) e = std::min(e, std::hypot(double(x - hx[k]), double(y - hy[k])));
      ASSERT_GE(d.at(x, y), e - 1e-3) << x << "," << y;         // never below the true distance
      ASSERT_LE(d.at(x, y), e * 1.09 + 1e-3) << x << "," << y;  // at most ~8 % above
    }
}

TEST(HintDistance, WithoutHintsEveryPixelIsInfinitelyFar) {
  const Plane d = distance_to_hints(Plane(7, 5));
  for (float v : d.v) EXPECT_TRUE(std::isinf(v));
}

}  // namespace
}  // namespace tinge
