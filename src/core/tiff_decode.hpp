// TIFF decoding with libtiff (archival scans are often TIFF, 8 or 16 bits, gray or RGB). Internal to
// image_io.cpp; throws tinge::ImageError with one line naming the file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "sample_image.hpp"

namespace tinge {

// True when the build decodes TIFF (TINGE_HAVE_LIBTIFF); otherwise image_io refuses TIFF by name.
bool tiff_decoder_available();

// True when `data` starts like a TIFF or BigTIFF file ("II*\0", "MM\0*", "II+\0", "MM\0+").
bool looks_like_tiff(const uint8_t* data, size_t size);

// Decodes the first image of a TIFF into its samples. Gray (min-is-black or min-is-white) and RGB
// with 8 or 16 bits per sample, with or without an alpha sample, in strips or tiles, contiguous or
// planar, under any compression libtiff reads, keep their depth and their alpha (associated alpha
// is turned into straight alpha). Everything else libtiff converts (bilevel, palette, CMYK, YCbCr,
// 2/4-bit, ...) comes out as 8-bit RGB or RGBA. The Orientation tag is returned in
// SampleImage::orientation, not applied. `max_pixels` is checked against the header before any
// pixel is decoded; libtiff's allocations are capped to what that many pixels need.
SampleImage decode_tiff_samples(const uint8_t* data, size_t size, const std::string& name,
                                int64_t max_pixels);

}  // namespace tinge
