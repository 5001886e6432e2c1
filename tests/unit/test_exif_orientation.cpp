// EXIF Orientation: a JPEG or PNG carrying the tag must load turned the way viewers show it (all
// eight values, both byte orders), and malformed EXIF segments must be ignored without reading
// outside the file.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/exif_orientation.hpp"
#include "core/image_io.hpp"

namespace tinge {
namespace {

// A TIFF structure whose IFD0 holds one entry: Orientation = `value` (type `type`).
std::string exif_tiff(int value, bool big_endian, int type = 3) {
  std::string t = big_endian ? std::string("MM\0\x2a\0\0\0\x08", 8) : std::string("II\x2a\0\x08\0\0\0", 8);
  auto u16 = [&](int v) {
    if (big_endian)
      t += {char((v >> 8) & 0xff), char(v & 0xff)};
    else
      t += {char(v & 0xff), char((v >> 8) & 0xff)};
  };
  auto u32 = [&](uint32_t v) {
    if (big_endian)
      u16(int(v >> 16)), u16(int(v & 0xffff));
    else
      u16(int(v & 0xffff)), u16(int(v >> 16));
  };
  u16(1);  // one entry
  u16(0x0112), u16(type), u32(1), u16(value), u16(0);
  u32(0);  // no next IFD
  return t;
}

// An APP1 "Exif" segment holding exif_tiff(value, big_endian, type).
std::string exif_segment(int value, bool big_endian, int type = 3) {
  const std::string body = std::string("Exif\0\0", 6) + exif_tiff(value, big_endian, type);
  const size_t len = body.size() + 2;
  return std::string("\xff\xe1", 2) + char(len >> 8) + char(len & 0xff) + body;
}

// `jpeg` with `segment` inserted right after its start-of-image marker.
std::string with_segment(const std::string& jpeg, const std::string& segment) {
  return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

// The CRC-32 of a PNG chunk's type and data.
uint32_t png_crc(const std::string& bytes) {
  uint32_t c = 0xffffffffu;
  for (unsigned char b : bytes) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
  }
  return c ^ 0xffffffffu;
}

// `png` with an eXIf chunk holding `tiff` inserted at byte `at` (default: right after IHDR).
std::string with_exif_chunk(const std::string& png, const std::string& tiff, size_t at = 8 + 12 + 13) {
  auto be32 = [](uint32_t v) {
    return std::string{char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)};
  };
  const std::string body = "eXIf" + tiff;
  return png.substr(0, at) + be32(uint32_t(tiff.size())) + body + be32(png_crc(body)) + png.substr(at);
}

// 64 x 32, quadrants red (top left), green (top right), blue (bottom left), white (bottom right).
Rgb8Image quadrants() {
  Rgb8Image img(64, 32);
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 64; ++x) {
      uint8_t* p = img.px(x, y);
      const bool right = x >= 32, bottom = y >= 16;
      const std::array<uint8_t, 3> c =
          !bottom ? (right ? std::array<uint8_t, 3>{0, 255, 0} : std::array<uint8_t, 3>{255, 0, 0})
                  : (right ? std::array<uint8_t, 3>{255, 255, 255} : std::array<uint8_t, 3>{0, 0, 255});
      p[0] = c[0], p[1] = c[1], p[2] = c[2];
    }
  return img;
}

// Which quadrant colour a pixel is: R, G, B or W (JPEG is lossy: nearest of the four).
char colour(const Rgb8Image& img, int x, int y) {
  const uint8_t* p = img.px(x, y);
  if (p[0] > 128 && p[1] > 128 && p[2] > 128) return 'W';
  if (p[0] > 128) return 'R';
  if (p[1] > 128) return 'G';
  return 'B';
}

std::string corners(const Rgb8Image& img) {
  const int w = img.width, h = img.height;
  return {colour(img, 2, 2), colour(img, w - 3, 2), colour(img, 2, h - 3), colour(img, w - 3, h - 3)};
}

Rgb8Image decode(const std::string& bytes) {
  return load_image_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "exif.jpg");
}

TEST(ExifOrientation, JpegsLoadTurnedAsTheTagSays) {
  const std::string jpeg = encode_image(quadrants(), ".jpg", 95);
  // Corners top-left, top-right, bottom-left, bottom-right for orientations 1..8.
  const std::array<const char*, 8> expected = {"RGBW", "GRWB", "WBGR", "BWRG",
                                               "RBGW", "BRWG", "WGBR", "GWRB"};
  for (bool be : {false, true})
    for (int o = 1; o <= 8; ++o) {
      const std::string bytes = with_segment(jpeg, exif_segment(o, be));
      ASSERT_EQ(exif_orientation(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), o);
      const Rgb8Image img = decode(bytes);
      EXPECT_EQ(img.width, o >= 5 ? 32 : 64) << "orientation " << o;
      EXPECT_EQ(img.height, o >= 5 ? 64 : 32) << "orientation " << o;
      EXPECT_EQ(corners(img), expected[size_t(o - 1)]) << "orientation " << o << ", big endian " << be;
    }
  EXPECT_EQ(corners(decode(jpeg)), "RGBW") << "no EXIF: as stored";
  // After another APPn segment (a camera's JFIF + EXIF): found all the same.
  const std::string jfif = std::string("\xff\xe0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 18);
  EXPECT_EQ(corners(decode(with_segment(jpeg, jfif + exif_segment(3, false)))), "WBGR");
  // After the start of scan it is not EXIF metadata: ignored.
  const size_t sos = jpeg.find("\xff\xda");
  ASSERT_NE(sos, std::string::npos);
  const std::string late = jpeg.substr(0, sos + 2) + exif_segment(6, false) + jpeg.substr(sos + 2);
  EXPECT_EQ(exif_orientation(reinterpret_cast<const uint8_t*>(late.data()), late.size()), 1);
}

TEST(ExifOrientation, PngsWithAnExifChunkLoadTurned) {
  const std::string png = encode_image(quadrants(), ".png", 0);
  const std::array<const char*, 8> expected = {"RGBW", "GRWB", "WBGR", "BWRG",
                                               "RBGW", "BRWG", "WGBR", "GWRB"};
  for (bool be : {false, true})
    for (int o = 1; o <= 8; ++o) {
      const std::string bytes = with_exif_chunk(png, exif_tiff(o, be));
      ASSERT_EQ(exif_orientation(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), o);
      const Rgb8Image img =
          load_image_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "exif.png");
      EXPECT_EQ(img.width, o >= 5 ? 32 : 64) << "orientation " << o;
      EXPECT_EQ(corners(img), expected[size_t(o - 1)]) << "orientation " << o << ", big endian " << be;
    }
  // Malformed: out of range, or a chunk cut short (with its length kept honest).
  auto orientation = [](const std::string& b) {
    return exif_orientation(reinterpret_cast<const uint8_t*>(b.data()), b.size());
  };
  EXPECT_EQ(orientation(with_exif_chunk(png, exif_tiff(9, true))), 1);
  const std::string tiff = exif_tiff(8, false);
  for (size_t cut = 0; cut < tiff.size(); ++cut) {
    const int o = orientation(with_exif_chunk(png, tiff.substr(0, cut)));
    EXPECT_TRUE(o == 1 || o == 8) << "cut at " << cut;
  }
  // After the image data: not honoured (the PNG specification places it before).
  EXPECT_EQ(orientation(with_exif_chunk(png, tiff, png.size() - 12)), 1) << "before IEND";
  // A chunk whose length runs past the end of the file: no orientation, and the file is refused.
  std::string bad = with_exif_chunk(png, tiff);
  bad[33] = char(0x7f);
  EXPECT_EQ(orientation(bad), 1);
  EXPECT_THROW(load_image_from_memory(reinterpret_cast<const uint8_t*>(bad.data()), bad.size(), "bad.png"),
               ImageError);
}

TEST(ExifOrientation, MalformedSegmentsAreIgnored) {
  const std::string jpeg = encode_image(quadrants(), ".jpg", 95);
  auto orientation = [](const std::string& b) {
    return exif_orientation(reinterpret_cast<const uint8_t*>(b.data()), b.size());
  };
  EXPECT_EQ(orientation(with_segment(jpeg, exif_segment(9, false))), 1) << "out of range";
  EXPECT_EQ(orientation(with_segment(jpeg, exif_segment(0, false))), 1) << "out of range";
  EXPECT_EQ(orientation(with_segment(jpeg, exif_segment(6, false, 4))), 1) << "a LONG, not a SHORT";
  const std::string seg = exif_segment(6, false);
  // Every truncation of the segment (its length field kept honest) must parse without reading
  // past it: the result is 1 unless the entry survived whole.
  for (size_t cut = 10; cut < seg.size(); ++cut) {
    std::string s = seg.substr(0, cut);
    s[2] = char((cut - 2) >> 8), s[3] = char((cut - 2) & 0xff);
    const int o = orientation(with_segment(jpeg, s));
    EXPECT_TRUE(o == 1 || o == 6) << "cut at " << cut;
  }
  // A segment length running past the end of the file, and a file that ends inside the segment.
  std::string bad = with_segment(jpeg, seg);
  bad[4] = char(0xff);
  EXPECT_EQ(orientation(bad), 1);
  EXPECT_EQ(orientation(with_segment(jpeg, seg).substr(0, 20)), 1);
  // The orientation of a rotated image with a 1-pixel side.
  Rgb8Image thin(1, 5);
  for (int y = 0; y < 5; ++y) thin.px(0, y)[0] = uint8_t(y);
  apply_exif_orientation(thin, 6);
  ASSERT_EQ(thin.width, 5);
  ASSERT_EQ(thin.height, 1);
  for (int x = 0; x < 5; ++x) EXPECT_EQ(thin.px(x, 0)[0], 4 - x) << "rotated clockwise, the bottom goes left";
}

}  // namespace
}  // namespace tinge
