// A minimal TIFF writer for tests, byte by byte: one uncompressed strip, either byte order, 8 or
// 16-bit samples, gray or RGB, optional alpha and Orientation tag, and a forgeable strip length, so
// tests can check the decoder against files no library of ours wrote.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tinge::tiff_bytes {

enum : uint16_t { kShort = 3, kLong = 4 };

struct Entry {
  uint16_t tag, type;
  std::vector<uint32_t> values;
};

// A baseline TIFF with one uncompressed strip holding `pixels` (already in the file's byte order
// for 16-bit samples: see put16).
struct TiffWriter {
  bool big_endian = false;
  uint32_t width = 1, height = 1;
  std::vector<uint16_t> bits{8};
  uint16_t photometric = 1;  // 0 min-is-white, 1 min-is-black, 2 RGB
  uint16_t orientation = 1;
  bool alpha = false;  // last sample is alpha: unassociated, or associated (premultiplied)
  bool associated = false;
  std::vector<uint8_t> pixels;
  int64_t claimed_strip_bytes = -1;  // forge StripByteCounts (-1: the truth)

  void put16(uint16_t v) {
    if (big_endian)
      pixels.insert(pixels.end(), {uint8_t(v >> 8), uint8_t(v)});
    else
      pixels.insert(pixels.end(), {uint8_t(v), uint8_t(v >> 8)});
  }

  std::string bytes() const {
    std::string out;
    auto u16 = [&](uint16_t v) {
      if (big_endian)
        out += {char(v >> 8), char(v & 0xff)};
      else
        out += {char(v & 0xff), char(v >> 8)};
    };
    auto u32 = [&](uint32_t v) {
      if (big_endian)
        for (int s = 24; s >= 0; s -= 8) out += char((v >> s) & 0xff);
      else
        for (int s = 0; s <= 24; s += 8) out += char((v >> s) & 0xff);
    };
    const uint16_t spp = uint16_t(bits.size());
    std::vector<Entry> entries = {
        {256, kLong, {width}},
        {257, kLong, {height}},
        {258, kShort, std::vector<uint32_t>(bits.begin(), bits.end())},
        {259, kShort, {1}},
        {262, kShort, {photometric}},
        {273, kLong, {8}},  // the strip follows the header
        {274, kShort, {orientation}},
        {277, kShort, {spp}},
        {278, kLong, {height}},
        {279, kLong, {uint32_t(claimed_strip_bytes >= 0 ? claimed_strip_bytes : int64_t(pixels.size()))}},
        {284, kShort, {1}},
    };
    if (alpha) entries.push_back({338, kShort, {associated ? 1u : 2u}});
    // Header, strip, out-of-line values, then the directory.
    out += big_endian ? "MM" : "II";
    u16(42);
    const size_t extra_at = 8 + pixels.size();
    std::string extra;
    for (const Entry& e : entries)
      if (e.values.size() * (e.type == kShort ? 2 : 4) > 4) extra.resize(extra.size() + e.values.size() * 2);
    const size_t end_of_data = extra_at + extra.size();
    const uint32_t ifd_at = uint32_t(end_of_data + (end_of_data & 1));  // word-aligned
    u32(ifd_at);
    out.append(pixels.begin(), pixels.end());
    size_t next_extra = out.size();
    std::vector<std::pair<size_t, const Entry*>> out_of_line;
    for (const Entry& e : entries)
      if (e.values.size() * (e.type == kShort ? 2 : 4) > 4) {
        out_of_line.push_back({next_extra, &e});
        for (uint32_t v : e.values) u16(uint16_t(v));  // only SHORT arrays here
        next_extra = out.size();
      }
    if (out.size() & 1) out += '\0';
    u16(uint16_t(entries.size()));
    for (const Entry& e : entries) {
      u16(e.tag);
      u16(e.type);
      u32(uint32_t(e.values.size()));
      const size_t payload = e.values.size() * (e.type == kShort ? 2 : 4);
      if (payload > 4) {
        for (const auto& [at, which] : out_of_line)
          if (which == &e) u32(uint32_t(at));
      } else if (e.type == kShort) {
        u16(uint16_t(e.values[0]));
        u16(e.values.size() > 1 ? uint16_t(e.values[1]) : 0);
      } else {
        u32(e.values[0]);
      }
    }
    u32(0);  // no next directory
    return out;
  }
};

}  // namespace tinge::tiff_bytes
