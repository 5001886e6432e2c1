// Strokes and regions: which pixels they cover (hint_shapes), how they enter the hint planes
// (rasterize_hint_set: regions, strokes over them, points on top) and how they are laid over a
// full-resolution result (hint_enforce: exact strokes, regions feathered inside their border).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/error.hpp"
#include "core/hint_enforce.hpp"
#include "core/hint_shapes.hpp"
#include "core/hints.hpp"

namespace tinge {
namespace {

HintStroke stroke(std::vector<HintVertex> pts, double width, float a, float b) {
  HintStroke s;
  s.points = std::move(pts);
  s.width = width;
  s.a = a;
  s.b = b;
  return s;
}

HintRegion region(std::vector<HintVertex> poly, float a, float b) {
  HintRegion r;
  r.polygon = std::move(poly);
  r.a = a;
  r.b = b;
  return r;
}

int count(const Coverage& c) {
  int n = 0;
  for (uint8_t v : c.m) n += v != 0;
  return n;
}

TEST(HintShapes, HorizontalStrokeCoversItsBand) {
  Coverage c(40, 20);
  // From x = 5 to 25 along the row centres y = 10.5, radius 1.5: rows 9..11, x 4..25 (round caps
  // reach 1.5 px past the ends: pixel centres 3.5 and 26.5 lie exactly on the caps' edges' outside).
  const int64_t n = cover_stroke({{5.5, 10.5}, {25.5, 10.5}}, 1.0, 1.0, 1.5, c);
  EXPECT_EQ(n, count(c));
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 40; ++x) {
      const double dx = x + 0.5 < 5.5 ? 5.5 - (x + 0.5) : (x + 0.5 > 25.5 ? x + 0.5 - 25.5 : 0.0);
      const double dy = y + 0.5 - 10.5;
      EXPECT_EQ(c.at(x, y), dx * dx + dy * dy <= 1.5 * 1.5) << x << "," << y;
    }
  // Covering again marks nothing new.
  EXPECT_EQ(cover_stroke({{5.5, 10.5}, {25.5, 10.5}}, 1.0, 1.0, 1.5, c), 0);
}

TEST(HintShapes, ThinStrokeStillCoversEveryPixelItCrosses) {
  Coverage c(30, 30);
  cover_stroke({{0.2, 0.3}, {29.7, 29.9}}, 1.0, 1.0, 0.0, c);  // radius 0 -> kMinStrokeRadius
  for (int k = 0; k < 30; ++k) EXPECT_TRUE(c.at(k, k)) << k;
  EXPECT_LT(count(c), 30 * 4);
}

TEST(HintShapes, OnePointStrokeIsADot) {
  Coverage c(20, 20);
  cover_stroke({{10, 10}}, 1.0, 1.0, 2.0, c);
  EXPECT_TRUE(c.at(9, 9) && c.at(10, 10) && c.at(9, 10) && c.at(10, 9));
  EXPECT_FALSE(c.at(12, 12));
  EXPECT_GE(count(c), 4);
  EXPECT_LE(count(c), 16);
}

TEST(HintShapes, StrokeScalesToTheGrid) {
  Coverage c(50, 50);
  // Original 100 x 100, grid 50 x 50: the polyline halves.
  cover_stroke({{20, 40}, {80, 40}}, 0.5, 0.5, 1.0, c);
  EXPECT_TRUE(c.at(10, 19) || c.at(10, 20));
  EXPECT_TRUE(c.at(39, 19) || c.at(39, 20));
  EXPECT_FALSE(c.at(45, 20));
}

TEST(HintShapes, SquareRegionCoversItsInside) {
  Coverage c(20, 20);
  const int64_t n = cover_region({{2, 3}, {12, 3}, {12, 9}, {2, 9}}, 1.0, 1.0, c);
  EXPECT_EQ(n, 10 * 6);
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 20; ++x) EXPECT_EQ(c.at(x, y), x >= 2 && x < 12 && y >= 3 && y < 9) << x << "," << y;
}

TEST(HintShapes, RegionWindingAndOrientation) {
  // Clockwise and anticlockwise give the same inside; a polygon drawn round twice is still inside.
  Coverage cw(20, 20), ccw(20, 20), twice(20, 20);
  cover_region({{1, 1}, {15, 1}, {15, 15}, {1, 15}}, 1, 1, cw);
  cover_region({{1, 1}, {1, 15}, {15, 15}, {15, 1}}, 1, 1, ccw);
  cover_region({{1, 1}, {15, 1}, {15, 15}, {1, 15}, {1, 1}, {15, 1}, {15, 15}, {1, 15}}, 1, 1, twice);
  EXPECT_EQ(cw.m, ccw.m);
  EXPECT_EQ(cw.m, twice.m);
  EXPECT_EQ(count(cw), 14 * 14);
  // A self-intersecting bow tie covers both of its triangles and nothing outside them.
  Coverage bow(20, 20);
  cover_region({{0, 0}, {20, 20}, {20, 0}, {0, 20}}, 1, 1, bow);
  // (0,0)-(20,20)-(20,0)-(0,20): the triangles left and right of the crossing at (10, 10).
  EXPECT_TRUE(bow.at(3, 10) && bow.at(16, 10));
  EXPECT_FALSE(bow.at(10, 3) || bow.at(10, 16));
}

TEST(HintShapes, TinyOrFarRegionsStayBounded) {
  Coverage c(10, 10);
  // Smaller than a pixel: the pixel holding it.
  EXPECT_EQ(cover_region({{4.2, 4.2}, {4.4, 4.2}, {4.3, 4.4}}, 1, 1, c), 1);
  EXPECT_TRUE(c.at(4, 4));
  // Huge coordinates covering the whole grid do not overflow.
  Coverage all(10, 10);
  cover_region({{-1e300, -1e300}, {1e300, -1e300}, {1e300, 1e300}, {-1e300, 1e300}}, 1, 1, all);
  EXPECT_EQ(count(all), 100);
  Coverage far(10, 10);
  cover_stroke({{-1e12, 5}, {1e12, 5}}, 1, 1, 1, far);
  EXPECT_EQ(count(far), 20);  // rows 4 and 5: centres 4.5 and 5.5 lie within 1 of y = 5
}

TEST(HintShapes, RasterizeHintSetPutsPointsOverStrokesOverRegions) {
  HintSet h;
  h.regions.push_back(region({{0, 0}, {20, 0}, {20, 20}, {0, 20}}, 1.f, 1.f));
  h.strokes.push_back(stroke({{0, 10.5}, {20, 10.5}}, 3, 2.f, 2.f));
  HintPoint p;
  p.x = 10.5, p.y = 10.5, p.size = 1, p.a = 3.f, p.b = 3.f;
  h.points.push_back(p);
  const HintPlanes hp = rasterize_hint_set(h, 20, 20, 20, 20);
  EXPECT_EQ(hp.count, 3);
  EXPECT_EQ(hp.a.at(3, 3), 1.f);
  EXPECT_EQ(hp.a.at(3, 10), 2.f);
  EXPECT_EQ(hp.a.at(10, 10), 3.f);
  for (float m : hp.mask.v) EXPECT_EQ(m, 1.f);
  // The points alone give what rasterize_hints gives.
  const HintPlanes only = rasterize_hint_set(HintSet({p}), 20, 20, 20, 20);
  const HintPlanes old = rasterize_hints({p}, 20, 20, 20, 20);
  EXPECT_EQ(only.mask.v, old.mask.v);
  EXPECT_EQ(only.a.v, old.a.v);
}

TEST(HintShapes, RasterizeHintSetRejectsBrokenShapes) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  HintSet empty_stroke;
  empty_stroke.strokes.push_back(stroke({}, 3, 0, 0));
  EXPECT_THROW(rasterize_hint_set(empty_stroke, 10, 10, 10, 10), Error);
  HintSet two;
  two.regions.push_back(region({{0, 0}, {5, 5}}, 0, 0));
  EXPECT_THROW(rasterize_hint_set(two, 10, 10, 10, 10), Error);
  HintSet bad;
  bad.strokes.push_back(stroke({{1, nan}}, 3, 0, 0));
  EXPECT_THROW(rasterize_hint_set(bad, 10, 10, 10, 10), Error);
  HintSet width;
  width.strokes.push_back(stroke({{1, 1}}, std::numeric_limits<double>::infinity(), 0, 0));
  EXPECT_THROW(rasterize_hint_set(width, 10, 10, 10, 10), Error);
}

TEST(HintEnforce, StrokePixelsTakeExactlyTheStrokesColour) {
  Plane a(60, 40, 7.f), b(60, 40, -7.f);
  HintSet h;
  h.strokes.push_back(stroke({{10, 20}, {50, 20}}, 4, 35.f, -12.f));
  enforce_hints(h, a, b, 1.5);
  Coverage c(60, 40);
  cover_stroke(h.strokes[0].points, 1, 1, stroke_radius(4, 1), c);
  int on = 0;
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 60; ++x) {
      if (c.at(x, y)) {
        ++on;
        EXPECT_EQ(a.at(x, y), 35.f);
        EXPECT_EQ(b.at(x, y), -12.f);
      } else {
        EXPECT_EQ(a.at(x, y), 7.f);
        EXPECT_EQ(b.at(x, y), -7.f);
      }
    }
  EXPECT_GT(on, 40 * 3);
}

TEST(HintEnforce, RegionIsExactInsideFeatheredAtItsBorderAndUntouchedOutside) {
  Plane a(60, 60), b(60, 60);
  HintSet h;
  h.regions.push_back(region({{10, 10}, {50, 10}, {50, 50}, {10, 50}}, 20.f, 40.f));
  enforce_hints(h, a, b, 3.0);
  EXPECT_EQ(a.at(30, 30), 20.f);
  EXPECT_EQ(b.at(30, 30), 40.f);
  EXPECT_EQ(a.at(14, 30), 20.f);  // 4 px inside
  EXPECT_GT(a.at(10, 30), 0.f);   // on the border: part of the way
  EXPECT_LT(a.at(10, 30), 20.f);
  EXPECT_EQ(a.at(9, 30), 0.f);  // outside
  EXPECT_EQ(a.at(55, 55), 0.f);
}

TEST(HintEnforce, PointsLieOverStrokesAndStrokesOverRegions) {
  Plane a(30, 30), b(30, 30);
  HintSet h;
  h.regions.push_back(region({{0, 0}, {30, 0}, {30, 30}, {0, 30}}, 1.f, 0.f));
  h.strokes.push_back(stroke({{0, 15}, {30, 15}}, 3, 2.f, 0.f));
  HintPoint p;
  p.x = 15, p.y = 15, p.size = 3, p.a = 3.f;
  h.points.push_back(p);
  enforce_hints(h, a, b, 1.0);
  EXPECT_EQ(a.at(15, 15), 3.f);
  EXPECT_EQ(a.at(5, 15), 2.f);
  EXPECT_EQ(a.at(15, 5), 1.f);
}

TEST(HintEnforce, ShapesOutsideTheImageChangeNothing) {
  Plane a(20, 20, 5.f), b(20, 20, 5.f);
  HintSet h;
  h.strokes.push_back(stroke({{100, 100}, {200, 150}}, 9, 50.f, 50.f));
  h.regions.push_back(region({{-50, -50}, {-40, -50}, {-40, -40}}, 50.f, 50.f));
  enforce_hints(h, a, b, 1.5);
  for (float v : a.v) ASSERT_EQ(v, 5.f);
  for (float v : b.v) ASSERT_EQ(v, 5.f);
}

TEST(HintEnforce, FeatherFollowsTheWorkingScale) {
  EXPECT_DOUBLE_EQ(region_feather(256, 256), 1.5);
  EXPECT_DOUBLE_EQ(region_feather(1024, 256), 6.0);
  EXPECT_DOUBLE_EQ(region_feather(100, 0), 1.5);
}

}  // namespace
}  // namespace tinge
