// The hint recommender (see recommend.hpp).
#include "recommend.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

#include "ab_grid.hpp"
#include "error.hpp"

namespace tinge {
namespace {

constexpr int kCell = 8;  // working pixels per cell of recommend_hints' grid

// How much a hint at cell p reaches cell q: distance (sigma in cells along each axis) and
// lightness difference, both Gaussian; tabulated, since a recommendation weighs every cell's
// window several times.
struct Reach {
  int rx = 1, ry = 1;            // window half-widths, in cells
  std::vector<float> spatial;    // (2 ry + 1) x (2 rx + 1)
  std::vector<float> lightness;  // by |dL| in steps of kLStep
  static constexpr float kLStep = 0.05f;
  float operator()(int dx, int dy, float dL) const {
    const size_t i = std::min(lightness.size() - 1, size_t(std::fabs(dL) / kLStep));
    return spatial[size_t((dy + ry) * (2 * rx + 1) + dx + rx)] * lightness[i];
  }
};

Reach make_reach(const Plane& cells, double cell_w, double cell_h, const RecommendOptions& opt) {
  const double short_side = std::min(cells.width * cell_w, cells.height * cell_h);
  const double sx = std::max(0.5, opt.reach * short_side / cell_w);
  const double sy = std::max(0.5, opt.reach * short_side / cell_h);
  const double sL = std::max(0.5, opt.lightness_sigma);
  Reach r;
  r.rx = int(std::ceil(2.5 * sx));
  r.ry = int(std::ceil(2.5 * sy));
  for (int dy = -r.ry; dy <= r.ry; ++dy)
    for (int dx = -r.rx; dx <= r.rx; ++dx)
      r.spatial.push_back(float(std::exp(-0.5 * ((dx / sx) * (dx / sx) + (dy / sy) * (dy / sy)))));
  for (float l = 0; l <= 4.f * float(sL); l += Reach::kLStep)
    r.lightness.push_back(float(std::exp(-0.5 * (l / sL) * (l / sL))));
  r.lightness.push_back(0.f);  // beyond 4 sigma
  return r;
}

// 1 where colour shows, ramping to 0 within 4 L units past min_L / max_L.
float visibility(float L, const RecommendOptions& opt) {
  return std::clamp((L - opt.min_L) / 4.f + 1.f, 0.f, 1.f) *
         std::clamp((opt.max_L - L) / 4.f + 1.f, 0.f, 1.f);
}

void cell_of(double x, double y, double cell_w, double cell_h, const Plane& g, int& cx, int& cy) {
  cx = std::clamp(int(x / cell_w), 0, g.width - 1);
  cy = std::clamp(int(y / cell_h), 0, g.height - 1);
}

// For every cell, how much the hints already colour it (0..1, the strongest hint's reach).
Plane coverage(const Plane& L, double cell_w, double cell_h, const std::vector<HintPoint>& hints,
               const Reach& r) {
  Plane c(L.width, L.height, 0.f);
  for (const HintPoint& h : hints) {
    int hx = 0, hy = 0;
    cell_of(h.x, h.y, cell_w, cell_h, L, hx, hy);
    const float Lh = L.at(hx, hy);
    for (int y = std::max(0, hy - r.ry); y <= std::min(L.height - 1, hy + r.ry); ++y)
      for (int x = std::max(0, hx - r.rx); x <= std::min(L.width - 1, hx + r.rx); ++x)
        c.at(x, y) = std::max(c.at(x, y), float(r(x - hx, y - hy, L.at(x, y) - Lh)));
  }
  return c;
}

// The uncertainty a hint at (px, py) would resolve: the reach-weighted sum of u over its window.
double region_score(const Plane& u, const Plane& L, const Reach& r, int px, int py) {
  double s = 0;
  const float Lp = L.at(px, py);
  for (int y = std::max(0, py - r.ry); y <= std::min(L.height - 1, py + r.ry); ++y)
    for (int x = std::max(0, px - r.rx); x <= std::min(L.width - 1, px + r.rx); ++x) {
      const float v = u.at(x, y);
      if (v > 0.f) s += v * r(x - px, y - py, L.at(x, y) - Lp);
    }
  return s;
}

}  // namespace

std::vector<RecommendedHint> pick_recommendations(const Plane& uncertainty, const Plane& lightness,
                                                  double cell_w, double cell_h,
                                                  const std::vector<HintPoint>& hints,
                                                  const RecommendOptions& opt) {
  if (uncertainty.width != lightness.width || uncertainty.height != lightness.height)
    throw Error("recommend: the uncertainty and lightness grids differ in size");
  if (!(cell_w > 0) || !(cell_h > 0)) throw Error("recommend: cell size must be positive");
  std::vector<RecommendedHint> out;
  if (uncertainty.empty() || opt.k <= 0) return out;
  const Reach r = make_reach(lightness, cell_w, cell_h, opt);
  const Plane covered = coverage(lightness, cell_w, cell_h, hints, r);
  Plane u(uncertainty.width, uncertainty.height);
  for (size_t i = 0; i < u.v.size(); ++i) {
    const float v = std::isfinite(uncertainty.v[i]) ? std::max(0.f, uncertainty.v[i]) : 0.f;
    u.v[i] = v * visibility(lightness.v[i], opt) * (1.f - covered.v[i]);
  }
  const double short_side = std::min(u.width * cell_w, u.height * cell_h);
  const double min_dist = opt.min_spacing * short_side;
  std::vector<std::pair<double, double>> taken;
  for (const HintPoint& h : hints) taken.emplace_back(h.x, h.y);
  const double cells = double(u.width) * double(u.height);
  while (int(out.size()) < opt.k) {
    double best = 0;
    int bx = -1, by = -1;
    for (int y = 0; y < u.height; ++y)
      for (int x = 0; x < u.width; ++x) {
        const float Lp = lightness.at(x, y);
        if (Lp < opt.min_L || Lp > opt.max_L) continue;
        const double cx = (x + 0.5) * cell_w, cy = (y + 0.5) * cell_h;
        bool free = true;
        for (const auto& [tx, ty] : taken) free = free && std::hypot(cx - tx, cy - ty) >= min_dist;
        if (!free) continue;
        const double s = region_score(u, lightness, r, x, y);
        if (s > best) best = s, bx = x, by = y;  // ties: the earlier cell
      }
    if (bx < 0) break;
    RecommendedHint rec;
    rec.x = (bx + 0.5) * cell_w;
    rec.y = (by + 0.5) * cell_h;
    rec.score = float(best / cells);
    out.push_back(rec);
    taken.emplace_back(rec.x, rec.y);
    // Its region counts as coloured from now on.
    const float Lb = lightness.at(bx, by);
    for (int y = std::max(0, by - r.ry); y <= std::min(u.height - 1, by + r.ry); ++y)
      for (int x = std::max(0, bx - r.rx); x <= std::min(u.width - 1, bx + r.rx); ++x)
        u.at(x, y) *= float(1.0 - r(x - bx, y - by, lightness.at(x, y) - Lb));
  }
  return out;
}

Plane hint_coverage_uncertainty(const Plane& lightness, double cell_w, double cell_h,
                                const std::vector<HintPoint>& hints, const RecommendOptions& opt) {
  // Geodesic cost from the nearest hint over the 8-connected grid of cells: opt.propagation short
  // sides of travel cost 1, and every lightness_sigma of lightness crossed costs 1 more. A hint
  // colours its region far and wide (as Levin's propagation does) but not across an edge.
  const int w = lightness.width, h = lightness.height;
  const double travel = std::min(w * cell_w, h * cell_h) * std::max(0.01, opt.propagation);
  const double sL = std::max(0.5, opt.lightness_sigma);
  std::vector<double> cost(size_t(w) * size_t(h), std::numeric_limits<double>::infinity());
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  for (const HintPoint& hp : hints) {
    int x = 0, y = 0;
    cell_of(hp.x, hp.y, cell_w, cell_h, lightness, x, y);
    cost[size_t(y * w + x)] = 0;
    queue.push({0.0, y * w + x});
  }
  while (!queue.empty()) {
    const auto [c, i] = queue.top();
    queue.pop();
    if (c > cost[size_t(i)]) continue;
    const int x = i % w, y = i / w;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int nx = x + dx, ny = y + dy;
        if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const double step = std::hypot(dx * cell_w, dy * cell_h) / travel +
                            std::fabs(lightness.at(nx, ny) - lightness.at(x, y)) / sL;
        const int j = ny * w + nx;
        if (c + step < cost[size_t(j)]) {
          cost[size_t(j)] = c + step;
          queue.push({c + step, j});
        }
      }
  }
  Plane u(w, h);
  for (size_t i = 0; i < u.v.size(); ++i) u.v[i] = float(20.0 * (1.0 - std::exp(-cost[i])));
  return u;
}

namespace {

// The points, and stand-ins for strokes and regions where the recommender reasons about places
// (what the hints already reach, where one is taken): every stroke vertex with the stroke's width,
// a region's vertices and the mean of them.
std::vector<HintPoint> places_of(const HintSet& hints) {
  std::vector<HintPoint> out = hints.points;
  auto add = [&](const HintVertex& v, double size, float a, float b) {
    HintPoint p;
    p.x = v.x, p.y = v.y, p.a = a, p.b = b;
    p.size = std::clamp(int(std::lround(size)), 1, kMaxHintSize);
    out.push_back(p);
  };
  for (const HintStroke& s : hints.strokes)
    for (const HintVertex& v : s.points) add(v, s.width, s.a, s.b);
  for (const HintRegion& r : hints.regions) {
    HintVertex m;
    for (const HintVertex& v : r.polygon)
      m.x += v.x / double(r.polygon.size()), m.y += v.y / double(r.polygon.size());
    add(m, 9, r.a, r.b);
    for (const HintVertex& v : r.polygon) add(v, 5, r.a, r.b);
  }
  return out;
}

}  // namespace

std::vector<RecommendedHint> recommend_hints(Method& method, const Plane& L_work, int orig_w, int orig_h,
                                             const HintSet& all, const RecommendOptions& opt,
                                             const AbPrediction* current_given, RecommendMap* map) {
  const int w = L_work.width, h = L_work.height;
  if (w <= 0 || h <= 0 || orig_w <= 0 || orig_h <= 0) throw Error("recommend: empty image");
  const HintPlanes hp = rasterize_hint_set(all, orig_w, orig_h, w, h, &L_work);
  const std::vector<HintPoint> hints = all.has_shapes() ? places_of(all) : all.points;
  const int gw = (w + kCell - 1) / kCell, gh = (h + kCell - 1) / kCell;
  // Cell means of L, and of the spread's 4-pixel cells (two by two) when there is a distribution.
  auto cell_means = [&](const Plane& p, int factor) {
    Plane m(gw, gh, 0.f);
    for (int y = 0; y < gh; ++y)
      for (int x = 0; x < gw; ++x) {
        double s = 0;
        int n = 0;
        for (int yy = y * factor; yy < std::min((y + 1) * factor, p.height); ++yy)
          for (int xx = x * factor; xx < std::min((x + 1) * factor, p.width); ++xx, ++n) s += p.at(xx, yy);
        m.at(x, y) = n ? float(s / n) : 0.f;
      }
    return m;
  };
  const Plane Lc = cell_means(L_work, kCell);
  const double cell_w = double(kCell) * orig_w / w, cell_h = double(kCell) * orig_h / h;
  ColourDistribution* dist = method.distribution();
  const bool given = current_given && current_given->a.width == w && current_given->a.height == h;
  const AbPrediction predicted = given ? AbPrediction() : method.predict(L_work, hp);
  const AbPrediction& current = given ? *current_given : predicted;
  const Plane u = dist ? cell_means(dist->colour_spread(L_work, hp, &current), kCell / 4)
                       : hint_coverage_uncertainty(Lc, cell_w, cell_h, hints, opt);
  std::vector<RecommendedHint> recs = pick_recommendations(u, Lc, cell_w, cell_h, hints, opt);
  if (map) {
    map->uncertainty = Plane(gw, gh);
    for (size_t i = 0; i < u.v.size(); ++i)
      map->uncertainty.v[i] = std::isfinite(u.v[i]) ? std::max(0.f, u.v[i]) * visibility(Lc.v[i], opt) : 0.f;
    map->cell_w = cell_w;
    map->cell_h = cell_h;
  }
  for (RecommendedHint& r : recs) {
    if (opt.colours <= 0) break;
    const float xw = float(std::min(r.x * w / orig_w, w - 1e-3)),
                yw = float(std::min(r.y * h / orig_h, h - 1e-3));
    if (dist) {
      r.colours = dist->suggest(L_work, hp, xw, yw, opt.colours);
    } else {
      const int px = int(xw), py = int(yw);
      const auto ab = clamp_to_gamut(L_work.at(px, py), current.a.at(px, py), current.b.at(px, py));
      r.colours.push_back({ab[0], ab[1], 1.f});
    }
  }
  return recs;
}

}  // namespace tinge
