// PNG encoding of any SampleImage (gray, gray + alpha, RGB, RGBA; 8 or 16 bits), with zlib.
// stb_image_write writes 8-bit PNGs only; tinge writes 16-bit and alpha results with this.
#pragma once
#include <string>

#include "sample_image.hpp"

namespace tinge {

// The PNG file's bytes. Each row is filtered with the PNG filter whose output has the smallest sum
// of absolute values (the usual heuristic), then deflated. Throws ImageError naming `name` for an
// empty or inconsistent image. Metadata: none (no gamma or colour-space chunk: sRGB is assumed).
std::string encode_png(const SampleImage& img, const std::string& name);

}  // namespace tinge
