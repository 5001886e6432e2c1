// Tests of Levin et al. 2004 propagation: regions take their hint colours, hints are exact,
// the direct and iterative solvers agree, and the working-size solve is timed.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "core/levin.hpp"
#include "two_parts.hpp"

namespace tinge {
namespace {

HintPlanes no_hints(int w, int h) {
  return {Plane(w, h), Plane(w, h), Plane(w, h)};
}

// A size x size square of hint colour (a, b) centred on (cx, cy).
void add_hint(HintPlanes& hp, int cx, int cy, float a, float b, int size = 3) {
  for (int y = cy - size / 2; y <= cy + size / 2; ++y)
    for (int x = cx - size / 2; x <= cx + size / 2; ++x) {
      hp.a.at(x, y) = a;
      hp.b.at(x, y) = b;
      hp.mask.at(x, y) = 1.f;
    }
}

Plane texture(int w, int h) {
  Plane L(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      L.at(x, y) = 50.f + 25.f * std::sin(x * 0.21f + y * 0.05f) + ((x / 7 + y / 5) % 2 ? 15.f : -10.f);
  return L;
}

TEST(Levin, EachRegionTakesItsHintColour) {
  const int W = 64, H = 48;
  Plane L = two_parts(W, H, W / 2, 30.f, 70.f);
  HintPlanes hp = no_hints(W, H);
  add_hint(hp, 10, 10, 40.f, -20.f);
  add_hint(hp, 50, 38, -30.f, 35.f);
  Plane a, b;
  levin_colorize(L, hp, a, b);
  ASSERT_EQ(a.width, W);
  ASSERT_EQ(b.height, H);
  float worst = 0.f;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      bool left = x < W / 2;
      float da = a.at(x, y) - (left ? 40.f : -30.f), db = b.at(x, y) - (left ? -20.f : 35.f);
      worst = std::max(worst, std::sqrt(da * da + db * db));
    }
  EXPECT_LT(worst, 5.f);
}

TEST(Levin, OneHintColoursEverything) {
  Plane L = texture(40, 30);
  HintPlanes hp = no_hints(40, 30);
  add_hint(hp, 5, 25, 12.f, -7.f);
  Plane a, b;
  levin_colorize(L, hp, a, b);
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_NEAR(a.v[i], 12.f, 1e-3f);
    ASSERT_NEAR(b.v[i], -7.f, 1e-3f);
  }
}

TEST(Levin, HintsAreExactAndValuesStayBetweenThem) {
  Plane L = texture(50, 40);
  HintPlanes hp = no_hints(50, 40);
  add_hint(hp, 5, 5, 60.f, 10.f);
  add_hint(hp, 44, 33, -50.f, -25.f);
  add_hint(hp, 25, 20, 5.f, 70.f, 1);
  Plane a, b;
  levin_colorize(L, hp, a, b);
  for (size_t i = 0; i < a.size(); ++i) {
    if (hp.mask.v[i] > 0.5f) {
      ASSERT_EQ(a.v[i], hp.a.v[i]);
      ASSERT_EQ(b.v[i], hp.b.v[i]);
    }
    // Each unhinted value is a convex combination of its neighbours: maximum principle.
    ASSERT_GE(a.v[i], -50.f - 1e-3f);
    ASSERT_LE(a.v[i], 60.f + 1e-3f);
    ASSERT_GE(b.v[i], -25.f - 1e-3f);
    ASSERT_LE(b.v[i], 70.f + 1e-3f);
  }
  EXPECT_GT(a.at(7, 5), 30.f);  // near a hint, its colour dominates
}

TEST(Levin, NoHintsGivesZeros) {
  Plane L = texture(300, 200);
  Plane a(3, 3, 9.f), b;
  auto t0 = std::chrono::steady_clock::now();
  levin_colorize(L, no_hints(300, 200), a, b);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(a.width, 300);
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a.v[i] + b.v[i], 0.f);
  EXPECT_LT(s, 0.1);  // no system is built
}

TEST(Levin, DirectAndIterativeSolversAgree) {
  Plane L = texture(48, 36);
  HintPlanes hp = no_hints(48, 36);
  add_hint(hp, 4, 4, 30.f, 0.f);
  add_hint(hp, 40, 30, -20.f, 40.f);
  add_hint(hp, 20, 18, 0.f, -30.f);
  Plane a1, b1, a2, b2;
  levin_colorize(L, hp, a1, b1);
  LevinOptions it;
  it.solver = LevinSolver::kIterative;
  it.tolerance = 1e-10;
  levin_colorize(L, hp, a2, b2, it);
  float worst = 0.f;
  for (size_t i = 0; i < a1.size(); ++i)
    worst = std::max({worst, std::abs(a1.v[i] - a2.v[i]), std::abs(b1.v[i] - b2.v[i])});
  EXPECT_LT(worst, 0.01f);
}

TEST(Levin, NoPivotAndSupernodalLuAgree) {
  // The default solver (LU without pivoting) against Eigen's pivoting supernodal LU, on a textured
  // L with hints of a few sizes, including the far edges.
  Plane L = texture(61, 47);
  HintPlanes hp = no_hints(61, 47);
  add_hint(hp, 1, 1, 30.f, -5.f);
  add_hint(hp, 59, 45, -20.f, 40.f);
  add_hint(hp, 30, 20, 0.f, -30.f, 5);
  hp.mask.at(45, 10) = 1.f;
  hp.a.at(45, 10) = 12.f;
  Plane a1, b1, a2, b2, a3, b3, a4, b4;
  LevinSolver ran1, ran2, ran3, ran4;
  LevinOptions no_pivot, lu, by_default, small;
  no_pivot.solver = LevinSolver::kNoPivotLu;
  no_pivot.solver_used = &ran1;
  lu.solver = LevinSolver::kSupernodalLu;
  lu.solver_used = &ran2;
  by_default.solver_used = &ran3;
  small.no_pivot_max_unknowns = 61 * 47 - 1;  // the default solver, with this grid just above its limit
  small.solver_used = &ran4;
  levin_colorize(L, hp, a1, b1, no_pivot);
  levin_colorize(L, hp, a2, b2, lu);
  levin_colorize(L, hp, a3, b3, by_default);
  levin_colorize(L, hp, a4, b4, small);
  EXPECT_EQ(ran1, LevinSolver::kNoPivotLu);
  EXPECT_EQ(ran2, LevinSolver::kSupernodalLu);
  EXPECT_EQ(ran3, LevinSolver::kNoPivotLu);     // the default at this size
  EXPECT_EQ(ran4, LevinSolver::kSupernodalLu);  // above the limit
  EXPECT_EQ(a3.v, a1.v);
  EXPECT_EQ(b3.v, b1.v);
  EXPECT_EQ(a4.v, a2.v);
  EXPECT_EQ(b4.v, b2.v);
  float worst = 0.f, spread = 0.f;
  for (size_t i = 0; i < a1.size(); ++i) {
    worst = std::max({worst, std::abs(a1.v[i] - a2.v[i]), std::abs(b1.v[i] - b2.v[i])});
    spread = std::max(spread, std::abs(a1.v[i] - a1.v[0]));
  }
  EXPECT_LT(worst, 1e-4f);
  EXPECT_GT(spread, 5.f);  // the propagation is not flat: the comparison means something
}

TEST(Levin, MismatchedHintPlanesThrow) {
  Plane L(20, 10), a, b;
  HintPlanes hp = no_hints(10, 20);
  EXPECT_THROW(levin_colorize(L, hp, a, b), Error);
  EXPECT_THROW(levin_colorize(Plane(), no_hints(0, 0), a, b), Error);
}

TEST(Levin, WorkingSizeTiming) {
  const int W = 341, H = 256;
  Plane L = texture(W, H);
  HintPlanes hp = no_hints(W, H);
  for (int i = 0; i < 10; ++i)
    add_hint(hp, 10 + (i * 37) % (W - 20), 10 + (i * 53) % (H - 20), float(i * 9 - 40), float(30 - i * 7));
  Plane a, b;
  LevinSolver ran = LevinSolver::kDirect;
  LevinOptions opt;
  opt.solver_used = &ran;
  auto t0 = std::chrono::steady_clock::now();
  levin_colorize(L, hp, a, b, opt);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ timing ] levin_colorize %dx%d, 10 hints: %.3f s\n", W, H, s);
  EXPECT_EQ(a.at(10, 10), hp.a.at(10, 10));
  EXPECT_EQ(ran, LevinSolver::kSupernodalLu);  // 87k unknowns: faster there than the LU without pivoting
}

}  // namespace
}  // namespace tinge
