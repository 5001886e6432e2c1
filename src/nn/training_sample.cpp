// Random crops with simulated hints for training (see training_sample.hpp).
#include "nn/training_sample.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/color.hpp"
#include "core/error.hpp"

namespace tinge {

int make_training_sample(const Rgb8Image& img, const SampleOptions& opt, uint64_t seed, float* L, float* a,
                         float* b, float* hint_a, float* hint_b, float* mask) {
  const int S = opt.crop;
  TINGE_CHECK(img.width >= S && img.height >= S, "training image smaller than the crop");
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> ux(0, img.width - S), uy(0, img.height - S);
  const int x0 = ux(rng), y0 = uy(rng);
  const bool flip = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
  for (int y = 0; y < S; ++y) {
    for (int x = 0; x < S; ++x) {
      const int sx = flip ? x0 + S - 1 - x : x0 + x;
      const uint8_t* p = img.px(sx, y0 + y);
      const Lab lab = srgb8_to_lab(p[0], p[1], p[2]);
      const size_t i = size_t(y) * size_t(S) + size_t(x);
      L[i] = lab[0];
      a[i] = lab[1];
      b[i] = lab[2];
      hint_a[i] = hint_b[i] = mask[i] = 0.f;
    }
  }
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  const bool uniform_layout = u01(rng) < opt.p_uniform_layout;
  int n = 0;
  if (uniform_layout) {
    // log-uniform over 0..max_points: n = floor(exp(U(0, ln(max + 1)))) - 1
    n = int(std::floor(std::exp(u01(rng) * std::log(double(opt.max_points) + 1.0)))) - 1;
  } else {
    std::geometric_distribution<int> g(opt.p_geometric);
    n = std::min(g(rng), opt.max_points);
  }
  std::uniform_int_distribution<int> usize(1, opt.max_patch);
  std::normal_distribution<double> gauss(0.0, double(S) / 4.0);
  for (int k = 0; k < n; ++k) {
    const int p = usize(rng);
    int cx, cy;
    if (uniform_layout) {
      cx = std::uniform_int_distribution<int>(0, S - p)(rng);
      cy = std::uniform_int_distribution<int>(0, S - p)(rng);
    } else {
      cx = int(std::lround(S / 2.0 + gauss(rng) - p / 2.0));
      cy = int(std::lround(S / 2.0 + gauss(rng) - p / 2.0));
      cx = std::clamp(cx, 0, S - p);
      cy = std::clamp(cy, 0, S - p);
    }
    double sa = 0, sb = 0;
    for (int y = cy; y < cy + p; ++y)
      for (int x = cx; x < cx + p; ++x) {
        sa += a[size_t(y) * size_t(S) + size_t(x)];
        sb += b[size_t(y) * size_t(S) + size_t(x)];
      }
    const float ma = float(sa / (p * p)), mb = float(sb / (p * p));
    for (int y = cy; y < cy + p; ++y)
      for (int x = cx; x < cx + p; ++x) {
        const size_t i = size_t(y) * size_t(S) + size_t(x);
        hint_a[i] = ma;
        hint_b[i] = mb;
        mask[i] = 1.f;
      }
  }
  return n;
}

}  // namespace tinge
