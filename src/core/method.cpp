// The classic (non-network) colourisation methods: `gray` (no colour) and `levin` (propagation).
#include "method.hpp"

#include "error.hpp"
#include "levin.hpp"

namespace tinge {
namespace {

// a = b = 0 everywhere; works at full resolution since there is nothing to compute.
class GrayMethod : public Method {
 public:
  std::string name() const override { return "gray"; }
  int working_short_side() const override { return 0; }
  AbPrediction predict(const Plane& L, const HintPlanes&) override {
    return {Plane(L.width, L.height), Plane(L.width, L.height)};
  }
};

// Levin et al. 2004 propagation of the hints at the working resolution (method.hpp).
class LevinMethod : public Method {
 public:
  explicit LevinMethod(int short_side) : short_side_(short_side) {}
  std::string name() const override { return "levin"; }
  int working_short_side() const override { return short_side_; }
  AbPrediction predict(const Plane& L, const HintPlanes& hints) override {
    AbPrediction out;
    levin_colorize(L, hints, out.a, out.b);
    return out;
  }

 private:
  int short_side_;
};

}  // namespace

std::unique_ptr<Method> make_gray_method() {
  return std::make_unique<GrayMethod>();
}

std::unique_ptr<Method> make_levin_method(int working_short_side) {
  return std::make_unique<LevinMethod>(working_short_side);
}

}  // namespace tinge
