// TIFF input (archival scans): TIFF files written byte by byte here (uncompressed strips, either
// byte order) must decode to exact pixels through load_image_from_memory, with 16-bit samples
// rounded to 8, alpha composited on white, the Orientation tag applied across decoding bands, and
// forged or truncated files refused with a one-line ImageError. In a build without libtiff they
// must all be refused by name.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/evaluate.hpp"
#include "core/exif_orientation.hpp"
#include "core/image_io.hpp"
#include "core/tiff_decode.hpp"
#include "tiff_bytes.hpp"

namespace tinge {
namespace {

using tiff_bytes::TiffWriter;

Rgb8Image decode(const std::string& bytes, const std::string& name = "scan.tif",
                 int64_t max_pixels = 100'000'000) {
  LoadLimits limits;
  limits.max_pixels = max_pixels;
  return load_image_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), name, limits);
}

std::array<int, 3> px(const Rgb8Image& img, int x, int y) {
  const uint8_t* p = img.data.data() + (size_t(y) * img.width + x) * 3;
  return {p[0], p[1], p[2]};
}

// Expects an ImageError naming the file whose message contains `what`.
void expect_refused(const std::string& bytes, const std::string& what, const std::string& why) {
  SCOPED_TRACE(why);
  try {
    decode(bytes);
    ADD_FAILURE() << "decoded; expected an error containing '" << what << "'";
  } catch (const ImageError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("scan.tif"), std::string::npos) << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
}

TiffWriter rgb_2x2(bool big_endian) {
  TiffWriter t;
  t.big_endian = big_endian;
  t.width = t.height = 2;
  t.bits = {8, 8, 8};
  t.photometric = 2;
  t.pixels = {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30};
  return t;
}

TEST(ImageTiff, WithoutLibtiffTiffIsRefusedByName) {
  if (tiff_decoder_available()) GTEST_SKIP() << "this build decodes TIFF (the other tests cover it)";
  expect_refused(rgb_2x2(false).bytes(), "TIFF is not supported by this build", "no libtiff");
}

TEST(ImageTiff, RgbDecodesToExactPixelsInBothByteOrders) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  for (bool be : {false, true}) {
    const Rgb8Image img = decode(rgb_2x2(be).bytes());
    ASSERT_EQ(img.width, 2);
    ASSERT_EQ(img.height, 2);
    EXPECT_EQ(px(img, 0, 0), (std::array<int, 3>{255, 0, 0})) << "big endian " << be;
    EXPECT_EQ(px(img, 1, 0), (std::array<int, 3>{0, 255, 0}));
    EXPECT_EQ(px(img, 0, 1), (std::array<int, 3>{0, 0, 255}));
    EXPECT_EQ(px(img, 1, 1), (std::array<int, 3>{10, 20, 30}));
  }
}

TEST(ImageTiff, SixteenBitGrayIsRoundedToEightBits) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  for (bool be : {false, true}) {
    TiffWriter t;
    t.big_endian = be;
    t.width = 4;
    t.bits = {16};
    for (uint16_t v : {uint16_t(0), uint16_t(65535), uint16_t(0x8080), uint16_t(0x3333)}) t.put16(v);
    const Rgb8Image img = decode(t.bytes());
    ASSERT_EQ(img.width, 4);
    EXPECT_EQ(px(img, 0, 0), (std::array<int, 3>{0, 0, 0}));
    EXPECT_EQ(px(img, 1, 0), (std::array<int, 3>{255, 255, 255}));
    EXPECT_EQ(px(img, 2, 0), (std::array<int, 3>{128, 128, 128}));
    EXPECT_EQ(px(img, 3, 0), (std::array<int, 3>{0x33, 0x33, 0x33})) << "big endian " << be;
  }
}

TEST(ImageTiff, MinIsWhiteGrayIsInverted) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  TiffWriter t;
  t.width = 3;
  t.photometric = 0;
  t.pixels = {0, 255, 55};
  const Rgb8Image img = decode(t.bytes());
  EXPECT_EQ(px(img, 0, 0), (std::array<int, 3>{255, 255, 255}));
  EXPECT_EQ(px(img, 1, 0), (std::array<int, 3>{0, 0, 0}));
  EXPECT_EQ(px(img, 2, 0), (std::array<int, 3>{200, 200, 200}));
}

TEST(ImageTiff, AlphaIsCompositedOnWhite) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  TiffWriter t;
  t.width = 3;
  t.bits = {8, 8, 8, 8};
  t.photometric = 2;
  t.alpha = true;
  t.pixels = {200, 100, 50, 255, 200, 100, 50, 0, 200, 100, 0, 128};
  const Rgb8Image img = decode(t.bytes());
  EXPECT_EQ(px(img, 0, 0), (std::array<int, 3>{200, 100, 50}));
  EXPECT_EQ(px(img, 1, 0), (std::array<int, 3>{255, 255, 255}));
  const auto half = px(img, 2, 0);  // 200 * 128/255 + 127 = 227, 100 -> 177, 0 -> 127
  EXPECT_NEAR(half[0], 227, 1);
  EXPECT_NEAR(half[1], 177, 1);
  EXPECT_NEAR(half[2], 127, 1);
}

// Rows stored bottom first (Orientation 4) in an image taller than one decoding band (256 rows):
// every row must land where it belongs, not only within its band.
TEST(ImageTiff, OrientationFlipsApplyAcrossDecodingBands) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  const uint32_t h = 300;
  TiffWriter t;
  t.width = 2;
  t.height = h;
  for (uint32_t y = 0; y < h; ++y)
    t.pixels.insert(t.pixels.end(), {uint8_t(y % 256), uint8_t(255 - y % 256)});
  const Rgb8Image top_left = decode(t.bytes());
  t.orientation = 4;  // bottom-left: the first stored row is the bottom one
  const Rgb8Image bottom_left = decode(t.bytes());
  t.orientation = 2;  // top-right: columns mirrored
  const Rgb8Image top_right = decode(t.bytes());
  ASSERT_EQ(bottom_left.height, int(h));
  for (int y = 0; y < int(h); ++y) {
    ASSERT_EQ(px(top_left, 0, y)[0], y % 256) << "row " << y;
    ASSERT_EQ(px(bottom_left, 0, y)[0], (int(h) - 1 - y) % 256) << "row " << y;
    ASSERT_EQ(px(bottom_left, 1, y)[0], 255 - (int(h) - 1 - y) % 256) << "row " << y;
    ASSERT_EQ(px(top_right, 1, y)[0], y % 256) << "row " << y;
    ASSERT_EQ(px(top_right, 0, y)[0], 255 - y % 256) << "row " << y;
  }
}

// Orientations 5-8 store the picture transposed (a scanner or camera turned sideways): each must
// come out as EXIF's same value does, width and height swapped, in an image taller than one band.
TEST(ImageTiff, TransposedOrientationsMatchExifAcrossBands) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  TiffWriter t;
  t.width = 3;
  t.height = 300;
  t.bits = {8, 8, 8};
  t.photometric = 2;
  for (uint32_t y = 0; y < t.height; ++y)
    for (uint32_t x = 0; x < t.width; ++x)
      t.pixels.insert(t.pixels.end(), {uint8_t(y % 256), uint8_t(x * 80), uint8_t(y / 256)});
  const Rgb8Image stored = decode(t.bytes());
  for (uint16_t o = 5; o <= 8; ++o) {
    SCOPED_TRACE("orientation " + std::to_string(o));
    t.orientation = o;
    const Rgb8Image got = decode(t.bytes());
    Rgb8Image want = stored;
    apply_exif_orientation(want, o);
    ASSERT_EQ(got.width, 300);
    ASSERT_EQ(got.height, 3);
    EXPECT_EQ(got.data, want.data);
  }
  // Spelled out for one: 6 (RightTop) turns the stored picture clockwise, so the stored
  // bottom-left pixel (row 299, column 0) is shown at the top left.
  t.orientation = 6;
  const Rgb8Image right_top = decode(t.bytes());
  EXPECT_EQ(px(right_top, 0, 0), (std::array<int, 3>{299 % 256, 0, 1}));
  EXPECT_EQ(px(right_top, 299, 2), (std::array<int, 3>{0, 160, 0}));
}

TEST(ImageTiff, ForgedOrTruncatedFilesAreRefusedInOneLine) {
  if (!tiff_decoder_available()) GTEST_SKIP() << "no libtiff in this build";
  TiffWriter huge = rgb_2x2(false);
  huge.width = huge.height = 100000;  // 10 G pixels from a 60-byte file
  expect_refused(huge.bytes(), "too large", "huge header");

  TiffWriter cut;
  cut.width = 64;
  cut.height = 64;
  cut.pixels.assign(64 * 64, 77);
  std::string bytes = cut.bytes();
  cut.pixels.resize(64 * 32);  // half the rows' data: the strip runs past the end of the file
  cut.claimed_strip_bytes = 64 * 64;
  expect_refused(cut.bytes(), "cannot decode", "strip longer than the file");

  expect_refused(std::string("II*\0\x08\0\0\0garbage", 15), "cannot decode", "garbage directory");
  expect_refused(std::string("MM\0*", 4), "cannot decode", "header only");
  expect_refused(bytes.substr(0, bytes.size() / 2), "cannot decode", "cut in half: no directory");
}

TEST(ImageTiff, TifFilesLoadFromDiskAndFoldersListThem) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "tinge_tiff_folder";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const char* name : {"a.tif", "b.TIFF", "c.png", "notes.txt"}) {
    std::ofstream f(dir / name, std::ios::binary);
    const std::string b = rgb_2x2(false).bytes();
    f.write(b.data(), std::streamsize(b.size()));
  }
  const std::vector<std::string> listed = list_images(dir.string());
  std::vector<std::string> names;
  for (const auto& p : listed) names.push_back(std::filesystem::path(p).filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"a.tif", "b.TIFF", "c.png"}));
  if (tiff_decoder_available()) {
    const Rgb8Image img = load_image((dir / "a.tif").string());
    EXPECT_EQ(px(img, 1, 1), (std::array<int, 3>{10, 20, 30}));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tinge
