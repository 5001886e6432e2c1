// An image's samples as its file holds them (after palette expansion): gray, gray + alpha, RGB or
// RGBA, 8 or 16 bits per sample, alpha unassociated (straight). What the decoders produce and the
// PNG/TIFF writers consume; load_image and load_photo turn it into 8-bit RGB or full-precision L.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "image.hpp"
#include "image_io.hpp"

namespace tinge {

struct SampleImage {
  int width = 0;
  int height = 0;
  int channels = 3;           // 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA
  int bits = 8;               // 8: samples in s8; 16: samples in s16
  int orientation = 1;        // EXIF/TIFF orientation (1..8) still to apply to the pixels
  std::vector<uint8_t> s8;    // width * height * channels, interleaved
  std::vector<uint16_t> s16;  // the same for 16-bit samples

  SampleImage() = default;
  SampleImage(int w, int h, int ch, int b) : width(w), height(h), channels(ch), bits(b) {
    const size_t n = size_t(w) * size_t(h) * size_t(ch);
    if (b == 16)
      s16.assign(n, 0);
    else
      s8.assign(n, 0);
  }
  bool has_alpha() const { return channels == 2 || channels == 4; }
  uint32_t max_value() const { return bits == 16 ? 65535u : 255u; }
  // Sample c of pixel i (i = y * width + x), whatever the depth.
  uint32_t at(size_t i, int c) const {
    const size_t k = i * size_t(channels) + size_t(c);
    return bits == 16 ? s16[k] : s8[k];
  }
};

// Decodes PNG/JPEG/TIFF/BMP/TGA into samples as stored (no orientation applied: see
// SampleImage::orientation). Checks the header against `limits` before decoding any pixel. Throws
// ImageError with one line naming `name`. Shared by load_image and load_photo.
SampleImage decode_samples(const uint8_t* data, size_t size, const std::string& name,
                           const LoadLimits& limits);

// Throws ImageError "cannot save NAME: empty or inconsistent image (...)" unless `img` has a size,
// 1-4 channels, 8 or 16 bits and as many samples as those say (the PNG and TIFF writers' check).
void check_for_saving(const SampleImage& img, const std::string& name);

// 8-bit RGB of any SampleImage (16-bit samples rounded). With `over_white`, alpha is composited
// on white; without, the colour under the alpha is kept as stored. Orientation is not applied.
Rgb8Image samples_to_rgb8(const SampleImage& img, bool over_white);

}  // namespace tinge
