// sRGB <-> CIE L*a*b* against published reference values, exact 8-bit round trips, and agreement of
// the whole-image conversions with the per-pixel ones. Also prints the 12 MP conversion timing.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>

#include "core/ab_grid.hpp"
#include "core/color.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

void expect_lab(const Lab& got, float L, float a, float b, float tol = 0.05f) {
  EXPECT_NEAR(got[0], L, tol);
  EXPECT_NEAR(got[1], a, tol);
  EXPECT_NEAR(got[2], b, tol);
}

TEST(Color, ReferenceValues8Bit) {
  expect_lab(srgb8_to_lab(255, 255, 255), 100.f, 0.f, 0.f, 0.01f);
  expect_lab(srgb8_to_lab(0, 0, 0), 0.f, 0.f, 0.f, 0.001f);
  expect_lab(srgb8_to_lab(255, 0, 0), 53.24f, 80.09f, 67.20f);
  expect_lab(srgb8_to_lab(0, 255, 0), 87.73f, -86.18f, 83.18f);
  expect_lab(srgb8_to_lab(0, 0, 255), 32.30f, 79.19f, -107.86f);
  Lab gray = srgb8_to_lab(128, 128, 128);
  EXPECT_NEAR(gray[0], 53.59f, 0.05f);
  EXPECT_NEAR(gray[1], 0.f, 0.01f);
  EXPECT_NEAR(gray[2], 0.f, 0.01f);
}

TEST(Color, ReferenceValuesFloat) {
  expect_lab(srgb_to_lab({1.f, 0.f, 0.f}), 53.24f, 80.09f, 67.20f);
  expect_lab(srgb_to_lab({0.f, 1.f, 0.f}), 87.73f, -86.18f, 83.18f);
  expect_lab(srgb_to_lab({0.f, 0.f, 1.f}), 32.30f, 79.19f, -107.86f);
  // Yellow and cyan (Lindbloom's calculator, D65 / sRGB).
  expect_lab(srgb_to_lab({1.f, 1.f, 0.f}), 97.14f, -21.55f, 94.48f);
  expect_lab(srgb_to_lab({0.f, 1.f, 1.f}), 91.11f, -48.09f, -14.13f);
}

TEST(Color, LabToSrgbInvertsReferenceValues) {
  Rgb red = lab_to_srgb({53.2408f, 80.0925f, 67.2032f});
  EXPECT_NEAR(red[0], 1.f, 2e-4f);
  EXPECT_NEAR(red[1], 0.f, 2e-4f);
  EXPECT_NEAR(red[2], 0.f, 2e-4f);
  Rgb white = lab_to_srgb({100.f, 0.f, 0.f});
  for (float c : white) EXPECT_NEAR(c, 1.f, 1e-5f);
  // Out-of-gamut colours are not clamped.
  Rgb vivid = lab_to_srgb({50.f, 120.f, 0.f});
  EXPECT_GT(vivid[0], 1.f);
}

TEST(Color, FloatAndEightBitPathsAgree) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    uint8_t r = uint8_t(rng()), g = uint8_t(rng()), b = uint8_t(rng());
    Lab fast = srgb8_to_lab(r, g, b);
    Lab ref = srgb_to_lab({r / 255.f, g / 255.f, b / 255.f});
    for (int c = 0; c < 3; ++c)
      ASSERT_NEAR(fast[c], ref[c], 1e-3f) << int(r) << "," << int(g) << "," << int(b);
  }
}

// Every 8-bit colour survives sRGB -> Lab -> sRGB exactly (all 2^24 colours, one 256 x 256 image of
// (g, b) per red value, through the whole-image functions).
TEST(Color, EightBitRoundTripIsExactForAllColours) {
  Rgb8Image img(256, 256);
  size_t mismatches = 0;
  int first = -1;
  for (int r = 0; r < 256; ++r) {
    for (int i = 0; i < 256 * 256; ++i) {
      img.data[i * 3 + 0] = uint8_t(r);
      img.data[i * 3 + 1] = uint8_t(i >> 8);
      img.data[i * 3 + 2] = uint8_t(i);
    }
    Rgb8Image back = lab_to_srgb8(srgb8_to_lab(img));
    ASSERT_EQ(back.data.size(), img.data.size());
    for (size_t i = 0; i < img.data.size(); ++i)
      if (back.data[i] != img.data[i] && mismatches++ == 0) first = r * 65536 + int(i / 3);
  }
  EXPECT_EQ(mismatches, 0u) << "first mismatch at colour 0x" << std::hex << first;
}

TEST(Color, WholeImageMatchesPerPixel) {
  std::mt19937 rng(3);
  Rgb8Image img(37, 23);
  for (auto& v : img.data) v = uint8_t(rng());
  LabImage lab = srgb8_to_lab(img);
  Plane L = srgb8_to_lightness(img);
  ASSERT_EQ(lab.width(), 37);
  ASSERT_EQ(lab.height(), 23);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const uint8_t* p = img.px(x, y);
      Lab ref = srgb8_to_lab(p[0], p[1], p[2]);
      // Same code path; a tolerance only allows for FMA contraction differing between loops.
      ASSERT_NEAR(lab.L.at(x, y), ref[0], 1e-4f);
      ASSERT_NEAR(lab.a.at(x, y), ref[1], 1e-4f);
      ASSERT_NEAR(lab.b.at(x, y), ref[2], 1e-4f);
      ASSERT_NEAR(L.at(x, y), ref[0], 1e-4f);
    }
  // The way back agrees with the per-pixel function after bringing the colour into gamut (chroma
  // scaled down at constant L and hue), rounded.
  int out_of_gamut = 0;
  for (int i = 0; i < int(lab.L.size()); ++i) {
    lab.a.v[i] *= 1.5f;  // push some pixels out of gamut
    lab.b.v[i] *= 1.5f;
    out_of_gamut += !in_gamut(lab.L.v[size_t(i)], lab.a.v[size_t(i)], lab.b.v[size_t(i)]);
  }
  ASSERT_GT(out_of_gamut, 50);
  Rgb8Image back = lab_to_srgb8(lab);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      auto ab = clamp_to_gamut(lab.L.at(x, y), lab.a.at(x, y), lab.b.at(x, y));
      Rgb ref = lab_to_srgb({lab.L.at(x, y), ab[0], ab[1]});
      for (int c = 0; c < 3; ++c) {
        float want = std::round(std::min(std::max(ref[c], 0.f), 1.f) * 255.f);
        ASSERT_NEAR(float(back.px(x, y)[c]), want, 2.f) << x << "," << y;
      }
    }
}

TEST(Color, OutOfGamutKeepsLightnessAndHue) {
  // Black and white stay black and white whatever chroma comes with them (per-channel clipping
  // gave L = 0 with a strong red a visible red).
  Plane L(4, 1), a(4, 1, 80.f), b(4, 1, 70.f);
  L.v = {0.f, 100.f, 0.f, 100.f};
  b.v[2] = b.v[3] = -90.f;
  Rgb8Image out = lab_planes_to_srgb8(L, a, b);
  for (int c = 0; c < 3; ++c) {
    EXPECT_LE(out.px(0, 0)[c], 1);
    EXPECT_GE(out.px(1, 0)[c], 254);
    EXPECT_LE(out.px(2, 0)[c], 1);
    EXPECT_GE(out.px(3, 0)[c], 254);
  }
  // A vivid out-of-gamut blue at L = 40 keeps its hue: its Lab round trip has the same hue angle.
  Plane L2(1, 1, 40.f), a2(1, 1, 40.f), b2(1, 1, -120.f);
  ASSERT_FALSE(in_gamut(40.f, 40.f, -120.f));
  Rgb8Image blue = lab_planes_to_srgb8(L2, a2, b2);
  Lab back = srgb8_to_lab(blue.px(0, 0)[0], blue.px(0, 0)[1], blue.px(0, 0)[2]);
  EXPECT_NEAR(back[0], 40.f, 1.5f);
  EXPECT_NEAR(std::atan2(back[2], back[1]), std::atan2(-120.f, 40.f), 0.06f);
}

TEST(Color, PlanesOfDifferentSizesAreRefused) {
  Plane L(4, 4, 50.f), a(4, 4), b(4, 3);
  EXPECT_THROW(lab_planes_to_srgb8(L, a, b), Error);
  Rgb8Image ok = lab_planes_to_srgb8(L, a, a);
  EXPECT_EQ(ok.px(3, 3)[0], ok.px(3, 3)[1]);  // grey stays grey
}

TEST(Color, NonFiniteLabGivesBlackNotGarbage) {
  float nan = std::nanf("");
  Plane L(1, 1, nan), a(1, 1, 0.f), b(1, 1, 0.f);
  Rgb8Image out = lab_planes_to_srgb8(L, a, b);
  EXPECT_EQ(out.data[0], 0);
}

// Prints (does not assert) the 12 MP timing, both directions.
TEST(Color, Timing12Megapixels) {
  Rgb8Image img(4000, 3000);
  for (size_t i = 0; i < img.data.size(); ++i) img.data[i] = uint8_t((i * 2654435761u) >> 13);
  // Wall time and CPU time of the whole process (all threads): the machine may be shared.
  auto cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  };
  auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  auto t0 = std::chrono::steady_clock::now();
  double c0 = cpu_ms();
  LabImage lab = srgb8_to_lab(img);
  auto t1 = std::chrono::steady_clock::now();
  double c1 = cpu_ms();
  Rgb8Image back = lab_to_srgb8(lab);
  auto t2 = std::chrono::steady_clock::now();
  double c2 = cpu_ms();
  std::printf(
      "[timing] 12 MP srgb8_to_lab %.1f ms wall / %.1f ms cpu, lab_to_srgb8 %.1f ms wall / %.1f ms cpu\n",
      ms(t1 - t0), c1 - c0, ms(t2 - t1), c2 - c1);
  EXPECT_EQ(back.data, img.data);
}

}  // namespace
}  // namespace tinge
