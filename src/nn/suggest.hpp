// Suggested colours from a predicted distribution over the in-gamut ab bins: mode seeking on the
// 23 x 23 grid (local maxima of the distribution smoothed over each bin's 3 x 3 neighbourhood), each
// mode's colour the probability-weighted mean of its neighbourhood, brought into gamut at L; modes
// closer than 12 ab units to a stronger one are dropped. Torch-free.
#pragma once
#include <vector>

#include "core/ab_grid.hpp"
#include "nn/model.hpp"

namespace tinge {

std::vector<Suggestion> suggest_from_distribution(const AbGrid& grid, const std::vector<float>& prob, float L,
                                                  int k);

}  // namespace tinge
