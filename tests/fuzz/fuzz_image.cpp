// libFuzzer target: tinge::load_image_from_memory (JPEG through libjpeg-turbo, PNG/BMP/TGA through
// stb) on arbitrary bytes, with a small pixel limit so a forged header cannot make the decoder
// allocate gigabytes. A tinge::Error (ImageError) is the documented way to refuse input; anything
// else is a finding. JPEG goes to libjpeg-turbo, not to stb, whose progressive-JPEG decoder reads out
// of bounds (known_crashes/). TINGE_FUZZ_JPEG=0 skips JPEG inputs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/error.hpp"
#include "core/image_io.hpp"

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
  return 0;
}
