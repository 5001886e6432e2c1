// A lasso is rarely drawn exactly on an object's edge. A region's pixels near its border whose
// lightness its inside does not have (the background that a lasso drawn a little past the edge takes
// in) are left out of it, so that its colour neither is painted there nor spreads from there over the
// background: the region snaps to the lightness edge inside its border.
//
// The inside is the region's pixels farther than `band` pixels from its border; when it has at least
// kRegionTrimMinCore pixels, a pixel within `band` of the border stays only if its lightness lies in
// [p10 - kRegionTrimMargin, p90 + kRegionTrimMargin] of the inside's. Smaller regions are kept whole.
#pragma once
#include "hint_shapes.hpp"
#include "image.hpp"

namespace tinge {

constexpr int kRegionTrimMinCore = 16;     // pixels
constexpr float kRegionTrimMargin = 10.f;  // L units beyond the inside's 10th and 90th percentiles

// The band for a grid whose shorter side is `short_side` pixels: a twentieth of it (12.8 pixels at
// the working resolution of 256), at least 2.
double region_trim_band(int short_side);

// Removes from `c` (a window of L whose top-left pixel is (x0, y0); pixels of the window outside L
// count as outside the region) the border pixels described above. Returns how many it removed.
int64_t trim_region(Coverage& c, const Plane& L, int x0, int y0, double band);

}  // namespace tinge
