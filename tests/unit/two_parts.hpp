// For the unit tests: a lightness plane of two flat parts, `left` on columns x < edge and `right`
// from there (a sharp vertical edge).
#pragma once
#include "core/image.hpp"

inline tinge::Plane two_parts(int w, int h, int edge, float left, float right) {
  tinge::Plane L(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) L.at(x, y) = x < edge ? left : right;
  return L;
}
