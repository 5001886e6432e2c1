// A colourisation method: given lightness and rasterised hints at working resolution, predict ab
// at that resolution. `gray`, `levin` and the network models implement it. A method that predicts
// a distribution of colours at each pixel (the network) also offers it through distribution():
// callers ask for the capability instead of for a type.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "hints.hpp"
#include "image.hpp"

namespace tinge {

struct ColourReference;

struct AbPrediction {
  Plane a, b;
};

struct Suggestion {
  float a = 0, b = 0;     // in gamut at the point's L
  float probability = 0;  // mass of the mode's neighbourhood
};

// A predicted distribution of colours at every pixel, and what it offers beyond one colour.
class ColourDistribution {
 public:
  virtual ~ColourDistribution() = default;
  // The k most likely distinct in-gamut colours at working-resolution pixel (x, y), from the
  // predicted distribution (mode seeking, each brought into gamut at L).
  virtual std::vector<Suggestion> suggest(const Plane& L, const HintPlanes& hints, float x, float y,
                                          int k) = 0;
  // How unsure the method is of the colour at each cell of its distribution's grid (a quarter of
  // the working image, rounded up): the spread of the predicted ab distribution in ab units, the
  // root mean square distance of its colours from their mean, or from `around` (a prediction at
  // working resolution, averaged over the cell) when given. Where it is large the suggestions
  // differ; where it is small any colouring agrees.
  virtual Plane colour_spread(const Plane& L, const HintPlanes& hints,
                              const AbPrediction* around = nullptr) = 0;
  // Steers every later prediction, suggestion and spread towards a reference's colours
  // (colour_reference.hpp) where hints do not rule; null, or strength 0, turns it off.
  virtual void set_reference(const ColourReference* reference) = 0;
};

class Method {
 public:
  virtual ~Method() = default;
  virtual std::string name() const = 0;
  // Short side of the working resolution this method wants (0 = full resolution).
  virtual int working_short_side() const { return 256; }
  virtual AbPrediction predict(const Plane& L, const HintPlanes& hints) = 0;
  // A live preview soon replaced by predict()'s result (the editor's while a hint is dragged, at a
  // reduced size): cheaper where the method has a cheaper approximation. By default predict().
  virtual AbPrediction predict_draft(const Plane& L, const HintPlanes& hints) { return predict(L, hints); }
  // The method's distribution of colours (suggestions, uncertainty); nullptr when it predicts one
  // colour per pixel and nothing more (gray, levin).
  virtual ColourDistribution* distribution() { return nullptr; }
};

std::unique_ptr<Method> make_gray_method();
// Levin's propagation solves at short side 128 by default and the pipeline upsamples it guided by
// L: on every third val photo that scored 0.0-0.19 dB above a solve at 256 (1-100 hints; 64 was
// lower at 100 hints) and takes about a fifth of the time. Colour still stops at lightness edges.
std::unique_ptr<Method> make_levin_method(int working_short_side = 128);

}  // namespace tinge
