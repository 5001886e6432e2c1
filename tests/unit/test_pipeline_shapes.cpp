// Strokes and regions through the whole pipeline (colorize): exact colours on the stroke at full
// resolution, fall-off across a strong edge, keep-gray regions neutral inside, and no leak of a
// region's colour across a sharp lightness edge at its border, nor past one a lasso overshoots.
#include <gtest/gtest.h>

#include <cmath>

#include "core/hint_shapes.hpp"
#include "core/pipeline.hpp"
#include "two_parts.hpp"

namespace tinge {
namespace {

float chroma(const LabImage& img, int x, int y) {
  return std::hypot(img.a.at(x, y), img.b.at(x, y));
}

HintPoint gray_point(double x, double y) {
  HintPoint p;
  p.x = x, p.y = y, p.size = 5;
  return p;
}

TEST(PipelineShapes, StrokeIsExactAtFullResolutionWhateverTheWorkingSize) {
  auto gray = make_gray_method();
  auto levin = make_levin_method();
  const Plane L = two_parts(600, 400, 300, 30.f, 80.f);
  HintSet h;
  HintStroke s;
  s.points = {{50, 200}, {120, 180}, {250, 210}};
  s.width = 3;
  s.a = 42.f, s.b = -17.f;
  h.strokes.push_back(s);
  for (Method* m : {gray.get(), levin.get()}) {
    const LabImage out = colorize(L, h, *m);
    Coverage c(600, 400);
    cover_stroke(s.points, 1, 1, stroke_radius(s.width, 1), c);
    int on = 0;
    for (int y = 0; y < 400; ++y)
      for (int x = 0; x < 600; ++x)
        if (c.at(x, y)) {
          ++on;
          ASSERT_EQ(out.a.at(x, y), 42.f) << m->name();
          ASSERT_EQ(out.b.at(x, y), -17.f) << m->name();
        }
    EXPECT_GT(on, 3 * 200);
  }
}

TEST(PipelineShapes, StrokeColourFallsOffAcrossAStrongEdge) {
  auto levin = make_levin_method();
  const Plane L = two_parts(120, 80, 60, 30.f, 80.f);
  HintSet h;
  HintStroke s;
  s.points = {{10, 40}, {50, 40}};
  s.width = 3;
  s.a = 40.f, s.b = 30.f;
  h.strokes.push_back(s);
  h.points.push_back(gray_point(100, 40));
  const LabImage out = colorize(L, h, *levin);
  EXPECT_GT(chroma(out, 55, 20), 40.f);  // the dark part, away from the stroke: its colour
  EXPECT_GT(chroma(out, 30, 70), 40.f);
  for (int y = 0; y < 80; y += 5)
    for (int x = 63; x < 120; x += 3) ASSERT_LT(chroma(out, x, y), 10.f) << x << "," << y;
}

TEST(PipelineShapes, KeepGrayRegionStaysNeutralInside) {
  auto levin = make_levin_method();
  const Plane L = two_parts(120, 80, 60, 30.f, 80.f);
  HintSet h;
  HintRegion r;  // a = b = 0: keep gray; drawn a little across the edge
  r.polygon = {{4, 4}, {64, 4}, {64, 76}, {4, 76}};
  h.regions.push_back(r);
  HintPoint vivid;
  vivid.x = 100, vivid.y = 40, vivid.size = 5, vivid.a = 50.f, vivid.b = 40.f;
  h.points.push_back(vivid);
  const LabImage out = colorize(L, h, *levin);
  Coverage c(120, 80);
  cover_region(r.polygon, 1, 1, c);
  for (int y = 0; y < 80; ++y)
    for (int x = 0; x < 120; ++x)
      if (c.at(x, y) && x < 60) ASSERT_LT(chroma(out, x, y), 3.f) << x << "," << y;
  // The rest takes the vivid hint (chroma 64), less near the edge where the lasso's gray reaches
  // 4 px past it.
  EXPECT_GT(chroma(out, 110, 70), 25.f);
  r.polygon = {{4, 4}, {60, 4}, {60, 76}, {4, 76}};  // drawn on the edge: the rest keeps its colour
  h.regions = {r};
  const LabImage on_edge = colorize(L, h, *levin);
  EXPECT_GT(chroma(on_edge, 110, 70), 50.f);
  EXPECT_LT(chroma(on_edge, 30, 40), 3.f);
}

TEST(PipelineShapes, RegionColourDoesNotLeakPastASharpEdgeAtItsBorder) {
  auto levin = make_levin_method();
  const Plane L = two_parts(160, 100, 80, 30.f, 80.f);
  HintSet h;
  HintRegion r;  // the left part, its right side on the edge
  r.polygon = {{10, 10}, {80, 10}, {80, 90}, {10, 90}};
  r.a = 45.f, r.b = 35.f;
  h.regions.push_back(r);
  h.points.push_back(gray_point(140, 50));
  const LabImage out = colorize(L, h, *levin);
  for (int y = 12; y < 88; ++y) ASSERT_GT(chroma(out, 40, y), 50.f) << y;
  // At most 3 pixels past the edge carry more than a fifth of the region's chroma.
  for (int y = 0; y < 100; ++y)
    for (int x = 83; x < 160; ++x) ASSERT_LT(chroma(out, x, y), 0.2f * 57.f) << x << "," << y;
}

// A lasso drawn past the edge (8 pixels into the light part; the band snapped is a twentieth of the
// short side, 10 pixels here) snaps to it: the light part keeps the gray point's colour as it does
// for a lasso drawn on the edge, and the region's inside keeps its colour.
TEST(PipelineShapes, ALassoDrawnPastAnEdgeSnapsToIt) {
  auto levin = make_levin_method(0);  // at full resolution, so the band is 10 pixels
  const Plane L = two_parts(320, 200, 160, 30.f, 80.f);
  auto with_lasso_to = [&](double right) {
    HintSet h;
    HintRegion r;
    r.polygon = {{20, 20}, {right, 20}, {right, 180}, {20, 180}};
    r.a = 45.f, r.b = 35.f;
    h.regions.push_back(r);
    h.points.push_back(gray_point(280, 100));
    return colorize(L, h, *levin);
  };
  const LabImage on_edge = with_lasso_to(160), past = with_lasso_to(168);
  for (int y = 22; y < 178; ++y) ASSERT_GT(chroma(past, 80, y), 50.f) << y;
  for (int y = 0; y < 200; ++y)
    for (int x = 160; x < 320; ++x) {
      ASSERT_LT(chroma(past, x, y), 0.2f * 57.f) << x << "," << y;
      ASSERT_NEAR(past.a.at(x, y), on_edge.a.at(x, y), 1.f) << x << "," << y;
    }
}

}  // namespace
}  // namespace tinge
