// Writing results (png_write, tiff_write, result_save): every layout the PNG and TIFF writers take
// decodes back to the same samples (PNG through stb_image, TIFF through libtiff); a 16-bit result
// has real 16-bit precision; alpha is written to PNG and TIFF and composited on white in JPEG; an
// 8-bit PNG or JPEG without alpha is byte for byte the file save_image writes; bad requests are
// refused in one line naming the file.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/color.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"
#include "core/photo_load.hpp"
#include "core/png_write.hpp"
#include "core/result_save.hpp"
#include "core/sample_image.hpp"
#include "core/tiff_decode.hpp"
#include "core/tiff_write.hpp"

namespace tinge {
namespace {

namespace fs = std::filesystem;

SampleImage decoded(const std::string& file) {
  return decode_samples(reinterpret_cast<const uint8_t*>(file.data()), file.size(), "result", {});
}

SampleImage random_samples(int w, int h, int channels, int bits, uint32_t seed) {
  SampleImage img(w, h, channels, bits);
  std::mt19937 rng(seed);
  for (uint8_t& v : img.s8) v = uint8_t(rng());
  for (uint16_t& v : img.s16) v = uint16_t(rng());
  return img;
}

// A horizontal lightness ramp 20..80 with a little colour, a and b varying down the rows.
struct Lab3 {
  Plane L, a, b;
};
Lab3 ramp(int w, int h) {
  Lab3 r{Plane(w, h), Plane(w, h), Plane(w, h)};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      r.L.at(x, y) = 20.f + 60.f * float(x) / float(w - 1);
      r.a.at(x, y) = -10.f + 20.f * float(y) / float(h);
      r.b.at(x, y) = 15.f;
    }
  return r;
}

Plane alpha_ramp(int w, int h) {
  Plane a(w, h);
  for (size_t i = 0; i < a.v.size(); ++i) a.v[i] = float(i % 256) / 255.f;
  return a;
}

TEST(ImageWrite, PngWriterRoundTripsEveryLayoutThroughStb) {
  for (int bits : {8, 16})
    for (int ch = 1; ch <= 4; ++ch) {
      SCOPED_TRACE(std::to_string(bits) + " bits, " + std::to_string(ch) + " channels");
      const SampleImage img = random_samples(37, 23, ch, bits, uint32_t(bits * 10 + ch));
      const SampleImage back = decoded(encode_png(img, "a.png"));
      EXPECT_EQ(back.bits, bits);
      EXPECT_EQ(back.channels, ch);
      EXPECT_EQ(back.width, 37);
      EXPECT_EQ(back.s8, img.s8);
      EXPECT_EQ(back.s16, img.s16);
    }
  // Rows that compress well (a smooth ramp) do: the filters are chosen per row.
  SampleImage smooth(512, 64, 3, 16);
  for (size_t i = 0; i < smooth.s16.size(); ++i) smooth.s16[i] = uint16_t((i / 3 % 512) * 100);
  EXPECT_LT(encode_png(smooth, "s.png").size(), smooth.s16.size() * 2 / 20);
}

TEST(ImageWrite, TiffWriterRoundTripsEveryLayoutThroughLibtiff) {
  if (!tiff_writer_available()) {
    EXPECT_THROW(encode_tiff(random_samples(4, 4, 3, 8, 1), "a.tif"), ImageError);
    GTEST_SKIP() << "no libtiff in this build";
  }
  for (int bits : {8, 16})
    for (int ch = 1; ch <= 4; ++ch) {
      SCOPED_TRACE(std::to_string(bits) + " bits, " + std::to_string(ch) + " channels");
      const SampleImage img = random_samples(37, 23, ch, bits, uint32_t(bits * 10 + ch));
      const SampleImage back = decoded(encode_tiff(img, "a.tif"));
      EXPECT_EQ(back.bits, bits);
      EXPECT_EQ(back.channels, ch);
      EXPECT_EQ(back.s8, img.s8);
      EXPECT_EQ(back.s16, img.s16);
    }
}

TEST(ImageWrite, InconsistentImagesAreRefusedNamingTheFile) {
  SampleImage img = random_samples(4, 4, 3, 16, 1);
  img.s16.pop_back();
  for (const std::string& name : {std::string("x.png"), std::string("x.tif")}) {
    try {
      name == "x.png" ? encode_png(img, name) : encode_tiff(img, name);
      ADD_FAILURE() << "encoded an image with a sample missing";
    } catch (const ImageError& e) {
      EXPECT_NE(std::string(e.what()).find("cannot save " + name), std::string::npos) << e.what();
    }
  }
}

// The 8-bit path of colorize must not change: a result without alpha saved 8-bit as PNG or JPEG
// is the very file save_image wrote of lab_planes_to_srgb8 before 16-bit output existed.
TEST(ResultSave, EightBitPngAndJpegWithoutAlphaAreTheFilesSaveImageWrites) {
  const Lab3 r = ramp(64, 40);
  const Rgb8Image rgb = lab_planes_to_srgb8(r.L, r.a, r.b);
  EXPECT_EQ(encode_colorized("o.png", r.L, r.a, r.b, nullptr, 8), encode_image(rgb, ".png"));
  EXPECT_EQ(encode_colorized("o.JPG", r.L, r.a, r.b, nullptr, 8, 80), encode_image(rgb, ".jpg", 80));
  // JPEG holds 8 bits: asked for 16, it writes the same 8-bit file.
  EXPECT_EQ(encode_colorized("o.jpeg", r.L, r.a, r.b, nullptr, 16, 80), encode_image(rgb, ".jpg", 80));
}

TEST(ResultSave, SixteenBitResultsHaveSixteenBitPrecision) {
  const Lab3 r = ramp(1000, 8);
  std::vector<std::string> paths = {"o.png"};
  if (tiff_writer_available()) paths.push_back("o.tif");
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    const SampleImage s = decoded(encode_colorized(path, r.L, r.a, r.b, nullptr, 16));
    ASSERT_EQ(s.bits, 16);
    ASSERT_EQ(s.channels, 3);
    size_t not_257 = 0;
    double worst = 0;
    for (size_t i = 0; i < r.L.v.size(); ++i) {
      const Rgb want = lab_to_srgb({r.L.v[i], r.a.v[i], r.b.v[i]});  // double-precision reference
      for (size_t c = 0; c < 3; ++c) {
        const uint16_t got = s.s16[3 * i + c];
        not_257 += got % 257 != 0;
        worst = std::max(worst, std::fabs(double(got) - double(want[c]) * 65535.0));
      }
    }
    EXPECT_GT(not_257, r.L.v.size() * 3 * 9 / 10) << "samples are 8-bit values scaled by 257";
    EXPECT_LT(worst, 2.0) << "16-bit samples off the exact conversion";
  }
  // And the 8-bit file of the same result is coarser by 257.
  const SampleImage s8 = decoded(encode_colorized("o.png", r.L, r.a, r.b, nullptr, 8));
  EXPECT_EQ(s8.bits, 8);
}

TEST(ResultSave, AlphaIsWrittenToPngAndTiffAtEitherDepth) {
  const Lab3 r = ramp(300, 2);
  const Plane alpha = alpha_ramp(300, 2);
  std::vector<std::string> paths = {"o.png"};
  if (tiff_writer_available()) paths.push_back("o.tiff");
  for (const std::string& path : paths)
    for (int bits : {8, 16}) {
      SCOPED_TRACE(path + ", " + std::to_string(bits) + " bits");
      const SampleImage s = decoded(encode_colorized(path, r.L, r.a, r.b, &alpha, bits));
      ASSERT_EQ(s.channels, 4);
      ASSERT_EQ(s.bits, bits);
      for (size_t i = 0; i < alpha.v.size(); ++i)
        ASSERT_EQ(s.at(i, 3), (i % 256) * (bits == 16 ? 257u : 1u)) << "pixel " << i;
      const SampleImage plain = decoded(encode_colorized(path, r.L, r.a, r.b, nullptr, bits));
      for (size_t i = 0; i < alpha.v.size(); ++i)
        for (int c = 0; c < 3; ++c)
          ASSERT_EQ(s.at(i, c), plain.at(i, c)) << "colour under the alpha, pixel " << i;
    }
}

TEST(ResultSave, JpegCompositesAlphaOnWhite) {
  const Lab3 r = ramp(64, 64);
  Plane alpha(64, 64, 1.f);
  for (int y = 0; y < 64; ++y)
    for (int x = 32; x < 64; ++x) alpha.at(x, y) = 0.f;  // right half transparent
  const std::string jpg = encode_colorized("o.jpg", r.L, r.a, r.b, &alpha, 8, 95);
  const Rgb8Image got =
      load_image_from_memory(reinterpret_cast<const uint8_t*>(jpg.data()), jpg.size(), "o.jpg");
  const Rgb8Image opaque = lab_planes_to_srgb8(r.L, r.a, r.b);
  for (int c = 0; c < 3; ++c) {
    EXPECT_GE(got.px(56, 32)[c], 250) << "transparent pixel, channel " << c;
    EXPECT_NEAR(got.px(8, 32)[c], opaque.px(8, 32)[c], 6) << "opaque pixel, channel " << c;
  }
}

TEST(ResultSave, FormatsLossesAndBadRequestsAreNamed) {
  EXPECT_EQ(result_format("a/B.TIF"), ResultFormat::kTiff);
  EXPECT_EQ(result_format("x.jpeg"), ResultFormat::kJpeg);
  EXPECT_EQ(result_format("x.png"), ResultFormat::kPng);
  try {
    result_format("dir.v2/out.gif");
    ADD_FAILURE() << "accepted .gif";
  } catch (const ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("dir.v2/out.gif"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'.gif'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(result_save_loss("a.png", 16, true), "");
  EXPECT_EQ(result_save_loss("a.tif", 16, true), "");
  EXPECT_EQ(result_save_loss("a.jpg", 8, false), "");
  EXPECT_NE(result_save_loss("a.jpg", 16, false).find("8 bits"), std::string::npos);
  EXPECT_NE(result_save_loss("a.jpg", 8, true).find("no alpha"), std::string::npos);
  const std::string both = result_save_loss("a.jpg", 16, true);
  EXPECT_NE(both.find("16 bits"), std::string::npos);
  EXPECT_NE(both.find("alpha"), std::string::npos);

  const Lab3 r = ramp(8, 8);
  const Plane small(4, 4, 1.f);
  EXPECT_THROW(encode_colorized("o.png", r.L, r.a, r.b, nullptr, 12), ImageError);
  EXPECT_THROW(encode_colorized("o.png", r.L, r.a, r.b, &small, 8), ImageError);
  EXPECT_THROW(encode_colorized("o.jpg", r.L, r.a, r.b, nullptr, 8, 0), ImageError);
}

// save_colorized writes atomically, and what it writes load_photo reads back: depth, alpha and
// lightness.
TEST(ResultSave, SavedResultsLoadBackWithTheirDepthAndAlpha) {
  const fs::path dir = fs::path(::testing::TempDir()) / "tinge_result_save";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const Lab3 r = ramp(200, 10);
  const Plane gray(200, 10, 0.f), alpha = alpha_ramp(200, 10);
  std::vector<std::string> names = {"a.png"};
  if (tiff_writer_available()) names.push_back("a.tif");
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const std::string path = (dir / name).string();
    save_colorized(path, r.L, gray, gray, &alpha, 16);
    const Photo p = load_photo(path);
    EXPECT_EQ(p.bits, 16);
    ASSERT_EQ(p.alpha.v.size(), alpha.v.size());
    for (size_t i = 0; i < alpha.v.size(); ++i) {
      ASSERT_NEAR(p.alpha.v[i], alpha.v[i], 1e-6f) << i;
      ASSERT_NEAR(p.L.v[i], r.L.v[i], 0.01f) << "lightness survives 16 bits, pixel " << i;
    }
  }
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, names.size()) << "no temporaries left";
  EXPECT_THROW(save_colorized((dir / "missing" / "a.png").string(), r.L, r.a, r.b, nullptr, 16), ImageError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tinge
