// The full-resolution pipeline: L (full) + hints (original pixels)
//   -> working resolution (L downscaled, hints rasterised) -> method -> ab (working)
//   -> guided upsampling to full resolution -> hints enforced in their patches -> L*a*b* result.
#pragma once
#include <vector>

#include "hints.hpp"
#include "image.hpp"
#include "method.hpp"

namespace tinge {

struct PipelineOptions {
  bool enforce_hints = true;  // hinted pixels take their hint's ab at full resolution (hint_enforce.hpp)
  float saturation = 1.f;     // global chroma scale applied in Lab (then brought into gamut by clamping)
  // > 0: the editor's live preview instead of the result: the method's draft (Method::predict_draft)
  // at this short side (the editor's is 128), upsampled and its hints enforced like a result.
  int preview_short_side = 0;
};

// The method's view of a photo: L downscaled so its shorter side is `short_side` (0 or larger than the
// photo: unchanged) and the hints (original pixels) rasterised onto that grid.
struct WorkingInput {
  Plane L;
  HintPlanes hints;
};
WorkingInput to_working_resolution(const Plane& L_full, const HintSet& hints, int short_side);

// Colourises a full-resolution L plane with the given hints; returns the full-resolution Lab image.
LabImage colorize(const Plane& L_full, const HintSet& hints, Method& method, const PipelineOptions& opt = {});

}  // namespace tinge
