// A method averaged with Levin's propagation of the same hints (see refine.hpp).
#include "refine.hpp"

#include "levin.hpp"

namespace tinge {
namespace {

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
    levin_colorize(L, hints, la, lb);
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

Method& preview_method(Method& m) {
  auto* r = dynamic_cast<RefinedMethod*>(&m);
  return r ? r->base() : m;
}

}  // namespace tinge
