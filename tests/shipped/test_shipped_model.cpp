// Behaviour of the shipped model (models/tinge-default.safetensors), CTest label `shipped`. Where
// a figure depends on how well the network colours, it is set against gray and Levin's propagation
// measured on the same image in the same test, so a retrained model needs no retuned numbers; the
// other checks are properties any model must have (registration, ranges, gamut, finiteness).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/ab_grid.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/hints.hpp"
#include "core/method.hpp"
#include "core/pipeline.hpp"
#include "core/resample.hpp"
#include "nn/model.hpp"

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

float distance(const AbPrediction& p, int x, int y, const HintPoint& h) {
  return std::hypot(p.a.at(x, y) - h.a, p.b.at(x, y) - h.b);
}

}  // namespace

// 40 px from a hint, inside the disc it lies in, the colour moves towards the hint's: at least half
// of the way from gray's colour (no colour) to Levin's (which spreads a lone hint everywhere), and
// much closer than without the hint. Across the disc's edge it matters less.
TEST(ShippedModel, FollowsAHintAtADistance) {
  auto model = load_model(shipped_model());
  auto gray = make_gray_method(), levin = make_levin_method();
  const Plane L = disc_image();
  const HintPoint h = centre_hint(-10.f, -40.f);  // sky blue
  const HintPlanes hinted = rasterize_hints({h}, 256, 256, 256, 256);
  const auto none = model->predict(L, rasterize_hints({}, 256, 256, 256, 256));
  const auto with = model->predict(L, hinted);
  const auto g = gray->predict(L, hinted), lv = levin->predict(L, hinted);
  for (auto [x, y] : {std::pair{168, 128}, std::pair{88, 128}, std::pair{128, 168}, std::pair{128, 88}}) {
    const float d_gray = distance(g, x, y, h), d_levin = distance(lv, x, y, h);
    ASSERT_LT(d_levin, d_gray) << "Levin does not carry the hint here: the comparison means nothing";
    const float d_with = distance(with, x, y, h);
    EXPECT_LT(d_with, d_levin + 0.5f * (d_gray - d_levin)) << "at " << x << "," << y;
    EXPECT_LT(d_with, 0.6f * distance(none, x, y, h)) << "at " << x << "," << y;
  }
  EXPECT_GT(distance(with, 20, 20, h), distance(with, 168, 128, h));
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

// Just beside a hint's patch the network is surer of the colour than without the hint.
TEST(ShippedModel, ColourSpreadFallsWhereAHintSettlesTheColour) {
  auto model = load_model(shipped_model());
  ColourDistribution* dist = model->distribution();
  ASSERT_NE(dist, nullptr);
  Plane L = disc_image();
  const HintPoint h = centre_hint(40.f, 30.f);  // a red no photo statistics would pick for a plain disc
  const Plane none = dist->colour_spread(L, rasterize_hints({}, 256, 256, 256, 256));
  const Plane with = dist->colour_spread(L, rasterize_hints({h}, 256, 256, 256, 256));
  ASSERT_EQ(none.width, 64);
  ASSERT_EQ(none.height, 64);
  // Cell 33 = pixels 132-135; the patch covers 126-130.
  EXPECT_LT(with.at(33, 32), 0.7f * none.at(33, 32)) << with.at(33, 32) << " vs " << none.at(33, 32);
  for (float v : none.v) ASSERT_TRUE(v >= 0.f && v < 160.f);  // below the ab grid's widest spread
  // A working width that is not a multiple of 4 gives the cells covering it, rounded up.
  Plane L2(250, 101, 50.f);
  const Plane s2 = dist->colour_spread(L2, rasterize_hints({}, 250, 101, 250, 101));
  EXPECT_EQ(s2.width, 63);
  EXPECT_EQ(s2.height, 26);
}

// The spread about the decoded colour is never below the spread about the distribution's mean
// (E|c - d|^2 = variance + |mean - d|^2), and about a colour far from every likely one it is large.
TEST(ShippedModel, ColourSpreadAboutAColourAddsItsDistanceFromTheMean) {
  auto model = load_model(shipped_model());
  ColourDistribution* dist = model->distribution();
  const Plane L = disc_image();
  const HintPlanes hp = rasterize_hints({centre_hint(40.f, 30.f)}, 256, 256, 256, 256);
  const AbPrediction decoded = model->predict(L, hp);
  const Plane about_mean = dist->colour_spread(L, hp);
  const Plane about_decoded = dist->colour_spread(L, hp, &decoded);
  AbPrediction far{Plane(256, 256, 90.f), Plane(256, 256, -90.f)};
  const Plane about_far = dist->colour_spread(L, hp, &far);
  for (size_t i = 0; i < about_mean.v.size(); ++i) {
    ASSERT_GE(about_decoded.v[i], about_mean.v[i] - 1e-3f) << i;
    ASSERT_GT(about_far.v[i], 60.f) << i;  // (90, -90) is over 100 ab units from any plausible colour
  }
}

// A preview, the suggestions and the spread for the same input share one forward pass; another
// input gets its own: the memo never answers for a different input.
TEST(ShippedModel, TheForwardPassIsSharedOnlyBySameInputs) {
  auto model = load_model(shipped_model());
  auto fresh = load_model(shipped_model());
  const Plane L = disc_image();
  HintPoint h = centre_hint(40.f, 30.f);
  const HintPlanes red = rasterize_hints({h}, 256, 256, 256, 256);
  h.a = -30.f, h.b = -20.f;
  const HintPlanes teal = rasterize_hints({h}, 256, 256, 256, 256);
  const AbPrediction first = model->predict(L, red);
  model->distribution()->suggest(L, red, 100.f, 100.f, 3);
  const AbPrediction teal_pred = model->predict(L, teal);
  const AbPrediction again = model->predict(L, red);
  EXPECT_EQ(first.a.v, again.a.v);
  EXPECT_EQ(teal_pred.a.v, fresh->predict(L, teal).a.v);
  EXPECT_NE(teal_pred.a.v, first.a.v);
}

// A draft (the editor's preview while a hint is dragged, at short side 128) sees Levin's propagation
// on a coarser grid: it follows the hints, and the memo never answers a prediction with a draft or a
// draft with a prediction. (How close drafts come to results: `tinge eval --preview 128`.)
TEST(ShippedModel, ADraftFollowsTheHintsAndIsNeverTakenForAPrediction) {
  auto model = load_model(shipped_model());
  auto fresh = load_model(shipped_model());
  Plane Lw(342, 256);
  for (int y = 0; y < Lw.height; ++y)
    for (int x = 0; x < Lw.width; ++x)
      Lw.at(x, y) = std::hypot(x - 171.0, y - 128.0) < 80 ? 70.f : 30.f + 5.f * float((x / 16 + y / 16) % 2);
  const Plane Lp = resize_area(Lw, 171, 128);
  HintPoint h = centre_hint(-10.f, -40.f);
  h.x = 171.5, h.y = 128.5;
  HintPoint far = h;
  far.x = 40.5, far.y = 40.5, far.a = 30.f, far.b = 20.f;
  const HintPlanes hp = rasterize_hints({h, far}, 342, 256, 171, 128);
  const AbPrediction draft = model->predict_draft(Lp, hp);
  const AbPrediction full = model->predict(Lp, hp);
  EXPECT_EQ(full.a.v, fresh->predict(Lp, hp).a.v);
  EXPECT_EQ(draft.a.v, model->predict_draft(Lp, hp).a.v);
  EXPECT_NE(draft.a.v, full.a.v) << "the draft took the prediction's path";
  const AbPrediction none = model->predict_draft(Lp, rasterize_hints({far}, 342, 256, 171, 128));
  for (auto [x, y] : {std::pair{110, 64}, std::pair{60, 64}, std::pair{85, 90}})
    EXPECT_LT(distance(draft, x, y, h), 0.6f * distance(none, x, y, h)) << "at " << x << "," << y;
}

TEST(ShippedModel, SuggestionsAreDistinctAndInGamut) {
  auto model = load_model(shipped_model());
  Plane L = disc_image();
  auto s = model->distribution()->suggest(L, rasterize_hints({}, 256, 256, 256, 256), 128.f, 128.f, 6);
  ASSERT_GE(s.size(), 3u);
  for (size_t i = 0; i < s.size(); ++i) {
    EXPECT_TRUE(in_gamut(70.f, s[i].a, s[i].b, 1e-3f)) << i;
    for (size_t j = 0; j < i; ++j) EXPECT_GE(std::hypot(s[i].a - s[j].a, s[i].b - s[j].b), 12.f);
  }
}

// Numerical safety: all-black and all-white photos (nothing for the network to go on, L at the ends
// of its range) with and without vivid hints come out finite and as black / white as gray's
// colouring of them (within 2 levels): no NaN, no colour cast, no garbage.
TEST(ShippedModel, AllBlackAndAllWhitePhotosStayBlackAndWhite) {
  auto model = load_model(shipped_model());
  auto gray = make_gray_method();
  HintPoint h;
  h.x = 40;
  h.y = 30;
  h.a = 80.f;  // strong red
  h.b = 70.f;
  h.size = 9;
  auto worst_level = [](const LabImage& lab, float level) {
    const Rgb8Image rgb = lab_to_srgb8(lab);
    int worst = 0;
    for (uint8_t v : rgb.data) worst = std::max(worst, std::abs(int(v) - (level == 0.f ? 0 : 255)));
    return worst;
  };
  for (float level : {0.f, 100.f}) {
    for (bool hinted : {false, true}) {
      SCOPED_TRACE(std::string(level == 0.f ? "black" : "white") + (hinted ? ", hinted" : ""));
      Plane L(120, 90, level);
      std::vector<HintPoint> hints;
      if (hinted) hints.push_back(h);
      const LabImage lab = colorize(L, hints, *model);
      for (size_t i = 0; i < lab.a.v.size(); ++i) {
        ASSERT_TRUE(std::isfinite(lab.a.v[i]) && std::isfinite(lab.b.v[i]));
        ASSERT_LE(std::abs(lab.a.v[i]), 128.f);
        ASSERT_LE(std::abs(lab.b.v[i]), 128.f);
      }
      EXPECT_LE(worst_level(lab, level), worst_level(colorize(L, hints, *gray), level) + 2);
    }
  }
}

// Inference in bf16 (the default where the CPU has bf16 instructions) gives the float32 colours to
// within a few ab units, with and without hints; an unknown precision is a usage error.
TEST(ShippedModel, Bf16InferenceMatchesFloat32) {
  ModelOptions f32, b16;
  f32.precision = "fp32";
  b16.precision = "bf16";
  auto m32 = load_model(shipped_model(), f32), m16 = load_model(shipped_model(), b16);
  Plane L(96, 80);
  for (int y = 0; y < L.height; ++y)
    for (int x = 0; x < L.width; ++x)
      L.at(x, y) = 30.f + 40.f * float((x / 24 + y / 20) % 2) + 0.2f * float(y);
  HintPoint h;
  h.x = 40, h.y = 30, h.a = 30, h.b = 40, h.size = 5;
  for (const auto& points : {std::vector<HintPoint>{}, std::vector<HintPoint>{h}}) {
    const auto hints = rasterize_hints(points, L.width, L.height, L.width, L.height);
    const auto p32 = m32->predict(L, hints), p16 = m16->predict(L, hints);
    double sum = 0, worst = 0;
    for (size_t i = 0; i < p32.a.v.size(); ++i) {
      const double d = std::hypot(p32.a.v[i] - p16.a.v[i], p32.b.v[i] - p16.b.v[i]);
      sum += d;
      worst = std::max(worst, d);
    }
    EXPECT_GT(worst, 0.0) << "bf16 gave float32's result bit for bit: not in effect";
    EXPECT_LT(sum / double(p32.a.v.size()), 1.0) << points.size() << " hints";
    EXPECT_LT(worst, 6.0) << points.size() << " hints";
  }
  ModelOptions bad;
  bad.precision = "fp8";
  EXPECT_THROW(load_model(shipped_model(), bad), UsageError);
}
