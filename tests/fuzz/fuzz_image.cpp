// libFuzzer target: tinge::load_image_from_memory (PNG/JPEG/BMP/TGA through stb) on arbitrary bytes,
// with a small pixel limit so a forged header cannot make the decoder allocate gigabytes.
// A tinge::Error (ImageError) is the documented way to refuse input; anything else is a finding.
#include <cstddef>
#include <cstdint>

#include "core/error.hpp"
#include "core/image_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
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
