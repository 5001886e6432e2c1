// Class rebalancing (Zhang et al. 2016): the empirical ab prior of the training photos over the
// in-gamut bins, smoothed with a Gaussian (sigma 5) and mixed with uniform (lambda 0.5); weights
// w ~ 1 / ((1 - lambda) p + lambda / Q), normalised so that E_p[w] = 1. Torch-free.
#pragma once
#include <vector>

#include "core/ab_grid.hpp"
#include "nn/dataset.hpp"

namespace tinge {

// Smoothed empirical prior over the grid's bins (sums to 1). Samples every `stride`-th pixel.
std::vector<float> empirical_ab_prior(const Dataset& d, const AbGrid& grid, int stride = 4,
                                      double sigma = 5.0);
// Its two halves, so the counts of photos held apart (data shards, ranks) can be summed first:
// pixels per bin, and the smoothed, normalised prior of summed counts.
std::vector<double> ab_bin_counts(const Dataset& d, const AbGrid& grid, int stride = 4);
std::vector<float> prior_from_counts(const std::vector<double>& counts, const AbGrid& grid,
                                     double sigma = 5.0);
std::vector<float> rebalancing_weights(const std::vector<float>& prior, double lambda = 0.5);

}  // namespace tinge
