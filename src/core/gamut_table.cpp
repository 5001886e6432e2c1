// Tabulated sRGB gamut boundary in LCh (see gamut_table.hpp).
#include "gamut_table.hpp"

#include <algorithm>
#include <cmath>

#include "color.hpp"
#include "error.hpp"

namespace tinge {
namespace {

constexpr double kTwoPi = 6.283185307179586;

bool in_gamut(float L, float a, float b) {
  return lab_in_srgb_gamut({L, a, b});
}

// The first chroma at which the colour leaves the gamut, going out from grey: march in steps of
// 1, then bisect the step. (Bisecting the whole range is not enough: where a channel grazes its
// limit, as R = 1 + 1e-4 for near-white yellows, the in-gamut set is not one interval, and the
// per-pixel clamp of lab_planes_to_srgb8, bisecting from the colour's own chroma, stops at the
// first exit in practice.)
float boundary_chroma(float L, double hue) {
  const float ca = float(std::cos(hue)), sb = float(std::sin(hue));
  if (!in_gamut(L, 0.f, 0.f)) return 0.f;
  float lo = 0.f, hi = 0.f;
  while (hi < 200.f && in_gamut(L, hi * ca, hi * sb)) lo = hi, hi += 1.f;  // sRGB chroma < 140
  while (hi - lo > 1e-3f) {
    const float mid = 0.5f * (lo + hi);
    (in_gamut(L, mid * ca, mid * sb) ? lo : hi) = mid;
  }
  return lo;
}

}  // namespace

GamutTable make_gamut_table(int rows, int cols) {
  if (rows < 2 || cols < 4 || int64_t(rows) * cols > (1 << 24))
    throw Error("gamut table: bad size " + std::to_string(rows) + " x " + std::to_string(cols));
  GamutTable t;
  t.rows = rows;
  t.cols = cols;
  t.max_chroma.resize(size_t(rows) * size_t(cols));
#pragma omp parallel for schedule(dynamic, 4)
  for (int i = 0; i < rows; ++i) {
    const float L = 100.f * float(i) / float(rows - 1);
    for (int j = 0; j < cols; ++j)
      t.max_chroma[size_t(i) * size_t(cols) + size_t(j)] = boundary_chroma(L, kTwoPi * j / cols);
  }
  return t;
}

float GamutTable::lookup(float L, float hue) const {
  if (!std::isfinite(hue)) hue = 0.f;  // NaN and infinities must not index the table
  const float y = (L > 0.f ? std::min(L, 100.f) : 0.f) / 100.f * float(rows - 1);
  float x = float(double(hue) / kTwoPi) * float(cols);
  x -= float(cols) * std::floor(x / float(cols));  // [0, cols)
  const int y0 = std::min(int(y), rows - 2), x0 = std::min(int(x), cols - 1);
  const int x1 = (x0 + 1) % cols;
  const float fy = y - float(y0), fx = x - float(x0);
  auto at = [&](int r, int c) { return max_chroma[size_t(r) * size_t(cols) + size_t(c)]; };
  const float top = at(y0, x0) + fx * (at(y0, x1) - at(y0, x0));
  const float bot = at(y0 + 1, x0) + fx * (at(y0 + 1, x1) - at(y0 + 1, x0));
  return top + fy * (bot - top);
}

void GamutTable::clamp_chroma(float L, float& a, float& b) const {
  if (!in_gamut(L, a, b)) clamp_chroma_out_of_gamut(L, a, b);
}

void GamutTable::clamp_chroma_out_of_gamut(float L, float& a, float& b) const {
  const float c = std::sqrt(a * a + b * b);
  if (!(c > 0.f) || !std::isfinite(c)) return;  // grey, or not a number: nothing to scale
  const float cmax = lookup(L, std::atan2(b, a));
  if (c > cmax) {
    const float s = cmax / c;
    a *= s;
    b *= s;
  }
}

}  // namespace tinge
