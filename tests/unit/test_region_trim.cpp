// Snapping a region's border to the lightness edge inside it (core/region_trim.hpp): a lasso drawn
// past an edge loses what lies beyond it, and nothing else; small regions and regions whose border
// band has the inside's lightness are kept whole.
#include <gtest/gtest.h>

#include "core/region_trim.hpp"
#include "two_parts.hpp"

namespace tinge {
namespace {

Coverage rectangle(int w, int h, int x0, int y0, int x1, int y1) {  // [x0, x1) x [y0, y1) covered
  Coverage c(w, h);
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) c.m[size_t(y) * size_t(w) + size_t(x)] = 1;
  return c;
}

int64_t covered(const Coverage& c, int x0, int x1) {  // in columns [x0, x1)
  int64_t n = 0;
  for (int y = 0; y < c.height; ++y)
    for (int x = x0; x < x1; ++x) n += c.at(x, y);
  return n;
}

TEST(RegionTrim, TheBandIsATwentiethOfTheShortSide) {
  EXPECT_DOUBLE_EQ(region_trim_band(256), 12.8);
  EXPECT_DOUBLE_EQ(region_trim_band(10), 2.0);
}

TEST(RegionTrim, ALassoPastAnEdgeLosesWhatLiesBeyondIt) {
  const Plane L = two_parts(100, 60, 50, 30.f, 80.f);
  Coverage c = rectangle(100, 60, 5, 5, 58, 55);  // 8 columns past the edge
  EXPECT_EQ(trim_region(c, L, 0, 0, 10.0), 8 * 50);
  EXPECT_EQ(covered(c, 50, 100), 0);
  EXPECT_EQ(covered(c, 5, 50), 45 * 50);  // the dark inside, up to the edge, stays whole
}

TEST(RegionTrim, BeyondTheBandNothingIsRemoved) {
  const Plane L = two_parts(100, 60, 50, 30.f, 80.f);
  Coverage c = rectangle(100, 60, 5, 5, 95, 55);  // the light part reaches 45 pixels in
  const Coverage before = c;
  trim_region(c, L, 0, 0, 4.0);
  EXPECT_EQ(covered(c, 60, 90), covered(before, 60, 90));  // deep in the region: kept
}

TEST(RegionTrim, ABorderWithTheInsidesLightnessIsKept) {
  // Shading: the inside runs from L 40 to 60, its border band from 35 to 65 (within the margin).
  Plane L(100, 60);
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 100; ++x) L.at(x, y) = 35.f + 30.f * float(x) / 99.f;
  Coverage c = rectangle(100, 60, 0, 0, 100, 60);
  EXPECT_EQ(trim_region(c, L, 0, 0, 8.0), 0);
}

TEST(RegionTrim, SmallRegionsAreKeptWhole) {
  const Plane L = two_parts(40, 40, 20, 30.f, 80.f);
  Coverage c = rectangle(40, 40, 14, 14, 26, 26);  // 12 x 12: no pixel is 8 from its border
  EXPECT_EQ(trim_region(c, L, 0, 0, 8.0), 0);
  EXPECT_EQ(covered(c, 0, 40), 144);
}

TEST(RegionTrim, AWindowReadsTheLightnessAtItsOffset) {
  const Plane L = two_parts(200, 100, 130, 30.f, 80.f);
  // A window at (70, 20) of 70 x 60; the edge is at window column 60.
  Coverage c = rectangle(70, 60, 0, 0, 66, 60);
  EXPECT_EQ(trim_region(c, L, 70, 20, 10.0), 6 * 60);
  EXPECT_EQ(covered(c, 60, 70), 0);
  // Pixels of the window outside L are outside the region.
  Coverage off = rectangle(70, 60, 0, 0, 70, 60);
  trim_region(off, L, 150, 60, 10.0);
  EXPECT_EQ(covered(off, 50, 70), 0);
}

}  // namespace
}  // namespace tinge
