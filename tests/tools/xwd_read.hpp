// Reads the screen grabs of `xwd -root` (X Window Dump, ZPixmap, 24 or 32 bits per pixel, with
// red/green/blue masks) into an RGB image, so GUI tests can look at what an X server shows
// without the editor's own screenshot code (which draws frames and so would hide event-loop bugs).
#pragma once
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/image.hpp"

namespace xwd {

inline uint32_t be32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

inline int shift_of(uint32_t mask) {
  int s = 0;
  while (mask && !(mask & 1u)) mask >>= 1, ++s;
  return s;
}

inline tinge::Rgb8Image read(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::vector<uint8_t> d((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (d.size() < 100) throw std::runtime_error(path + ": not an XWD file (too short)");
  uint32_t h[25];
  for (int i = 0; i < 25; ++i) h[i] = be32(&d[size_t(4 * i)]);
  const uint32_t header = h[0], version = h[1], format = h[2], width = h[4], height = h[5], byte_order = h[7],
                 bpp = h[11], bpl = h[12], rmask = h[14], gmask = h[15], bmask = h[16], ncolors = h[19];
  if (version != 7 || format != 2 || (bpp != 24 && bpp != 32) || width == 0 || height == 0 || width > 16384 ||
      height > 16384)
    throw std::runtime_error(path + ": unsupported XWD (want version 7, ZPixmap, 24/32 bits per pixel)");
  const size_t start = size_t(header) + size_t(ncolors) * 12;
  if (d.size() < start + size_t(bpl) * height) throw std::runtime_error(path + ": XWD truncated");
  tinge::Rgb8Image img{int(width), int(height)};
  const int bytes = int(bpp / 8);
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      const uint8_t* p = &d[start + size_t(y) * bpl + size_t(x) * size_t(bytes)];
      uint32_t v = 0;
      for (int k = 0; k < bytes; ++k)
        v |= uint32_t(p[byte_order == 0 ? k : bytes - 1 - k]) << (8 * k);  // 0: least significant first
      uint8_t* o = img.px(int(x), int(y));
      o[0] = uint8_t((v & rmask) >> shift_of(rmask));
      o[1] = uint8_t((v & gmask) >> shift_of(gmask));
      o[2] = uint8_t((v & bmask) >> shift_of(bmask));
    }
  return img;
}

}  // namespace xwd
