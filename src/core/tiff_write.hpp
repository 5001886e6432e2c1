// TIFF encoding of any SampleImage (gray, gray + alpha, RGB, RGBA; 8 or 16 bits) with libtiff:
// Deflate with the horizontal predictor (uncompressed if this libtiff lacks Deflate), straight
// (unassociated) alpha, one directory.
#pragma once
#include <string>

#include "sample_image.hpp"

namespace tinge {

// True when the build writes TIFF (TINGE_HAVE_LIBTIFF).
bool tiff_writer_available();

// The TIFF file's bytes. Throws ImageError naming `name` for an empty or inconsistent image, when
// libtiff fails, or when the build has no libtiff.
std::string encode_tiff(const SampleImage& img, const std::string& name);

}  // namespace tinge
