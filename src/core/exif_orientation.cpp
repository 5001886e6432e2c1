// EXIF Orientation (see exif_orientation.hpp). The parser trusts no length or offset in the file:
// every read is checked against the segment it belongs to.
#include "exif_orientation.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace tinge {

namespace {

// The Orientation tag (0x0112) of the TIFF structure inside an EXIF segment; 1 when absent.
int tiff_orientation(const uint8_t* t, size_t n) {
  if (n < 8) return 1;
  const bool le = t[0] == 'I' && t[1] == 'I';
  if (!le && !(t[0] == 'M' && t[1] == 'M')) return 1;
  auto u16 = [&](size_t o) { return le ? uint32_t(t[o] | t[o + 1] << 8) : uint32_t(t[o] << 8 | t[o + 1]); };
  auto u32 = [&](size_t o) { return le ? (u16(o) | u16(o + 2) << 16) : (u16(o) << 16 | u16(o + 2)); };
  if (u16(2) != 42) return 1;
  const size_t ifd = u32(4);
  if (ifd > n - 2) return 1;
  const size_t count = u16(ifd);
  for (size_t i = 0; i < count; ++i) {
    const size_t e = ifd + 2 + 12 * i;
    if (n < 12 || e > n - 12) return 1;
    if (u16(e) != 0x0112) continue;
    if (u16(e + 2) != 3 || u32(e + 4) < 1) return 1;  // must be a SHORT
    const uint32_t v = u16(e + 8);
    return v >= 1 && v <= 8 ? int(v) : 1;
  }
  return 1;
}

}  // namespace

int jpeg_exif_orientation(const uint8_t* d, size_t size) {
  if (size < 4 || d[0] != 0xff || d[1] != 0xd8) return 1;
  size_t pos = 2;
  while (pos + 4 <= size) {
    if (d[pos] != 0xff) return 1;
    const uint8_t marker = d[pos + 1];
    if (marker == 0xff) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {  // no length field
      pos += 2;
      continue;
    }
    if (marker == 0xda || marker == 0xd9) return 1;  // start of scan / end of image: no EXIF before it
    const size_t len = size_t(d[pos + 2]) << 8 | d[pos + 3];
    if (len < 2 || len > size - pos - 2) return 1;
    const uint8_t* seg = d + pos + 4;
    const size_t seg_len = len - 2;
    if (marker == 0xe1 && seg_len >= 6 && std::memcmp(seg, "Exif\0\0", 6) == 0)
      return tiff_orientation(seg + 6, seg_len - 6);
    pos += 2 + len;
  }
  return 1;
}

void apply_exif_orientation(Rgb8Image& img, int o) {
  if (o < 2 || o > 8 || img.width <= 0 || img.height <= 0) return;
  const size_t W = size_t(img.width), H = size_t(img.height);
  const bool swap = o >= 5;
  const size_t w2 = swap ? H : W, h2 = swap ? W : H;
  Rgb8Image out(static_cast<int>(w2), static_cast<int>(h2));
  for (size_t y2 = 0; y2 < h2; ++y2) {
    uint8_t* dst = out.data.data() + y2 * w2 * 3;
    for (size_t x2 = 0; x2 < w2; ++x2) {
      // The stored pixel (x, y) shown at (x2, y2).
      size_t x = x2, y = y2;
      switch (o) {
        case 2: x = W - 1 - x2; break;
        case 3: x = W - 1 - x2, y = H - 1 - y2; break;
        case 4: y = H - 1 - y2; break;
        case 5: x = y2, y = x2; break;
        case 6: x = y2, y = H - 1 - x2; break;
        case 7: x = W - 1 - y2, y = H - 1 - x2; break;
        case 8: x = W - 1 - y2, y = x2; break;
      }
      const uint8_t* src = img.data.data() + (y * W + x) * 3;
      std::copy(src, src + 3, dst + x2 * 3);
    }
  }
  img = std::move(out);
}

}  // namespace tinge
