// The simulated user of `tinge eval --placement` (see simulated_user.hpp).
#include "simulated_user.hpp"

#include <algorithm>
#include <cmath>

#include "error.hpp"
#include "recommend.hpp"
#include "resample.hpp"

namespace tinge {
namespace {

constexpr int kOracleWindow = 51;

// A hint at the patch whose top-left pixel is (x0, y0): the original's mean ab over it.
HintPoint patch_hint(const LabImage& original, int x0, int y0, int patch) {
  double sa = 0, sb = 0;
  for (int y = y0; y < y0 + patch; ++y)
    for (int x = x0; x < x0 + patch; ++x) {
      sa += original.a.at(x, y);
      sb += original.b.at(x, y);
    }
  HintPoint h;
  h.x = x0 + patch / 2.0;
  h.y = y0 + patch / 2.0;
  h.a = float(sa / (patch * patch));
  h.b = float(sb / (patch * patch));
  h.size = patch;
  return h;
}

// The patch centred as near (x, y) as the image allows.
HintPoint hint_near(const LabImage& original, double x, double y, int patch) {
  const int W = original.width(), H = original.height();
  const int x0 = std::clamp(int(std::floor(x - patch / 2.0)), 0, W - patch);
  const int y0 = std::clamp(int(std::floor(y - patch / 2.0)), 0, H - patch);
  return patch_hint(original, x0, y0, patch);
}

// Where the current result's ab error, averaged over a kOracleWindow square, is largest (summed
// area table; the window clipped at the borders), at least `min_dist` pixels from every hint: a
// hint that could not fix its window's error would otherwise be placed there again and again.
void oracle_position(const LabImage& original, const LabImage& current, const std::vector<HintPoint>& hints,
                     double min_dist, double& bx, double& by) {
  const int W = original.width(), H = original.height();
  std::vector<double> sat(size_t(W + 1) * size_t(H + 1), 0.0);
  auto S = [&](int x, int y) -> double& { return sat[size_t(y) * size_t(W + 1) + size_t(x)]; };
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const double e =
          std::hypot(current.a.at(x, y) - original.a.at(x, y), current.b.at(x, y) - original.b.at(x, y));
      S(x + 1, y + 1) = e + S(x, y + 1) + S(x + 1, y) - S(x, y);
    }
  const int r = kOracleWindow / 2;
  double best = -1;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const int x0 = std::max(0, x - r), y0 = std::max(0, y - r);
      const int x1 = std::min(W, x + r + 1), y1 = std::min(H, y + r + 1);
      const double mean = (S(x1, y1) - S(x0, y1) - S(x1, y0) + S(x0, y0)) / double((x1 - x0) * (y1 - y0));
      if (mean <= best) continue;
      bool free = true;
      for (const HintPoint& h : hints)
        free = free && std::hypot(h.x - (x + 0.5), h.y - (y + 0.5)) >= min_dist;
      if (free) best = mean, bx = x + 0.5, by = y + 0.5;
    }
}

}  // namespace

Placement parse_placement(const std::string& name) {
  if (name == "uniform") return Placement::kUniform;
  if (name == "recommended") return Placement::kRecommended;
  if (name == "oracle") return Placement::kOracle;
  throw UsageError("placement '" + name + "' is not one of uniform, recommended, oracle");
}

const char* placement_name(Placement p) {
  return p == Placement::kRecommended ? "recommended" : p == Placement::kOracle ? "oracle" : "uniform";
}

HintPoint next_simulated_hint(Placement placement, Method& method, const LabImage& original,
                              const std::vector<HintPoint>& hints, const LabImage& current, int patch,
                              uint64_t fallback_seed, const RecommendOptions& recommend) {
  const int W = original.width(), H = original.height();
  if (patch < 1 || patch > std::min(W, H)) throw UsageError("eval: the patch does not fit the image");
  if (placement == Placement::kOracle) {
    double x = -1, y = -1;
    oracle_position(original, current, hints, recommend.min_spacing * std::min(W, H), x, y);
    if (x >= 0) return hint_near(original, x, y, patch);
  }
  if (placement == Placement::kRecommended) {
    int w = W, h = H;
    working_size(W, H, method.working_short_side(), w, h);
    const Plane L_work = (w == W && h == H) ? original.L : resize_area(original.L, w, h);
    RecommendOptions opt = recommend;
    opt.k = 1;
    opt.colours = 0;
    const auto recs = recommend_hints(method, L_work, W, H, hints, opt);
    if (!recs.empty()) return hint_near(original, recs[0].x, recs[0].y, patch);
  }
  return sample_hints(original, 1, patch, fallback_seed).at(0);
}

}  // namespace tinge
