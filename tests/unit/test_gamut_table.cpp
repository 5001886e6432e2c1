// The tabulated gamut boundary the editor's shader uses: its grid points sit on the boundary, and
// clamping with it renders the same 8-bit colours as the exact per-pixel clamp
// (lab_planes_to_srgb8) to within a couple of levels, over colours in and far out of gamut.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "core/color.hpp"
#include "core/error.hpp"
#include "core/gamut_table.hpp"

namespace tinge {
namespace {

// Linear RGB within [-tol, 1 + tol].
bool inside(float L, float a, float b, float tol) {
  for (float v : lab_to_srgb({L, a, b})) {
    const float lin = v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
    if (lin < -tol || lin > 1.f + tol) return false;
  }
  return true;
}

const GamutTable& table() {
  static const GamutTable t = make_gamut_table();
  return t;
}

TEST(GamutTable, GridPointsLieOnTheBoundary) {
  const GamutTable& t = table();
  ASSERT_EQ(t.max_chroma.size(), size_t(t.rows) * size_t(t.cols));
  for (int i = 1; i < t.rows - 1; i += 7)
    for (int j = 0; j < t.cols; j += 5) {
      const float L = 100.f * float(i) / float(t.rows - 1), h = 6.2831853f * float(j) / float(t.cols);
      const float c = t.max_chroma[size_t(i) * size_t(t.cols) + size_t(j)];
      EXPECT_TRUE(inside(L, (c - 0.05f) * std::cos(h), (c - 0.05f) * std::sin(h), 1e-4f))
          << "L " << L << " h " << h;
      EXPECT_FALSE(inside(L, (c + 0.5f) * std::cos(h), (c + 0.5f) * std::sin(h), 1e-4f))
          << "L " << L << " h " << h << " c " << c;
    }
  // Black and white have no chroma; mid-grey has plenty (sRGB red reaches about 104 at L 53).
  EXPECT_LT(t.lookup(0.f, 1.f), 0.5f);
  EXPECT_LT(t.lookup(100.f, 1.f), 0.5f);
  EXPECT_GT(t.lookup(53.24f, std::atan2(67.2f, 80.09f)), 100.f);
}

TEST(GamutTable, ClampMatchesTheExactClampIn8Bit) {
  const GamutTable& t = table();
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> L(0.5f, 99.5f), ab(-128.f, 128.f);
  const int n = 20000;
  Plane Lp(n, 1), ap(n, 1), bp(n, 1);
  for (int i = 0; i < n; ++i) Lp.v[size_t(i)] = L(rng), ap.v[size_t(i)] = ab(rng), bp.v[size_t(i)] = ab(rng);
  const Rgb8Image exact = lab_planes_to_srgb8(Lp, ap, bp);
  int out_of_gamut = 0;
  std::vector<int> worst_channel(size_t(n), 0);
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    float a = ap.v[size_t(i)], b = bp.v[size_t(i)];
    out_of_gamut += !inside(Lp.v[size_t(i)], a, b, 0.f);
    t.clamp_chroma(Lp.v[size_t(i)], a, b);
    const Rgb c = lab_to_srgb({Lp.v[size_t(i)], a, b});
    for (int k = 0; k < 3; ++k) {
      const int v = int(std::lround(std::clamp(c[size_t(k)], 0.f, 1.f) * 255.f));
      const int d = std::abs(v - int(exact.data[size_t(i) * 3 + size_t(k)]));
      worst_channel[size_t(i)] = std::max(worst_channel[size_t(i)], d);
      sum += d;
    }
  }
  std::sort(worst_channel.begin(), worst_channel.end());
  const int p99 = worst_channel[size_t(n) * 99 / 100];
  const auto far = std::count_if(worst_channel.begin(), worst_channel.end(), [](int d) { return d > 8; });
  std::printf(
      "[ gamut ] %d of %d colours out of gamut; table vs exact clamp: mean %.3f levels, "
      "p99 %d, max %d, %d colours over 8 levels\n",
      out_of_gamut, n, sum / (3.0 * n), p99, worst_channel.back(), int(far));
  EXPECT_GT(out_of_gamut, n / 2);  // the sample exercises the clamp
  EXPECT_LT(sum / (3.0 * n), 0.2);
  EXPECT_LE(p99, 3);
  // The exceptions (0.2% with this seed): a channel that ends near 0, where sRGB's curve is steep
  // (8-bit 9-30 against 0 is 0.3-1.3% of linear range), and near-white yellows (L > 90), where
  // R grazes 1 + 1e-4 over a long range of chroma, so where the gamut "ends" is ill-conditioned.
  EXPECT_LT(far, n / 250);
}

TEST(GamutTable, InGamutColoursAreLeftAlone) {
  const GamutTable& t = table();
  std::mt19937 rng(4);
  std::uniform_int_distribution<int> u8(0, 255);
  for (int i = 0; i < 2000; ++i) {
    const Lab lab = srgb8_to_lab(uint8_t(u8(rng)), uint8_t(u8(rng)), uint8_t(u8(rng)));
    float a = lab[1], b = lab[2];
    t.clamp_chroma(lab[0], a, b);
    EXPECT_EQ(a, lab[1]);
    EXPECT_EQ(b, lab[2]);
  }
}

TEST(GamutTable, RejectsBadSizes) {
  EXPECT_THROW(make_gamut_table(1, 256), Error);
  EXPECT_THROW(make_gamut_table(128, 2), Error);
}

}  // namespace
}  // namespace tinge
