// Hints enforced at full resolution (see hint_enforce.hpp).
#include "hint_enforce.hpp"

#include <algorithm>
#include <cmath>

#include "hint_distance.hpp"
#include "hint_shapes.hpp"
#include "region_trim.hpp"

namespace tinge {
namespace {

// The part of the image a shape can touch (its vertices' bounds grown by `margin`), clipped.
struct Window {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) x [y0, y1)
  int w() const { return x1 - x0; }
  int h() const { return y1 - y0; }
};

Window window_of(const std::vector<HintVertex>& v, double margin, int W, int H) {
  double lx = v[0].x, hx = v[0].x, ly = v[0].y, hy = v[0].y;
  for (const HintVertex& p : v) {
    lx = std::min(lx, p.x), hx = std::max(hx, p.x);
    ly = std::min(ly, p.y), hy = std::max(hy, p.y);
  }
  auto clip = [](double t, int n) { return int(std::clamp(t, 0.0, double(n))); };
  return {clip(std::floor(lx - margin), W), clip(std::floor(ly - margin), H),
          clip(std::ceil(hx + margin) + 1, W), clip(std::ceil(hy + margin) + 1, H)};
}

std::vector<HintVertex> shifted(const std::vector<HintVertex>& v, const Window& w) {
  std::vector<HintVertex> out(v);
  for (HintVertex& p : out) p.x -= w.x0, p.y -= w.y0;
  return out;
}

// Lays ab over the window with per-pixel weights (one over the other, "over" compositing).
struct Layer {
  Plane &a, &b;
  Plane weight;  // how much of the final colour the hints decide, so far
  Plane ta, tb;  // the hints' colour where weight > 0

  void over(int x, int y, float w, float ha, float hb) {
    if (w <= 0.f) return;
    float& W = weight.at(x, y);
    const float nw = w + (1.f - w) * W;
    ta.at(x, y) = (w * ha + (1.f - w) * W * ta.at(x, y)) / nw;
    tb.at(x, y) = (w * hb + (1.f - w) * W * tb.at(x, y)) / nw;
    W = nw;
  }
};

void lay_region(const HintRegion& r, double feather, const Plane* lightness, Layer& L) {
  const int W = L.a.width, H = L.a.height;
  const Window win = window_of(r.polygon, 2.0, W, H);
  if (win.w() <= 0 || win.h() <= 0) return;
  Coverage c(win.w(), win.h());
  cover_region(shifted(r.polygon, win), 1.0, 1.0, c);
  if (lightness) trim_region(c, *lightness, win.x0, win.y0, region_trim_band(std::min(W, H)));
  // Distance of each inside pixel from the nearest outside one (the window's margin is outside).
  Plane outside(win.w() + 2, win.h() + 2, 1.f);
  for (int y = 0; y < win.h(); ++y)
    for (int x = 0; x < win.w(); ++x)
      if (c.at(x, y)) outside.at(x + 1, y + 1) = 0.f;
  const Plane d = distance_to_hints(outside);
  for (int y = 0; y < win.h(); ++y)
    for (int x = 0; x < win.w(); ++x)
      if (c.at(x, y))
        L.over(win.x0 + x, win.y0 + y, float(std::min(1.0, d.at(x + 1, y + 1) / feather)), r.a, r.b);
}

void lay_stroke(const HintStroke& s, Layer& L) {
  const int W = L.a.width, H = L.a.height;
  const double r = stroke_radius(s.width, 1.0);
  const Window win = window_of(s.points, r + 1.0, W, H);
  if (win.w() <= 0 || win.h() <= 0) return;
  Coverage c(win.w(), win.h());
  cover_stroke(shifted(s.points, win), 1.0, 1.0, r, c);
  for (int y = 0; y < win.h(); ++y)
    for (int x = 0; x < win.w(); ++x)
      if (c.at(x, y)) L.over(win.x0 + x, win.y0 + y, 1.f, s.a, s.b);
}

}  // namespace

void enforce_hints(const HintSet& hints, Plane& a, Plane& b, double feather, const Plane* lightness) {
  const int W = a.width, H = a.height;
  if (hints.empty() || W <= 0 || H <= 0) return;
  if (lightness && (lightness->width != W || lightness->height != H)) lightness = nullptr;
  feather = std::max(1.0, feather);
  if (hints.has_shapes()) {
    Layer L{a, b, Plane(W, H), Plane(W, H), Plane(W, H)};
    for (const HintRegion& r : hints.regions)
      if (r.polygon.size() >= 3) lay_region(r, feather, lightness, L);
    for (const HintStroke& s : hints.strokes)
      if (!s.points.empty()) lay_stroke(s, L);
    for (size_t i = 0; i < a.size(); ++i) {
      const float w = L.weight.v[i];
      if (w <= 0.f) continue;
      a.v[i] = (1.f - w) * a.v[i] + w * L.ta.v[i];
      b.v[i] = (1.f - w) * b.v[i] + w * L.tb.v[i];
    }
  }
  if (hints.points.empty()) return;
  const HintPlanes full = rasterize_hints(hints.points, W, H, W, H);
  for (size_t i = 0; i < a.size(); ++i)
    if (full.mask.v[i] > 0.5f) {
      a.v[i] = full.a.v[i];
      b.v[i] = full.b.v[i];
    }
}

double region_feather(int full_short_side, int working_short_side) {
  if (working_short_side <= 0 || full_short_side <= working_short_side) return 1.5;
  return 1.5 * double(full_short_side) / double(working_short_side);
}

}  // namespace tinge
