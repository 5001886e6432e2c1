// The hints' colours laid over a full-resolution result: a point's square and a stroke's pixels take
// exactly their hint's ab; a region's inside takes its ab too, feathered over `feather` pixels inside
// its border so that a lasso drawn a little past an object's edge leaves the method's edge-following
// colours there. Later kinds lie over earlier ones: regions, then strokes, then points.
#pragma once
#include "hints.hpp"
#include "image.hpp"

namespace tinge {

// a, b: the result's chroma planes at full resolution (the size of the original the hints are in).
// feather: pixels over which a region's weight rises from its border to 1 (at least 1). With `L`
// (the lightness at that size) each region's border pixels are first snapped to the lightness edge
// inside it (region_trim.hpp), as rasterize_hint_set does for the method.
void enforce_hints(const HintSet& hints, Plane& a, Plane& b, double feather, const Plane* L = nullptr);

// The feather colorize uses: one and a half working pixels, in full-resolution pixels.
double region_feather(int full_short_side, int working_short_side);

}  // namespace tinge
