// Loading and saving images (stb). Every failure throws tinge::ImageError with a one-line message
// naming the file and the problem. Saves are atomic: a temporary file beside the target, fsync, rename.
#pragma once
#include <cstdint>
#include <string>

#include "atomic_write.hpp"  // write_file_atomic, used by every save
#include "image.hpp"

namespace tinge {

// The default pixel limit of LoadLimits: 100 MP unless the front end sets another (the CLI:
// $TINGE_MAX_MEGAPIXELS). Throws Error for a limit below 1.
int64_t default_max_pixels();
void set_default_max_pixels(int64_t pixels);

struct LoadLimits {
  int64_t max_pixels = default_max_pixels();  // refused by name above this
};

// Loads PNG/JPEG/TIFF/BMP/TGA (8- or 16-bit, gray, gray+alpha, palette, RGB, RGBA; alpha is
// composited on white) as 8-bit sRGB, turned as a JPEG's EXIF Orientation says. The header is
// checked against the limits before any pixel is decoded.
Rgb8Image load_image(const std::string& path, const LoadLimits& limits = {});
// Same, from a memory buffer (used by the fuzzer and by tests); `name` is used in messages.
Rgb8Image load_image_from_memory(const uint8_t* data, size_t size, const std::string& name,
                                 const LoadLimits& limits = {});

// Saves by extension: .png, .jpg/.jpeg (quality 1..100). Atomic. Refuses unknown extensions.
// (save_colorized, result_save.hpp, also writes 16-bit, alpha and TIFF results.)
void save_image(const Rgb8Image& img, const std::string& path, int jpeg_quality = 95);

// Encodes to PNG/JPEG in memory (by extension of `format`, e.g. ".png").
std::string encode_image(const Rgb8Image& img, const std::string& format, int jpeg_quality = 95);

}  // namespace tinge
