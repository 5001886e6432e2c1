// Which pixels of a grid a stroke or a region covers. Shapes are given in original-image pixels and
// scaled by (sx, sy) onto a w x h grid whose pixel (x, y) spans [x, x + 1) x [y, y + 1); a pixel is
// covered when its centre is. Used to rasterise hints at working resolution, to enforce them at
// full resolution and to simulate them for training and evaluation.
#pragma once
#include <cstdint>
#include <vector>

#include "hints.hpp"

namespace tinge {

// The thinnest brush in grid pixels: every point of a polyline is within this of some pixel centre,
// so a stroke of any width covers at least the pixels it passes through.
constexpr double kMinStrokeRadius = 0.71;

// A w x h mask, 1 where covered.
struct Coverage {
  int width = 0, height = 0;
  std::vector<uint8_t> m;
  Coverage() = default;
  Coverage(int w, int h) : width(w), height(h), m(size_t(w) * size_t(h), 0) {}
  bool at(int x, int y) const { return m[size_t(y) * size_t(width) + size_t(x)] != 0; }
};

// Marks the pixels within `radius` grid pixels (at least kMinStrokeRadius) of the scaled polyline
// (a disc around a single point). Returns how many pixels it marked that were not marked before.
int64_t cover_stroke(const std::vector<HintVertex>& points, double sx, double sy, double radius, Coverage& c);

// Marks the pixels inside the scaled polygon by the non-zero winding rule; when no pixel centre is
// inside, the pixel holding the vertices' mean. Returns the pixels newly marked.
int64_t cover_region(const std::vector<HintVertex>& polygon, double sx, double sy, Coverage& c);

// A stroke's radius in grid pixels at `scale` grid pixels per original pixel.
inline double stroke_radius(double width, double scale) {
  const double r = width * scale / 2.0;
  return r > kMinStrokeRadius ? r : kMinStrokeRadius;
}

// Throws Error naming the shape ("stroke 2: ...", "region 0: ...") when a stroke has no point, a
// region fewer than 3 vertices, or a coordinate or width is not finite.
void check_shape_geometry(const HintSet& hints);

}  // namespace tinge
