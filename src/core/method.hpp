// A colourisation method: given lightness and rasterised hints at working resolution, predict ab
// at that resolution. `gray`, `levin` and the network models implement it.
#pragma once
#include <memory>
#include <string>

#include "hints.hpp"
#include "image.hpp"

namespace tinge {

struct AbPrediction {
  Plane a, b;
};

class Method {
 public:
  virtual ~Method() = default;
  virtual std::string name() const = 0;
  // Short side of the working resolution this method wants (0 = full resolution).
  virtual int working_short_side() const { return 256; }
  virtual AbPrediction predict(const Plane& L, const HintPlanes& hints) = 0;
};

std::unique_ptr<Method> make_gray_method();
std::unique_ptr<Method> make_levin_method(int working_short_side = 256);

}  // namespace tinge
