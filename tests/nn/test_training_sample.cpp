// Training samples with an old print's lightness (SampleOptions::p_degrade): only L may change,
// the colour targets and the simulated hints must be those of the clean sample, samples without
// degradation must be exactly what they were, and the share of degraded samples must follow p.
// Samples with simulated strokes and regions (p_shapes): the same targets, the shapes' hints carry
// the colour under them, and samples without shapes are exactly what they were.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "nn/training_sample.hpp"

namespace tinge {
namespace {

struct Sample {
  std::vector<float> L, a, b, ha, hb, m;
  int hints = 0;
};

Sample make(const Rgb8Image& img, double p, uint64_t seed, int crop = 48, double shapes = 0.0,
            int max_points = 150) {
  SampleOptions o;
  o.crop = crop;
  o.p_degrade = p;
  o.p_shapes = shapes;
  o.max_points = max_points;
  const size_t n = size_t(crop) * size_t(crop);
  Sample s{std::vector<float>(n), std::vector<float>(n), std::vector<float>(n),
           std::vector<float>(n), std::vector<float>(n), std::vector<float>(n)};
  s.hints = make_training_sample(img, o, seed, s.L.data(), s.a.data(), s.b.data(), s.ha.data(), s.hb.data(),
                                 s.m.data());
  return s;
}

// A textured colour photo: stripes and a gradient, so blurring changes it.
Rgb8Image photo() {
  Rgb8Image img(64, 64);
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      uint8_t* p = img.px(x, y);
      p[0] = uint8_t((x / 3) % 2 ? 220 : 40);
      p[1] = uint8_t(4 * y);
      p[2] = uint8_t(255 - 3 * x);
    }
  return img;
}

double max_abs_diff(const std::vector<float>& x, const std::vector<float>& y) {
  double d = 0;
  for (size_t i = 0; i < x.size(); ++i) d = std::max(d, double(std::fabs(x[i] - y[i])));
  return d;
}

TEST(TrainingSample, DegradingChangesOnlyTheLightness) {
  const Rgb8Image img = photo();
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const Sample clean = make(img, 0.0, seed), old = make(img, 1.0, seed);
    EXPECT_EQ(clean.hints, old.hints);
    EXPECT_EQ(clean.a, old.a) << "seed " << seed;
    EXPECT_EQ(clean.b, old.b);
    EXPECT_EQ(clean.ha, old.ha);
    EXPECT_EQ(clean.hb, old.hb);
    EXPECT_EQ(clean.m, old.m);
    EXPECT_GT(max_abs_diff(clean.L, old.L), 1.0) << "p = 1 must degrade every sample (seed " << seed << ")";
    for (float v : old.L) ASSERT_TRUE(v >= 0.f && v <= 100.f) << v;
    EXPECT_EQ(make(img, 1.0, seed).L, old.L) << "deterministic for a seed";
  }
}

TEST(TrainingSample, ShareOfDegradedSamplesFollowsP) {
  const Rgb8Image img = photo();
  int degraded = 0;
  const int n = 200;
  for (uint64_t seed = 100; seed < 100 + n; ++seed)
    if (make(img, 0.3, seed).L != make(img, 0.0, seed).L) ++degraded;
  EXPECT_NEAR(degraded, 0.3 * n, 25);  // binomial sd ~6.5
}

// Over many samples the degradations reach all three kinds: contrast lowered (fade), neighbouring
// stripes mixed (blur), and noise on a flat area (grain).
TEST(TrainingSample, DegradationsFadeBlurAndAddGrain) {
  Rgb8Image flat(64, 64);
  std::fill(flat.data.begin(), flat.data.end(), uint8_t(128));
  const Rgb8Image img = photo();
  int faded = 0, grainy = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const Sample f = make(flat, 1.0, seed);
    double mean = 0, var = 0;
    for (float v : f.L) mean += v;
    mean /= double(f.L.size());
    for (float v : f.L) var += (v - mean) * (v - mean);
    if (std::sqrt(var / double(f.L.size())) > 1.0) ++grainy;
    const Sample c = make(img, 0.0, seed), d = make(img, 1.0, seed);
    auto range = [](const std::vector<float>& v) {
      auto [lo, hi] = std::minmax_element(v.begin(), v.end());
      return *hi - *lo;
    };
    if (range(d.L) < 0.97f * range(c.L)) ++faded;  // fade or blur both narrow the range of stripes
  }
  EXPECT_GT(grainy, 15);
  EXPECT_GT(faded, 15);
}

// Four flat quadrants of distinct colours (CIELAB distances far above the simulation's tolerances).
Rgb8Image quadrants() {
  Rgb8Image img(96, 96);
  const uint8_t colours[4][3] = {{200, 40, 40}, {40, 160, 60}, {50, 70, 210}, {230, 200, 60}};
  for (int y = 0; y < 96; ++y)
    for (int x = 0; x < 96; ++x) {
      const uint8_t* c = colours[(y >= 48) * 2 + (x >= 48)];
      std::copy(c, c + 3, img.px(x, y));
    }
  return img;
}

TEST(TrainingSample, ShapesLeaveTargetsAndOtherSamplesAlone) {
  const Rgb8Image img = photo();
  int with_shapes = 0;
  const int n = 120;
  for (uint64_t seed = 1; seed <= n; ++seed) {
    const Sample plain = make(img, 0.0, seed), mixed = make(img, 0.0, seed, 48, 0.4);
    EXPECT_EQ(plain.L, mixed.L);
    EXPECT_EQ(plain.a, mixed.a);
    EXPECT_EQ(plain.b, mixed.b);
    // A sample with shapes has more or other hints; one without is the same sample.
    if (plain.hints != mixed.hints || plain.m != mixed.m || plain.ha != mixed.ha || plain.hb != mixed.hb)
      ++with_shapes;
  }
  EXPECT_NEAR(with_shapes, 0.4 * n, 22);  // binomial sd ~5.4
}

TEST(TrainingSample, ShapesCarryTheColourUnderThem) {
  const Rgb8Image img = quadrants();
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    // No points: every hinted pixel comes from a stroke or a region.
    const Sample s = make(img, 0.0, seed, 64, 1.0, 0);
    ASSERT_GE(s.hints, 1) << "seed " << seed;
    int hinted = 0;
    for (size_t i = 0; i < s.m.size(); ++i) {
      if (s.m[i] < 0.5f) {
        ASSERT_EQ(s.ha[i], 0.f);
        continue;
      }
      ++hinted;
      ASSERT_NEAR(s.ha[i], s.a[i], 1.0) << "seed " << seed << " pixel " << i;
      ASSERT_NEAR(s.hb[i], s.b[i], 1.0) << "seed " << seed << " pixel " << i;
    }
    EXPECT_GT(hinted, 4) << "seed " << seed;
    const Sample again = make(img, 0.0, seed, 64, 1.0, 0);
    EXPECT_EQ(again.m, s.m);
    EXPECT_EQ(again.ha, s.ha);
  }
}

TEST(TrainingSample, ShapesReachTheLevinChannels) {
  const Rgb8Image img = quadrants();
  SampleOptions o;
  o.crop = 64;
  o.p_shapes = 1.0;
  o.max_points = 0;
  const size_t n = 64 * 64;
  std::vector<float> L(n), a(n), b(n), ha(n), hb(n), m(n), la(n), lb(n);
  ASSERT_GE(make_training_sample(img, o, 7, L.data(), a.data(), b.data(), ha.data(), hb.data(), m.data(),
                                 la.data(), lb.data()),
            1);
  double spread = 0;
  for (size_t i = 0; i < n; ++i) spread += std::fabs(la[i]) + std::fabs(lb[i]);
  EXPECT_GT(spread / double(n), 1.0) << "Levin's propagation of the shapes' hints must not be empty";
}

}  // namespace
}  // namespace tinge
