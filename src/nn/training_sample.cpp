// Random crops with simulated hints for training (see training_sample.hpp).
#include "nn/training_sample.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/color.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/hint_shapes.hpp"
#include "core/hint_simulation.hpp"
#include "core/refine.hpp"

namespace tinge {

namespace {

// Blurs an S x S plane with a Gaussian of `sigma` pixels (separable, edges clamped).
void gaussian_blur(float* p, int S, double sigma) {
  const int r = std::max(1, int(std::ceil(3 * sigma)));
  std::vector<float> k(size_t(2 * r + 1));
  float sum = 0;
  for (int i = -r; i <= r; ++i) sum += k[size_t(i + r)] = float(std::exp(-0.5 * i * i / (sigma * sigma)));
  for (float& v : k) v /= sum;
  std::vector<float> tmp(size_t(S) * size_t(S));
  for (int pass = 0; pass < 2; ++pass) {
    const float* src = pass == 0 ? p : tmp.data();
    float* dst = pass == 0 ? tmp.data() : p;
    for (int y = 0; y < S; ++y)
      for (int x = 0; x < S; ++x) {
        float acc = 0;
        for (int i = -r; i <= r; ++i) {
          const int xx = pass == 0 ? std::clamp(x + i, 0, S - 1) : x,
                    yy = pass == 1 ? std::clamp(y + i, 0, S - 1) : y;
          acc += k[size_t(i + r)] * src[size_t(yy) * size_t(S) + size_t(xx)];
        }
        dst[size_t(y) * size_t(S) + size_t(x)] = acc;
      }
  }
}

// Makes L look like an old print's: softened (blur sigma 0.4-1.5 px), faded (contrast 0.55-0.95
// around a mid-grey of 40-60), grainy (Gaussian noise, sigma 1.5-7.5 L units).
void degrade_lightness(float* L, int S, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  bool blur = u01(rng) < 0.5, fade = u01(rng) < 0.5, grain = u01(rng) < 0.5;
  if (!blur && !fade && !grain) {
    const int k = std::uniform_int_distribution<int>(0, 2)(rng);
    blur = k == 0, fade = k == 1, grain = k == 2;
  }
  const size_t n = size_t(S) * size_t(S);
  if (blur) gaussian_blur(L, S, 0.4 + 1.1 * u01(rng));
  if (fade) {
    const float c = float(0.55 + 0.4 * u01(rng)), mid = float(40 + 20 * u01(rng));
    for (size_t i = 0; i < n; ++i) L[i] = mid + (L[i] - 50.f) * c;
  }
  if (grain) {
    std::normal_distribution<float> noise(0.f, float(1.5 + 6.0 * u01(rng)));
    for (size_t i = 0; i < n; ++i) L[i] += noise(rng);
  }
  for (size_t i = 0; i < n; ++i) L[i] = std::clamp(L[i], 0.f, 100.f);
}

// 1..max, each count half as likely as the one before.
int halving_count(SimRandom& rng, int max) {
  int k = 1;
  while (k < max && rng.uniform() < 0.5) ++k;
  return k;
}

// Simulated strokes or regions of the S x S crop (L, a, b) painted into the hint planes: regions
// first, strokes over them, as rasterize_hint_set does; points (where mask is already 1) stay on top
// unless the sample drops them. Drawn from its own random stream, so that the points, the
// degradation and the samples without shapes are exactly what they would be without this.
// Returns the number of hints in the planes.
int add_shapes(const SampleOptions& opt, uint64_t seed, int points, const float* L, const float* a,
               const float* b, float* hint_a, float* hint_b, float* mask) {
  const int S = opt.crop;
  const size_t N = size_t(S) * size_t(S);
  SimRandom rng(splitmix64(seed ^ 0x5eed5a9e5ULL));
  if (!(rng.uniform() < opt.p_shapes)) return points;
  const bool strokes = rng.uniform() < opt.p_stroke_shapes, keep_points = rng.uniform() < 0.5;
  LabImage crop;
  crop.L = Plane(S, S), crop.a = Plane(S, S), crop.b = Plane(S, S);
  std::copy(L, L + N, crop.L.v.begin());
  std::copy(a, a + N, crop.a.v.begin());
  std::copy(b, b + N, crop.b.v.begin());
  HintSet shapes;
  const int k = halving_count(rng, strokes ? opt.max_strokes : opt.max_regions);
  for (int i = 0; i < k; ++i)
    if (strokes)
      shapes.strokes.push_back(simulate_stroke(crop, rng));
    else
      shapes.regions.push_back(simulate_region(crop, rng));
  const HintPlanes sp = rasterize_hint_set(shapes, S, S, S, S, &crop.L);
  for (size_t i = 0; i < N; ++i) {
    if (keep_points && mask[i] > 0.5f) continue;
    hint_a[i] = sp.a.v[i];
    hint_b[i] = sp.b.v[i];
    mask[i] = sp.mask.v[i];
  }
  return k + (keep_points ? points : 0);
}

}  // namespace

int make_training_sample(const Rgb8Image& img, const SampleOptions& opt, uint64_t seed, float* L, float* a,
                         float* b, float* hint_a, float* hint_b, float* mask, float* levin_a,
                         float* levin_b) {
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
  if (opt.p_shapes > 0) n = add_shapes(opt, seed, n, L, a, b, hint_a, hint_b, mask);
  // Drawn after everything else, so samples without degradation are exactly what they were.
  if (opt.p_degrade > 0 && u01(rng) < opt.p_degrade) degrade_lightness(L, S, rng);
  if (levin_a && levin_b) {
    const size_t N = size_t(S) * size_t(S);
    Plane Lp(S, S), la, lb;
    HintPlanes h{Plane(S, S), Plane(S, S), Plane(S, S), n};
    std::copy(L, L + N, Lp.v.begin());
    std::copy(hint_a, hint_a + N, h.a.v.begin());
    std::copy(hint_b, hint_b + N, h.b.v.begin());
    std::copy(mask, mask + N, h.mask.v.begin());
    levin_coarse(Lp, h, la, lb, {std::max(8, S / 4)});  // 4 x 4 pixel cells, as on a 256 working image
    std::copy(la.v.begin(), la.v.end(), levin_a);
    std::copy(lb.v.begin(), lb.v.end(), levin_b);
  }
  return n;
}

}  // namespace tinge
