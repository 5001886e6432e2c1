// One training sample: a random crop (and flip) of a photo in L*a*b*, with simulated user hints as in
// Zhang et al. 2017: the number of points is geometric with p = 1/8 (so about 1 sample in 8 has none
// and learns automatic colourisation), each a square patch of side uniform in 1..9 carrying the
// patch's mean ab, located by a Gaussian around the centre (sigma a quarter of the size). Half of
// the samples instead place a log-uniform number of points (0..max_points) uniformly, like the
// evaluation protocol. Optionally a share of the samples also gets simulated strokes or regions
// (core/hint_simulation.hpp: random walks inside near-constant colour, flood-filled areas, each with
// the original's mean ab), in the same hint planes, with or without the points. Optionally the
// lightness is degraded like an old print's (faded, soft, grainy) while the colour targets and hints
// stay clean. Deterministic for a given seed. Torch-free.
#pragma once
#include <cstdint>

#include "core/image.hpp"

namespace tinge {

struct SampleOptions {
  int crop = 176;
  double p_geometric = 1.0 / 8.0;
  double p_uniform_layout = 0.5;  // share of samples with eval-like uniform hint layouts
  int max_points = 150;
  int max_patch = 9;
  // Share of samples whose L input is degraded (each of fade, blur and grain with probability 1/2,
  // at least one): real old photos are all three, and the network trained on clean photos loses
  // 1-2 dB on them (docs/experiments.md, Old prints). 0 keeps every sample as before.
  double p_degrade = 0.0;
  // Share of samples given strokes or regions (0 keeps every sample as before). Of those, a share
  // p_stroke_shapes gets 1..max_strokes strokes, the rest 1..max_regions regions (fewer more likely);
  // half keep their points under the shapes, half have the shapes alone.
  double p_shapes = 0.0;
  double p_stroke_shapes = 0.6;
  int max_strokes = 8;
  int max_regions = 3;
};

// Writes crop*crop floats to each plane: L, a, b (ground truth), hint a, hint b (0 where no hint)
// and mask; with levin_a and levin_b, also Levin's propagation of those hints over the (possibly
// degraded) L as a network with a Levin input sees it (core/refine.hpp levin_coarse; 0 without hints).
// Returns the number of hints placed (points, strokes and regions). The image must be at least
// crop x crop.
int make_training_sample(const Rgb8Image& img, const SampleOptions& opt, uint64_t seed, float* L, float* a,
                         float* b, float* hint_a, float* hint_b, float* mask, float* levin_a = nullptr,
                         float* levin_b = nullptr);

}  // namespace tinge
