// Tests of plane resizing, working-size selection and guided (joint bilateral) chroma upsampling.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "core/resample.hpp"

namespace tinge {
namespace {

Plane ramp(int w, int h) {
  Plane p(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) p.at(x, y) = float(x * 3 + y * 7 % 11);
  return p;
}

double mean(const Plane& p) {
  double s = 0;
  for (float v : p.v) s += v;
  return s / double(p.size());
}

TEST(Resample, AreaIntegerFactorIsBlockMean) {
  Plane src(4, 4);
  for (int i = 0; i < 16; ++i) src.v[size_t(i)] = float(i * i);
  Plane d = resize_area(src, 2, 2);
  ASSERT_EQ(d.width, 2);
  ASSERT_EQ(d.height, 2);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 2; ++x) {
      float m = (src.at(2 * x, 2 * y) + src.at(2 * x + 1, 2 * y) + src.at(2 * x, 2 * y + 1) +
                 src.at(2 * x + 1, 2 * y + 1)) /
                4.f;
      EXPECT_NEAR(d.at(x, y), m, 1e-4f);
    }
}

TEST(Resample, AreaNonIntegerFactorWeighsPartialPixels) {
  Plane src(3, 1);
  src.v = {1.f, 4.f, 10.f};
  Plane d = resize_area(src, 2, 1);  // boxes [0, 1.5) and [1.5, 3)
  EXPECT_NEAR(d.v[0], (1.f + 0.5f * 4.f) / 1.5f, 1e-5f);
  EXPECT_NEAR(d.v[1], (0.5f * 4.f + 10.f) / 1.5f, 1e-5f);
}

TEST(Resample, AreaShrinkPreservesMeanForOddFactors) {
  Plane src = ramp(101, 77);
  Plane d = resize_area(src, 33, 20);
  EXPECT_NEAR(mean(d), mean(src), 1e-3);
}

TEST(Resample, AreaEnlargeIsBilinear) {
  Plane src = ramp(5, 4);
  Plane a = resize_area(src, 13, 9), b = resize_bilinear(src, 13, 9);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_FLOAT_EQ(a.v[i], b.v[i]);
}

TEST(Resample, BilinearUsesHalfPixelCentres) {
  Plane src(2, 1);
  src.v = {0.f, 4.f};
  Plane d = resize_bilinear(src, 4, 1);  // x_src = -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
  EXPECT_NEAR(d.v[0], 0.f, 1e-6f);
  EXPECT_NEAR(d.v[1], 1.f, 1e-6f);
  EXPECT_NEAR(d.v[2], 3.f, 1e-6f);
  EXPECT_NEAR(d.v[3], 4.f, 1e-6f);
}

TEST(Resample, SameSizeIsIdentityAndBadSizeThrows) {
  Plane src = ramp(7, 5);
  EXPECT_EQ(resize_area(src, 7, 5).v, src.v);
  EXPECT_EQ(resize_bilinear(src, 7, 5).v, src.v);
  EXPECT_THROW(resize_area(src, 0, 5), Error);
  EXPECT_THROW(resize_bilinear(Plane(), 3, 3), Error);
}

TEST(Resample, WorkingSize) {
  int w = 0, h = 0;
  working_size(4000, 3000, 256, w, h);
  EXPECT_EQ(w, 341);
  EXPECT_EQ(h, 256);
  working_size(3000, 4000, 256, w, h);
  EXPECT_EQ(w, 256);
  EXPECT_EQ(h, 341);
  working_size(200, 100, 256, w, h);  // never upscales
  EXPECT_EQ(w, 200);
  EXPECT_EQ(h, 100);
  working_size(4000, 3000, 0, w, h);  // 0 keeps the size
  EXPECT_EQ(w, 4000);
  EXPECT_EQ(h, 3000);
  working_size(4000, 3000, -5, w, h);
  EXPECT_EQ(w, 4000);
  working_size(30, 80, 10, w, h);  // 26.67 rounds, short side exact
  EXPECT_EQ(w, 10);
  EXPECT_EQ(h, 27);
  working_size(2048, 256, 256, w, h);  // 8:1 is the longest strip kept at full size
  EXPECT_EQ(w, 2048);
  EXPECT_EQ(h, 256);
  // Longer strips are scaled to 8 x short_side^2 pixels, aspect kept, even when short enough.
  for (auto [W, H, s] : {std::array<int, 3>{16000, 127, 128}, {127, 16000, 128}, {40000, 3000, 256}}) {
    working_size(W, H, s, w, h);
    EXPECT_LE(double(w) * h, 8.0 * s * s) << W << "x" << H;
    EXPECT_GT(double(w) * h, 0.97 * 8.0 * s * s) << W << "x" << H;
    EXPECT_NEAR(double(w) / h, double(W) / H, 0.03 * double(W) / H) << W << "x" << H;
  }
  working_size(5000, 1, 1, w, h);  // a side never goes below one pixel
  EXPECT_EQ(h, 1);
  EXPECT_GE(w, 1);
  EXPECT_THROW(working_size(0, 10, 256, w, h), Error);
}

TEST(GuidedUpsample, SameSizeIsUnchanged) {
  Plane L = ramp(9, 6), a = ramp(9, 6), b(9, 6, -3.f), ao, bo;
  a.at(3, 2) = 55.f;
  guided_upsample_ab(L, a, b, L, ao, bo);
  EXPECT_EQ(ao.v, a.v);
  EXPECT_EQ(bo.v, b.v);
}

TEST(GuidedUpsample, ConstantChromaStaysConstant) {
  Plane L_full(97, 61);
  for (int y = 0; y < 61; ++y)
    for (int x = 0; x < 97; ++x) L_full.at(x, y) = float((x * 37 + y * 91) % 100);  // busy texture
  Plane L_low = resize_area(L_full, 24, 15);
  Plane a(24, 15, 17.5f), b(24, 15, -42.f), ao, bo;
  guided_upsample_ab(L_low, a, b, L_full, ao, bo);
  ASSERT_EQ(ao.width, 97);
  ASSERT_EQ(ao.height, 61);
  for (size_t i = 0; i < ao.size(); ++i) {
    ASSERT_NEAR(ao.v[i], 17.5f, 1e-3f);
    ASSERT_NEAR(bo.v[i], -42.f, 1e-3f);
  }
}

TEST(GuidedUpsample, MismatchedPlanesThrow) {
  Plane L_low(8, 8), a(8, 8), b(7, 8), L_full(32, 32), ao, bo;
  EXPECT_THROW(guided_upsample_ab(L_low, a, b, L_full, ao, bo), Error);
}

// A sharp lightness edge at full-res column `edge` (dark before, bright from it on), chroma that
// follows the edge; low-res inputs are area averages (so the low-res edge pixel is mixed).
// Returns the largest chroma error more than `margin` pixels from the edge, over every line.
// With `transpose` the edge is horizontal instead.
float edge_leak(bool transpose, bool guided, int margin) {
  const int n_across = 256, n_along = 64, edge = 130, f = 4;
  const int W = transpose ? n_along : n_across, H = transpose ? n_across : n_along;
  const float La = 30.f, Lb = 70.f, aa = 40.f, ab = -40.f, ba = -20.f, bb = 30.f;
  Plane L(W, H), A(W, H), B(W, H);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      bool bright = (transpose ? y : x) >= edge;
      L.at(x, y) = bright ? Lb : La;
      A.at(x, y) = bright ? ab : aa;
      B.at(x, y) = bright ? bb : ba;
    }
  const int w = W / f, h = H / f;
  Plane L_low = resize_area(L, w, h), a_low = resize_area(A, w, h), b_low = resize_area(B, w, h);
  Plane ao, bo;
  if (guided) {
    guided_upsample_ab(L_low, a_low, b_low, L, ao, bo);
  } else {
    ao = resize_bilinear(a_low, W, H);
    bo = resize_bilinear(b_low, W, H);
  }
  float worst = 0.f;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      int c = transpose ? y : x;
      int dist = c >= edge ? c - edge + 1 : edge - c;  // 1 for the two pixels touching the edge
      if (dist <= margin) continue;
      worst = std::max(worst, std::abs(ao.at(x, y) - A.at(x, y)));
      worst = std::max(worst, std::abs(bo.at(x, y) - B.at(x, y)));
    }
  return worst;
}

TEST(GuidedUpsample, ColourStaysOnItsSideOfAnEdge) {
  EXPECT_LE(edge_leak(false, true, 3), 2.f);
  EXPECT_LE(edge_leak(true, true, 3), 2.f);
  // The same check fails for plain bilinear upsampling: the test can tell the difference.
  EXPECT_GT(edge_leak(false, false, 3), 2.f);
}

// At 12 MP (the sizes and indices of a large photo; its time is `tinge bench`'s "12 MP colorize").
TEST(GuidedUpsample, TwelveMegapixelPhotoComesOutWhole) {
  const int W = 4000, H = 3000;
  Plane L_full(W, H);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      L_full.at(x, y) =
          50.f + 30.f * std::sin(x * 0.01f) * std::cos(y * 0.013f) + ((x / 97 + y / 83) % 2) * 10.f;
  int w = 0, h = 0;
  working_size(W, H, 256, w, h);
  Plane L_low = resize_area(L_full, w, h);
  Plane a = resize_area(L_full, w, h), b(w, h, 5.f), ao, bo;
  guided_upsample_ab(L_low, a, b, L_full, ao, bo);
  ASSERT_EQ(ao.width, W);
  ASSERT_EQ(bo.height, H);
  EXPECT_NEAR(bo.at(1234, 2345), 5.f, 1e-3f);
}

}  // namespace
}  // namespace tinge
