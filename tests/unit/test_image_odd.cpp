// Odd but legal images: 1x1, 1x10000, 10000x1, palette PNGs, 16-bit gray, CMYK / YCCK and
// progressive JPEGs. Each either decodes to the right pixels or is refused with an ImageError that
// names the format. JPEGs are written with libjpeg in the test (when the build has it).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/image_io.hpp"
#include "png_bytes.hpp"

#ifdef TINGE_HAVE_LIBJPEG
#include <jpeglib.h>
#endif

namespace tinge {
namespace {

using png_bytes::make_palette_png;
using png_bytes::make_png;

Rgb8Image decode(const std::string& bytes, const std::string& name = "odd") {
  return load_image_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), name);
}

std::array<int, 3> px(const Rgb8Image& img, int x, int y) {
  const uint8_t* p = img.data.data() + (size_t(y) * img.width + x) * 3;
  return {p[0], p[1], p[2]};
}

Rgb8Image pattern(int w, int h) {
  Rgb8Image img(w, h);
  for (size_t i = 0; i < img.data.size(); ++i) img.data[i] = uint8_t((i * 37 + i / 3) & 0xff);
  return img;
}

TEST(ImageOdd, OnePixelAndOnePixelWideImagesRoundTrip) {
  for (auto [w, h] : {std::pair{1, 1}, {1, 10000}, {10000, 1}}) {
    const Rgb8Image img = pattern(w, h);
    const Rgb8Image png = decode(encode_image(img, ".png"));
    ASSERT_EQ(png.width, w);
    ASSERT_EQ(png.height, h);
    EXPECT_EQ(png.data, img.data) << w << "x" << h;
    const Rgb8Image jpg = decode(encode_image(img, ".jpg", 90));
    EXPECT_EQ(jpg.width, w);
    EXPECT_EQ(jpg.height, h);
  }
}

TEST(ImageOdd, PalettePngIsExpandedAndTransparencyCompositedOnWhite) {
  const std::vector<uint8_t> palette = {255, 0, 0, 0, 255, 0, 0, 0, 255};
  const std::vector<uint16_t> idx = {0, 1, 2, 1, 0, 2};
  Rgb8Image img = decode(make_palette_png(3, 2, palette, idx));
  ASSERT_EQ(img.width, 3);
  EXPECT_EQ(px(img, 0, 0), (std::array<int, 3>{255, 0, 0}));
  EXPECT_EQ(px(img, 1, 0), (std::array<int, 3>{0, 255, 0}));
  EXPECT_EQ(px(img, 2, 1), (std::array<int, 3>{0, 0, 255}));
  // tRNS: entry 2 (blue) fully transparent -> white.
  img = decode(make_palette_png(3, 2, palette, idx, std::string("\xff\xff\x00", 3)));
  EXPECT_EQ(px(img, 2, 0), (std::array<int, 3>{255, 255, 255}));
  EXPECT_EQ(px(img, 0, 0), (std::array<int, 3>{255, 0, 0}));
}

TEST(ImageOdd, SixteenBitGrayIsRounded) {
  const Rgb8Image img = decode(make_png(3, 1, 0, 16, {0x0000, 0x8080, 0xffff}));
  EXPECT_EQ(px(img, 0, 0), (std::array<int, 3>{0, 0, 0}));
  EXPECT_EQ(px(img, 1, 0), (std::array<int, 3>{128, 128, 128}));
  EXPECT_EQ(px(img, 2, 0), (std::array<int, 3>{255, 255, 255}));
}

void expect_refused(const std::string& bytes, const std::string& name, const std::string& words) {
  try {
    decode(bytes, name);
    ADD_FAILURE() << name << " decoded, expected an error mentioning '" << words << "'";
  } catch (const ImageError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(name), std::string::npos) << msg;
    EXPECT_NE(msg.find(words), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
  }
}

// The bytes of a file in tests/fuzz/known_crashes/ ("" when it is missing: the test then fails).
std::string known_crash(const std::string& file) {
  std::ifstream f(std::string(TINGE_SOURCE_DIR) + "/tests/fuzz/known_crashes/" + file, std::ios::binary);
  EXPECT_TRUE(f) << "crash input missing: " << file;
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(ImageOdd, KnownStbProgressiveJpegCrashIsACleanError) {
  expect_refused(known_crash("stb-jpeg-huff-decode-fuzz_image.jpg"), "crash.jpg", "corrupt JPEG");
}

// stb skips 0xFF fill bytes before the start-of-image marker, so FF FF D8 ... would reach stb's
// progressive decoder (an out-of-bounds read; input from fuzz_image) instead of libjpeg.
TEST(ImageOdd, FillBytesBeforeJpegStartAreRefusedBeforeStb) {
  expect_refused(known_crash("stb-jpeg-fill-bytes-before-soi.jpg"), "padded.jpg", "corrupt JPEG");
  expect_refused(std::string("\xff\xff\xff\xd8\xff\xe0", 6), "fill.jpg", "fill bytes");
}

// A 2x2 image as 24-bit TGA (type 2, or 3 = 8-bit gray) and as 24-bit BMP, both written by hand.
std::string tga_2x2(bool gray) {
  std::string t(18, '\0');
  t[2] = char(gray ? 3 : 2);
  t[12] = 2, t[14] = 2;
  t[16] = char(gray ? 8 : 24);
  t[17] = 0x20;  // top-left origin
  const uint8_t rgb[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {90, 90, 90}};
  for (const auto& p : rgb) {
    if (gray)
      t += char(p[0] / 3 + p[1] / 3 + p[2] / 3);
    else
      t += {char(p[2]), char(p[1]), char(p[0])};  // BGR
  }
  return t;
}

std::string bmp_2x2() {
  auto le32 = [](std::string& s, uint32_t v) {
    for (int i = 0; i < 4; ++i) s += char((v >> (8 * i)) & 0xff);
  };
  auto le16 = [](std::string& s, uint16_t v) { s += char(v & 0xff), s += char(v >> 8); };
  std::string b = "BM";
  le32(b, 14 + 40 + 16), le32(b, 0), le32(b, 14 + 40);
  le32(b, 40), le32(b, 2), le32(b, 2), le16(b, 1), le16(b, 24), le32(b, 0), le32(b, 16);
  le32(b, 2835), le32(b, 2835), le32(b, 0), le32(b, 0);
  // bottom-up rows of 2 BGR pixels padded to 8 bytes: bottom row blue, gray; top row red, green
  b += std::string("\xff\x00\x00\x5a\x5a\x5a\x00\x00", 8);
  b += std::string("\x00\x00\xff\x00\xff\x00\x00\x00", 8);
  return b;
}

TEST(ImageOdd, BmpAndTgaDecode) {
  for (const auto& [bytes, name] : {std::pair{tga_2x2(false), "a.tga"}, std::pair{bmp_2x2(), "a.bmp"}}) {
    Rgb8Image img = decode(bytes, name);
    ASSERT_EQ(img.width, 2) << name;
    ASSERT_EQ(img.height, 2) << name;
    EXPECT_EQ(px(img, 0, 0), (std::array<int, 3>{255, 0, 0})) << name;
    EXPECT_EQ(px(img, 1, 0), (std::array<int, 3>{0, 255, 0})) << name;
    EXPECT_EQ(px(img, 0, 1), (std::array<int, 3>{0, 0, 255})) << name;
    EXPECT_EQ(px(img, 1, 1), (std::array<int, 3>{90, 90, 90})) << name;
  }
  Rgb8Image g = decode(tga_2x2(true), "g.tga");
  EXPECT_EQ(px(g, 0, 0), (std::array<int, 3>{85, 85, 85}));
}

// stb would also decode these; tinge does not offer them, so their decoders stay out of reach.
TEST(ImageOdd, FormatsOutsidePngJpegBmpTgaAreRefused) {
  const std::string ppm = "P6\n2 2\n255\n" + std::string(12, '\x80');
  std::string gif = std::string("GIF89a\x02\x00\x02\x00\x80\x00\x00", 13) + std::string(6, '\0');
  gif += std::string("\x2c\0\0\0\0\x02\0\x02\0\0\x02\x02\x44\x01\0\x3b", 16);
  const std::string hdr = "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n\x80\x80\x80\x81";
  for (const auto& [bytes, name] :
       {std::pair{ppm, "a.ppm"}, std::pair{gif, "a.gif"}, std::pair{hdr, "a.hdr"}})
    expect_refused(bytes, name, "not a PNG, JPEG, TIFF, BMP or TGA image");
}

#ifdef TINGE_HAVE_LIBJPEG
// Encodes `samples` (w * h * components) with libjpeg: in_space JCS_GRAYSCALE / JCS_RGB / JCS_CMYK,
// stored as `store` (e.g. JCS_YCCK for CMYK), baseline or progressive.
std::string write_jpeg(int w, int h, J_COLOR_SPACE in_space, J_COLOR_SPACE store, bool progressive,
                       const std::vector<uint8_t>& samples) {
  jpeg_compress_struct c{};
  jpeg_error_mgr err{};
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* buf = nullptr;
  unsigned long len = 0;
  jpeg_mem_dest(&c, &buf, &len);
  c.image_width = JDIMENSION(w);
  c.image_height = JDIMENSION(h);
  c.input_components = in_space == JCS_GRAYSCALE ? 1 : in_space == JCS_CMYK ? 4 : 3;
  c.in_color_space = in_space;
  jpeg_set_defaults(&c);
  jpeg_set_colorspace(&c, store);
  jpeg_set_quality(&c, 95, TRUE);
  if (progressive) jpeg_simple_progression(&c);
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < c.image_height) {
    JSAMPROW row = const_cast<uint8_t*>(samples.data()) + size_t(c.next_scanline) * w * c.input_components;
    jpeg_write_scanlines(&c, &row, 1);
  }
  jpeg_finish_compress(&c);
  std::string out(reinterpret_cast<char*>(buf), len);
  jpeg_destroy_compress(&c);
  std::free(buf);
  return out;
}

std::vector<uint8_t> rgb_gradient(int w, int h) {
  std::vector<uint8_t> s(size_t(w) * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint8_t* p = &s[(size_t(y) * w + x) * 3];
      p[0] = uint8_t(x * 255 / (w - 1)), p[1] = uint8_t(y * 255 / (h - 1)), p[2] = 128;
    }
  return s;
}

int max_diff(const Rgb8Image& a, const Rgb8Image& b) {
  int d = 0;
  for (size_t i = 0; i < a.data.size() && i < b.data.size(); ++i)
    d = std::max(d, std::abs(int(a.data[i]) - int(b.data[i])));
  return d;
}

TEST(ImageOdd, ProgressiveJpegDecodesLikeBaseline) {
  const auto s = rgb_gradient(96, 64);
  const Rgb8Image base = decode(write_jpeg(96, 64, JCS_RGB, JCS_YCbCr, false, s));
  const std::string prog_bytes = write_jpeg(96, 64, JCS_RGB, JCS_YCbCr, true, s);
  ASSERT_NE(prog_bytes.find("\xff\xc2"), std::string::npos) << "encoder did not write a progressive frame";
  const Rgb8Image prog = decode(prog_bytes);
  ASSERT_EQ(prog.width, 96);
  ASSERT_EQ(prog.height, 64);
  EXPECT_LE(max_diff(base, prog), 2);
  Rgb8Image want(96, 64);
  want.data = s;
  EXPECT_LE(max_diff(prog, want), 24);  // JPEG loss at quality 95, not garbage
}

TEST(ImageOdd, TruncatedProgressiveJpegIsRefused) {
  const std::string prog = write_jpeg(96, 64, JCS_RGB, JCS_YCbCr, true, rgb_gradient(96, 64));
  expect_refused(prog.substr(0, prog.size() * 2 / 3), "cut.jpg", "truncated");
}

TEST(ImageOdd, GrayJpegIsReplicated) {
  std::vector<uint8_t> g(16 * 8, 200);
  const Rgb8Image img = decode(write_jpeg(16, 8, JCS_GRAYSCALE, JCS_GRAYSCALE, false, g));
  const auto p = px(img, 3, 3);
  EXPECT_NEAR(p[0], 200, 2);
  EXPECT_EQ(p[0], p[1]);
  EXPECT_EQ(p[1], p[2]);
}

TEST(ImageOdd, CmykAndYcckJpegsAreConvertedToRgb) {
  // Adobe convention (libjpeg writes the Adobe marker for CMYK/YCCK): samples are inverted ink.
  // Left half red (no cyan, full magenta and yellow), right half pure black ink.
  const int w = 32, h = 16;
  std::vector<uint8_t> s(size_t(w) * h * 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint8_t* p = &s[(size_t(y) * w + x) * 4];
      if (x < w / 2)
        p[0] = 255, p[1] = 0, p[2] = 0, p[3] = 255;
      else
        p[0] = 255, p[1] = 255, p[2] = 255, p[3] = 0;
    }
  for (J_COLOR_SPACE store : {JCS_CMYK, JCS_YCCK}) {
    const Rgb8Image img = decode(write_jpeg(w, h, JCS_CMYK, store, false, s));
    const auto red = px(img, 4, 8), black = px(img, 28, 8);
    EXPECT_GE(red[0], 240) << "store " << store;
    EXPECT_LE(red[1], 15);
    EXPECT_LE(red[2], 15);
    EXPECT_LE(black[0] + black[1] + black[2], 30) << "store " << store;
  }
}

TEST(ImageOdd, JpegHeaderOverThePixelLimitIsRefusedBeforeDecoding) {
  LoadLimits small;
  small.max_pixels = 1000;
  const std::string j = write_jpeg(64, 64, JCS_RGB, JCS_YCbCr, true, rgb_gradient(64, 64));
  try {
    load_image_from_memory(reinterpret_cast<const uint8_t*>(j.data()), j.size(), "big.jpg", small);
    ADD_FAILURE() << "decoded past the limit";
  } catch (const ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("64x64"), std::string::npos) << e.what();
  }
}
#endif

}  // namespace
}  // namespace tinge
