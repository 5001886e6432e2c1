// Bit depth and alpha on the way in (load_photo, decode_samples): a 16-bit PNG or TIFF gives L from
// its 16-bit samples, alpha comes back straight (associated TIFF alpha undone) and turns with the
// photo, and an 8-bit photo gives exactly the L that load_image + srgb8_to_lightness give. Files are
// written byte by byte here (png_bytes.hpp, tiff_bytes.hpp) or by libtiff itself (planar, tiled),
// never only by tinge's own writers.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/color.hpp"
#include "core/error.hpp"
#include "core/exif_orientation.hpp"
#include "core/image_io.hpp"
#include "core/photo_load.hpp"
#include "core/sample_image.hpp"
#include "core/tiff_decode.hpp"
#include "png_bytes.hpp"
#include "tiff_bytes.hpp"

#ifdef TINGE_HAVE_LIBTIFF
#include <tiffio.h>
#endif

namespace tinge {
namespace {

using tiff_bytes::TiffWriter;

const uint8_t* bytes_of(const std::string& s) {
  return reinterpret_cast<const uint8_t*>(s.data());
}

Photo photo_of(const std::string& file, bool keep_alpha = true) {
  PhotoOptions opt;
  opt.keep_alpha = keep_alpha;
  return load_photo_from_memory(bytes_of(file), file.size(), "photo", opt);
}

SampleImage samples_of(const std::string& file) {
  return decode_samples(bytes_of(file), file.size(), "photo", {});
}

Plane lightness_via_load_image(const std::string& file) {
  return srgb8_to_lightness(load_image_from_memory(bytes_of(file), file.size(), "photo"));
}

// L of one straight sRGB colour given as 16-bit samples (double-precision reference path).
float reference_L16(uint16_t r, uint16_t g, uint16_t b) {
  return srgb_to_lab({r / 65535.f, g / 65535.f, b / 65535.f})[0];
}

TEST(ImageDepth, SixteenBitPngGivesLightnessFromItsSixteenBitSamples) {
  // 256 gray levels 3 apart: 8-bit rounding folds them into 3 or 4 values.
  std::vector<uint16_t> v(256);
  for (size_t x = 0; x < v.size(); ++x) v[x] = uint16_t(20000 + 3 * x);
  const std::string png = png_bytes::make_png(256, 1, 0, 16, v);
  const Photo p = photo_of(png);
  EXPECT_EQ(p.bits, 16);
  EXPECT_TRUE(p.alpha.empty());
  EXPECT_FALSE(p.had_alpha);
  ASSERT_EQ(p.width(), 256);
  for (size_t x = 0; x < v.size(); ++x) {
    ASSERT_NEAR(p.L.v[x], reference_L16(v[x], v[x], v[x]), 1e-3f) << "x " << x;
    if (x > 0) {
      ASSERT_GT(p.L.v[x], p.L.v[x - 1]) << "every 16-bit level is its own lightness, x " << x;
    }
  }
  const Plane eight = lightness_via_load_image(png);  // what colorize used before
  int distinct = 1;
  for (size_t x = 1; x < v.size(); ++x) distinct += eight.v[x] != eight.v[x - 1];
  EXPECT_LE(distinct, 4) << "the 8-bit path folds the levels together (the test's premise)";
}

TEST(ImageDepth, SixteenBitTiffGrayAndRgbKeepTheirSamples) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  const std::vector<uint16_t> values{0, 65535, 0x8080, 1234};
  for (bool be : {false, true}) {
    SCOPED_TRACE(be ? "big endian" : "little endian");
    TiffWriter gray;
    gray.big_endian = be;
    gray.width = 4;
    gray.bits = {16};
    for (uint16_t v : values) gray.put16(v);
    const SampleImage g = samples_of(gray.bytes());
    EXPECT_EQ(g.bits, 16);
    EXPECT_EQ(g.channels, 1);
    EXPECT_EQ(g.s16, values);
    const Photo pg = photo_of(gray.bytes());
    EXPECT_EQ(pg.bits, 16);
    for (size_t i = 0; i < values.size(); ++i)
      EXPECT_NEAR(pg.L.v[i], reference_L16(values[i], values[i], values[i]), 1e-3f);

    TiffWriter rgb;
    rgb.big_endian = be;
    rgb.width = 2;
    rgb.bits = {16, 16, 16};
    rgb.photometric = 2;
    const std::vector<uint16_t> s{1000, 30000, 65000, 40001, 2, 777};
    for (uint16_t v : s) rgb.put16(v);
    const SampleImage c = samples_of(rgb.bytes());
    EXPECT_EQ(c.channels, 3);
    EXPECT_EQ(c.s16, s);
    const Photo pc = photo_of(rgb.bytes());
    EXPECT_NEAR(pc.L.v[0], reference_L16(1000, 30000, 65000), 1e-3f);
    EXPECT_NEAR(pc.L.v[1], reference_L16(40001, 2, 777), 1e-3f);
  }
  TiffWriter white;  // min-is-white: 0 is white
  white.width = 2;
  white.photometric = 0;
  white.bits = {16};
  white.put16(0);
  white.put16(65535 - 300);
  EXPECT_EQ(samples_of(white.bytes()).s16, (std::vector<uint16_t>{65535, 300}));
}

TEST(ImageDepth, PngAlphaIsKeptStraightAtEitherDepth) {
  // RGBA: opaque, half, transparent (its colour still stored).
  const std::vector<uint16_t> rgba8{200, 100, 50, 255, 200, 100, 50, 128, 10, 220, 90, 0};
  const Photo p8 = photo_of(png_bytes::make_png(3, 1, 6, 8, rgba8));
  EXPECT_EQ(p8.bits, 8);
  EXPECT_TRUE(p8.had_alpha);
  ASSERT_EQ(p8.alpha.width, 3);
  EXPECT_EQ(p8.alpha.v, (std::vector<float>{1.f, 128 / 255.f, 0.f}));
  EXPECT_EQ(p8.L.v[1], srgb8_to_lab(200, 100, 50)[0]) << "L of the colour as stored, not composited";
  EXPECT_EQ(p8.L.v[2], srgb8_to_lab(10, 220, 90)[0]);

  std::vector<uint16_t> rgba16;
  for (size_t i = 0; i < rgba8.size(); ++i) rgba16.push_back(uint16_t(rgba8[i] * 257 + (i % 4 == 3 ? 0 : 5)));
  const Photo p16 = photo_of(png_bytes::make_png(3, 1, 6, 16, rgba16));
  EXPECT_EQ(p16.bits, 16);
  EXPECT_EQ(p16.alpha.v, (std::vector<float>{1.f, 128 * 257 / 65535.f, 0.f}));
  EXPECT_NEAR(p16.L.v[2], reference_L16(10 * 257 + 5, 220 * 257 + 5, 90 * 257 + 5), 1e-3f);

  const Photo ga = photo_of(png_bytes::make_png(2, 1, 4, 16, {5000, 65535, 60000, 1}));  // gray + alpha
  EXPECT_EQ(ga.alpha.v, (std::vector<float>{1.f, 1 / 65535.f}));
  EXPECT_NEAR(ga.L.v[1], reference_L16(60000, 60000, 60000), 1e-3f);
}

TEST(ImageDepth, TiffAlphaIsKeptAndAssociatedAlphaUndone) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  TiffWriter t;
  t.width = 2;
  t.bits = {16, 16, 16, 16};
  t.photometric = 2;
  t.alpha = true;
  for (uint16_t v : {40000, 20000, 10000, 65535, 40000, 20000, 10000, 16384}) t.put16(v);
  const SampleImage straight = samples_of(t.bytes());
  EXPECT_EQ(straight.channels, 4);
  EXPECT_EQ(straight.s16, (std::vector<uint16_t>{40000, 20000, 10000, 65535, 40000, 20000, 10000, 16384}));
  const Photo p = photo_of(t.bytes());
  EXPECT_EQ(p.alpha.v, (std::vector<float>{1.f, 16384 / 65535.f}));

  // Premultiplied: the second pixel stores colour * alpha; the decoder gives back the colour.
  t.associated = true;
  t.pixels.clear();
  const uint32_t a = 16384;
  for (uint32_t v :
       {40000u, 20000u, 10000u, 65535u, 40000u * a / 65535, 20000u * a / 65535, 10000u * a / 65535, a})
    t.put16(uint16_t(v));
  const SampleImage un = samples_of(t.bytes());
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(int(un.s16[4 + size_t(c)]), int(straight.s16[size_t(c)]), 4) << c;
  EXPECT_EQ(un.s16[7], a);
}

TEST(ImageDepth, WithoutKeepAlphaTheColourIsCompositedOnWhiteAsLoadImageDoes) {
  std::mt19937 rng(7);
  std::vector<uint16_t> rgba(16 * 8 * 4);
  for (uint16_t& v : rgba) v = uint16_t(rng() % 256);
  const std::string png = png_bytes::make_png(16, 8, 6, 8, rgba);
  const Photo p = photo_of(png, /*keep_alpha*/ false);
  EXPECT_TRUE(p.alpha.empty());
  EXPECT_TRUE(p.had_alpha);
  EXPECT_EQ(p.L.v, lightness_via_load_image(png).v);
  // 16-bit: transparent pixels become white (L 100) and opaque ones keep their colour.
  const Photo w = photo_of(png_bytes::make_png(2, 1, 4, 16, {1000, 0, 1000, 65535}), false);
  EXPECT_NEAR(w.L.v[0], 100.f, 1e-3f);
  EXPECT_NEAR(w.L.v[1], reference_L16(1000, 1000, 1000), 1e-3f);
}

// The 8-bit path must not change: every 8-bit photo without alpha gives the very L colorize
// computed before load_photo existed (load_image + srgb8_to_lightness), bit for bit.
TEST(ImageDepth, EightBitPhotosGiveExactlyTheLightnessOfLoadImage) {
  std::mt19937 rng(3);
  Rgb8Image rgb(37, 23);
  for (uint8_t& v : rgb.data) v = uint8_t(rng() % 256);
  std::vector<uint16_t> gray(37 * 23);
  for (uint16_t& v : gray) v = uint16_t(rng() % 256);
  std::vector<std::pair<std::string, std::string>> files = {
      {"rgb png", encode_image(rgb, ".png")},
      {"jpeg", encode_image(rgb, ".jpg", 90)},
      {"gray png", png_bytes::make_png(37, 23, 0, 8, gray)},
  };
  if (tiff_decoder_available()) {
    TiffWriter t;
    t.width = 37;
    t.height = 23;
    t.bits = {8, 8, 8};
    t.photometric = 2;
    t.pixels = rgb.data;
    files.push_back({"rgb tiff", t.bytes()});
  }
  for (const auto& [what, file] : files) {
    SCOPED_TRACE(what);
    const Photo p = photo_of(file);
    EXPECT_EQ(p.bits, 8);
    EXPECT_TRUE(p.alpha.empty());
    EXPECT_EQ(p.L.v, lightness_via_load_image(file).v);
  }
}

TEST(ImageDepth, OrientationTurnsLightnessAndAlphaTogether) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  TiffWriter t;
  t.width = 3;
  t.height = 2;
  t.bits = {16, 16};
  t.alpha = true;
  for (uint16_t i = 0; i < 6; ++i) {
    t.put16(uint16_t(5000 * (i + 1)));    // gray
    t.put16(uint16_t(65535 - 9000 * i));  // alpha
  }
  const Photo stored = photo_of(t.bytes());
  for (uint16_t o = 2; o <= 8; ++o) {
    SCOPED_TRACE("orientation " + std::to_string(o));
    t.orientation = o;
    const Photo turned = photo_of(t.bytes());
    Plane L = stored.L, alpha = stored.alpha;
    apply_exif_orientation(L, o);
    apply_exif_orientation(alpha, o);
    EXPECT_EQ(turned.width(), o >= 5 ? 2 : 3);
    EXPECT_EQ(turned.L.v, L.v);
    EXPECT_EQ(turned.alpha.v, alpha.v);
    EXPECT_EQ(turned.alpha.width, turned.width());
  }
}

#ifdef TINGE_HAVE_LIBTIFF
// A 16-bit RGBA TIFF written by libtiff itself: planar or contiguous, in strips or tiles, Deflate.
std::string libtiff_file(const std::vector<uint16_t>& rgba, uint32_t w, uint32_t h, bool planar, bool tiled) {
  const std::string path =
      ::testing::TempDir() + "/tinge_libtiff_" + std::to_string(planar) + std::to_string(tiled) + ".tif";
  TIFF* tif = TIFFOpen(path.c_str(), "w");
  EXPECT_NE(tif, nullptr);
  const uint16_t extra[1] = {EXTRASAMPLE_UNASSALPHA};
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, w);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, h);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 16);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 4);
  TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, 1, extra);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, planar ? PLANARCONFIG_SEPARATE : PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  const int planes = planar ? 4 : 1, per = planar ? 1 : 4;
  if (tiled) {
    TIFFSetField(tif, TIFFTAG_TILEWIDTH, 16);
    TIFFSetField(tif, TIFFTAG_TILELENGTH, 16);
    std::vector<uint16_t> tile(16 * 16 * size_t(per));
    for (int p = 0; p < planes; ++p)
      for (uint32_t ty = 0; ty < h; ty += 16)
        for (uint32_t tx = 0; tx < w; tx += 16) {
          std::fill(tile.begin(), tile.end(), 0);
          for (uint32_t y = ty; y < std::min(h, ty + 16); ++y)
            for (uint32_t x = tx; x < std::min(w, tx + 16); ++x)
              for (int c = 0; c < per; ++c)
                tile[((y - ty) * 16 + (x - tx)) * size_t(per) + size_t(c)] =
                    rgba[(y * w + x) * 4 + size_t(p + c)];
          TIFFWriteTile(tif, tile.data(), tx, ty, 0, uint16_t(p));
        }
  } else {
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 3);
    std::vector<uint16_t> row(w * size_t(per));
    for (int p = 0; p < planes; ++p)
      for (uint32_t y = 0; y < h; ++y) {
        for (uint32_t x = 0; x < w; ++x)
          for (int c = 0; c < per; ++c)
            row[x * size_t(per) + size_t(c)] = rgba[(y * w + x) * 4 + size_t(p + c)];
        TIFFWriteScanline(tif, row.data(), y, uint16_t(p));
      }
  }
  TIFFClose(tif);
  std::ifstream f(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::remove(path.c_str());
  return bytes;
}

TEST(ImageDepth, PlanarAndTiledSixteenBitTiffsDecodeExactly) {
  const uint32_t w = 40, h = 21;  // not a whole number of tiles or strips
  std::mt19937 rng(11);
  std::vector<uint16_t> rgba(size_t(w) * h * 4);
  for (uint16_t& v : rgba) v = uint16_t(rng());
  for (bool planar : {false, true})
    for (bool tiled : {false, true}) {
      SCOPED_TRACE(std::string(planar ? "planar" : "contiguous") + (tiled ? ", tiles" : ", strips"));
      const SampleImage s = samples_of(libtiff_file(rgba, w, h, planar, tiled));
      EXPECT_EQ(s.bits, 16);
      EXPECT_EQ(s.channels, 4);
      EXPECT_EQ(s.width, int(w));
      EXPECT_EQ(s.s16, rgba);
    }
}
#endif

}  // namespace
}  // namespace tinge
