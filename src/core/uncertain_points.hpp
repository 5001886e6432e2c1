// Where to ask "what colour is this?": the places a colour map is least sure of. The editor's
// "Explore alternatives" puts its anchor hints there, so its proposals differ where the network
// hesitates (clothes, cars, walls) rather than where any colouring agrees (sky, foliage).
#pragma once
#include <vector>

#include "hints.hpp"
#include "image.hpp"

namespace tinge {

struct UncertainPoint {
  double x = 0, y = 0;  // original-image pixels (the cell's centre)
  float score = 0;
};

// Greedy peaks of `score` (higher = less sure), a grid whose cell (cx, cy) covers original pixels
// [cx cell_w, (cx + 1) cell_w) x [cy cell_h, (cy + 1) cell_h): the best cell, then the best cell
// at least `min_dist` original pixels from every point picked so far and from every hint, up to k
// points. Cells whose `lightness` (same grid; empty = no test) is under 8 or over 95 are skipped:
// colour barely shows there. Ties go to the earlier cell (row-major).
std::vector<UncertainPoint> pick_uncertain_points(const Plane& score, const Plane& lightness, double cell_w,
                                                  double cell_h, const std::vector<HintPoint>& hints, int k,
                                                  double min_dist);

}  // namespace tinge
