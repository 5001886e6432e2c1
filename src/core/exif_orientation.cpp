// EXIF Orientation (see exif_orientation.hpp). The parser trusts no length or offset in the file:
// every read is checked against the segment it belongs to.
#include "exif_orientation.hpp"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

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

namespace {

// The pixels of a W x H image with `ch` interleaved values per pixel, turned as orientation `o`
// (2..8) says; `w2` and `h2` receive the new size.
template <typename T>
std::vector<T> reoriented(const std::vector<T>& src, size_t W, size_t H, size_t ch, int o, size_t& w2,
                          size_t& h2) {
  const bool swap = o >= 5;
  w2 = swap ? H : W;
  h2 = swap ? W : H;
  std::vector<T> out(src.size());
  for (size_t y2 = 0; y2 < h2; ++y2) {
    T* dst = out.data() + y2 * w2 * ch;
    for (size_t x2 = 0; x2 < w2; ++x2) {
      // The stored pixel (x, y) shown at (x2, y2).
      size_t x = x2, y = y2;
      switch (o) {
        case 2:
          x = W - 1 - x2;
          break;
        case 3:
          x = W - 1 - x2, y = H - 1 - y2;
          break;
        case 4:
          y = H - 1 - y2;
          break;
        case 5:
          x = y2, y = x2;
          break;
        case 6:
          x = y2, y = H - 1 - x2;
          break;
        case 7:
          x = W - 1 - y2, y = H - 1 - x2;
          break;
        case 8:
          x = W - 1 - y2, y = x2;
          break;
      }
      const T* p = src.data() + (y * W + x) * ch;
      std::copy(p, p + ch, dst + x2 * ch);
    }
  }
  return out;
}

}  // namespace

void apply_exif_orientation(Rgb8Image& img, int o) {
  if (o < 2 || o > 8 || img.width <= 0 || img.height <= 0) return;
  size_t w2 = 0, h2 = 0;
  img.data = reoriented(img.data, size_t(img.width), size_t(img.height), 3, o, w2, h2);
  img.width = int(w2);
  img.height = int(h2);
}

void apply_exif_orientation(Plane& p, int o) {
  if (o < 2 || o > 8 || p.width <= 0 || p.height <= 0) return;
  size_t w2 = 0, h2 = 0;
  p.v = reoriented(p.v, size_t(p.width), size_t(p.height), 1, o, w2, h2);
  p.width = int(w2);
  p.height = int(h2);
}

}  // namespace tinge
