// The hint recommender (core/recommend.hpp) on generated scenes: a smooth sky and three small
// objects. Where the uncertainty says the objects are unsure, the first recommendations land on
// them, never in the sky's interior and never on an existing hint; near-black places are skipped;
// the same input gives the same answer. Without a distribution (levin), the objects that no hint
// reaches (a lightness edge stops the sky's hint) are proposed.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/method.hpp"
#include "core/recommend.hpp"

namespace tinge {
namespace {

struct Box {
  int x0, y0, x1, y1;  // cells, half-open
  bool contains(double x, double y, double cell) const {
    return x >= x0 * cell && x < x1 * cell && y >= y0 * cell && y < y1 * cell;
  }
};

const Box kObjects[3] = {{6, 6, 14, 14}, {40, 8, 48, 16}, {24, 30, 32, 38}};

// A 64 x 48-cell scene: sky lightness 80 (a slow gradient), objects at `object_L`; the
// uncertainty is `sky_u` in the sky and `object_u` on the objects.
void scene(Plane& L, Plane& u, float object_L, float sky_u, float object_u) {
  L = Plane(64, 48);
  u = Plane(64, 48);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x) {
      bool obj = false;
      for (const Box& b : kObjects) obj = obj || (x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1);
      L.at(x, y) = obj ? object_L : 78.f + 4.f * float(y) / 48.f;
      u.at(x, y) = obj ? object_u : sky_u;
    }
}

int object_of(const RecommendedHint& r, double cell) {
  for (int i = 0; i < 3; ++i)
    if (kObjects[i].contains(r.x, r.y, cell)) return i;
  return -1;
}

HintPoint hint_at(double x, double y) {
  HintPoint h;
  h.x = x;
  h.y = y;
  return h;
}

TEST(Recommend, UnsureObjectsComeFirstEachOnce) {
  Plane L, u;
  scene(L, u, 80.f, 4.f, 30.f);  // the objects' lightness is the sky's: only the uncertainty tells
  const double cell = 4.0;
  const auto recs = pick_recommendations(u, L, cell, cell, {}, RecommendOptions{});
  ASSERT_EQ(recs.size(), 3u);
  bool seen[3] = {false, false, false};
  for (const RecommendedHint& r : recs) {
    const int o = object_of(r, cell);
    ASSERT_GE(o, 0) << "recommended (" << r.x << ", " << r.y << ") in the sky";
    EXPECT_FALSE(seen[o]) << "object " << o << " twice";
    seen[o] = true;
  }
  EXPECT_GE(recs[0].score, recs[1].score);
  EXPECT_GE(recs[1].score, recs[2].score);
  const auto again = pick_recommendations(u, L, cell, cell, {}, RecommendOptions{});
  for (size_t i = 0; i < recs.size(); ++i) {
    EXPECT_EQ(recs[i].x, again[i].x);
    EXPECT_EQ(recs[i].y, again[i].y);
  }
}

TEST(Recommend, NeverOnOrNextToAnExistingHint) {
  Plane L, u;
  scene(L, u, 80.f, 4.f, 30.f);
  const double cell = 4.0;
  const HintPoint on_first = hint_at(10 * cell, 10 * cell);  // the middle of object 0
  RecommendOptions opt;
  const auto recs = pick_recommendations(u, L, cell, cell, {on_first}, opt);
  ASSERT_FALSE(recs.empty());
  const double min_dist = opt.min_spacing * 48 * cell;
  for (const RecommendedHint& r : recs) {
    EXPECT_GE(std::hypot(r.x - on_first.x, r.y - on_first.y), min_dist);
    EXPECT_NE(object_of(r, cell), 0) << "object 0 already has a hint";
  }
  EXPECT_GE(object_of(recs[0], cell), 1);
  EXPECT_GE(object_of(recs[1], cell), 1);
}

TEST(Recommend, NearBlackPlacesAreSkipped) {
  Plane L, u;
  scene(L, u, 2.f, 4.f, 30.f);  // objects nearly black: their colour would not show
  const auto recs = pick_recommendations(u, L, 4.0, 4.0, {}, RecommendOptions{});
  for (const RecommendedHint& r : recs) EXPECT_LT(object_of(r, 4.0), 0);
}

TEST(Recommend, WithoutADistributionTheUnreachedObjectsAreProposed) {
  Plane L, u;
  scene(L, u, 45.f, 0.f, 0.f);  // objects darker than the sky: an edge a hint does not cross
  const double cell = 4.0;
  const HintPoint sky = hint_at(32 * cell, 22 * cell);
  RecommendOptions opt;
  const Plane proxy = hint_coverage_uncertainty(L, cell, cell, {sky}, opt);
  const auto recs = pick_recommendations(proxy, L, cell, cell, {sky}, opt);
  ASSERT_EQ(recs.size(), 3u);
  bool seen[3] = {false, false, false};
  for (const RecommendedHint& r : recs) {
    const int o = object_of(r, cell);
    ASSERT_GE(o, 0) << "recommended (" << r.x << ", " << r.y << ") in the sky, which the hint colours";
    seen[o] = true;
  }
  EXPECT_TRUE(seen[0] && seen[1] && seen[2]);
}

TEST(Recommend, LevinEndToEndProposesTheObjectsWithColours) {
  Plane L, u;
  scene(L, u, 45.f, 0.f, 0.f);
  // The scene at a working resolution of 4 pixels a scene cell, for a 512 x 384 photo (8 photo
  // pixels a scene cell).
  Plane Lw(256, 192);
  for (int y = 0; y < 192; ++y)
    for (int x = 0; x < 256; ++x) Lw.at(x, y) = L.at(x / 4, y / 4);
  auto levin = make_levin_method();
  HintPoint sky = hint_at(256, 176);
  sky.a = -5.f, sky.b = -30.f, sky.size = 9;
  const auto recs = recommend_hints(*levin, Lw, 512, 384, {sky});
  ASSERT_EQ(recs.size(), 3u);
  for (const RecommendedHint& r : recs) {
    EXPECT_GE(object_of(r, 8.0), 0) << "(" << r.x << ", " << r.y << ")";
    ASSERT_EQ(r.colours.size(), 1u);  // levin: the colour it predicts there
  }
}

// Strokes and regions count as hints: a region over the third object and a stroke across the second
// leave the first to propose first (the sky's hint alone puts the third first).
TEST(Recommend, StrokesAndRegionsCountAsHints) {
  Plane L, u;
  scene(L, u, 45.f, 0.f, 0.f);
  Plane Lw(256, 192);
  for (int y = 0; y < 192; ++y)
    for (int x = 0; x < 256; ++x) Lw.at(x, y) = L.at(x / 4, y / 4);
  auto levin = make_levin_method();
  HintSet hints;
  HintPoint sky = hint_at(256, 176);
  sky.b = -30.f, sky.size = 9;
  hints.points.push_back(sky);
  HintRegion r;  // object 2: cells 24..32 x 30..38, photo pixels 192..256 x 240..304
  r.polygon = {{194, 242}, {254, 242}, {254, 302}, {194, 302}};
  r.a = 30.f;
  hints.regions.push_back(r);
  HintStroke st;  // object 1: cells 40..48 x 8..16, photo pixels 320..384 x 64..128
  st.points = {{324, 96}, {352, 90}, {380, 96}};
  st.width = 20;
  st.a = -30.f;
  hints.strokes.push_back(st);
  RecommendOptions opt;
  opt.k = 1;
  const auto recs = recommend_hints(*levin, Lw, 512, 384, hints, opt);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(object_of(recs[0], 8.0), 0) << "(" << recs[0].x << ", " << recs[0].y << ")";
  const auto alone = recommend_hints(*levin, Lw, 512, 384, {sky}, opt);
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(object_of(alone[0], 8.0), 2);
}

TEST(Recommend, RefusesMismatchedGrids) {
  EXPECT_THROW(pick_recommendations(Plane(4, 4), Plane(4, 5), 1, 1, {}, {}), Error);
  EXPECT_THROW(pick_recommendations(Plane(4, 4), Plane(4, 4), 0, 1, {}, {}), Error);
  EXPECT_TRUE(pick_recommendations(Plane(), Plane(), 1, 1, {}, {}).empty());
}

}  // namespace
}  // namespace tinge
