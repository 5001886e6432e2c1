// Colour hints: the points a user places (or the evaluation protocol samples), and their planes at
// the network's working resolution.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
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
