// Colours suggested for a hint, computed on the worker: the network's most likely colours with
// their probabilities where it has a distribution (for a point at its position; for a stroke or a
// region summed over up to 8 places along or inside it, so a stroke gets the colours likely along
// its whole length), else what propagation from the other hints gives there, then typical colours
// at its lightness.
#pragma once
#include <vector>

#include "app/editor_types.hpp"
#include "core/hints.hpp"
#include "core/method.hpp"

namespace tinge {

// Where on the photo (original pixels) a hint's suggestions are sampled: a point's centre; up to 8
// vertices spread along a stroke; a region's vertex mean and up to 7 places halfway from it to its
// vertices.
std::vector<HintVertex> suggestion_places(const HintPoint& p);
std::vector<HintVertex> suggestion_places(const HintStroke& s);
std::vector<HintVertex> suggestion_places(const HintRegion& r);

struct ColourSuggestions {
  std::vector<Ab> ab;
  std::vector<float> probability;  // the network's, per colour (empty without one)
  bool from_model = false;
};

// Up to 8 colours for a hint at `places` given the other hints; L: its lightness (for the typical
// colours without a network).
ColourSuggestions suggest_colours(const ImageData& img, const HintSet& others,
                                  const std::vector<HintVertex>& places, float L, Method& m);

}  // namespace tinge
