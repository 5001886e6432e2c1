// Mode seeking over the ab distribution (see suggest.hpp).
#include "nn/suggest.hpp"

#include <algorithm>
#include <cmath>

namespace tinge {
namespace {

// Below this share of the probability (in its 3 x 3 neighbourhood) a local maximum is noise in the
// tail, not a mode: such maxima are often vivid colours the network gives no weight to.
constexpr float kMinModeMass = 0.02f;

}  // namespace

void unbias_distribution(std::vector<float>& prob, const std::vector<float>& prior, float lambda) {
  if (prior.size() != prob.size() || prob.empty()) return;
  double sum = 0;
  for (size_t q = 0; q < prob.size(); ++q)
    sum += prob[q] *= (1.f - lambda) * prior[q] + lambda / float(prior.size());
  if (sum > 0)
    for (float& v : prob) v = float(v / sum);
}

std::vector<Suggestion> suggest_from_distribution(const AbGrid& grid, const std::vector<float>& prob, float L,
                                                  int k) {
  const int N = AbGrid::kSide;
  std::vector<float> cell(size_t(N * N), 0.f);
  for (int q = 0; q < grid.size() && q < int(prob.size()); ++q)
    cell[size_t(grid.cells()[size_t(q)])] = prob[size_t(q)];
  // Mass of each cell's 3x3 neighbourhood.
  std::vector<float> mass(cell.size(), 0.f);
  for (int r = 0; r < N; ++r)
    for (int c = 0; c < N; ++c) {
      float s = 0;
      for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc) {
          const int rr = r + dr, cc = c + dc;
          if (rr >= 0 && rr < N && cc >= 0 && cc < N) s += cell[size_t(rr * N + cc)];
        }
      mass[size_t(r * N + c)] = s;
    }
  struct Cand {
    float mass, a, b;
  };
  std::vector<Cand> cands;
  for (int r = 0; r < N; ++r)
    for (int c = 0; c < N; ++c) {
      const float m = mass[size_t(r * N + c)];
      if (grid.bin_of_cell(r * N + c) < 0 || m <= 0) continue;
      bool is_max = true;
      for (int dr = -1; dr <= 1 && is_max; ++dr)
        for (int dc = -1; dc <= 1; ++dc) {
          const int rr = r + dr, cc = c + dc;
          if ((dr || dc) && rr >= 0 && rr < N && cc >= 0 && cc < N && mass[size_t(rr * N + cc)] > m) {
            is_max = false;
            break;
          }
        }
      double sa = 0, sb = 0, sw = 0;
      for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc) {
          const int rr = r + dr, cc = c + dc;
          if (rr < 0 || rr >= N || cc < 0 || cc >= N) continue;
          const double w = cell[size_t(rr * N + cc)];
          sa += w * (AbGrid::kMin + AbGrid::kStep * cc);
          sb += w * (AbGrid::kMin + AbGrid::kStep * rr);
          sw += w;
        }
      if (sw <= 0) continue;
      // Local maxima holding at least kMinModeMass come first; other cells (stray maxima in the
      // distribution's tail included) follow as fill-ins ranked by their mass.
      cands.push_back({is_max && m >= kMinModeMass ? m + 10.f : m, float(sa / sw), float(sb / sw)});
    }
  std::sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) { return x.mass > y.mass; });
  std::vector<Suggestion> out;
  for (const auto& c : cands) {
    if (int(out.size()) >= k) break;
    auto ab = clamp_to_gamut(L, c.a, c.b);
    bool near = false;
    for (const auto& s : out)
      if (std::hypot(s.a - ab[0], s.b - ab[1]) < 12.f) near = true;
    if (near) continue;
    out.push_back({ab[0], ab[1], c.mass >= 10.f ? c.mass - 10.f : c.mass});
  }
  return out;
}

}  // namespace tinge
