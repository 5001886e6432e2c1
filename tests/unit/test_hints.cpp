// Hint rasterisation (coverage, scaling, clamping, overwrite order) and seeded hint sampling.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "core/error.hpp"
#include "core/hints.hpp"

namespace {

tinge::HintPoint point(double x, double y, int size, float a = 10.f, float b = -20.f) {
  tinge::HintPoint p;
  p.x = x, p.y = y, p.size = size, p.a = a, p.b = b;
  return p;
}

// The hinted pixels as (x, y) pairs; also checks a/b agree with the mask.
std::set<std::pair<int, int>> covered(const tinge::HintPlanes& h) {
  std::set<std::pair<int, int>> s;
  for (int y = 0; y < h.mask.height; ++y)
    for (int x = 0; x < h.mask.width; ++x)
      if (h.mask.at(x, y) == 1.f)
        s.insert({x, y});
      else
        EXPECT_EQ(h.mask.at(x, y), 0.f);
  return s;
}

// A synthetic Lab image whose a = x and b = 100 * y, so patch means are known in closed form.
tinge::LabImage ramp(int w, int h) {
  tinge::LabImage img{tinge::Plane(w, h, 50.f), tinge::Plane(w, h), tinge::Plane(w, h)};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) img.a.at(x, y) = float(x), img.b.at(x, y) = float(100 * y);
  return img;
}

}  // namespace

TEST(Rasterize, OnePixelPatchHitsThePixelContainingTheCentre) {
  for (auto [x, y, ex, ey] : {std::tuple{3.5, 4.5, 3, 4}, {3.0, 4.0, 3, 4}, {3.99, 0.01, 3, 0}}) {
    const auto h = tinge::rasterize_hints({point(x, y, 1)}, 10, 10, 10, 10);
    const auto c = covered(h);
    ASSERT_EQ(c.size(), 1u) << x << "," << y;
    EXPECT_EQ(*c.begin(), std::make_pair(ex, ey)) << x << "," << y;
    EXPECT_EQ(h.a.at(ex, ey), 10.f);
    EXPECT_EQ(h.b.at(ex, ey), -20.f);
  }
}

TEST(Rasterize, FivePixelPatchAtFullResolutionCovers25Pixels) {
  const auto h = tinge::rasterize_hints({point(10.5, 8.5, 5)}, 32, 24, 32, 24);
  const auto c = covered(h);
  ASSERT_EQ(c.size(), 25u);
  EXPECT_EQ(c.begin()->first, 8);  // pixels 8..12 around centre pixel 10
  EXPECT_EQ(c.begin()->second, 6);
  EXPECT_EQ(c.rbegin()->first, 12);
  EXPECT_EQ(c.rbegin()->second, 10);
  // Even sides too: a 4-pixel patch centred on a pixel corner covers 4x4.
  EXPECT_EQ(covered(tinge::rasterize_hints({point(10, 8, 4)}, 32, 24, 32, 24)).size(), 16u);
}

TEST(Rasterize, TheCountIsThePointsHoweverTheirPatchesTouch) {
  EXPECT_EQ(tinge::rasterize_hints({}, 64, 64, 64, 64).count, 0);
  // Two patches side by side: one connected hinted area, two hints.
  const auto touching = tinge::rasterize_hints({point(10.5, 10.5, 5), point(15.5, 10.5, 5)}, 64, 64, 64, 64);
  EXPECT_EQ(covered(touching).size(), 50u);
  EXPECT_EQ(touching.mask.at(12, 10), 1.f);
  EXPECT_EQ(touching.mask.at(13, 10), 1.f);  // the seam between them is hinted: no gap
  EXPECT_EQ(touching.count, 2);
  // Overlapping points, and a diagonal neighbour: one each.
  auto h = tinge::rasterize_hints(
      {point(10, 10, 5), point(40, 40, 5), point(42, 42, 5), point(20.5, 50.5, 1), point(21.5, 51.5, 1)}, 64,
      64, 64, 64);
  EXPECT_EQ(h.count, 5);
  // Downscaled so far that they land on the same pixel: still two.
  EXPECT_EQ(tinge::rasterize_hints({point(10, 10, 5), point(12, 12, 5)}, 64, 64, 4, 4).count, 2);
}

// The methods (Levin, the network, model+levin) refuse hint planes of another size than L, by name.
TEST(Rasterize, HintPlanesOfAnotherSizeAreRefusedByName) {
  const tinge::Plane L(40, 30);
  EXPECT_NO_THROW(tinge::check_hints_match(L, tinge::rasterize_hints({}, 40, 30, 40, 30), "here"));
  for (auto [w, h] : {std::pair{20, 15}, std::pair{40, 29}, std::pair{30, 40}}) {
    tinge::HintPlanes hp = tinge::rasterize_hints({}, 40, 30, 40, 30);
    hp.b = tinge::Plane(w, h);  // one plane off
    try {
      tinge::check_hints_match(L, hp, "here");
      ADD_FAILURE() << w << "x" << h << " accepted";
    } catch (const tinge::Error& e) {
      EXPECT_EQ(std::string(e.what()), "here: hint planes are not the size of L (40x30)");
    }
  }
  tinge::HintPlanes bad = tinge::rasterize_hints({}, 40, 30, 40, 30);
  bad.mask.v.pop_back();  // right width and height, too few pixels
  EXPECT_THROW(tinge::check_hints_match(L, bad, "here"), tinge::Error);
}

TEST(Rasterize, ScalesToHalfResolution) {
  // 10 original pixels -> 5 working pixels, centre (40.5, 20.5) -> (20.25, 10.25).
  const auto h = tinge::rasterize_hints({point(40.5, 20.5, 10)}, 100, 60, 50, 30);
  const auto c = covered(h);
  ASSERT_EQ(c.size(), 25u);
  EXPECT_EQ(c.begin()->first, 18);
  EXPECT_EQ(c.rbegin()->first, 22);
  EXPECT_EQ(c.begin()->second, 8);
  EXPECT_EQ(c.rbegin()->second, 12);
  // Small patches never vanish: size 1 at 1/4 scale still marks one pixel.
  EXPECT_EQ(covered(tinge::rasterize_hints({point(40.5, 20.5, 1)}, 100, 60, 25, 15)).size(), 1u);
  // Size 3 at half scale rounds to 2 (lround(1.5) = 2).
  EXPECT_EQ(covered(tinge::rasterize_hints({point(40, 20, 3)}, 100, 60, 50, 30)).size(), 4u);
}

TEST(Rasterize, ClampsAtTheBorder) {
  const auto h = tinge::rasterize_hints({point(0, 0, 5), point(20, 10, 5)}, 20, 10, 20, 10);
  const auto c = covered(h);
  // Corner (0,0): pixels 0..2 in each axis (3x3); corner (20,10): pixels 18..19 x 8..9 (2x2 + ...).
  std::set<std::pair<int, int>> expect;
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 3; ++x) expect.insert({x, y});
  for (int y = 8; y < 10; ++y)
    for (int x = 18; x < 20; ++x) expect.insert({x, y});
  EXPECT_EQ(c, expect);
  // A point outside the image (not validated) is clamped away without touching memory it should not.
  EXPECT_TRUE(covered(tinge::rasterize_hints({point(-50, 500, 5)}, 20, 10, 20, 10)).empty());
}

TEST(Rasterize, PointsOnTheFarEdgeColourTheEdgePixel) {
  // Sessions allow x == width and y == height; a one-pixel patch there must still cover a pixel.
  auto c = covered(tinge::rasterize_hints({point(100, 50, 1)}, 100, 100, 100, 100));
  EXPECT_EQ(c, (std::set<std::pair<int, int>>{{99, 50}}));
  c = covered(tinge::rasterize_hints({point(100, 100, 1)}, 100, 100, 100, 100));
  EXPECT_EQ(c, (std::set<std::pair<int, int>>{{99, 99}}));
  // A size-5 hint on a 1000 px photo is one pixel at working resolution 256: still the edge pixel.
  c = covered(tinge::rasterize_hints({point(1000, 500, 5)}, 1000, 1000, 256, 256));
  EXPECT_EQ(c, (std::set<std::pair<int, int>>{{255, 128}}));
}

TEST(Rasterize, LaterPointsOverwriteEarlierOnes) {
  const auto h = tinge::rasterize_hints({point(5, 5, 4, 1, 1), point(6, 6, 4, 7, 8)}, 10, 10, 10, 10);
  EXPECT_EQ(h.a.at(5, 5), 7.f);
  EXPECT_EQ(h.b.at(5, 5), 8.f);
  EXPECT_EQ(h.a.at(3, 3), 1.f);
  EXPECT_EQ(h.a.at(9, 9), 0.f);
  EXPECT_THROW(tinge::rasterize_hints({}, 0, 10, 10, 10), tinge::Error);
  EXPECT_THROW(tinge::rasterize_hints({point(NAN, 1, 1)}, 10, 10, 10, 10), tinge::Error);
}

TEST(PoolHints, CoarsePixelsAverageTheHintedFinePixelsTheyCover) {
  using namespace tinge;
  HintPlanes f{Plane(8, 6), Plane(8, 6), Plane(8, 6), 3};
  auto set = [&](int x, int y, float a, float b) {
    f.a.at(x, y) = a, f.b.at(x, y) = b, f.mask.at(x, y) = 1.f;
  };
  set(0, 0, 10.f, -4.f);  // coarse (0, 0), with the next one
  set(1, 1, 30.f, 8.f);
  set(7, 5, -20.f, 50.f);  // coarse (3, 2)
  f.a.at(4, 2) = 99.f;     // colour without the mask: not a hint
  const HintPlanes c = pool_hints(f, 4, 3);
  ASSERT_EQ(c.mask.width, 4);
  ASSERT_EQ(c.mask.height, 3);
  EXPECT_EQ(c.mask.at(0, 0), 1.f);
  EXPECT_FLOAT_EQ(c.a.at(0, 0), 20.f);
  EXPECT_FLOAT_EQ(c.b.at(0, 0), 2.f);
  EXPECT_EQ(c.mask.at(3, 2), 1.f);
  EXPECT_FLOAT_EQ(c.a.at(3, 2), -20.f);
  EXPECT_FLOAT_EQ(c.b.at(3, 2), 50.f);
  float others = 0.f;
  for (size_t i = 0; i < c.mask.size(); ++i)
    others += c.mask.v[i] + std::abs(c.a.v[i]) * (c.mask.v[i] == 0.f);
  EXPECT_EQ(others, 2.f);  // two hinted cells, no colour elsewhere
  EXPECT_EQ(c.count, 3);   // the hints, however many cells they pool into
  // Non-integer ratios map each fine pixel to floor(x * w / W).
  const HintPlanes d = pool_hints(f, 3, 2);
  EXPECT_EQ(d.mask.at(2, 1), 1.f);
  EXPECT_FLOAT_EQ(d.a.at(2, 1), -20.f);
  EXPECT_THROW(pool_hints(f, 9, 3), Error);
  EXPECT_THROW(pool_hints(f, 0, 3), Error);
}

TEST(SampleHints, DeterministicAndSeedDependent) {
  const auto img = ramp(64, 48);
  const auto h1 = tinge::sample_hints(img, 20, 5, 123);
  const auto h2 = tinge::sample_hints(img, 20, 5, 123);
  const auto h3 = tinge::sample_hints(img, 20, 5, 124);
  ASSERT_EQ(h1.size(), 20u);
  int same = 0;
  for (size_t i = 0; i < h1.size(); ++i) {
    EXPECT_EQ(h1[i].x, h2[i].x);
    EXPECT_EQ(h1[i].y, h2[i].y);
    EXPECT_EQ(h1[i].a, h2[i].a);
    same += h1[i].x == h3[i].x && h1[i].y == h3[i].y;
  }
  EXPECT_LT(same, 3);
  EXPECT_TRUE(tinge::sample_hints(img, 0, 5, 1).empty());
  EXPECT_THROW(tinge::sample_hints(img, -1, 5, 1), tinge::Error);
  EXPECT_THROW(tinge::sample_hints(img, 1, 0, 1), tinge::Error);
}

TEST(SampleHints, PatchInsideAndMeansCorrect) {
  const auto img = ramp(40, 30);
  std::set<int> xs;
  for (const auto& p : tinge::sample_hints(img, 200, 5, 7)) {
    EXPECT_EQ(p.size, 5);
    const double x0 = p.x - 2.5, y0 = p.y - 2.5;
    EXPECT_EQ(x0, std::floor(x0));
    EXPECT_GE(x0, 0);
    EXPECT_LE(x0, 35);
    EXPECT_GE(y0, 0);
    EXPECT_LE(y0, 25);
    xs.insert(int(x0));
    EXPECT_NEAR(p.a, x0 + 2, 1e-4);          // mean of x0..x0+4
    EXPECT_NEAR(p.b, 100 * (y0 + 2), 1e-3);  // mean of 100*y over y0..y0+4
  }
  EXPECT_GT(xs.size(), 25u);  // spread over the 36 possible columns
  EXPECT_TRUE(xs.count(0) || xs.count(35));
}

TEST(SampleHints, PatchClampedToSmallImages) {
  const auto img = ramp(3, 8);
  const auto pts = tinge::sample_hints(img, 5, 5, 1);
  for (const auto& p : pts) {
    EXPECT_EQ(p.size, 3);
    EXPECT_EQ(p.x, 1.5);
    EXPECT_NEAR(p.a, 1.0, 1e-6);
  }
  // The rasterised sampled patch covers exactly the sampled square at full resolution.
  const auto h = tinge::rasterize_hints({pts[0]}, 3, 8, 3, 8);
  const double y0 = pts[0].y - 1.5;
  for (int y = 0; y < 8; ++y) EXPECT_EQ(h.mask.at(1, y), (y >= y0 && y < y0 + 3) ? 1.f : 0.f) << y;
}

TEST(MixSeed, StableAndSensitive) {
  const uint64_t s = tinge::mix_seed(1, "photo.jpg", 5);
  EXPECT_EQ(s, tinge::mix_seed(1, "photo.jpg", 5));
  EXPECT_NE(s, tinge::mix_seed(2, "photo.jpg", 5));
  EXPECT_NE(s, tinge::mix_seed(1, "photo.png", 5));
  EXPECT_NE(s, tinge::mix_seed(1, "photo.jpg", 10));
  // Pinned value: changing the hash would silently change every published evaluation number.
  EXPECT_EQ(s, 10025118881619001434ull);
  // Likewise the sampled locations for a seed (mt19937_64 and our rejection sampling are portable).
  const tinge::LabImage img{tinge::Plane(64, 48), tinge::Plane(64, 48), tinge::Plane(64, 48)};
  const auto pts = tinge::sample_hints(img, 3, 5, 42);
  ASSERT_EQ(pts.size(), 3u);
  EXPECT_EQ(std::make_pair(pts[0].x, pts[0].y), std::make_pair(8.5, 2.5));
  EXPECT_EQ(std::make_pair(pts[1].x, pts[1].y), std::make_pair(12.5, 44.5));
  EXPECT_EQ(std::make_pair(pts[2].x, pts[2].y), std::make_pair(43.5, 6.5));
}
