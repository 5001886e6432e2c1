// Behaviour of the shipped model and of the suggestion mode seeking.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/ab_grid.hpp"
#include "core/color.hpp"
#include "core/hints.hpp"
#include "core/pipeline.hpp"
#include "nn/model.hpp"
#include "nn/suggest.hpp"

using namespace tinge;

namespace {

// A bright disc (L = 70) on a dark textured background (L = 30), 256 x 256.
Plane disc_image() {
  Plane L(256, 256);
  for (int y = 0; y < 256; ++y)
    for (int x = 0; x < 256; ++x)
      L.at(x, y) = std::hypot(x - 128.0, y - 128.0) < 70 ? 70.f : 30.f + 5.f * float((x / 8 + y / 8) % 2);
  return L;
}

// A size-5 hint of colour (a, b) at the disc's centre.
HintPoint centre_hint(float a, float b) {
  HintPoint h;
  h.x = 128.5;
  h.y = 128.5;
  h.a = a;
  h.b = b;
  h.size = 5;
  return h;
}

std::string shipped_model() {
  return std::string(TINGE_SOURCE_DIR) + "/models/tinge-default.safetensors";
}

}  // namespace

TEST(ShippedModel, FollowsAHintAtADistance) {
  auto model = load_model(shipped_model());
  Plane L = disc_image();
  const HintPoint h = centre_hint(-10.f, -40.f);  // sky blue
  auto none = model->predict(L, rasterize_hints({}, 256, 256, 256, 256));
  auto with = model->predict(L, rasterize_hints({h}, 256, 256, 256, 256));
  // 40 px from the hint, still inside the disc: the colour moved towards the hint's.
  for (auto [x, y] : {std::pair{168, 128}, std::pair{88, 128}, std::pair{128, 168}, std::pair{128, 88}}) {
    const float d_with = std::hypot(with.a.at(x, y) - h.a, with.b.at(x, y) - h.b);
    const float d_none = std::hypot(none.a.at(x, y) - h.a, none.b.at(x, y) - h.b);
    EXPECT_LT(d_with, 20.f) << "at " << x << "," << y;
    EXPECT_LT(d_with, 0.6f * d_none) << "at " << x << "," << y;
  }
  // Outside the disc, across the lightness edge, the hint matters much less.
  const float out_with = std::hypot(with.a.at(20, 20) - h.a, with.b.at(20, 20) - h.b);
  const float in_with = std::hypot(with.a.at(168, 128) - h.a, with.b.at(168, 128) - h.b);
  EXPECT_GT(out_with, in_with);
}

TEST(ShippedModel, ColourStaysRegisteredWhenTheWidthIsNotAMultipleOfTheOutputStride) {
  // 257 px wide, and the same picture with its last column repeated to 260: the network sees the
  // same edge-padded 272 px input, so the colour over the shared columns must agree. Spreading the
  // 129 / 65 output cells evenly over 257 px instead of 2 / 4 px each shifted it up to 3 pixels.
  Plane L257(257, 96), L260(260, 96);
  for (int y = 0; y < 96; ++y)
    for (int x = 0; x < 260; ++x) {
      const int sx = std::min(x, 256);
      const float v = (sx / 24) % 2 ? 75.f : 25.f + 10.f * float((y / 6) % 2);
      if (x < 257) L257.at(x, y) = v;
      L260.at(x, y) = v;
    }
  for (const char* decode : {"", "annealed"}) {
    ModelOptions o;
    o.decode = decode;
    o.precision = "fp32";
    auto model = load_model(shipped_model(), o);
    auto p257 = model->predict(L257, rasterize_hints({}, 257, 96, 257, 96));
    auto p260 = model->predict(L260, rasterize_hints({}, 260, 96, 260, 96));
    float worst = 0.f;
    for (int y = 0; y < 96; ++y)
      for (int x = 0; x < 248; ++x)
        worst = std::max({worst, std::fabs(p257.a.at(x, y) - p260.a.at(x, y)),
                          std::fabs(p257.b.at(x, y) - p260.b.at(x, y))});
    EXPECT_LT(worst, 0.05f) << "decode '" << decode << "'";
  }
}

TEST(ShippedModel, ColourSpreadFallsWhereAHintSettlesTheColour) {
  auto model = load_model(shipped_model());
  Plane L = disc_image();
  const HintPoint h = centre_hint(40.f, 30.f);  // a red no photo statistics would pick for a plain disc
  const Plane none = model->colour_spread(L, rasterize_hints({}, 256, 256, 256, 256));
  const Plane with = model->colour_spread(L, rasterize_hints({h}, 256, 256, 256, 256));
  ASSERT_EQ(none.width, 64);
  ASSERT_EQ(none.height, 64);
  // Just beside the hint's patch (cell 33 = pixels 132-135; the patch covers 126-130): the network
  // is surer of the colour there. (Not 40 px away: a model with the Levin input carries a hint's
  // colour to its ab output through its gate, and its distribution is less sure beyond about 30 px,
  // where a model without it was still surer: docs/experiments.md, Suggestions.)
  EXPECT_LT(with.at(33, 32), 0.7f * none.at(33, 32)) << with.at(33, 32) << " vs " << none.at(33, 32);
  for (float v : none.v) ASSERT_TRUE(v >= 0.f && v < 160.f);
  // A working width that is not a multiple of 4 gives the cells covering it, rounded up.
  Plane L2(250, 101, 50.f);
  const Plane s2 = model->colour_spread(L2, rasterize_hints({}, 250, 101, 250, 101));
  EXPECT_EQ(s2.width, 63);
  EXPECT_EQ(s2.height, 26);
}

TEST(ShippedModel, SuggestionsAreDistinctAndInGamut) {
  auto model = load_model(shipped_model());
  Plane L = disc_image();
  auto s = model->suggest(L, rasterize_hints({}, 256, 256, 256, 256), 128.f, 128.f, 6);
  ASSERT_GE(s.size(), 3u);
  for (size_t i = 0; i < s.size(); ++i) {
    EXPECT_TRUE(in_gamut(70.f, s[i].a, s[i].b, 1e-3f)) << i;
    for (size_t j = 0; j < i; ++j) EXPECT_GE(std::hypot(s[i].a - s[j].a, s[i].b - s[j].b), 12.f);
  }
}

TEST(Suggest, BimodalDistributionGivesBothModesFirst) {
  AbGrid grid;
  std::vector<float> p(size_t(grid.size()), 0.0001f);
  const int red = grid.bin_of(50, 30), blue = grid.bin_of(0, -50);
  p[size_t(red)] = 0.5f;
  p[size_t(blue)] = 0.3f;
  auto s = suggest_from_distribution(grid, p, 50.f, 3);
  ASSERT_GE(s.size(), 2u);
  EXPECT_NEAR(s[0].a, 50, 3);
  EXPECT_NEAR(s[0].b, 30, 3);
  EXPECT_NEAR(s[1].a, 0, 3);
  EXPECT_NEAR(s[1].b, -50, 3);
  EXPECT_GT(s[0].probability, s[1].probability);
}

// A stray local maximum in the far tail of the distribution (a garish colour with no mass) must not
// outrank a colour that carries a large share of the probability.
TEST(Suggest, NegligibleModesComeAfterLikelyColours) {
  AbGrid grid;
  std::vector<float> p(size_t(grid.size()), 0.f);
  for (int b = -20; b <= 20; b += 10)  // one broad mode: 0.1 0.2 0.3 0.2 0.1 along b
    p[size_t(grid.bin_of(0, float(b)))] = 0.3f - 0.1f * float(std::abs(b)) / 10.f;
  const int stray = grid.bin_of(-70, 70);
  ASSERT_GE(stray, 0);
  p[size_t(stray)] = 1e-5f;
  auto s = suggest_from_distribution(grid, p, 60.f, 3);
  ASSERT_GE(s.size(), 2u);
  EXPECT_NEAR(s[0].a, 0, 3);
  EXPECT_NEAR(s[0].b, 0, 3);
  EXPECT_GT(s[1].probability, 0.1f);
  EXPECT_NEAR(s[1].a, 0, 3);  // the mode's flank (b about +-13), not the stray green
  for (size_t i = 0; i + 1 < s.size(); ++i) EXPECT_GE(s[i].probability, s[i + 1].probability) << i;
}

// Class rebalancing skews a distribution by 1 / ((1 - lambda) prior + lambda / Q); unbiasing undoes
// exactly that, so a common colour the skew pushed below a rare one comes first again.
TEST(Suggest, UnbiasingUndoesTheRebalancingWeights) {
  const std::vector<float> prior = {0.7f, 0.2f, 0.1f, 0.0f};
  const std::vector<float> truth = {0.4f, 0.2f, 0.2f, 0.2f};
  const float lambda = 0.5f;
  std::vector<float> skewed(4);
  double sum = 0;
  for (size_t q = 0; q < 4; ++q) sum += skewed[q] = truth[q] / ((1 - lambda) * prior[q] + lambda / 4);
  for (float& v : skewed) v = float(v / sum);
  ASSERT_LT(skewed[0], skewed[3]);  // the rare colour looks likelier than the common one
  unbias_distribution(skewed, prior, lambda);
  for (size_t q = 0; q < 4; ++q) EXPECT_NEAR(skewed[q], truth[q], 1e-6) << q;
  std::vector<float> other = {0.25f, 0.75f};
  unbias_distribution(other, prior, lambda);  // sizes differ: unchanged
  EXPECT_EQ(other, (std::vector<float>{0.25f, 0.75f}));
}

// Numerical safety: all-black and all-white photos (nothing for the network to go on, L at the ends
// of its range) with and without vivid hints come out finite and as black / white as they are:
// no NaN, no colour cast, no garbage.
TEST(ShippedModel, AllBlackAndAllWhitePhotosStayBlackAndWhite) {
  auto model = load_model(shipped_model());
  HintPoint h;
  h.x = 40;
  h.y = 30;
  h.a = 80.f;  // strong red
  h.b = 70.f;
  h.size = 9;
  for (float level : {0.f, 100.f}) {
    for (bool hinted : {false, true}) {
      SCOPED_TRACE(std::string(level == 0.f ? "black" : "white") + (hinted ? ", hinted" : ""));
      Plane L(120, 90, level);
      std::vector<HintPoint> hints;
      if (hinted) hints.push_back(h);
      LabImage lab = colorize(L, hints, *model);
      for (size_t i = 0; i < lab.a.v.size(); ++i) {
        ASSERT_TRUE(std::isfinite(lab.a.v[i]) && std::isfinite(lab.b.v[i]));
        ASSERT_LE(std::abs(lab.a.v[i]), 128.f);
        ASSERT_LE(std::abs(lab.b.v[i]), 128.f);
      }
      Rgb8Image rgb = lab_to_srgb8(lab);
      int worst = 0;
      for (size_t i = 0; i < rgb.data.size(); ++i)
        worst = std::max(worst, std::abs(int(rgb.data[i]) - (level == 0.f ? 0 : 255)));
      EXPECT_LE(worst, 2);
    }
  }
}
