// A method combined with Levin's propagation of the same hints: at each pixel a weighted average
// of the method's prediction and Levin's L-guided optimisation, Levin's share largest near the
// hints and fading with distance from them (none with no hints, so the method's prediction is
// returned unchanged). The two make different errors — the network blurs small regions between
// hints, Levin spreads colours too far where lightness edges are weak — and for a network without
// the Levin input their average scored higher than either at every hint count on photos neither saw;
// a network with the Levin input learns its own share of the propagation, and the average then
// changes its score by a few hundredths of a dB (docs/experiments.md). Levin is solved on a coarse grid
// (short side 64) and upsampled guided by L: about 15 ms over the method alone, so previews use it too. With
// one or two hints Levin carries their colour over the whole photo; the fading share keeps the method's
// colour far from them.
#pragma once
#include <functional>
#include <memory>

#include "method.hpp"

namespace tinge {

// Levin's largest share of the average for n hints (patches), on the hints: 0 for n = 0.
float levin_share(int n_hints);

// Levin's share at a pixel `distance` working pixels from the nearest hinted pixel, on a working
// image whose shorter side is `short_side`: levin_share(n) * exp(-distance / (0.625 short_side))
// (negative or NaN distances count as 0). Scaled by the short side, so the fading looks the same at
// any resolution; along a long strip's length the far end keeps almost only the method's colour.
float levin_share(int n_hints, float distance, int short_side);

// Levin's propagation of `hints` over L as model+levin computes it: solved on a grid of short side
// `grid_short_side` (64, a quarter of the working image's 256) and upsampled guided by L to L's
// size (a = b = 0 without hints). Networks with a Levin input (NetConfig::levin_input) see this:
// at inference on the working image, in training on each crop with a grid of a quarter of its
// side, so that a grid cell covers the same 4 x 4 pixels.
// Each thread keeps its last result: asked again for the same L, hints and grid (model+levin over
// such a network asks twice per prediction) it returns that without solving.
constexpr int kLevinGridShortSide = 64;
struct LevinCoarseOptions {
  int grid_short_side = kLevinGridShortSide;
  // Called for each propagation solved (not for one the thread remembered): lets a caller see
  // what its predictions cost.
  std::function<void()> on_solve;
};
void levin_coarse(const Plane& L, const HintPlanes& hints, Plane& a, Plane& b,
                  const LevinCoarseOptions& opt = {});
// The grid of a draft's propagation (Method::predict_draft) on a width x height image: a quarter of
// its short side, at most kLevinGridShortSide, so that a cell covers 4 x 4 pixels as in training.
// At the editor's preview size (short side 128) 32: a sixteenth of the unknowns of the full grid.
int draft_levin_grid(int width, int height);

// `base` averaged with levin_coarse's propagation (asked for with `levin`).
std::unique_ptr<Method> make_refined_method(std::unique_ptr<Method> base, LevinCoarseOptions levin = {});

// The method a combination made by make_refined_method is built on (the network, for model+levin),
// else `m` itself. (The combination's distribution() is already the base method's.)
Method& base_method(Method& m);

}  // namespace tinge
