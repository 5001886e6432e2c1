// Resizing planes and edge-aware upsampling of colour guided by full-resolution lightness.
#pragma once
#include "image.hpp"

namespace tinge {

// Area-averaging downscale (or bilinear when enlarging) to w x h.
Plane resize_area(const Plane& src, int w, int h);
// Bilinear resize with pixel centres aligned (x_src = (x + 0.5) * src_w / w - 0.5), edges clamped.
Plane resize_bilinear(const Plane& src, int w, int h);

// Working size: scales (w, h) so the shorter side is `short_side` (never upscales), keeps the aspect,
// and scales further where that leaves more than kWorkingAreaFactor x short_side^2 pixels (strips
// longer than 8:1). short_side <= 0 keeps the size.
constexpr double kWorkingAreaFactor = 8.0;
void working_size(int w, int h, int short_side, int& out_w, int& out_h);

// Upsamples low-resolution chroma planes a, b (computed against the low-resolution lightness
// L_low) to the resolution of L_full, guided by L_full so colour does not bleed across lightness
// edges (joint bilateral / guided-filter upsampling). Same-size input is returned unchanged.
void guided_upsample_ab(const Plane& L_low, const Plane& a_low, const Plane& b_low, const Plane& L_full,
                        Plane& a_full, Plane& b_full);

}  // namespace tinge
