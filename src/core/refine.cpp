// A method averaged with Levin's propagation of the same hints (see refine.hpp).
#include "refine.hpp"

#include "levin.hpp"
#include "resample.hpp"

namespace tinge {
namespace {

// Levin's estimate is solved on a grid of short side kLevinShortSide (a quarter of the network's
// 256) and upsampled guided by L. On every third val photo (model+levin, 1-100 hints) this scored
// 0.0-0.17 dB above the solve at the working resolution, best at a quarter (an eighth and a half
// were lower): each stencil step reaches four times further, and the guided upsampling restores
// the edges; the solve costs about a sixteenth.
constexpr int kLevinShortSide = 64;

void coarse_levin(const Plane& L, const HintPlanes& hints, Plane& a, Plane& b) {
  int w = 0, h = 0;
  working_size(L.width, L.height, kLevinShortSide, w, h);
  if (w == L.width && h == L.height) {
    levin_colorize(L, hints, a, b);
    return;
  }
  const Plane Lc = resize_area(L, w, h);
  Plane ca, cb;
  levin_colorize(Lc, pool_hints(hints, w, h), ca, cb);
  guided_upsample_ab(Lc, ca, cb, L, a, b);
}

class RefinedMethod : public Method {
 public:
  explicit RefinedMethod(std::unique_ptr<Method> base) : base_(std::move(base)) {}
  std::string name() const override { return base_->name() + "+levin"; }
  Method& base() { return *base_; }
  int working_short_side() const override { return base_->working_short_side(); }
  AbPrediction predict(const Plane& L, const HintPlanes& hints) override {
    AbPrediction p = base_->predict(L, hints);
    const float w = levin_share(count_hint_groups(hints.mask));
    if (w <= 0.f) return p;
    Plane la, lb;
    coarse_levin(L, hints, la, lb);
    for (size_t i = 0; i < p.a.size(); ++i) {
      p.a.v[i] = (1.f - w) * p.a.v[i] + w * la.v[i];
      p.b.v[i] = (1.f - w) * p.b.v[i] + w * lb.v[i];
    }
    return p;
  }

 private:
  std::unique_ptr<Method> base_;
};

}  // namespace

float levin_share(int n_hints) { return n_hints <= 0 ? 0.f : 0.5f; }

std::unique_ptr<Method> make_refined_method(std::unique_ptr<Method> base) {
  return std::make_unique<RefinedMethod>(std::move(base));
}

Method& base_method(Method& m) {
  auto* r = dynamic_cast<RefinedMethod*>(&m);
  return r ? r->base() : m;
}

}  // namespace tinge
