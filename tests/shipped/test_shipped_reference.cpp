// A colour reference steering the shipped model (core/colour_reference.hpp, nn/infer.cpp), CTest
// label `shipped`: the result moves towards the reference's colours, strength 0 changes nothing,
// hints stay exact, and suggestions favour the colours the reference holds.
#include <gtest/gtest.h>

#include <cmath>

#include "core/color.hpp"
#include "core/colour_reference.hpp"
#include "core/hints.hpp"
#include "core/method.hpp"
#include "core/pipeline.hpp"
#include "nn/model.hpp"

using namespace tinge;

namespace {

std::string shipped_model() {
  return std::string(TINGE_SOURCE_DIR) + "/models/tinge-default.safetensors";
}

// A street-like scene: a bright band (sky), a mid-gray band with blocks (buildings), a dark band.
Plane scene() {
  Plane L(256, 192);
  for (int y = 0; y < 192; ++y)
    for (int x = 0; x < 256; ++x)
      L.at(x, y) = y < 64 ? 85.f - 0.1f * float(y) : y < 128 ? 55.f + 10.f * float((x / 32) % 2) : 30.f;
  return L;
}

// A flat photo of one sRGB colour.
Rgb8Image flat(uint8_t r, uint8_t g, uint8_t b) {
  Rgb8Image img(96, 64);
  for (size_t i = 0; i < img.data.size(); i += 3) img.data[i] = r, img.data[i + 1] = g, img.data[i + 2] = b;
  return img;
}

std::array<double, 2> mean_ab(const AbPrediction& p) {
  double a = 0, b = 0;
  for (size_t i = 0; i < p.a.v.size(); ++i) a += p.a.v[i], b += p.b.v[i];
  return {a / double(p.a.v.size()), b / double(p.a.v.size())};
}

double dist(const std::array<double, 2>& m, const Lab& c) {
  return std::hypot(m[0] - c[1], m[1] - c[2]);
}

}  // namespace

// With no hints, a blue reference moves the mean colour towards blue and a red one towards red, at
// strength 1 and at 2.
TEST(ShippedReference, MovesTheResultTowardsTheReferencesColours) {
  auto model = load_model(shipped_model());
  ColourDistribution* dist_ = model->distribution();
  const Plane L = scene();
  const HintPlanes none = rasterize_hints({}, 256, 192, 256, 192);
  const auto plain = mean_ab(model->predict(L, none));
  for (const auto& [rgb, name] :
       {std::pair<std::array<uint8_t, 3>, const char*>{{40, 90, 200}, "blue"}, {{200, 40, 40}, "red"}}) {
    const Lab target = srgb8_to_lab(rgb[0], rgb[1], rgb[2]);
    const double before = dist(plain, target);
    for (float strength : {1.f, 2.f}) {
      const ColourReference ref = reference_from_image(flat(rgb[0], rgb[1], rgb[2]), strength, name);
      dist_->set_reference(&ref);
      const double d = dist(mean_ab(model->predict(L, none)), target);
      EXPECT_LT(d, 0.8 * before) << name << " at strength " << strength << ": " << d << " vs " << before;
    }
    dist_->set_reference(nullptr);
  }
  // Turned off, the result is the plain one again.
  const auto again = mean_ab(model->predict(L, none));
  EXPECT_EQ(again[0], plain[0]);
  EXPECT_EQ(again[1], plain[1]);
}

// Strength 0 is off: the result is identical to the one without a reference, bit for bit.
TEST(ShippedReference, StrengthZeroChangesNothing) {
  auto model = load_model(shipped_model());
  const Plane L = scene();
  HintPoint h;
  h.x = 40.5, h.y = 100.5, h.a = 30, h.b = 20, h.size = 5;
  for (const auto& hints : {std::vector<HintPoint>{}, std::vector<HintPoint>{h}}) {
    const HintPlanes hp = rasterize_hints(hints, 256, 192, 256, 192);
    const AbPrediction plain = model->predict(L, hp);
    const ColourReference ref = reference_from_image(flat(40, 90, 200), 0.f, "blue");
    model->distribution()->set_reference(&ref);
    const AbPrediction off = model->predict(L, hp);
    model->distribution()->set_reference(nullptr);
    EXPECT_EQ(plain.a.v, off.a.v);
    EXPECT_EQ(plain.b.v, off.b.v);
  }
}

// Hints stay exact under a reference: each hint's patch has its colour in the result.
TEST(ShippedReference, HintsStayExact) {
  auto model = load_model(shipped_model());
  const Plane L = scene();
  std::vector<HintPoint> hints(2);
  hints[0].x = 40.5, hints[0].y = 20.5, hints[0].a = -20, hints[0].b = 10, hints[0].size = 5;  // sky green
  hints[1].x = 200.5, hints[1].y = 160.5, hints[1].a = 10, hints[1].b = -30, hints[1].size = 5;
  const ColourReference ref =
      reference_from_palette({{{200, 40, 40}}, {{220, 120, 30}}, {{150, 20, 60}}}, 2.f);
  model->distribution()->set_reference(&ref);
  const LabImage out = colorize(L, hints, *model);
  model->distribution()->set_reference(nullptr);
  for (const HintPoint& h : hints)
    for (int dy = -2; dy <= 2; ++dy)
      for (int dx = -2; dx <= 2; ++dx) {
        const int x = int(h.x) + dx, y = int(h.y) + dy;
        EXPECT_NEAR(out.a.at(x, y), h.a, 0.01) << x << "," << y;
        EXPECT_NEAR(out.b.at(x, y), h.b, 0.01) << x << "," << y;
      }
}

// The first suggestion at a point moves towards a palette's colours.
TEST(ShippedReference, SuggestionsFavourTheReferencesColours) {
  auto model = load_model(shipped_model());
  ColourDistribution* d = model->distribution();
  const Plane L = scene();
  const HintPlanes none = rasterize_hints({}, 256, 192, 256, 192);
  const Lab green = srgb8_to_lab(40, 160, 60);
  const auto plain = d->suggest(L, none, 100.f, 96.f, 3);
  const ColourReference ref =
      reference_from_palette({{{40, 160, 60}}, {{60, 140, 40}}, {{30, 120, 50}}}, 2.f);
  d->set_reference(&ref);
  const auto steered = d->suggest(L, none, 100.f, 96.f, 3);
  d->set_reference(nullptr);
  ASSERT_FALSE(plain.empty());
  ASSERT_FALSE(steered.empty());
  EXPECT_LT(std::hypot(steered[0].a - green[1], steered[0].b - green[2]),
            std::hypot(plain[0].a - green[1], plain[0].b - green[2]) - 5.0);
}
