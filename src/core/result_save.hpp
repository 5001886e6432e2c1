// Saving a colourised result: Lab planes (plus the input's alpha, if any) as PNG, JPEG or TIFF, in
// 8 or 16 bits per sample. An 8-bit PNG or JPEG without alpha is the very file save_image writes
// of lab_planes_to_srgb8; 16-bit and alpha files are written by png_write / tiff_write. Saves are
// atomic (write_file_atomic).
#pragma once
#include <string>
#include <vector>

#include "image.hpp"

namespace tinge {

enum class ResultFormat { kPng, kJpeg, kTiff };

// The extensions results can be saved with, lower-case with the dot: .png .jpg .jpeg .tif .tiff.
const std::vector<std::string>& result_image_extensions();

// The format named by `path`'s extension (any case); ImageError naming `path` for any other.
ResultFormat result_format(const std::string& path);
bool format_keeps_16_bits(ResultFormat f);  // PNG and TIFF
bool format_keeps_alpha(ResultFormat f);    // PNG and TIFF

// What saving a result of `bits` (8 or 16) bits, with or without alpha, as `path` loses: "" when
// nothing, else one phrase such as "JPEG keeps no alpha: the transparency is composited on white".
std::string result_save_loss(const std::string& path, int bits, bool has_alpha);

// The file's bytes, in the format of `path`'s extension. L, a, b are the result (out-of-gamut
// colours lose chroma, as in lab_planes_to_srgb8); `alpha`, when not null, is 0..1 per pixel
// (same size as L): an alpha channel in PNG and TIFF, composited on white in JPEG. `bits` is 8 or
// 16 (JPEG is always 8); `jpeg_quality` 1..100. Throws ImageError naming `path`.
std::string encode_colorized(const std::string& path, const Plane& L, const Plane& a, const Plane& b,
                             const Plane* alpha, int bits, int jpeg_quality = 95);

// encode_colorized, written atomically to `path`.
void save_colorized(const std::string& path, const Plane& L, const Plane& a, const Plane& b,
                    const Plane* alpha, int bits, int jpeg_quality = 95);

}  // namespace tinge
