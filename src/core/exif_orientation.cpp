// EXIF Orientation (see exif_orientation.hpp). The parser trusts no length or offset in the file:
// every read is checked against the segment it belongs to.
#include "exif_orientation.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "file_segments.hpp"

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

int exif_orientation(const uint8_t* data, size_t size) {
  int orientation = 1;
  // JPEG: the first APP1 segment that starts "Exif\0\0", then a TIFF structure.
  const bool jpeg = for_each_jpeg_segment(data, size, [&](const JpegSegment& seg) {
    if (seg.marker != 0xe1 || seg.available < seg.length || seg.length < 6 ||
        std::memcmp(seg.body, "Exif\0\0", 6) != 0)
      return true;
    orientation = tiff_orientation(seg.body + 6, seg.length - 6);
    return false;
  });
  // PNG: an eXIf chunk holds the TIFF structure itself. Only one before the image data counts, as
  // in the PNG specification (third edition) and the browsers that honour it.
  if (!jpeg)
    for_each_png_chunk(data, size, [&](const PngChunk& chunk) {
      if (std::strcmp(chunk.type, "IDAT") == 0) return false;
      if (std::strcmp(chunk.type, "eXIf") != 0) return true;
      orientation = tiff_orientation(chunk.body, chunk.length);
      return false;
    });
  return orientation;
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
