// sRGB <-> CIE L*a*b* (D65 white, IEC 61966-2-1 sRGB transfer curve).
// Whole-image conversions are vectorised and fast (a 12 MP image both ways in well under a second).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "image.hpp"

namespace tinge {

using Lab = std::array<float, 3>;  // L, a, b
using Rgb = std::array<float, 3>;  // non-linear sRGB in [0, 1] (may leave [0, 1] when out of gamut)

// Single pixels, float precision.
Lab srgb_to_lab(const Rgb& rgb);
Rgb lab_to_srgb(const Lab& lab);  // unclamped
Lab srgb8_to_lab(uint8_t r, uint8_t g, uint8_t b);
// Linear RGB within [0, 1] give or take 1e-4: the gamut test of lab_planes_to_srgb8's clamp.
bool lab_in_srgb_gamut(const Lab& lab);

// Whole images.
LabImage srgb8_to_lab(const Rgb8Image& img);
Plane srgb8_to_lightness(const Rgb8Image& img);  // L only (what a black-and-white input keeps)
Rgb8Image lab_to_srgb8(const LabImage& img);     // out-of-gamut colours lose chroma (L, hue kept); rounds
// Recombine a full-resolution L with a and b planes of the same size.
Rgb8Image lab_planes_to_srgb8(const Plane& L, const Plane& a, const Plane& b);
// The same for display: a and b scaled by `saturation` first, and an out-of-gamut
// colour's chroma scaled to the tabulated boundary (one lookup instead of a bisection; as the
// editor's compose shader does).
struct GamutTable;
Rgb8Image lab_planes_to_srgb8_display(const Plane& L, const Plane& a, const Plane& b, float saturation,
                                      const GamutTable& table);

// 16-bit sRGB (0..65535 samples, interleaved, `channels` per pixel: 1 or 2 gray, 3 or 4 RGB; a
// 2nd or 4th channel, alpha, is ignored) -> L, at the samples' own precision.
Plane srgb16_to_lightness(const uint16_t* samples, int width, int height, int channels);
// Lab planes -> interleaved 16-bit sRGB, 3 samples per pixel; out of gamut as lab_planes_to_srgb8.
std::vector<uint16_t> lab_planes_to_srgb16(const Plane& L, const Plane& a, const Plane& b);

}  // namespace tinge
