// Hint rasterisation onto the working grid, the evaluation protocol's seeded hint sampling,
// and stable seed mixing. Everything here is deterministic across platforms (no std::hash,
// no std::uniform_int_distribution, whose algorithms differ between standard libraries).
#include "hints.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "error.hpp"
#include "hash.hpp"
#include "hint_shapes.hpp"
#include "region_trim.hpp"

namespace tinge {
namespace {

// Unbiased integer in [0, range) by rejection; identical on every standard library.
uint64_t uniform_below(std::mt19937_64& rng, uint64_t range) {
  const uint64_t limit = ~uint64_t(0) - (~uint64_t(0) % range);  // multiple of range
  uint64_t r;
  do {
    r = rng();
  } while (r >= limit);
  return r % range;
}

// Working pixels [first, last) whose centres i + 0.5 lie in (c - s/2, c + s/2], clamped to [0, n).
// The half-open interval is closed on the right so a side-1 patch covers exactly the pixel that
// contains c (pixel i spans [i, i + 1)), and a side-s patch always covers s pixels before clamping.
void cover(double c, int s, int n, int& first, int& last) {
  const double lo = c - s / 2.0, hi = c + s / 2.0;
  const double f = std::floor(lo - 0.5) + 1.0;
  const double l = std::floor(hi - 0.5) + 1.0;
  first = int(std::clamp(f, 0.0, double(n)));
  last = int(std::clamp(l, 0.0, double(n)));
  // A centre on the far edge (c == n, allowed by sessions) whose patch covers only pixels past it
  // still colours the edge pixel instead of vanishing.
  if (first >= last && c >= 0.0 && c <= double(n)) {
    first = std::clamp(int(std::floor(c)), 0, n - 1);
    last = first + 1;
  }
}

}  // namespace

namespace {

void check_sizes(int orig_w, int orig_h, int work_w, int work_h) {
  if (orig_w <= 0 || orig_h <= 0 || work_w <= 0 || work_h <= 0)
    throw Error("rasterize_hints: bad sizes (original " + std::to_string(orig_w) + "x" +
                std::to_string(orig_h) + ", working " + std::to_string(work_w) + "x" +
                std::to_string(work_h) + ")");
}

void paint_points(const std::vector<HintPoint>& points, double sx, double sy, HintPlanes& h) {
  const int work_w = h.mask.width, work_h = h.mask.height;
  const double scale = std::min(sx, sy);
  for (size_t i = 0; i < points.size(); ++i) {
    const HintPoint& p = points[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.y))
      throw Error("rasterize_hints: hint " + std::to_string(i) + " has a non-finite position");
    const int s = std::max(1, int(std::lround(std::max(0, p.size) * scale)));
    int x0, x1, y0, y1;
    cover(p.x * sx, s, work_w, x0, x1);
    cover(p.y * sy, s, work_h, y0, y1);
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        h.a.at(x, y) = p.a;
        h.b.at(x, y) = p.b;
        h.mask.at(x, y) = 1.f;
      }
  }
}

// Gives the covered pixels chroma (a, b) in the planes.
void paint_coverage(const Coverage& c, float a, float b, HintPlanes& h) {
  for (size_t i = 0; i < c.m.size(); ++i)
    if (c.m[i]) {
      h.a.v[i] = a;
      h.b.v[i] = b;
      h.mask.v[i] = 1.f;
    }
}

}  // namespace

HintPlanes rasterize_hints(const std::vector<HintPoint>& points, int orig_w, int orig_h, int work_w,
                           int work_h) {
  check_sizes(orig_w, orig_h, work_w, work_h);
  HintPlanes h{Plane(work_w, work_h), Plane(work_w, work_h), Plane(work_w, work_h), int(points.size())};
  paint_points(points, double(work_w) / orig_w, double(work_h) / orig_h, h);
  return h;
}

HintPlanes rasterize_hint_set(const HintSet& hints, int orig_w, int orig_h, int work_w, int work_h,
                              const Plane* L) {
  check_sizes(orig_w, orig_h, work_w, work_h);
  if (L && (L->width != work_w || L->height != work_h || L->size() != size_t(work_w) * size_t(work_h)))
    throw Error("rasterize_hint_set: lightness of " + std::to_string(L->width) + "x" +
                std::to_string(L->height) + " for hints at " + std::to_string(work_w) + "x" +
                std::to_string(work_h));
  try {
    check_shape_geometry(hints);
  } catch (const Error& e) {
    throw Error(std::string("rasterize_hint_set: ") + e.what());
  }
  HintPlanes h{Plane(work_w, work_h), Plane(work_w, work_h), Plane(work_w, work_h), hints.count()};
  const double sx = double(work_w) / orig_w, sy = double(work_h) / orig_h;
  for (const HintRegion& r : hints.regions) {
    Coverage c(work_w, work_h);
    cover_region(r.polygon, sx, sy, c);
    if (L) trim_region(c, *L, 0, 0, region_trim_band(std::min(work_w, work_h)));
    paint_coverage(c, r.a, r.b, h);
  }
  for (const HintStroke& s : hints.strokes) {
    Coverage c(work_w, work_h);
    cover_stroke(s.points, sx, sy, stroke_radius(s.width, std::min(sx, sy)), c);
    paint_coverage(c, s.a, s.b, h);
  }
  paint_points(hints.points, sx, sy, h);
  return h;
}

std::vector<HintPoint> sample_hints(const LabImage& original, int n, int patch, uint64_t seed) {
  const int w = original.width(), h = original.height();
  if (n < 0) throw Error("sample_hints: negative hint count " + std::to_string(n));
  if (patch < 1) throw Error("sample_hints: patch must be >= 1 (got " + std::to_string(patch) + ")");
  std::vector<HintPoint> out;
  if (n == 0) return out;
  if (w <= 0 || h <= 0 || original.a.width != w || original.a.height != h || original.b.width != w ||
      original.b.height != h)
    throw Error("sample_hints: empty or inconsistent image");
  const int p = std::min({patch, w, h});
  std::mt19937_64 rng(seed);
  out.reserve(size_t(n));
  for (int k = 0; k < n; ++k) {
    const int x0 = int(uniform_below(rng, uint64_t(w - p + 1)));
    const int y0 = int(uniform_below(rng, uint64_t(h - p + 1)));
    double sa = 0, sb = 0;
    for (int y = y0; y < y0 + p; ++y)
      for (int x = x0; x < x0 + p; ++x) {
        sa += original.a.at(x, y);
        sb += original.b.at(x, y);
      }
    const double area = double(p) * p;
    HintPoint hp;
    hp.x = x0 + p / 2.0;
    hp.y = y0 + p / 2.0;
    hp.a = float(sa / area);
    hp.b = float(sb / area);
    hp.size = p;
    out.push_back(hp);
  }
  return out;
}

uint64_t mix_seed(uint64_t seed, const std::string& name, int n) {
  uint64_t h = splitmix64(seed);
  h = splitmix64(h ^ fnv1a64(name));
  h = splitmix64(h ^ uint64_t(int64_t(n)));
  return h;
}

HintPlanes pool_hints(const HintPlanes& fine, int w, int h) {
  const int W = fine.mask.width, H = fine.mask.height;
  if (w <= 0 || h <= 0 || w > W || h > H || fine.a.width != W || fine.b.width != W || fine.a.height != H ||
      fine.b.height != H)
    throw Error("pool_hints: bad sizes (" + std::to_string(W) + "x" + std::to_string(H) + " to " +
                std::to_string(w) + "x" + std::to_string(h) + ")");
  HintPlanes c{Plane(w, h), Plane(w, h), Plane(w, h), fine.count};
  for (int y = 0; y < H; ++y) {
    const int cy = int(int64_t(y) * h / H);
    for (int x = 0; x < W; ++x) {
      if (fine.mask.at(x, y) <= 0.5f) continue;
      const int cx = int(int64_t(x) * w / W);
      c.a.at(cx, cy) += fine.a.at(x, y);
      c.b.at(cx, cy) += fine.b.at(x, y);
      c.mask.at(cx, cy) += 1.f;  // a count until normalised below
    }
  }
  for (size_t i = 0; i < c.mask.size(); ++i)
    if (c.mask.v[i] > 0.f) {
      c.a.v[i] /= c.mask.v[i];
      c.b.v[i] /= c.mask.v[i];
      c.mask.v[i] = 1.f;
    }
  return c;
}

void check_hints_match(const Plane& L, const HintPlanes& hints, const char* who) {
  auto same = [&](const Plane& p) {
    return p.width == L.width && p.height == L.height && p.size() == L.size();
  };
  if (!same(hints.a) || !same(hints.b) || !same(hints.mask))
    throw Error(std::string(who) + ": hint planes are not the size of L (" + std::to_string(L.width) + "x" +
                std::to_string(L.height) + ")");
}

}  // namespace tinge
