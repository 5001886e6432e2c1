// The displayed result composed on the CPU, as the editor's compose shader does on the GPU: the
// lightness at the display's resolution, the predicted ab resampled to it (bilinear, pixel centres
// aligned, as a texture unit samples it) and scaled by the global saturation, then converted to
// 8-bit sRGB with out-of-gamut colours' chroma scaled to the tabulated gamut boundary
// (lab_planes_to_srgb8_display). The editor uses it where OpenGL is software
// and a composition would cost it frames.
#pragma once
#include "gamut_table.hpp"
#include "image.hpp"

namespace tinge {

// `L` at the target size (resize_area of the photo's lightness); a and b at any size.
Rgb8Image compose_srgb8(const Plane& L, const Plane& a, const Plane& b, float saturation,
                        const GamutTable& table);

}  // namespace tinge
