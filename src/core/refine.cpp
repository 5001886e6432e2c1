// Levin propagation of the hint residuals on top of a method's prediction (see refine.hpp).
#include "refine.hpp"

#include "levin.hpp"

namespace tinge {
namespace {

class RefinedMethod : public Method {
 public:
  explicit RefinedMethod(std::unique_ptr<Method> base) : base_(std::move(base)) {}
  std::string name() const override { return base_->name() + "+levin"; }
  int working_short_side() const override { return base_->working_short_side(); }
  AbPrediction predict(const Plane& L, const HintPlanes& hints) override {
    AbPrediction p = base_->predict(L, hints);
    bool any = false;
    HintPlanes residual{Plane(L.width, L.height), Plane(L.width, L.height), hints.mask};
    for (size_t i = 0; i < hints.mask.size(); ++i) {
      if (hints.mask.v[i] <= 0.5f) continue;
      any = true;
      residual.a.v[i] = hints.a.v[i] - p.a.v[i];
      residual.b.v[i] = hints.b.v[i] - p.b.v[i];
    }
    if (!any) return p;
    Plane ra, rb;
    levin_colorize(L, residual, ra, rb);
    for (size_t i = 0; i < p.a.size(); ++i) {
      p.a.v[i] += ra.v[i];
      p.b.v[i] += rb.v[i];
    }
    return p;
  }

 private:
  std::unique_ptr<Method> base_;
};

}  // namespace

std::unique_ptr<Method> make_refined_method(std::unique_ptr<Method> base) {
  return std::make_unique<RefinedMethod>(std::move(base));
}

}  // namespace tinge
