// JPEG marker segments and PNG chunks (see file_segments.hpp).
#include "file_segments.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace tinge {

bool for_each_jpeg_segment(const uint8_t* d, size_t size,
                           const std::function<bool(const JpegSegment&)>& visit) {
  if (size < 4 || d[0] != 0xff || d[1] != 0xd8) return false;
  size_t pos = 2;
  while (pos + 4 <= size) {
    if (d[pos] != 0xff) break;
    const uint8_t marker = d[pos + 1];
    if (marker == 0xff) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {  // no length field
      pos += 2;
      continue;
    }
    if (marker == 0xd9 || marker == 0xda) break;  // end of image / start of scan
    const size_t len = size_t(d[pos + 2]) << 8 | d[pos + 3];
    if (len < 2) break;
    JpegSegment seg;
    seg.marker = marker;
    seg.body = d + pos + 4;
    seg.length = len - 2;
    seg.available = std::min(seg.length, size - pos - 4);
    if (!visit(seg) || seg.available < seg.length) break;
    pos += 2 + len;
  }
  return true;
}

bool is_png(const uint8_t* data, size_t size) {
  static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  return size >= 8 && std::memcmp(data, sig, 8) == 0;
}

std::string for_each_png_chunk(const uint8_t* d, size_t size,
                               const std::function<bool(const PngChunk&)>& visit) {
  if (!is_png(d, size)) return "";
  size_t o = 8;
  while (o + 8 <= size) {
    const uint64_t len = uint64_t(d[o]) << 24 | uint64_t(d[o + 1]) << 16 | uint64_t(d[o + 2]) << 8 | d[o + 3];
    PngChunk chunk;
    std::memcpy(chunk.type, d + o + 4, 4);
    if (len > size - o - 8 || size - o - 8 - len < 4)
      return std::string("PNG chunk '") + chunk.type + "' claims " + std::to_string(len) +
             " bytes but the file ends first";
    chunk.body = d + o + 8;
    chunk.length = size_t(len);
    if (!visit(chunk) || std::strcmp(chunk.type, "IEND") == 0) break;
    o += 12 + size_t(len);
  }
  return "";
}

}  // namespace tinge
