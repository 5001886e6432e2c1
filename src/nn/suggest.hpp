// Suggested colours from a predicted distribution over the in-gamut ab bins: mode seeking on the
// 23 x 23 grid (local maxima of the distribution smoothed over each bin's 3 x 3 neighbourhood), each
// mode's colour the probability-weighted mean of its neighbourhood, brought into gamut at L; modes
// closer than 12 ab units to a stronger one are dropped. Torch-free.
#pragma once
#include <vector>

#include "core/ab_grid.hpp"
#include "nn/model.hpp"

namespace tinge {

// Undoes class rebalancing: a distribution trained with per-pixel weights 1 / ((1 - lambda) prior
// + lambda / Q) of the true colour is skewed by those weights; this multiplies them back out and
// renormalises, so it ranks colours by how likely they are. Unchanged when the sizes differ.
void unbias_distribution(std::vector<float>& prob, const std::vector<float>& prior, float lambda);

std::vector<Suggestion> suggest_from_distribution(const AbGrid& grid, const std::vector<float>& prob, float L,
                                                  int k);

}  // namespace tinge
