#include "hint_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinge {

Plane distance_to_hints(const Plane& mask) {
  const int W = mask.width, H = mask.height;
  const float inf = std::numeric_limits<float>::infinity(), diag = std::sqrt(2.f);
  Plane d(W, H);
  for (size_t i = 0; i < d.size(); ++i) d.v[i] = mask.v[i] > 0.5f ? 0.f : inf;
  // Forward pass: neighbours above and to the left; backward pass: below and to the right.
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      float c = d.at(x, y);
      if (x > 0) c = std::min(c, d.at(x - 1, y) + 1.f);
      if (y > 0) {
        c = std::min(c, d.at(x, y - 1) + 1.f);
        if (x > 0) c = std::min(c, d.at(x - 1, y - 1) + diag);
        if (x + 1 < W) c = std::min(c, d.at(x + 1, y - 1) + diag);
      }
      d.at(x, y) = c;
    }
  for (int y = H - 1; y >= 0; --y)
    for (int x = W - 1; x >= 0; --x) {
      float c = d.at(x, y);
      if (x + 1 < W) c = std::min(c, d.at(x + 1, y) + 1.f);
      if (y + 1 < H) {
        c = std::min(c, d.at(x, y + 1) + 1.f);
        if (x + 1 < W) c = std::min(c, d.at(x + 1, y + 1) + diag);
        if (x > 0) c = std::min(c, d.at(x - 1, y + 1) + diag);
      }
      d.at(x, y) = c;
    }
  return d;
}

}  // namespace tinge
