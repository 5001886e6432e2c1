// JPEG decoding with libjpeg-turbo (stb_image's progressive decoder reads out of bounds on some
// corrupt files). Internal to image_io.cpp; throws tinge::ImageError with one line naming the file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "image.hpp"

namespace tinge {

// True when the build decodes JPEG with libjpeg-turbo (TINGE_HAVE_LIBJPEG); otherwise image_io
// falls back to stb_image and refuses progressive JPEGs by name.
bool jpeg_decoder_available();

// Decodes a baseline or progressive JPEG (gray, YCbCr/RGB, CMYK or YCCK, converted to RGB).
// `max_pixels` is checked against the frame header before any pixel buffer is allocated. A file
// cut short is refused; libjpeg's other recoverable warnings (e.g. stray bytes) are tolerated.
Rgb8Image decode_jpeg(const uint8_t* data, size_t size, const std::string& name, int64_t max_pixels);

}  // namespace tinge
