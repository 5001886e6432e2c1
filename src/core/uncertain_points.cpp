// Greedy peak picking on an uncertainty map (see uncertain_points.hpp).
#include "uncertain_points.hpp"

#include <cmath>
#include <string>

#include "error.hpp"

namespace tinge {

std::vector<UncertainPoint> pick_uncertain_points(const Plane& score, const Plane& lightness, double cell_w,
                                                  double cell_h, const std::vector<HintPoint>& hints, int k,
                                                  double min_dist) {
  const int w = score.width, h = score.height;
  if (w <= 0 || h <= 0 || score.size() != size_t(w) * size_t(h) || !(cell_w > 0) || !(cell_h > 0))
    throw Error("pick_uncertain_points: bad sizes");
  if (!lightness.empty() && (lightness.width != w || lightness.height != h))
    throw Error("pick_uncertain_points: lightness is " + std::to_string(lightness.width) + "x" +
                std::to_string(lightness.height) + ", scores " + std::to_string(w) + "x" + std::to_string(h));
  std::vector<UncertainPoint> out;
  auto far_from = [&](double x, double y, double px, double py) {
    return std::hypot(x - px, y - py) >= min_dist;
  };
  std::vector<bool> taken(score.size(), false);  // a cell is picked once, whatever min_dist is
  while (int(out.size()) < k) {
    int best = -1;
    float best_score = 0.f;
    for (int cy = 0; cy < h; ++cy)
      for (int cx = 0; cx < w; ++cx) {
        const float s = score.at(cx, cy);
        if (!std::isfinite(s) || (best >= 0 && s <= best_score) || taken[size_t(cy) * size_t(w) + size_t(cx)])
          continue;
        if (!lightness.empty() && !(lightness.at(cx, cy) >= 8.f && lightness.at(cx, cy) <= 95.f)) continue;
        const double x = (cx + 0.5) * cell_w, y = (cy + 0.5) * cell_h;
        bool ok = true;
        for (const UncertainPoint& p : out) ok = ok && far_from(x, y, p.x, p.y);
        for (const HintPoint& p : hints) ok = ok && far_from(x, y, p.x, p.y);
        if (!ok) continue;
        best = cy * w + cx;
        best_score = s;
      }
    if (best < 0) break;
    taken[size_t(best)] = true;
    out.push_back({(best % w + 0.5) * cell_w, (best / w + 0.5) * cell_h, best_score});
  }
  return out;
}

}  // namespace tinge
