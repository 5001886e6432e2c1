// The sRGB gamut test in L*a*b*, hue-preserving gamut clamping, and the quantised ab grid (the
// network's output bins).
//
// The default AbGrid keeps the cells that some 8-bit sRGB colour falls into (nearest cell): 261 bins
// (Zhang et al. 2016 report 313 from ImageNet pixels; tests pin 261). The stricter rule "cell centre in
// gamut at some L in 0.5, 1.5, ..., 99.5" gives only 224 and leaves saturated colours such as the
// blue primary (a 79, b -108) without a bin of their own, so every representable colour gets one here.
#include "ab_grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "color.hpp"
#include "error.hpp"

namespace tinge {
namespace {

constexpr int kCells = AbGrid::kSide * AbGrid::kSide;

float cell_a(int cell) {
  return AbGrid::kMin + AbGrid::kStep * float(cell % AbGrid::kSide);
}
float cell_b(int cell) {
  return AbGrid::kMin + AbGrid::kStep * float(cell / AbGrid::kSide);
}

int axis_index(float v) {
  if (!std::isfinite(v)) return v > 0 ? AbGrid::kSide - 1 : (v < 0 ? 0 : AbGrid::kSide / 2);
  float t = std::round((v - AbGrid::kMin) / AbGrid::kStep);
  return int(std::min(std::max(t, 0.f), float(AbGrid::kSide - 1)));
}

float sq(float v) {
  return v * v;
}

int cell_index(float a, float b) {
  return axis_index(b) * AbGrid::kSide + axis_index(a);
}

// Cells hit by some 8-bit sRGB colour. The ab projection of the RGB cube equals the projection of
// its surface (a vertical line through the solid leaves it through the surface), so the colours with
// one channel at 0 or 255 suffice: 6 x 256 x 256 conversions instead of 2^24.
std::vector<int> colour_cells() {
  std::vector<char> hit(kCells, 0);
  for (int face = 0; face < 6; ++face) {
    const int k = face / 2;
    const int fixed = (face % 2) * 255;
    for (int u = 0; u < 256; ++u)
      for (int v = 0; v < 256; ++v) {
        int rgb[3];
        rgb[k] = fixed;
        rgb[(k + 1) % 3] = u;
        rgb[(k + 2) % 3] = v;
        Lab lab = srgb8_to_lab(uint8_t(rgb[0]), uint8_t(rgb[1]), uint8_t(rgb[2]));
        hit[cell_index(lab[1], lab[2])] = 1;
      }
  }
  std::vector<int> cells;
  for (int c = 0; c < kCells; ++c)
    if (hit[c]) cells.push_back(c);
  return cells;
}

// Squared distance from (a, b) to the nearest / farthest point of a cell's square.
float min_dist2(int cell, float a, float b) {
  float h = AbGrid::kStep / 2, ca = cell_a(cell), cb = cell_b(cell);
  float da = std::max(0.f, std::fabs(a - ca) - h), db = std::max(0.f, std::fabs(b - cb) - h);
  return da * da + db * db;
}
float max_dist2(int cell, float a, float b) {
  float h = AbGrid::kStep / 2, ca = cell_a(cell), cb = cell_b(cell);
  return sq(std::fabs(a - ca) + h) + sq(std::fabs(b - cb) + h);
}

}  // namespace

bool in_gamut(float L, float a, float b, float eps) {
  Rgb rgb = lab_to_srgb({L, a, b});
  for (float c : rgb)
    if (!(c >= -eps && c <= 1.f + eps)) return false;  // NaN fails too
  return true;
}

std::array<float, 2> clamp_to_gamut(float L, float a, float b) {
  if (!std::isfinite(a) || !std::isfinite(b)) return {0.f, 0.f};
  if (in_gamut(L, a, b)) return {a, b};
  // Binary search on the chroma scale s in [0, 1]; lo stays in gamut (grey is, for L in [0, 100];
  // outside that range nothing is and grey is returned).
  float lo = 0.f, hi = 1.f;
  for (int i = 0; i < 24; ++i) {
    float mid = 0.5f * (lo + hi);
    if (in_gamut(L, a * mid, b * mid))
      lo = mid;
    else
      hi = mid;
  }
  return {a * lo, b * lo};
}

AbGrid::AbGrid() {
  static const std::vector<int> cells = colour_cells();  // computed once (~10 ms)
  *this = AbGrid(cells);
}

AbGrid::AbGrid(std::vector<int> cells) : cells_(std::move(cells)), cell_to_bin_(kCells, -1) {
  if (cells_.empty()) throw Error("ab grid: the list of in-gamut cells is empty");
  for (size_t i = 0; i < cells_.size(); ++i) {
    int c = cells_[i];
    if (c < 0 || c >= kCells)
      throw Error("ab grid: cell index " + std::to_string(c) + " out of range 0..528");
    if (cell_to_bin_[c] >= 0) throw Error("ab grid: cell index " + std::to_string(c) + " listed twice");
    cell_to_bin_[c] = int(i);
  }
  // For each out-of-gamut cell, the bins that can be nearest to some point of its square: those
  // whose smallest distance to the square does not exceed the best guaranteed (largest) distance.
  candidates_.assign(kCells, {});
  for (int cell = 0; cell < kCells; ++cell) {
    if (cell_to_bin_[cell] >= 0) continue;
    float bound = std::numeric_limits<float>::max();
    for (int c : cells_) bound = std::min(bound, max_dist2(cell, cell_a(c), cell_b(c)));
    for (int bin = 0; bin < size(); ++bin)
      if (min_dist2(cell, cell_a(cells_[bin]), cell_b(cells_[bin])) <= bound + 1e-3f)
        candidates_[cell].push_back(bin);
  }
}

std::array<float, 2> AbGrid::center(int bin) const {
  TINGE_CHECK(bin >= 0 && bin < size(), "ab grid: bin " + std::to_string(bin) + " out of range");
  return {cell_a(cells_[bin]), cell_b(cells_[bin])};
}

int AbGrid::cell_of(float a, float b) const {
  return cell_index(a, b);
}

int AbGrid::bin_of(float a, float b) const {
  if (!std::isfinite(a)) a = 0.f;
  if (!std::isfinite(b)) b = 0.f;
  int cell = cell_of(a, b);
  if (cell_to_bin_[cell] >= 0) return cell_to_bin_[cell];  // nearest cell overall is a bin
  const float lim = kMin - kStep / 2, lim_hi = -lim;
  bool inside = a >= lim && a <= lim_hi && b >= lim && b <= lim_hi;
  int best = -1;
  float best_d = std::numeric_limits<float>::max();
  auto consider = [&](int bin) {
    float d = sq(a - cell_a(cells_[bin])) + sq(b - cell_b(cells_[bin]));
    if (d < best_d) best_d = d, best = bin;
  };
  if (inside) {
    for (int bin : candidates_[cell]) consider(bin);
  } else {
    for (int bin = 0; bin < size(); ++bin) consider(bin);
  }
  return best;
}

}  // namespace tinge
