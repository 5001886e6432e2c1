// Simulated strokes and regions (see hint_simulation.hpp).
#include "hint_simulation.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "error.hpp"
#include "hash.hpp"
#include "hint_shapes.hpp"

namespace tinge {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Lab3 {
  float L, a, b;
};

Lab3 colour_at(const LabImage& img, int x, int y) {
  return {img.L.at(x, y), img.a.at(x, y), img.b.at(x, y)};
}

// The 3 x 3 mean around (x, y): the colour a shape starts from, less noisy than one pixel.
Lab3 local_mean(const LabImage& img, int x, int y) {
  double s[3] = {0, 0, 0};
  int n = 0;
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) {
      const int xx = x + dx, yy = y + dy;
      if (xx < 0 || yy < 0 || xx >= img.width() || yy >= img.height()) continue;
      const Lab3 c = colour_at(img, xx, yy);
      s[0] += c.L, s[1] += c.a, s[2] += c.b, ++n;
    }
  return {float(s[0] / n), float(s[1] / n), float(s[2] / n)};
}

bool near(const Lab3& c, const Lab3& ref, double tol) {
  const double dl = c.L - ref.L, da = c.a - ref.a, db = c.b - ref.b;
  return dl * dl + da * da + db * db <= tol * tol;
}

void check_image(const LabImage& img, const char* who) {
  const int w = img.width(), h = img.height();
  if (w <= 0 || h <= 0 || img.a.width != w || img.a.height != h || img.b.width != w || img.b.height != h ||
      img.L.size() != size_t(w) * size_t(h))
    throw Error(std::string(who) + ": empty or inconsistent image");
}

// The original's mean ab over the pixels a coverage marks (0, 0 when it marks none).
void mean_ab(const LabImage& img, const Coverage& c, float& a, float& b) {
  double sa = 0, sb = 0;
  int64_t n = 0;
  for (size_t i = 0; i < c.m.size(); ++i)
    if (c.m[i]) sa += img.a.v[i], sb += img.b.v[i], ++n;
  a = n ? float(sa / double(n)) : 0.f;
  b = n ? float(sb / double(n)) : 0.f;
}

// One random walk: a smoothly turning path in steps of 2 px whose brush (`radius`) covers only
// colour near the start's (the centre and four points on the brush's rim are checked), kept `margin`
// inside the image. Returns its length (0: the start itself does not fit).
double walk(const LabImage& img, SimRandom& rng, const ShapeSimOptions& opt, double target, double margin,
            double radius, std::vector<HintVertex>& pts) {
  const int w = img.width(), h = img.height();
  double x = rng.uniform(margin, std::max(margin, w - margin)),
         y = rng.uniform(margin, std::max(margin, h - margin));
  const Lab3 ref = local_mean(img, std::min(int(x), w - 1), std::min(int(y), h - 1));
  auto fits = [&](double cx, double cy) {
    const double probe[5][2] = {{0, 0}, {radius, 0}, {-radius, 0}, {0, radius}, {0, -radius}};
    for (const auto& d : probe) {
      const int px = std::clamp(int(cx + d[0]), 0, w - 1), py = std::clamp(int(cy + d[1]), 0, h - 1);
      if (!near(colour_at(img, px, py), ref, opt.stroke_tolerance)) return false;
    }
    return true;
  };
  const double step = std::max(1.0, 2.0 * opt.scale);
  double theta = rng.uniform(0, 2 * kPi), length = 0;
  pts.assign(1, {x, y});
  if (!fits(x, y)) return 0;
  while (length < target) {
    bool moved = false;
    for (int attempt = 0; attempt < 8 && !moved; ++attempt) {
      // First a gentle turn; then ever sharper ones to either side.
      const double turn =
          attempt == 0 ? 0.3 * rng.normal() : (attempt % 2 ? 1 : -1) * ((attempt + 1) / 2) * kPi / 6;
      const double th = theta + turn, nx = x + step * std::cos(th), ny = y + step * std::sin(th);
      if (nx < margin || ny < margin || nx > w - margin || ny > h - margin || !fits(nx, ny)) continue;
      theta = th, x = nx, y = ny, moved = true;
    }
    if (!moved) break;
    pts.push_back({x, y});
    length += step;
  }
  return length;
}

// A 4-connected flood from (sx, sy) over pixels near its colour, up to `cap` pixels.
int64_t flood(const LabImage& img, int sx, int sy, double tol, int64_t cap, std::vector<uint8_t>& mask) {
  const int w = img.width(), h = img.height();
  std::fill(mask.begin(), mask.end(), 0);
  const Lab3 ref = local_mean(img, sx, sy);
  std::vector<std::pair<int, int>> queue{{sx, sy}};
  mask[size_t(sy) * size_t(w) + size_t(sx)] = 1;
  int64_t n = 1;
  for (size_t head = 0; head < queue.size() && n < cap; ++head) {
    const auto [x, y] = queue[head];
    const int nb[4][2] = {{x + 1, y}, {x - 1, y}, {x, y + 1}, {x, y - 1}};
    for (const auto& q : nb) {
      if (q[0] < 0 || q[1] < 0 || q[0] >= w || q[1] >= h || n >= cap) continue;
      uint8_t& m = mask[size_t(q[1]) * size_t(w) + size_t(q[0])];
      if (m || !near(colour_at(img, q[0], q[1]), ref, tol)) continue;
      m = 1;
      ++n;
      queue.push_back({q[0], q[1]});
    }
  }
  return n;
}

double point_line_distance(const HintVertex& p, const HintVertex& a, const HintVertex& b) {
  const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
  if (len == 0) return std::hypot(p.x - a.x, p.y - a.y);
  return std::fabs(dx * (a.y - p.y) - dy * (a.x - p.x)) / len;
}

// Douglas-Peucker on the open chain v[first..last]: marks the vertices to keep.
void simplify(const std::vector<HintVertex>& v, size_t first, size_t last, double tol,
              std::vector<uint8_t>& keep) {
  std::vector<std::pair<size_t, size_t>> stack{{first, last}};
  while (!stack.empty()) {
    const auto [i, j] = stack.back();
    stack.pop_back();
    double worst = -1;
    size_t at = i;
    for (size_t k = i + 1; k < j; ++k) {
      const double d = point_line_distance(v[k], v[i], v[j]);
      if (d > worst) worst = d, at = k;
    }
    if (worst > tol) {
      keep[at] = 1;
      stack.push_back({i, at});
      stack.push_back({at, j});
    }
  }
}

}  // namespace

uint64_t SimRandom::next() {
  state += 0x9e3779b97f4a7c15ULL;
  return splitmix64(state);
}

double SimRandom::normal() {
  const double u = std::max(uniform(), 1e-300), v = uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * kPi * v);
}

std::vector<HintVertex> trace_outline(const std::vector<uint8_t>& mask, int w, int h, int sx, int sy,
                                      double tolerance) {
  // Moore-neighbour tracing, clockwise on screen; directions from W round through N, E, S.
  static const int dirs[8][2] = {{-1, 0}, {-1, -1}, {0, -1}, {1, -1}, {1, 0}, {1, 1}, {0, 1}, {-1, 1}};
  auto in = [&](int x, int y) {
    return x >= 0 && y >= 0 && x < w && y < h && mask[size_t(y) * size_t(w) + size_t(x)];
  };
  auto dir_of = [&](int dx, int dy) {
    for (int d = 0; d < 8; ++d)
      if (dirs[d][0] == dx && dirs[d][1] == dy) return d;
    return 0;
  };
  std::vector<std::pair<int, int>> path{{sx, sy}};
  int cx = sx, cy = sy, back = 0;  // the start's west neighbour is outside the set
  const size_t limit = 4 * mask.size() + 16;
  while (path.size() < limit) {
    int nx = -1, ny = -1, nback = 0;
    for (int k = 1; k <= 8; ++k) {
      const int d = (back + k) % 8, px = cx + dirs[d][0], py = cy + dirs[d][1];
      if (!in(px, py)) continue;
      const int prev = (d + 7) % 8;
      nx = px, ny = py;
      nback = dir_of(cx + dirs[prev][0] - px, cy + dirs[prev][1] - py);
      break;
    }
    if (nx < 0) break;  // a single pixel
    if (cx == sx && cy == sy && path.size() > 1 && nx == path[1].first && ny == path[1].second) break;
    path.push_back({nx, ny});
    cx = nx, cy = ny, back = nback;
  }
  if (path.size() > 1 && path.back() == path.front()) path.pop_back();
  std::vector<HintVertex> v;
  for (const auto& [x, y] : path) v.push_back({x + 0.5, y + 0.5});
  if (v.size() >= 3) {
    // Closed Douglas-Peucker: split at the vertex farthest from the first.
    size_t far = 0;
    double best = -1;
    for (size_t k = 0; k < v.size(); ++k) {
      const double d = std::hypot(v[k].x - v[0].x, v[k].y - v[0].y);
      if (d > best) best = d, far = k;
    }
    std::vector<uint8_t> keep(v.size() + 1, 0);
    keep[0] = keep[far] = 1;
    std::vector<HintVertex> ring(v);
    ring.push_back(v[0]);
    simplify(ring, 0, far, tolerance, keep);
    simplify(ring, far, ring.size() - 1, tolerance, keep);
    std::vector<HintVertex> out;
    for (size_t k = 0; k < v.size(); ++k)
      if (keep[k]) out.push_back(v[k]);
    if (out.size() >= 3) return out;
  }
  // Too thin to enclose anything: the start pixel's square.
  return {{double(sx), double(sy)}, {sx + 1.0, double(sy)}, {sx + 1.0, sy + 1.0}, {double(sx), sy + 1.0}};
}

HintStroke simulate_stroke(const LabImage& original, SimRandom& rng, const ShapeSimOptions& opt) {
  check_image(original, "simulate_stroke");
  const int w = original.width(), h = original.height();
  HintStroke best;
  double best_length = -1;
  for (int t = 0; t < std::max(1, opt.tries); ++t) {
    const double target = rng.uniform(opt.min_length, opt.max_length) * opt.scale;
    const double width =
        std::clamp(rng.uniform(opt.min_width, opt.max_width) * opt.scale, 1.0, kMaxStrokeWidth);
    std::vector<HintVertex> pts;
    const double length =
        walk(original, rng, opt, target, std::min({width / 2, w / 2.0, h / 2.0}), width / 2, pts);
    if (length > best_length) {
      best_length = length;
      best.points = std::move(pts);
      best.width = width;
    }
    if (length >= opt.min_length * opt.scale) break;
  }
  Coverage c(w, h);
  cover_stroke(best.points, 1.0, 1.0, stroke_radius(best.width, 1.0), c);
  mean_ab(original, c, best.a, best.b);
  return best;
}

HintRegion simulate_region(const LabImage& original, SimRandom& rng, const ShapeSimOptions& opt) {
  check_image(original, "simulate_region");
  const int w = original.width(), h = original.height();
  const int64_t area = int64_t(w) * h;
  const int64_t cap = std::max<int64_t>(1, int64_t(opt.max_area * double(area)));
  std::vector<uint8_t> mask(static_cast<size_t>(area)), best;
  int64_t best_n = -1;
  for (int t = 0; t < std::max(1, opt.tries); ++t) {
    const int64_t n = flood(original, rng.below(w), rng.below(h), opt.region_tolerance, cap, mask);
    if (n > best_n) best_n = n, best = mask;
    if (double(n) >= opt.min_area * double(area)) break;
  }
  HintRegion r;
  // The topmost, then leftmost, filled pixel starts the outline.
  const size_t first = size_t(std::find(best.begin(), best.end(), uint8_t(1)) - best.begin());
  r.polygon = trace_outline(best, w, h, int(first % size_t(w)), int(first / size_t(w)), 1.0 * opt.scale);
  Coverage c(w, h);
  c.m = std::move(best);
  mean_ab(original, c, r.a, r.b);
  return r;
}

std::vector<HintStroke> sample_strokes(const LabImage& original, int n, uint64_t seed,
                                       const ShapeSimOptions& opt) {
  if (n < 0) throw Error("sample_strokes: negative count " + std::to_string(n));
  SimRandom rng(seed);
  std::vector<HintStroke> out;
  for (int k = 0; k < n; ++k) out.push_back(simulate_stroke(original, rng, opt));
  return out;
}

std::vector<HintRegion> sample_regions(const LabImage& original, int n, uint64_t seed,
                                       const ShapeSimOptions& opt) {
  if (n < 0) throw Error("sample_regions: negative count " + std::to_string(n));
  SimRandom rng(seed);
  std::vector<HintRegion> out;
  for (int k = 0; k < n; ++k) out.push_back(simulate_region(original, rng, opt));
  return out;
}

}  // namespace tinge
