// TIFF decoding with libtiff (archival scans are often TIFF, 8 or 16 bits, gray or RGB). Internal to
// image_io.cpp; throws tinge::ImageError with one line naming the file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "image.hpp"

namespace tinge {

// True when the build decodes TIFF (TINGE_HAVE_LIBTIFF); otherwise image_io refuses TIFF by name.
bool tiff_decoder_available();

// True when `data` starts like a TIFF or BigTIFF file ("II*\0", "MM\0*", "II+\0", "MM\0+").
bool looks_like_tiff(const uint8_t* data, size_t size);

// Decodes the first image of a TIFF: bilevel, gray, palette, RGB, CMYK, YCbCr, 1-16 bits per sample
// (16-bit samples are rounded to 8), any compression libtiff reads; alpha is composited on white,
// and the Orientation tag's flips are applied. `max_pixels` is checked against the header before
// any pixel is decoded; pixels are decoded a band of rows at a time, so memory stays near the
// size of the result.
Rgb8Image decode_tiff(const uint8_t* data, size_t size, const std::string& name, int64_t max_pixels);

}  // namespace tinge
