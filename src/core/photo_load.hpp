// Loading a photo for colourisation at the file's own precision: its lightness computed from the
// samples as stored (16-bit files give L from their 16-bit values, not from 8-bit ones), its alpha
// channel, and its bit depth, so that the result can be saved as deep as the input and with its
// transparency (see result_save.hpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "image.hpp"
#include "image_io.hpp"

namespace tinge {

struct Photo {
  Plane L;                 // CIE L* in [0, 100], oriented as viewers show the photo
  Plane alpha;             // 0..1 (0 transparent); empty when the file has none or it was composited
  int bits = 8;            // bits per sample of the file: 8 (files of 1..8 bits) or 16
  bool had_alpha = false;  // the file has an alpha channel (kept in `alpha`, or composited on white)
  int width() const { return L.width; }
  int height() const { return L.height; }
};

struct PhotoOptions {
  LoadLimits limits;
  // true: L is the lightness of the colour as stored and alpha is returned; false: alpha is
  // composited on white first (what load_image does), for outputs that cannot keep it.
  bool keep_alpha = true;
};

// Loads PNG/JPEG/TIFF/BMP/TGA as load_image does (same checks, same errors, same orientation).
// For an 8-bit file without alpha, L equals srgb8_to_lightness(load_image(path)) exactly.
Photo load_photo(const std::string& path, const PhotoOptions& opt = {});
Photo load_photo_from_memory(const uint8_t* data, size_t size, const std::string& name,
                             const PhotoOptions& opt = {});

}  // namespace tinge
