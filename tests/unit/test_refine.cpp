// model+levin: a method averaged with Levin's propagation of the same hints.
#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "core/error.hpp"
#include "core/hint_distance.hpp"
#include "core/hints.hpp"
#include "core/levin.hpp"
#include "core/refine.hpp"
#include "two_parts.hpp"

namespace tinge {
namespace {

// A stand-in for the network: a fixed, position-dependent colour, whatever the hints.
class FixedMethod : public Method {
 public:
  std::string name() const override { return "fixed"; }
  AbPrediction predict(const Plane& L, const HintPlanes&) override {
    AbPrediction p{Plane(L.width, L.height), Plane(L.width, L.height)};
    for (int y = 0; y < L.height; ++y)
      for (int x = 0; x < L.width; ++x) {
        p.a.at(x, y) = float(x) - 20.f;
        p.b.at(x, y) = 30.f - float(y);
      }
    return p;
  }
};

HintPoint hint(double x, double y, float a, float b) {
  HintPoint p;
  p.x = x, p.y = y, p.a = a, p.b = b, p.size = 3;
  return p;
}

TEST(Refine, WithoutHintsTheMethodsPredictionIsUnchanged) {
  auto m = make_refined_method(std::make_unique<FixedMethod>());
  EXPECT_EQ(m->name(), "fixed+levin");
  const Plane L = two_parts(40, 30, 20, 30.f, 70.f);
  AbPrediction p = m->predict(L, rasterize_hints({}, 40, 30, 40, 30));
  AbPrediction base = FixedMethod().predict(L, {});
  EXPECT_EQ(p.a.v, base.a.v);
  EXPECT_EQ(p.b.v, base.b.v);
  EXPECT_EQ(levin_share(0), 0.f);
}

TEST(Refine, TheBaseMethodIsReachableForSuggestions) {
  auto m = make_refined_method(std::make_unique<FixedMethod>());
  EXPECT_EQ(base_method(*m).name(), "fixed");
  EXPECT_NE(dynamic_cast<FixedMethod*>(&base_method(*m)), nullptr);
  FixedMethod plain;
  EXPECT_EQ(&base_method(plain), &plain);
}

TEST(Refine, WithHintsItIsTheWeightedAverageOfTheMethodAndLevin) {
  const Plane L = two_parts(40, 30, 20, 30.f, 70.f);
  const HintPlanes h = rasterize_hints({hint(8, 15, 40.f, 10.f), hint(30, 12, -30.f, 50.f)}, 40, 30, 40, 30);
  ASSERT_GT(levin_share(2), 0.f);
  ASSERT_LT(levin_share(2), 1.f);
  AbPrediction p = make_refined_method(std::make_unique<FixedMethod>())->predict(L, h);
  AbPrediction base = FixedMethod().predict(L, h);
  Plane la, lb;
  levin_colorize(L, h, la, lb);
  const Plane d = distance_to_hints(h.mask);
  for (size_t i = 0; i < p.a.size(); ++i) {
    const float w = levin_share(2, d.v[i], 30);
    ASSERT_NEAR(p.a.v[i], (1 - w) * base.a.v[i] + w * la.v[i], 1e-4) << i;
    ASSERT_NEAR(p.b.v[i], (1 - w) * base.b.v[i] + w * lb.v[i], 1e-4) << i;
  }
  // Levin carried each hint across its own region: the average moved towards it there.
  EXPECT_GT(p.a.at(2, 2), base.a.at(2, 2) + 10.f);
  EXPECT_LT(p.a.at(37, 27), base.a.at(37, 27) - 5.f);
}

// At the network's working size Levin is solved on a coarser grid (short side 64) and upsampled
// guided by L: each region still takes its own hint's colour, right up to a sharp lightness edge.
TEST(Refine, TheCoarseLevinSolveKeepsEachRegionsHintUpToTheEdge) {
  const int w = 256, h = 192;
  const Plane L = two_parts(w, h, w / 2, 30.f, 70.f);
  HintPoint left = hint(60, 100, 40.f, 10.f), right = hint(200, 60, -30.f, 50.f);
  left.size = right.size = 5;
  const HintPlanes hp = rasterize_hints({left, right}, w, h, w, h);
  AbPrediction p = make_refined_method(std::make_unique<FixedMethod>())->predict(L, hp);
  AbPrediction base = FixedMethod().predict(L, hp);
  ASSERT_EQ(p.a.width, w);
  ASSERT_EQ(p.a.height, h);
  // Levin's part of the average, recovered at a pixel.
  const Plane d = distance_to_hints(hp.mask);
  auto share = [&](int x, int y) { return levin_share(2, d.at(x, y), h); };
  auto levin_a = [&](int x, int y) {
    return (p.a.at(x, y) - (1 - share(x, y)) * base.a.at(x, y)) / share(x, y);
  };
  auto levin_b = [&](int x, int y) {
    return (p.b.at(x, y) - (1 - share(x, y)) * base.b.at(x, y)) / share(x, y);
  };
  for (int y : {4, 60, 100, 187}) {
    for (int x : {3, 60, w / 2 - 1}) {  // left region, up to the edge
      EXPECT_NEAR(levin_a(x, y), 40.f, 4.f) << x << "," << y;
      EXPECT_NEAR(levin_b(x, y), 10.f, 4.f) << x << "," << y;
    }
    for (int x : {w / 2, 200, w - 4}) {  // right region, from the edge
      EXPECT_NEAR(levin_a(x, y), -30.f, 4.f) << x << "," << y;
      EXPECT_NEAR(levin_b(x, y), 50.f, 4.f) << x << "," << y;
    }
  }
}

// Levin carries a single hint's colour over the whole photo; its share fades with the distance from
// the hint, so far away the method's own colour is kept.
TEST(Refine, LevinsShareFadesWithDistanceFromTheHints) {
  const int w = 256, h = 64;
  const Plane L(w, h, 50.f);                 // no edges: Levin gives the hint's colour everywhere
  HintPoint p0 = hint(8, 32, -60.f, -20.f);  // a below the method's a = x - 20 everywhere
  p0.size = 5;
  const HintPlanes hp = rasterize_hints({p0}, w, h, w, h);
  AbPrediction p = make_refined_method(std::make_unique<FixedMethod>())->predict(L, hp);
  AbPrediction base = FixedMethod().predict(L, hp);
  // Next to the hint: half way between the method and the hint's colour.
  EXPECT_NEAR(p.a.at(11, 32), 0.5f * base.a.at(11, 32) + 0.5f * -60.f, 1.5f);
  EXPECT_NEAR(p.b.at(11, 32), 0.5f * base.b.at(11, 32) + 0.5f * -20.f, 1.5f);
  // 240 pixels away (6 falloff lengths of 0.625 x 64): the method's colour, within a unit.
  EXPECT_NEAR(p.a.at(250, 32), base.a.at(250, 32), 1.f);
  EXPECT_NEAR(p.b.at(250, 32), base.b.at(250, 32), 1.f);
  // In between, the share falls monotonically.
  float last = 1.f;
  for (int x = 12; x < w; x += 16) {
    const float s = (p.a.at(x, 32) - base.a.at(x, 32)) / (-60.f - base.a.at(x, 32));
    EXPECT_LE(s, last + 1e-3f) << x;
    last = s;
  }
  EXPECT_FLOAT_EQ(levin_share(1, 0.f, 64), levin_share(1));
  EXPECT_FLOAT_EQ(levin_share(1, -100.f, 10), levin_share(1));  // never above the peak
  EXPECT_FLOAT_EQ(levin_share(1, std::nanf(""), 10), levin_share(1));
  EXPECT_NEAR(levin_share(1, 40.f, 64), levin_share(1) * std::exp(-1.f), 1e-6);
}

// A stand-in for a network with a Levin input: it asks for the coarse propagation of its hints.
class LevinInputMethod : public Method {
 public:
  explicit LevinInputMethod(LevinCoarseOptions opt) : opt_(std::move(opt)) {}
  std::string name() const override { return "levin-input"; }
  AbPrediction predict(const Plane& L, const HintPlanes& h) override {
    AbPrediction p;
    levin_coarse(L, h, p.a, p.b, opt_);  // the default grid, as model+levin's
    for (float& v : p.a.v) v = 0.5f * v + 3.f;
    return p;
  }

 private:
  LevinCoarseOptions opt_;
};

TEST(Refine, TheCoarsePropagationIsSolvedOncePerPrediction) {
  const Plane L = two_parts(128, 96, 64, 30.f, 70.f);
  int solves = 0;  // by both: the stand-in's input and the average
  LevinCoarseOptions counted;
  counted.on_solve = [&] { ++solves; };
  auto m = make_refined_method(std::make_unique<LevinInputMethod>(counted), counted);
  const HintPlanes h1 =
      rasterize_hints({hint(20, 40, 40.f, 10.f), hint(100, 60, -30.f, 50.f)}, 128, 96, 128, 96);
  const HintPlanes h2 =
      rasterize_hints({hint(20, 40, 40.f, 10.f), hint(100, 60, 20.f, -40.f)}, 128, 96, 128, 96);
  // What each should be, solved on threads that remember nothing.
  Plane a1, b1, a2, b2;
  std::thread([&] { levin_coarse(L, h1, a1, b1); }).join();
  std::thread([&] { levin_coarse(L, h2, a2, b2); }).join();
  ASSERT_NE(a1.v, a2.v);

  const AbPrediction p1 = m->predict(L, h1);
  EXPECT_EQ(solves, 1);  // the input's solve serves the average too
  Plane a, b;
  levin_coarse(L, h1, a, b, counted);
  EXPECT_EQ(a.v, a1.v);
  EXPECT_EQ(b.v, b1.v);
  EXPECT_EQ(solves, 1);

  // Another hint colour, another grid or another L is solved afresh, and gives its own answer.
  levin_coarse(L, h2, a, b, counted);
  EXPECT_EQ(solves, 2);
  EXPECT_EQ(a.v, a2.v);
  EXPECT_EQ(b.v, b2.v);
  LevinCoarseOptions coarser = counted;
  coarser.grid_short_side = 48;
  levin_coarse(L, h2, a, b, coarser);
  EXPECT_EQ(solves, 3);
  Plane L2 = L;
  L2.at(40, 40) += 1.f;
  levin_coarse(L2, h2, a, b, coarser);
  EXPECT_EQ(solves, 4);
  const AbPrediction p1_again = m->predict(L, h1);
  EXPECT_EQ(p1_again.a.v, p1.a.v);
  EXPECT_EQ(p1_again.b.v, p1.b.v);
}

// A draft (a live preview at a reduced size) averages with Levin solved on a grid of a quarter of its
// short side, as the network's Levin input was in training: at short side 128, 32 instead of 64.
TEST(Refine, ADraftAveragesWithTheCoarserDraftGrid) {
  EXPECT_EQ(draft_levin_grid(171, 128), 32);
  EXPECT_EQ(draft_levin_grid(341, 256), kLevinGridShortSide);
  EXPECT_EQ(draft_levin_grid(1200, 900), kLevinGridShortSide);
  EXPECT_EQ(draft_levin_grid(3, 2), 1);
  const Plane L = two_parts(171, 128, 85, 30.f, 70.f);
  const HintPlanes h =
      rasterize_hints({hint(20, 40, 40.f, 10.f), hint(120, 60, -30.f, 50.f)}, 171, 128, 171, 128);
  auto m = make_refined_method(std::make_unique<FixedMethod>());
  const AbPrediction draft = m->predict_draft(L, h), full = m->predict(L, h);
  EXPECT_NE(draft.a.v, full.a.v);
  LevinCoarseOptions grid;
  grid.grid_short_side = 32;
  Plane la, lb;
  levin_coarse(L, h, la, lb, grid);
  const AbPrediction base = FixedMethod().predict(L, h);
  const Plane d = distance_to_hints(h.mask);
  for (size_t i = 0; i < la.v.size(); i += 97) {
    const float w = levin_share(h.count, d.v[i], 128);
    EXPECT_NEAR(draft.a.v[i], (1.f - w) * base.a.v[i] + w * la.v[i], 1e-4f) << i;
    EXPECT_NEAR(draft.b.v[i], (1.f - w) * base.b.v[i] + w * lb.v[i], 1e-4f) << i;
  }
}

// Hint planes of another size than L are refused (the share map is the mask's size).
TEST(Refine, HintPlanesOfAnotherSizeAreRefused) {
  // 256 px: Levin's coarse solve pools any larger mask without complaint.
  const Plane L = two_parts(256, 256, 128, 30.f, 70.f);
  auto m = make_refined_method(std::make_unique<FixedMethod>());
  const HintPlanes small = rasterize_hints({hint(10, 10, 20.f, 20.f)}, 256, 256, 128, 128);
  EXPECT_THROW(m->predict(L, small), Error);
}

}  // namespace
}  // namespace tinge
