// Simulated strokes and regions, drawn from an original colour photo as a user would draw them:
//   stroke  a random walk 10-80 px long inside an area of near-constant colour, 1-7 px wide,
//           carrying the original's mean ab under it
//   region  a flood-filled area of near-constant colour (1-60 % of the photo) traced as a polygon,
//           carrying the original's mean ab over the filled pixels
// Lengths and widths are for a photo whose shorter side is 256 px and scale with `scale`. `tinge eval
// --hint-shape` and training (nn/training_sample) both use these. Deterministic for a given seed
// and image, on every platform (no std:: distributions).
#pragma once
#include <cstdint>
#include <vector>

#include "hints.hpp"
#include "image.hpp"

namespace tinge {

struct ShapeSimOptions {
  double scale = 1.0;  // pixels of the image per pixel of a 256 px short side
  double min_length = 10, max_length = 80;
  double min_width = 1, max_width = 7;
  // Near-constant colour: CIELAB distance from the colour where the shape starts (3 x 3 mean).
  double stroke_tolerance = 10;
  double region_tolerance = 12;
  double min_area = 0.01, max_area = 0.6;  // a region's share of the photo
  int tries = 24;                          // starting points tried for each shape
};

// The next value of a splitmix64 sequence and a uniform double in [0, 1) from it.
struct SimRandom {
  uint64_t state;
  explicit SimRandom(uint64_t seed) : state(seed) {}
  uint64_t next();
  double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  int below(int n) { return int(uniform() * n); }  // 0..n-1
  double normal();                                 // standard normal (Box-Muller)
};

// One stroke or region from `original`; each always returns a shape (the longest walk or largest
// fill found when none meets the length or area asked for).
HintStroke simulate_stroke(const LabImage& original, SimRandom& rng, const ShapeSimOptions& opt = {});
HintRegion simulate_region(const LabImage& original, SimRandom& rng, const ShapeSimOptions& opt = {});

// n of them, for `tinge eval --hint-shape`: the same (seed, n) and photo give the same shapes.
std::vector<HintStroke> sample_strokes(const LabImage& original, int n, uint64_t seed,
                                       const ShapeSimOptions& opt);
std::vector<HintRegion> sample_regions(const LabImage& original, int n, uint64_t seed,
                                       const ShapeSimOptions& opt);

// The outline of a 4-connected set of pixels (mask 1, w x h) that contains pixel (sx, sy) and has
// no set pixel above row sy or left of it on that row: its boundary pixels' centres in order,
// simplified (Douglas-Peucker) to within `tolerance` pixels. At least 3 vertices.
std::vector<HintVertex> trace_outline(const std::vector<uint8_t>& mask, int w, int h, int sx, int sy,
                                      double tolerance);

}  // namespace tinge
