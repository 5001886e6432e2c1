// Colour hints: the points a user places (or the evaluation protocol samples), and their planes at
// the network's working resolution.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "image.hpp"

namespace tinge {

// The largest hint patch side (a hint covers size x size pixels).
constexpr int kMaxHintSize = 255;

// A colour hint: the square patch of side `size` original pixels centred on (x, y) has CIELAB
// chroma (a, b). x, y are continuous coordinates in original-image pixels (pixel i spans
// [i, i + 1), origin top-left).
struct HintPoint {
  double x = 0, y = 0;
  float a = 0, b = 0;
  int size = 5;
  nlohmann::json extra =
      nlohmann::json::object();  // unknown per-point fields of a session file, kept verbatim
};

// A point of a stroke or a region's outline, in original-image pixels (as HintPoint's x, y).
struct HintVertex {
  double x = 0, y = 0;
};

// The widest stroke, in original pixels.
constexpr double kMaxStrokeWidth = 255;

// A brush stroke: the polyline through `points` drawn with a round brush `width` original pixels
// wide carries chroma (a, b). One point is a round dot.
struct HintStroke {
  std::vector<HintVertex> points;
  double width = 5;
  float a = 0, b = 0;
  nlohmann::json extra = nlohmann::json::object();  // unknown per-stroke fields of a session file
};

// A region: the inside of the closed polygon `polygon` (non-zero winding: a lasso drawn twice round
// is still inside; the last vertex joins the first) carries chroma (a, b); a = b = 0 keeps it gray.
struct HintRegion {
  std::vector<HintVertex> polygon;
  float a = 0, b = 0;
  nlohmann::json extra = nlohmann::json::object();  // unknown per-region fields of a session file
};

// Every hint of a photo. Rasterised regions first, strokes over them, points on top.
struct HintSet {
  std::vector<HintPoint> points;
  std::vector<HintStroke> strokes;
  std::vector<HintRegion> regions;
  HintSet() = default;
  HintSet(std::vector<HintPoint> p) : points(std::move(p)) {}  // NOLINT: points alone convert
  HintSet(std::initializer_list<HintPoint> p) : points(p) {}   // NOLINT: so do {p, q}
  int count() const { return int(points.size() + strokes.size() + regions.size()); }
  bool empty() const { return points.empty() && strokes.empty() && regions.empty(); }
  bool has_shapes() const { return !strokes.empty() || !regions.empty(); }
};

// Hint planes at some resolution: a, b in CIELAB units (0 where no hint) and mask (1 where hinted),
// and how many hints they hold (patches that touch or overlap still count one each).
struct HintPlanes {
  Plane a, b, mask;
  int count = 0;
};

// Rasterises points given in original-image pixels (orig_w x orig_h) onto a work_w x work_h grid.
// A point's patch (side `size` original pixels, centred on x, y) maps to a square of side
// max(1, round(size * scale)) working pixels; later points overwrite earlier ones. count = the
// number of points.
HintPlanes rasterize_hints(const std::vector<HintPoint>& points, int orig_w, int orig_h, int work_w,
                           int work_h);
// The same for every kind of hint: regions first (each the working pixels whose centres lie inside its
// scaled polygon, or when none does the pixel holding its vertices' mean), then strokes (pixels
// within max(0.5, width * scale / 2) of the scaled polyline), then points. count = hints.count().
// With `L` (the lightness at the working size), each region's border pixels are snapped to the
// lightness edge inside it (region_trim.hpp). Throws Error for a non-finite coordinate or width, a
// stroke with no point, a region with fewer than 3 vertices, or an L of another size.
HintPlanes rasterize_hint_set(const HintSet& hints, int orig_w, int orig_h, int work_w, int work_h,
                              const Plane* L = nullptr);

// Hint planes on a coarser w x h grid (at most the planes' size): a coarse pixel is hinted when
// any fine pixel it covers (x -> floor(x * w / W)) is, with the mean ab of those hinted pixels.
// The count stays the fine planes'.
HintPlanes pool_hints(const HintPlanes& fine, int w, int h);

// Throws Error "<who>: hint planes are not the size of L (WxH)" unless a, b and mask all have
// L's width, height and pixel count.
void check_hints_match(const Plane& L, const HintPlanes& hints, const char* who);

// The evaluation protocol: n points at uniform random locations (patch fully inside the image),
// each carrying the mean ab of the patch x patch square around it in `original`. Deterministic for
// a given (seed, n) and image size. Points are centred on the patch: x = x0 + patch / 2.
std::vector<HintPoint> sample_hints(const LabImage& original, int n, int patch, uint64_t seed);

// Stable 64-bit seed from a string (file name) and integers, for per-image, per-N seeds.
uint64_t mix_seed(uint64_t seed, const std::string& name, int n);

}  // namespace tinge
