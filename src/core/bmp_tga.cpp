// BMP / TGA recognition and length checks (see bmp_tga.hpp).
#include "bmp_tga.hpp"

#include <cstdlib>

namespace tinge {

namespace {

uint32_t le16(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8;
}
uint32_t le32(const uint8_t* p) {
  return le16(p) | le16(p + 2) << 16;
}

std::string shortfall(const char* format, uint64_t need, size_t size) {
  return std::string("truncated ") + format + ": its header declares " + std::to_string(need) +
         " bytes but the file has " + std::to_string(size);
}

}  // namespace

bool looks_like_bmp(const uint8_t* data, size_t size) {
  return size >= 2 && data[0] == 'B' && data[1] == 'M';
}

bool looks_like_tga(const uint8_t* data, size_t size) {
  if (size < 18) return false;
  const int cmap_type = data[1], type = data[2], depth = data[16];
  const uint32_t w = le16(data + 12), h = le16(data + 14);
  if (w == 0 || h == 0) return false;
  const bool mapped = type == 1 || type == 9;
  if (mapped) return cmap_type == 1 && (depth == 8 || depth == 16);
  const bool plain = type == 2 || type == 3 || type == 10 || type == 11;
  return plain && cmap_type <= 1 && (depth == 8 || depth == 15 || depth == 16 || depth == 24 || depth == 32);
}

std::string bmp_tga_shortfall(const uint8_t* d, size_t size) {
  if (looks_like_bmp(d, size)) {
    if (size < 26) return "";  // too short for a header: stb refuses it itself
    const uint32_t offset = le32(d + 10), header = le32(d + 14);
    uint64_t w = 0, h = 0, bpp = 0, compression = 0;
    if (header == 12) {  // OS/2 BITMAPCOREHEADER
      w = le16(d + 18), h = le16(d + 20), bpp = le16(d + 24);
    } else if (header >= 40 && size >= 34) {
      w = uint64_t(std::llabs(int32_t(le32(d + 18)))), h = uint64_t(std::llabs(int32_t(le32(d + 22))));
      bpp = le16(d + 28), compression = le32(d + 30);
    } else {
      return "";
    }
    // Uncompressed rows (BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS), padded to 4 bytes.
    if ((compression != 0 && compression != 3 && compression != 6) || bpp == 0 || bpp > 32) return "";
    const uint64_t need = offset + (w * bpp + 31) / 32 * 4 * h;
    return need > size ? shortfall("BMP", need, size) : "";
  }
  if (looks_like_tga(d, size)) {
    const uint64_t w = le16(d + 12), h = le16(d + 14), bytes = (d[16] + 7u) / 8u;
    const uint64_t cmap = d[1] == 1 ? uint64_t(le16(d + 5)) * ((d[7] + 7u) / 8u) : 0;
    const uint64_t head = 18 + uint64_t(d[0]) + cmap;
    const bool rle = d[2] >= 9;
    const uint64_t need = head + (rle ? (w * h + 127) / 128 * (1 + bytes) : w * h * bytes);
    return need > size ? shortfall(rle ? "TGA (at least)" : "TGA", need, size) : "";
  }
  return "";
}

}  // namespace tinge
