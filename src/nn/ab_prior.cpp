// Empirical ab prior and rebalancing weights (see ab_prior.hpp).
#include "nn/ab_prior.hpp"

#include <cmath>

#include "core/color.hpp"

namespace tinge {

std::vector<float> empirical_ab_prior(const Dataset& d, const AbGrid& grid, int stride, double sigma) {
  return prior_from_counts(ab_bin_counts(d, grid, stride), grid, sigma);
}

std::vector<double> ab_bin_counts(const Dataset& d, const AbGrid& grid, int stride) {
  std::vector<double> counts(size_t(grid.size()), 0.0);
  for (const auto& img : d.images)
    for (int y = 0; y < img.height; y += stride)
      for (int x = 0; x < img.width; x += stride) {
        const uint8_t* p = img.px(x, y);
        const Lab lab = srgb8_to_lab(p[0], p[1], p[2]);
        counts[size_t(grid.bin_of(lab[1], lab[2]))] += 1.0;
      }
  return counts;
}

std::vector<float> prior_from_counts(const std::vector<double>& counts, const AbGrid& grid, double sigma) {
  const int Q = grid.size();
  std::vector<double> smooth(size_t(Q), 0.0);
  for (int q = 0; q < Q; ++q) {
    const auto cq = grid.center(q);
    for (int r = 0; r < Q; ++r) {
      const auto cr = grid.center(r);
      const double d2 = double(cq[0] - cr[0]) * (cq[0] - cr[0]) + double(cq[1] - cr[1]) * (cq[1] - cr[1]);
      smooth[size_t(q)] += counts[size_t(r)] * std::exp(-d2 / (2 * sigma * sigma));
    }
  }
  double total = 0;
  for (double v : smooth) total += v;
  std::vector<float> p(size_t(Q), 1.f / float(Q));
  if (total > 0)
    for (int q = 0; q < Q; ++q) p[size_t(q)] = float(smooth[size_t(q)] / total);
  return p;
}

std::vector<float> rebalancing_weights(const std::vector<float>& prior, double lambda) {
  const double Q = double(prior.size());
  std::vector<float> w(prior.size());
  double e = 0;
  for (size_t q = 0; q < prior.size(); ++q) {
    w[q] = float(1.0 / ((1.0 - lambda) * prior[q] + lambda / Q));
    e += prior[q] * w[q];
  }
  for (auto& v : w) v = float(v / e);
  return w;
}

}  // namespace tinge
