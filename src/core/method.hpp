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
// Levin's propagation solves at short side 128 by default and the pipeline upsamples it guided by
// L: on every third val photo that scored 0.0-0.19 dB above a solve at 256 (1-100 hints; 64 was
// lower at 100 hints) and takes about a fifth of the time. Colour still stops at lightness edges.
std::unique_ptr<Method> make_levin_method(int working_short_side = 128);

}  // namespace tinge
