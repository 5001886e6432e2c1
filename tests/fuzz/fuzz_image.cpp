// libFuzzer target: tinge::load_image_from_memory and tinge::load_photo_from_memory (JPEG through
// libjpeg-turbo, TIFF through libtiff, 8/16-bit PNG/BMP/TGA through stb; 16-bit samples and alpha
// kept or composited) on arbitrary bytes, with a small pixel limit so a forged header cannot make
// the decoder allocate gigabytes. A tinge::Error (ImageError) is the documented way to refuse
// input; anything else is a finding. JPEG goes to libjpeg-turbo, not to stb, whose progressive-JPEG
// decoder reads out of bounds (known_crashes/). TINGE_FUZZ_JPEG=0 skips JPEG inputs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/error.hpp"
#include "core/image_io.hpp"
#include "core/photo_load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool fuzz_jpeg = !(std::getenv("TINGE_FUZZ_JPEG") && std::getenv("TINGE_FUZZ_JPEG")[0] == '0');
  if (!fuzz_jpeg && size >= 2 && data[0] == 0xFF && data[1] == 0xD8) return 0;  // JPEG SOI
  tinge::LoadLimits limits;
  limits.max_pixels = 4'000'000;
  try {
    tinge::Rgb8Image img = tinge::load_image_from_memory(data, size, "fuzz", limits);
    if (img.width <= 0 || img.height <= 0 || int64_t(img.width) * img.height > limits.max_pixels)
      __builtin_trap();  // a decoded image must respect the limits it was given
  } catch (const tinge::Error&) {
  }
  // The full-precision path: lightness at the file's depth, alpha kept (or composited, by the last byte).
  try {
    tinge::PhotoOptions opt;
    opt.limits = limits;
    opt.keep_alpha = size == 0 || (data[size - 1] & 1) == 0;
    const tinge::Photo p = tinge::load_photo_from_memory(data, size, "fuzz", opt);
    if (p.width() <= 0 || p.height() <= 0 || int64_t(p.width()) * p.height() > limits.max_pixels ||
        (p.bits != 8 && p.bits != 16) ||
        (!p.alpha.empty() && (p.alpha.width != p.width() || p.alpha.height != p.height())))
      __builtin_trap();  // the photo's planes agree with each other and with the limits
  } catch (const tinge::Error&) {
  }
  return 0;
}
