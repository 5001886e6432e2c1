// A minimal PNG writer for tests: any colour type and bit depth, zlib "stored" blocks (no
// compression), so tests can craft layouts that stb_image_write never produces.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace tinge::png_bytes {

inline uint32_t crc32(const std::string& s) {
  uint32_t c = 0xffffffffu;
  for (unsigned char ch : s) {
    c ^= ch;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
  }
  return c ^ 0xffffffffu;
}
inline void put32(std::string& s, uint32_t v) {
  for (int i = 3; i >= 0; --i) s.push_back(char((v >> (8 * i)) & 0xff));
}
inline void chunk(std::string& png, const char* type, const std::string& data) {
  put32(png, uint32_t(data.size()));
  std::string body = std::string(type, 4) + data;
  png += body;
  put32(png, crc32(body));
}
// `samples` holds width * height * channels values (8 or 16 bit).
inline std::string make_png(int w, int h, int color_type, int depth, const std::vector<uint16_t>& samples) {
  const int channels = color_type == 0 ? 1 : color_type == 4 ? 2 : color_type == 2 ? 3 : 4;
  std::string raw;
  for (int y = 0; y < h; ++y) {
    raw.push_back(0);  // filter: none
    for (int i = 0; i < w * channels; ++i) {
      uint16_t v = samples[size_t(y) * w * channels + i];
      if (depth == 16) raw.push_back(char(v >> 8));
      raw.push_back(char(v & 0xff));
    }
  }
  std::string z = {char(0x78), char(0x01)};
  for (size_t pos = 0; pos < raw.size() || pos == 0; pos += 65535) {
    size_t n = std::min<size_t>(65535, raw.size() - pos);
    z.push_back(pos + n >= raw.size() ? 1 : 0);
    z.push_back(char(n & 0xff)), z.push_back(char(n >> 8));
    z.push_back(char(~n & 0xff)), z.push_back(char((~n >> 8) & 0xff));
    z += raw.substr(pos, n);
  }
  uint32_t s1 = 1, s2 = 0;
  for (unsigned char ch : raw) s1 = (s1 + ch) % 65521, s2 = (s2 + s1) % 65521;
  put32(z, (s2 << 16) | s1);
  std::string ihdr;
  put32(ihdr, uint32_t(w));
  put32(ihdr, uint32_t(h));
  ihdr += {char(depth), char(color_type), 0, 0, 0};
  std::string png = "\x89PNG\r\n\x1a\n";
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", "");
  return png;
}

// A palette PNG (colour type 3, 8-bit indices); `palette` holds r,g,b triples, `trns` optional
// per-entry alpha.
inline std::string make_palette_png(int w, int h, const std::vector<uint8_t>& palette,
                                    const std::vector<uint16_t>& indices, const std::string& trns = "") {
  std::string png = make_png(w, h, 0, 8, indices);  // same IDAT layout as 8-bit gray
  std::string plte(palette.begin(), palette.end());
  // Patch the colour type in IHDR (byte 25) and its CRC, then insert PLTE (and tRNS) before IDAT.
  std::string ihdr_body = png.substr(12, 17);
  ihdr_body[13] = 3;
  std::string out = png.substr(0, 8);
  chunk(out, "IHDR", ihdr_body.substr(4));
  chunk(out, "PLTE", plte);
  if (!trns.empty()) chunk(out, "tRNS", trns);
  out += png.substr(33);
  return out;
}

}  // namespace tinge::png_bytes
