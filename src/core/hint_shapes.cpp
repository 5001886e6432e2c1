// Stroke and region coverage on a pixel grid (see hint_shapes.hpp).
#include "hint_shapes.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "error.hpp"

namespace tinge {
namespace {

// Marks the pixel centres within r of segment (ax, ay)-(bx, by), all in grid pixels.
int64_t cover_segment(double ax, double ay, double bx, double by, double r, Coverage& c) {
  const int x0 = std::max(0, int(std::floor(std::min(ax, bx) - r - 0.5))),
            x1 = std::min(c.width - 1, int(std::ceil(std::max(ax, bx) + r - 0.5)));
  const int y0 = std::max(0, int(std::floor(std::min(ay, by) - r - 0.5))),
            y1 = std::min(c.height - 1, int(std::ceil(std::max(ay, by) + r - 0.5)));
  const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, r2 = r * r;
  int64_t n = 0;
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      const double px = x + 0.5 - ax, py = y + 0.5 - ay;
      const double t = len2 > 0 ? std::clamp((px * dx + py * dy) / len2, 0.0, 1.0) : 0.0;
      const double ex = px - t * dx, ey = py - t * dy;
      if (ex * ex + ey * ey > r2) continue;
      uint8_t& m = c.m[size_t(y) * size_t(c.width) + size_t(x)];
      n += m == 0;
      m = 1;
    }
  return n;
}

// The grid coordinate of an original one, kept within a band around the grid (a far-off vertex of
// a shape crossing the grid must not overflow the integer conversions below).
double to_grid(double v, double s, int n) {
  return std::clamp(v * s, -4.0 * n - 1e3, 5.0 * n + 1e3);
}

}  // namespace

int64_t cover_stroke(const std::vector<HintVertex>& points, double sx, double sy, double radius,
                     Coverage& c) {
  if (points.empty() || c.width <= 0 || c.height <= 0) return 0;
  const double r = std::max(radius, kMinStrokeRadius);
  // Long segments are cut into pieces a few radii long so each one's bounding box stays small.
  const double piece = std::max(8.0, 4.0 * r);
  int64_t n = 0;
  double px = to_grid(points[0].x, sx, c.width), py = to_grid(points[0].y, sy, c.height);
  if (points.size() == 1) return cover_segment(px, py, px, py, r, c);
  for (size_t i = 1; i < points.size(); ++i) {
    const double qx = to_grid(points[i].x, sx, c.width), qy = to_grid(points[i].y, sy, c.height);
    const int parts = std::max(1, int(std::ceil(std::hypot(qx - px, qy - py) / piece)));
    for (int k = 0; k < parts; ++k) {
      const double t0 = double(k) / parts, t1 = double(k + 1) / parts;
      n += cover_segment(px + t0 * (qx - px), py + t0 * (qy - py), px + t1 * (qx - px), py + t1 * (qy - py),
                         r, c);
    }
    px = qx;
    py = qy;
  }
  return n;
}

int64_t cover_region(const std::vector<HintVertex>& polygon, double sx, double sy, Coverage& c) {
  const size_t n = polygon.size();
  if (n == 0 || c.width <= 0 || c.height <= 0) return 0;
  struct Edge {
    double x0, y0, x1, y1;
    int dir;  // +1 downwards, -1 upwards
  };
  std::vector<Edge> edges;
  edges.reserve(n);
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    const HintVertex &p = polygon[i], &q = polygon[(i + 1) % n];
    const double ax = to_grid(p.x, sx, c.width), ay = to_grid(p.y, sy, c.height);
    const double bx = to_grid(q.x, sx, c.width), by = to_grid(q.y, sy, c.height);
    mx += ax;
    my += ay;
    if (ay == by) continue;  // horizontal edges cross no row centre's line
    edges.push_back(ay < by ? Edge{ax, ay, bx, by, 1} : Edge{bx, by, ax, ay, -1});
  }
  // Edges by their top; an active list walks down the rows.
  std::sort(edges.begin(), edges.end(), [](const Edge& u, const Edge& v) { return u.y0 < v.y0; });
  std::vector<const Edge*> active;
  std::vector<std::pair<double, int>> cross;
  size_t next = 0;
  int64_t marked = 0, inside = 0;
  for (int y = 0; y < c.height; ++y) {
    const double cy = y + 0.5;
    while (next < edges.size() && edges[next].y0 <= cy) active.push_back(&edges[next++]);
    // An edge covers rows whose centre line lies in [y0, y1): a vertex shared by two edges counts once.
    active.erase(std::remove_if(active.begin(), active.end(), [&](const Edge* e) { return e->y1 <= cy; }),
                 active.end());
    cross.clear();
    for (const Edge* e : active)
      if (e->y0 <= cy) cross.push_back({e->x0 + (cy - e->y0) / (e->y1 - e->y0) * (e->x1 - e->x0), e->dir});
    std::sort(cross.begin(), cross.end());
    int winding = 0;
    for (size_t k = 0; k + 1 < cross.size(); ++k) {
      winding += cross[k].second;
      if (winding == 0) continue;
      // Pixels whose centres x + 0.5 lie in [cross_k, cross_k+1).
      const int xa = std::max(0, int(std::ceil(std::clamp(cross[k].first - 0.5, -1.0, double(c.width))))),
                xb = std::min(c.width,
                              int(std::ceil(std::clamp(cross[k + 1].first - 0.5, -1.0, double(c.width)))));
      for (int x = xa; x < xb; ++x) {
        uint8_t& m = c.m[size_t(y) * size_t(c.width) + size_t(x)];
        marked += m == 0;
        m = 1;
        ++inside;
      }
    }
  }
  if (inside == 0) {  // smaller than a pixel here: it still colours the pixel it is in
    const int x = std::clamp(int(std::floor(mx / double(n))), 0, c.width - 1),
              y = std::clamp(int(std::floor(my / double(n))), 0, c.height - 1);
    uint8_t& m = c.m[size_t(y) * size_t(c.width) + size_t(x)];
    marked += m == 0;
    m = 1;
  }
  return marked;
}

void check_shape_geometry(const HintSet& hints) {
  auto finite = [](const std::vector<HintVertex>& v) {
    return std::all_of(v.begin(), v.end(),
                       [](const HintVertex& p) { return std::isfinite(p.x) && std::isfinite(p.y); });
  };
  for (size_t i = 0; i < hints.strokes.size(); ++i) {
    const HintStroke& s = hints.strokes[i];
    const std::string who = "stroke " + std::to_string(i);
    if (s.points.empty()) throw Error(who + " has no point");
    if (!finite(s.points)) throw Error(who + " has a non-finite coordinate");
    if (!std::isfinite(s.width) || s.width <= 0)
      throw Error(who + " has a width that is not a positive number");
  }
  for (size_t i = 0; i < hints.regions.size(); ++i) {
    const HintRegion& r = hints.regions[i];
    const std::string who = "region " + std::to_string(i);
    if (r.polygon.size() < 3)
      throw Error(who + " has " + std::to_string(r.polygon.size()) + " vertices (a region needs at least 3)");
    if (!finite(r.polygon)) throw Error(who + " has a non-finite coordinate");
  }
}

}  // namespace tinge
