// load_photo (see photo_load.hpp): decode_samples, then L from the samples at their own depth
// (8-bit through the very code load_image's callers use, so 8-bit results do not change), alpha
// as a plane, and the orientation applied to both.
#include "photo_load.hpp"

#include <climits>

#include "color.hpp"
#include "error.hpp"
#include "exif_orientation.hpp"
#include "file_read.hpp"
#include "sample_image.hpp"

namespace tinge {
namespace {

// Composites 16-bit gray + alpha or RGBA on white in place (as load_image does for 8 bits); the
// alpha samples are left as they are and ignored afterwards.
void composite_on_white16(SampleImage& s) {
  const size_t ch = size_t(s.channels), colors = ch - 1;
  for (size_t i = 0; i < s.s16.size(); i += ch) {
    const uint64_t a = s.s16[i + ch - 1];
    for (size_t c = 0; c < colors; ++c)
      s.s16[i + c] = uint16_t((s.s16[i + c] * a + 65535u * (65535u - a) + 32767u) / 65535u);
  }
}

Plane alpha_plane(const SampleImage& s) {
  Plane a(s.width, s.height);
  const float max = float(s.max_value());
  for (size_t i = 0; i < a.v.size(); ++i) a.v[i] = float(s.at(i, s.channels - 1)) / max;  // exactly v / max
  return a;
}

}  // namespace

Photo load_photo_from_memory(const uint8_t* data, size_t size, const std::string& name,
                             const PhotoOptions& opt) {
  SampleImage s = decode_samples(data, size, name, opt.limits);
  Photo p;
  p.bits = s.bits;
  p.had_alpha = s.has_alpha();
  const bool keep = s.has_alpha() && opt.keep_alpha;
  if (s.bits == 16) {
    if (s.has_alpha() && !keep) composite_on_white16(s);
    p.L = srgb16_to_lightness(s.s16.data(), s.width, s.height, s.channels);
  } else {
    p.L = srgb8_to_lightness(samples_to_rgb8(s, /*over_white*/ !keep));
  }
  if (keep) p.alpha = alpha_plane(s);
  apply_exif_orientation(p.L, s.orientation);
  apply_exif_orientation(p.alpha, s.orientation);
  return p;
}

Photo load_photo(const std::string& path, const PhotoOptions& opt) {
  std::string bytes;
  try {
    bytes = read_regular_file(path, uint64_t(INT_MAX));  // never blocks on a FIFO
  } catch (const FileReadError& e) {
    throw ImageError("cannot read " + path + ": " + e.what());
  }
  return load_photo_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), path, opt);
}

}  // namespace tinge
