// The editor's CPU composition of the displayed result (core/display_compose.hpp): the colours of a
// saved result (lab_planes_to_srgb8) to within a level in gamut and a couple far out of it, the
// saturation as a scale on a and b, ab resampled to the lightness's size as a texture unit samples
// it, and planes of different sizes refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <random>

#include "core/color.hpp"
#include "core/display_compose.hpp"
#include "core/error.hpp"
#include "core/gamut_table.hpp"
#include "core/resample.hpp"

namespace tinge {
namespace {

const GamutTable& table() {
  static const GamutTable t = make_gamut_table();
  return t;
}

// Random Lab planes; chroma up to `c` (far out of gamut for large c).
void random_lab(int w, int h, float c, unsigned seed, Plane& L, Plane& a, Plane& b) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> l(0.f, 100.f), ab(-c, c);
  L = Plane(w, h);
  a = Plane(w, h);
  b = Plane(w, h);
  for (size_t i = 0; i < L.size(); ++i) {
    L.v[i] = l(rng);
    a.v[i] = ab(rng);
    b.v[i] = ab(rng);
  }
}

int max_difference(const Rgb8Image& x, const Rgb8Image& y) {
  EXPECT_EQ(x.data.size(), y.data.size());
  int d = 0;
  for (size_t i = 0; i < std::min(x.data.size(), y.data.size()); ++i)
    d = std::max(d, std::abs(x.data[i] - y.data[i]));
  return d;
}

TEST(DisplayCompose, InGamutColoursAreThoseOfASavedResult) {
  Plane L, a, b;
  random_lab(64, 48, 6.f, 1, L, a, b);
  for (size_t i = 0; i < L.size(); ++i) L.v[i] = 20.f + 0.6f * L.v[i];  // chroma 6 at L 20..80: in gamut
  EXPECT_LE(max_difference(compose_srgb8(L, a, b, 1.f, table()), lab_planes_to_srgb8(L, a, b)), 1);
}

TEST(DisplayCompose, OutOfGamutColoursKeepTheirHueAsTheExactClampDoes) {
  Plane L, a, b;
  random_lab(64, 48, 120.f, 2, L, a, b);
  const Rgb8Image shown = compose_srgb8(L, a, b, 1.f, table()), saved = lab_planes_to_srgb8(L, a, b);
  int close = 0, far = 0;
  for (size_t i = 0; i < shown.data.size(); ++i) {
    close += std::abs(shown.data[i] - saved.data[i]) <= 1;
    far += std::abs(shown.data[i] - saved.data[i]) > 8;
  }
  EXPECT_GE(double(close) / double(shown.data.size()), 0.98);
  // The exceptions are those of the table itself (test_gamut_table.cpp): a channel near 0 where
  // sRGB's curve is steep, and near-white yellows whose gamut boundary is ill-conditioned.
  EXPECT_LT(far, int(shown.data.size()) / 250);
}

TEST(DisplayCompose, SaturationScalesAB) {
  Plane L, a, b;
  random_lab(40, 30, 40.f, 3, L, a, b);
  Plane a2 = a, b2 = b;
  for (float& v : a2.v) v *= 1.6f;
  for (float& v : b2.v) v *= 1.6f;
  EXPECT_EQ(max_difference(compose_srgb8(L, a, b, 1.6f, table()), compose_srgb8(L, a2, b2, 1.f, table())), 0);
  // Saturation 0: grey at every pixel.
  const Rgb8Image grey = compose_srgb8(L, a, b, 0.f, table());
  for (size_t i = 0; i < grey.data.size(); i += 3) {
    EXPECT_EQ(grey.data[i], grey.data[i + 1]);
    EXPECT_EQ(grey.data[i + 1], grey.data[i + 2]);
  }
}

TEST(DisplayCompose, AbOfAnotherSizeIsSampledBilinearlyAtPixelCentres) {
  Plane L, a, b;
  random_lab(60, 40, 30.f, 4, L, a, b);
  Plane sa, sb, unused;
  random_lab(15, 10, 30.f, 5, unused, sa, sb);
  const Rgb8Image shown = compose_srgb8(L, sa, sb, 1.f, table());
  const Rgb8Image expected =
      compose_srgb8(L, resize_bilinear(sa, 60, 40), resize_bilinear(sb, 60, 40), 1.f, table());
  EXPECT_EQ(max_difference(shown, expected), 0);
  // A left-to-right ramp in a, four times enlarged: pixel 5 (centre 5.5 -> 0.875 in the source)
  // lies between source pixels 0 and 1.
  Plane La(8, 1, 50.f), ra(2, 1), rb(2, 1, 0.f);
  ra.v = {0.f, 40.f};
  const Rgb8Image ramp = compose_srgb8(La, ra, rb, 1.f, table());
  Plane ea(8, 1), eb(8, 1, 0.f);
  for (int x = 0; x < 8; ++x) ea.v[size_t(x)] = 40.f * std::clamp((x + 0.5f) / 4.f - 0.5f, 0.f, 1.f);
  EXPECT_LE(max_difference(ramp, lab_planes_to_srgb8(La, ea, eb)), 1);
}

TEST(DisplayCompose, NonFiniteValuesGiveSomeColourNotACrash) {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  Plane L(6, 1, 50.f), a(6, 1, 10.f), b(6, 1, -10.f);
  a.v = {nan, inf, -inf, 10.f, 10.f, 10.f};
  b.v = {0.f, 0.f, 0.f, nan, 200.f, 0.f};
  L.v[4] = nan;
  L.v[5] = inf;
  const Rgb8Image out = compose_srgb8(L, a, b, 1.f, table());
  ASSERT_EQ(out.data.size(), size_t(18));
  float ta = nan, tb = 5.f;
  table().clamp_chroma_out_of_gamut(nan, ta, tb);
  table().clamp_chroma_out_of_gamut(50.f, ta, tb);
  EXPECT_GE(table().lookup(nan, nan), 0.f);
  EXPECT_GE(table().lookup(inf, -inf), 0.f);
}

TEST(DisplayCompose, PlanesOfDifferentSizesAreRefused) {
  Plane L(8, 8, 50.f), a(4, 4, 0.f), b(4, 3, 0.f);
  EXPECT_THROW(compose_srgb8(L, a, b, 1.f, table()), Error);
  EXPECT_THROW(compose_srgb8(Plane(), a, a, 1.f, table()), Error);
}

}  // namespace
}  // namespace tinge
