// Tests of the full-resolution pipeline (downscale, method, guided upsampling, hint enforcement,
// saturation) with the gray and levin methods.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/color.hpp"
#include "core/error.hpp"
#include "core/pipeline.hpp"
#include "core/resample.hpp"
#include "two_parts.hpp"

namespace tinge {
namespace {

HintPoint hint(double x, double y, float a, float b, int size) {
  HintPoint p;
  p.x = x;
  p.y = y;
  p.a = a;
  p.b = b;
  p.size = size;
  return p;
}

TEST(Pipeline, GrayIsColourlessExceptEnforcedHints) {
  auto gray = make_gray_method();
  EXPECT_EQ(gray->working_short_side(), 0);
  Plane L = two_parts(80, 60, 40, 20.f, 80.f);
  std::vector<HintPoint> hints = {hint(20.5, 30.5, 25.f, -15.f, 5)};
  LabImage out = colorize(L, hints, *gray);
  ASSERT_EQ(out.width(), 80);
  ASSERT_EQ(out.height(), 60);
  EXPECT_EQ(out.L.v, L.v);
  int coloured = 0;
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 80; ++x) {
      bool in_patch = std::abs(x - 20) <= 2 && std::abs(y - 30) <= 2;
      if (in_patch) {
        EXPECT_EQ(out.a.at(x, y), 25.f);
        EXPECT_EQ(out.b.at(x, y), -15.f);
      }
      coloured += out.a.at(x, y) != 0.f || out.b.at(x, y) != 0.f;
    }
  EXPECT_EQ(coloured, 25);

  PipelineOptions no_enforce;
  no_enforce.enforce_hints = false;
  LabImage plain = colorize(L, hints, *gray, no_enforce);
  for (size_t i = 0; i < plain.a.size(); ++i) ASSERT_EQ(plain.a.v[i] + plain.b.v[i], 0.f);

  PipelineOptions half;  // saturation scales the final chroma, enforced hints included
  half.saturation = 0.5f;
  LabImage muted = colorize(L, hints, *gray, half);
  EXPECT_FLOAT_EQ(muted.a.at(20, 30), 12.5f);
  EXPECT_FLOAT_EQ(muted.b.at(21, 31), -7.5f);
}

// Largest ab distance from each side's hint colour, ignoring pixels within `margin` of the edge.
float worst_region_error(const LabImage& out, int edge, int margin, float al, float bl, float ar, float br) {
  float worst = 0.f;
  for (int y = 0; y < out.height(); ++y)
    for (int x = 0; x < out.width(); ++x) {
      int dist = x >= edge ? x - edge + 1 : edge - x;
      if (dist <= margin) continue;
      bool left = x < edge;
      float da = out.a.at(x, y) - (left ? al : ar), db = out.b.at(x, y) - (left ? bl : br);
      worst = std::max(worst, std::sqrt(da * da + db * db));
    }
  return worst;
}

// Levin propagation is meant for scribbles: one vertical stroke of hint points per region.
TEST(Pipeline, LevinColoursEachRegionAtFullResolution) {
  const int W = 400, H = 300, edge = 203;  // the edge falls inside a working pixel
  Plane L = two_parts(W, H, edge, 30.f, 70.f);
  std::vector<HintPoint> hints;
  for (int i = 0; i < 8; ++i) {
    hints.push_back(hint(100.5, 10.5 + i * 40.0, 45.f, 20.f, 5));
    hints.push_back(hint(300.5, 10.5 + i * 40.0, -35.f, -30.f, 5));
  }
  auto levin = make_levin_method();
  EXPECT_EQ(levin->name(), "levin");
  EXPECT_EQ(levin->working_short_side(), 128);
  LabImage out = colorize(L, hints, *levin);
  ASSERT_EQ(out.width(), W);
  ASSERT_EQ(out.height(), H);
  EXPECT_LT(worst_region_error(out, edge, 3, 45.f, 20.f, -35.f, -30.f), 5.f);
}

// With a single point per region, Levin's 3x3 affinities (cross-edge weight ~e^-7.5 for a step
// edge, whatever its contrast) let ~10% of the other colour leak over the (171 x 128) working
// image, but the full-resolution edge stays sharp: the colour changes within 3 px of it.
TEST(Pipeline, LevinSinglePointHintsKeepTheEdgeSharp) {
  const int W = 400, H = 300, edge = 203;
  Plane L = two_parts(W, H, edge, 30.f, 70.f);
  std::vector<HintPoint> hints = {hint(60.5, 80.5, 45.f, 20.f, 9), hint(330.5, 220.5, -35.f, -30.f, 9)};
  auto levin = make_levin_method();
  LabImage out = colorize(L, hints, *levin);
  EXPECT_LT(worst_region_error(out, edge, 3, 45.f, 20.f, -35.f, -30.f), 15.f);  // 94 apart
  for (int y = 0; y < H; ++y) {
    // Flat on each side up to 3 px from the edge ...
    EXPECT_NEAR(out.a.at(edge - 4, y), out.a.at(edge - 12, y), 0.5f) << "row " << y;
    EXPECT_NEAR(out.a.at(edge + 3, y), out.a.at(edge + 11, y), 0.5f) << "row " << y;
    // ... and the whole step happens in between.
    ASSERT_GT(out.a.at(edge - 4, y) - out.a.at(edge + 3, y), 60.f) << "row " << y;
  }
}

// A method that ignores the working size, to check the pipeline refuses its output.
class WrongSizeMethod : public Method {
 public:
  std::string name() const override { return "wrong"; }
  AbPrediction predict(const Plane& L, const HintPlanes&) override {
    return {Plane(L.width + 1, L.height), Plane(L.width + 1, L.height)};
  }
};

// Numerical safety: all-black and all-white photos with a vivid hint stay black and white (L = 0 and
// 100 hold no colour), finite everywhere, for both built-in methods.
TEST(Pipeline, AllBlackAndAllWhitePhotosStayBlackAndWhite) {
  HintPoint h;
  h.x = 20, h.y = 15, h.a = 80.f, h.b = 70.f, h.size = 9;
  for (auto& method : {make_levin_method(), make_gray_method()})
    for (float level : {0.f, 100.f}) {
      Plane L(64, 48, level);
      LabImage lab = colorize(L, {h}, *method);
      for (size_t i = 0; i < lab.a.v.size(); ++i)
        ASSERT_TRUE(std::isfinite(lab.a.v[i]) && std::isfinite(lab.b.v[i]));
      Rgb8Image rgb = lab_to_srgb8(lab);
      for (uint8_t v : rgb.data) ASSERT_NEAR(int(v), level == 0.f ? 0 : 255, 1) << method->name();
    }
}

TEST(Pipeline, RejectsMethodOutputOfTheWrongSize) {
  WrongSizeMethod m;
  Plane L(300, 200, 50.f);
  EXPECT_THROW(colorize(L, {}, m), Error);
  auto gray = make_gray_method();
  PipelineOptions bad;
  bad.saturation = std::nanf("");
  EXPECT_THROW(colorize(L, {}, *gray, bad), Error);
}

}  // namespace
}  // namespace tinge
