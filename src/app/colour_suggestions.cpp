// Colour suggestions for points, strokes and regions (see colour_suggestions.hpp).
#include "app/colour_suggestions.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "app/hint_colours.hpp"

namespace tinge {
namespace {

constexpr size_t kPlaces = 8, kColours = 8;

}  // namespace

std::vector<HintVertex> suggestion_places(const HintPoint& p) {
  return {{p.x, p.y}};
}

std::vector<HintVertex> suggestion_places(const HintStroke& s) {
  std::vector<HintVertex> out;
  const size_t n = s.points.size();
  const size_t k = std::min(n, kPlaces);
  for (size_t i = 0; i < k; ++i) out.push_back(s.points[k == 1 ? 0 : i * (n - 1) / (k - 1)]);
  return out;
}

std::vector<HintVertex> suggestion_places(const HintRegion& r) {
  if (r.polygon.empty()) return {};
  double mx = 0, my = 0;
  for (const HintVertex& v : r.polygon) mx += v.x, my += v.y;
  mx /= double(r.polygon.size()), my /= double(r.polygon.size());
  std::vector<HintVertex> out{{mx, my}};
  const size_t n = r.polygon.size(), k = std::min(n, kPlaces - 1);
  for (size_t i = 0; i < k; ++i) {
    const HintVertex& v = r.polygon[i * n / k];
    out.push_back({0.5 * (mx + v.x), 0.5 * (my + v.y)});
  }
  return out;
}

ColourSuggestions suggest_colours(const ImageData& img, const HintSet& others,
                                  const std::vector<HintVertex>& places, float L, Method& m) {
  ColourSuggestions out;
  const int W = img.L.width, H = img.L.height;
  const int w = img.L_work.width, h = img.L_work.height;
  const HintPlanes hp = rasterize_hint_set(others, W, H, w, h, &img.L_work);
  if (auto* model = m.distribution()) {
    // The probabilities of each colour summed over the places, most likely first.
    std::map<std::pair<int, int>, std::pair<Ab, float>> sum;
    for (const HintVertex& v : places) {
      const float xw = float(v.x * w / W), yw = float(v.y * h / H);
      for (const Suggestion& s : model->suggest(img.L_work, hp, xw, yw, int(kColours))) {
        auto& e = sum[{int(std::lround(s.a)), int(std::lround(s.b))}];
        e.first = {s.a, s.b};
        e.second += s.probability / float(places.size());
      }
    }
    std::vector<std::pair<Ab, float>> ranked;
    for (const auto& kv : sum) ranked.push_back(kv.second);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    if (ranked.size() > kColours) ranked.resize(kColours);
    for (const auto& [ab, p] : ranked) {
      out.ab.push_back(ab);
      out.probability.push_back(p);
    }
    out.from_model = true;
    return out;
  }
  const AbPrediction pr = m.predict(img.L_work, hp);
  double a = 0, b = 0;
  for (const HintVertex& v : places) {
    a += sample_at(pr.a, v.x * w / W, v.y * h / H, w, h);
    b += sample_at(pr.b, v.x * w / W, v.y * h / H, w, h);
  }
  if (!places.empty()) a /= double(places.size()), b /= double(places.size());
  if (a * a + b * b > 9.0) out.ab.push_back({float(a), float(b)});
  for (const Ab& c : natural_palette(L)) out.ab.push_back(c);
  return out;
}

}  // namespace tinge
