// Quality measures used by `tinge eval`.
#pragma once
#include "image.hpp"

namespace tinge {

// PSNR in dB of 8-bit sRGB `result` against `reference` over all pixels and channels (peak 255).
// Identical images give +infinity; sizes must match (throws tinge::Error otherwise).
double psnr(const Rgb8Image& result, const Rgb8Image& reference);

// Hasler & Suesstrunk 2003 colourfulness M = sqrt(sd_rg^2 + sd_yb^2) + 0.3 sqrt(mu_rg^2 + mu_yb^2),
// rg = R - G, yb = (R + G) / 2 - B on 0..255 values.
double colorfulness(const Rgb8Image& img);

}  // namespace tinge
