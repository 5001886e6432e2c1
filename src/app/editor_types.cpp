#include "app/editor_types.hpp"

#include <algorithm>

namespace tinge {

float ImageData::lightness_at(double x, double y, int size) const {
  const int half = std::max(0, size / 2);
  const int step = std::max(1, (2 * half + 1) / 15);
  double sum = 0;
  int n = 0;
  for (int dy = -half; dy <= half; dy += step)
    for (int dx = -half; dx <= half; dx += step) {
      const int px = std::clamp(int(x) + dx, 0, L.width - 1), py = std::clamp(int(y) + dy, 0, L.height - 1);
      sum += L.at(px, py);
      ++n;
    }
  return n ? float(sum / n) : 50.f;
}

float sample_at(const Plane& p, double x, double y, int full_w, int full_h) {
  if (p.empty()) return 0.f;
  const int px = std::clamp(int(x * p.width / full_w), 0, p.width - 1);
  const int py = std::clamp(int(y * p.height / full_h), 0, p.height - 1);
  return p.at(px, py);
}

}  // namespace tinge
