// A region's border pixels snapped to the lightness edge inside it (see region_trim.hpp).
#include "region_trim.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "hint_distance.hpp"

namespace tinge {

double region_trim_band(int short_side) {
  return std::max(2.0, double(short_side) / 20.0);
}

int64_t trim_region(Coverage& c, const Plane& L, int x0, int y0, double band) {
  const int w = c.width, h = c.height;
  if (w <= 0 || h <= 0) return 0;
  auto lightness = [&](int x, int y, float& l) {
    const int lx = x0 + x, ly = y0 + y;
    if (lx < 0 || ly < 0 || lx >= L.width || ly >= L.height) return false;
    l = L.at(lx, ly);
    return true;
  };
  int64_t removed = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float l = 0.f;
      uint8_t& m = c.m[size_t(y) * size_t(w) + size_t(x)];
      if (m && !lightness(x, y, l)) m = 0, ++removed;
    }
  // Each covered pixel's distance from the nearest uncovered one (a margin of one around the window
  // is uncovered).
  Plane outside(w + 2, h + 2, 1.f);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (c.at(x, y)) outside.at(x + 1, y + 1) = 0.f;
  const Plane d = distance_to_hints(outside);
  std::vector<float> inside;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float l = 0.f;
      if (c.at(x, y) && d.at(x + 1, y + 1) > band && lightness(x, y, l)) inside.push_back(l);
    }
  if (int64_t(inside.size()) < kRegionTrimMinCore) return removed;
  auto percentile = [&](double q) {
    auto it = inside.begin() + std::ptrdiff_t(q * double(inside.size() - 1));
    std::nth_element(inside.begin(), it, inside.end());
    return *it;
  };
  const float lo = percentile(0.1) - kRegionTrimMargin, hi = percentile(0.9) + kRegionTrimMargin;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float l = 0.f;
      if (!c.at(x, y) || d.at(x + 1, y + 1) > band || !lightness(x, y, l)) continue;
      if (l < lo || l > hi) {
        c.m[size_t(y) * size_t(w) + size_t(x)] = 0;
        ++removed;
      }
    }
  return removed;
}

}  // namespace tinge
