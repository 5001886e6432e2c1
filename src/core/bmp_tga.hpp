// Recognising BMP and TGA files before stb_image decodes them, and refusing cut-off ones: stb
// fills the pixels a truncated BMP or TGA lacks with zeros, so half a scan would otherwise load as
// a photo with a black band.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace tinge {

bool looks_like_bmp(const uint8_t* data, size_t size);

// A TGA header (the format has no magic number): colour-map type 0/1, an image type that matches
// it, nonzero size and a pixel depth the type allows. No other format stb knows passes this.
bool looks_like_tga(const uint8_t* data, size_t size);

// "" when the file is long enough for the pixels its header declares, else a description of the
// shortfall. Exact for uncompressed BMP and TGA; for run-length-encoded TGA a lower bound (each
// packet covers at most 128 pixels); RLE BMP is left to stb.
std::string bmp_tga_shortfall(const uint8_t* data, size_t size);

}  // namespace tinge
