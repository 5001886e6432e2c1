// A method averaged with Levin's propagation of the same hints (see refine.hpp).
#include "refine.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "hint_distance.hpp"
#include "hints.hpp"
#include "levin.hpp"
#include "resample.hpp"

namespace tinge {
namespace {

// Levin's estimate is solved on a grid of short side kLevinGridShortSide (refine.hpp: a quarter of
// the network's 256) and upsampled guided by L. On every third val photo (model+levin, 1-100
// hints) this scored 0.0-0.17 dB above the solve at the working resolution, best at a quarter (an
// eighth and a half were lower): each stencil step reaches four times further, and the guided
// upsampling restores the edges; the solve costs about a sixteenth.

// Levin's share fades as exp(-d / (kShareFalloff x short side)) with the distance d from the
// nearest hint. On every third val photo (107), against the constant share (model+levin): 1 hint
// +0.07 dB and 0.53 of the originals' colourfulness instead of 0.45, 2 hints +0.04 dB and 0.52
// against 0.46, 5-100 hints within 0.03 dB (falloffs 0.125-1 short side and peak shares 0.5-0.6
// tried: longer falloffs trade colour for PSNR at 1-2 hints). On the other 213 (not used to choose):
// 0.00 to -0.03 dB, colourfulness 0.50 against 0.42 at 1 hint; on degraded copies of every third
// (old prints) -0.13 / -0.08 dB at 1 / 2 hints, 0.50 against 0.40 (docs/experiments.md).
constexpr float kShareFalloff = 0.625f;

class RefinedMethod : public Method {
 public:
  RefinedMethod(std::unique_ptr<Method> base, LevinCoarseOptions levin)
      : base_(std::move(base)), levin_(std::move(levin)) {}
  std::string name() const override { return base_->name() + "+levin"; }
  Method& base() { return *base_; }
  int working_short_side() const override { return base_->working_short_side(); }
  // Suggestions and uncertainty are the method's it is built on (Levin has neither).
  ColourDistribution* distribution() override { return base_->distribution(); }
  AbPrediction predict(const Plane& L, const HintPlanes& hints) override {
    check_hints_match(L, hints, "model+levin");
    return average(L, hints, base_->predict(L, hints), levin_);
  }
  AbPrediction predict_draft(const Plane& L, const HintPlanes& hints) override {
    check_hints_match(L, hints, "model+levin");
    LevinCoarseOptions levin = levin_;
    levin.grid_short_side = std::min(levin.grid_short_side, draft_levin_grid(L.width, L.height));
    return average(L, hints, base_->predict_draft(L, hints), levin);
  }

 private:
  AbPrediction average(const Plane& L, const HintPlanes& hints, AbPrediction p,
                       const LevinCoarseOptions& opt) {
    const int n = hints.count;
    if (levin_share(n) <= 0.f) return p;
    Plane la, lb;
    levin_coarse(L, hints, la, lb, opt);
    const Plane d = distance_to_hints(hints.mask);
    const int short_side = std::min(L.width, L.height);
    for (size_t i = 0; i < p.a.size(); ++i) {
      const float w = levin_share(n, d.v[i], short_side);
      p.a.v[i] = (1.f - w) * p.a.v[i] + w * la.v[i];
      p.b.v[i] = (1.f - w) * p.b.v[i] + w * lb.v[i];
    }
    return p;
  }

  std::unique_ptr<Method> base_;
  LevinCoarseOptions levin_;
};

// The last propagation this thread solved. model+levin over a network with a Levin input asks for
// the same one twice per prediction (the network's input, then the average): about 11 ms each on a
// 341 x 256 working image on a 2-core machine (README, Speed), while comparing the inputs takes
// well under one.
struct LevinMemo {
  int grid = -1;
  Plane L, hint_a, hint_b, mask, a, b;
  bool same(const Plane& l, const HintPlanes& h, int g) const {
    return g == grid && l.width == L.width && l.height == L.height && l.v == L.v && h.mask.v == mask.v &&
           h.a.v == hint_a.v && h.b.v == hint_b.v;
  }
};
thread_local LevinMemo t_memo;

void levin_coarse_solve(const Plane& L, const HintPlanes& hints, Plane& a, Plane& b, int grid_short_side) {
  int w = 0, h = 0;
  working_size(L.width, L.height, std::max(1, grid_short_side), w, h);
  if (w == L.width && h == L.height) {
    levin_colorize(L, hints, a, b);
    return;
  }
  const Plane Lc = resize_area(L, w, h);
  Plane ca, cb;
  levin_colorize(Lc, pool_hints(hints, w, h), ca, cb);
  guided_upsample_ab(Lc, ca, cb, L, a, b);
}

}  // namespace

void levin_coarse(const Plane& L, const HintPlanes& hints, Plane& a, Plane& b,
                  const LevinCoarseOptions& opt) {
  const int grid_short_side = opt.grid_short_side;
  check_hints_match(L, hints, "Levin");
  if (std::none_of(hints.mask.v.begin(), hints.mask.v.end(), [](float m) { return m > 0.5f; })) {
    a = Plane(L.width, L.height);
    b = Plane(L.width, L.height);
    return;
  }
  if (t_memo.same(L, hints, grid_short_side)) {
    a = t_memo.a;
    b = t_memo.b;
    return;
  }
  t_memo.grid = -1;  // invalid until the solve below completes (it may throw)
  if (opt.on_solve) opt.on_solve();
  levin_coarse_solve(L, hints, a, b, grid_short_side);
  t_memo.L = L;
  t_memo.hint_a = hints.a;
  t_memo.hint_b = hints.b;
  t_memo.mask = hints.mask;
  t_memo.a = a;
  t_memo.b = b;
  t_memo.grid = grid_short_side;
}

int draft_levin_grid(int width, int height) {
  return std::clamp(std::min(width, height) / 4, 1, kLevinGridShortSide);
}

float levin_share(int n_hints) {
  return n_hints <= 0 ? 0.f : 0.5f;
}

float levin_share(int n_hints, float distance, int short_side) {
  distance = std::max(0.f, distance);  // NaN -> 0 as well
  return levin_share(n_hints) * std::exp(-distance / (kShareFalloff * float(std::max(1, short_side))));
}

std::unique_ptr<Method> make_refined_method(std::unique_ptr<Method> base, LevinCoarseOptions levin) {
  return std::make_unique<RefinedMethod>(std::move(base), std::move(levin));
}

Method& base_method(Method& m) {
  auto* r = dynamic_cast<RefinedMethod*>(&m);
  return r ? r->base() : m;
}

}  // namespace tinge
