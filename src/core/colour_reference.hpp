// "Colour like this photo": a reference photo (or a palette of 3-8 colours) whose colours steer the
// network's predicted distribution wherever hints do not rule: p'(c|x) proportional to
// p(c|x) w(c)^strength, with per-bin weights w fitted so that the photo's predicted colours, averaged
// over its pixels, match h, the reference's histogram over the network's ab bins (computed at a
// small size, smoothed like training's soft targets, mixed with a uniform share so no colour is
// ruled out). With few hints the result is also made as colourful as the reference photo.
// Strength 0 is off; hints stay exact (the pipeline enforces them). No retraining.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "image.hpp"

namespace tinge {

struct ColourReference {
  std::vector<float> histogram;  // over AbGrid() bins (sums to 1); empty = no reference
  float strength = 1.f;          // the exponent, 0..2 (0: off)
  std::string source;            // the photo's path, or "palette"
  // The photo's colourfulness (metrics.hpp) at the histogram's size: results with few hints are
  // made as colourful. 0 for a palette, which says which colours but not how much of them.
  float colourfulness = 0.f;
  bool active() const { return !histogram.empty() && strength > 0.f; }
};

constexpr float kMaxReferenceStrength = 2.f;

// The histogram of a photo's colours: at a short side of 64, each pixel's ab spread over its five
// nearest bins (Gaussian, sigma 5 ab units), then 0.9 of that plus 0.1 uniform. Near-black and
// near-white pixels (L < 5 or > 97), whose colour barely shows, count for nothing.
ColourReference reference_from_image(const Rgb8Image& photo, float strength, const std::string& source);

// The same for a palette: each colour counts alike, spread wider (sigma 10) so that nearby shades
// of it are favoured too.
ColourReference reference_from_palette(const std::vector<std::array<uint8_t, 3>>& colours, float strength);

// "#3b5e8c,#c9a66b,..." (3 to 8 colours, '#' optional, spaces allowed) -> sRGB colours; UsageError
// naming the entry at fault otherwise.
std::vector<std::array<uint8_t, 3>> parse_palette(const std::string& text);

// The reference's k main colours (a, b): the bins holding the most of its histogram, each at least
// 15 ab units from those before it, most first; fewer when the rest is only the uniform share.
std::vector<std::array<float, 2>> main_colours(const ColourReference& r, int k);

// Throws UsageError unless 0 <= strength <= kMaxReferenceStrength.
void check_reference_strength(float strength);

}  // namespace tinge
