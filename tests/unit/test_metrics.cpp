// PSNR and Hasler-Suesstrunk colourfulness against values worked out by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/metrics.hpp"

namespace {

tinge::Rgb8Image filled(int w, int h, uint8_t r, uint8_t g, uint8_t b) {
  tinge::Rgb8Image img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint8_t* p = img.px(x, y);
      p[0] = r, p[1] = g, p[2] = b;
    }
  return img;
}

}  // namespace

TEST(Psnr, IdenticalIsInfinite) {
  tinge::Rgb8Image a = filled(7, 5, 10, 200, 30);
  a.px(3, 2)[1] = 77;
  EXPECT_TRUE(std::isinf(tinge::psnr(a, a)));
  EXPECT_GT(tinge::psnr(a, a), 0);
}

TEST(Psnr, KnownOffsetGivesAnalyticValue) {
  // Every channel off by 5: MSE = 25, PSNR = 10 log10(255^2 / 25).
  const auto a = filled(16, 9, 100, 100, 100), b = filled(16, 9, 105, 105, 105);
  EXPECT_NEAR(tinge::psnr(a, b), 10 * std::log10(255.0 * 255.0 / 25.0), 1e-9);
  // One channel of one pixel off by 255 in a 2x2 image: MSE = 255^2 / 12 -> 10 log10(12).
  auto c = filled(2, 2, 0, 0, 0), d = c;
  d.px(1, 1)[2] = 255;
  EXPECT_NEAR(tinge::psnr(c, d), 10 * std::log10(12.0), 1e-9);
  EXPECT_DOUBLE_EQ(tinge::psnr(c, d), tinge::psnr(d, c));
}

TEST(Psnr, SizeMismatchThrows) {
  EXPECT_THROW(tinge::psnr(filled(4, 4, 0, 0, 0), filled(4, 5, 0, 0, 0)), tinge::Error);
  EXPECT_THROW(tinge::psnr(tinge::Rgb8Image(), tinge::Rgb8Image()), tinge::Error);
}

TEST(Colorfulness, GrayIsZero) {
  tinge::Rgb8Image img(8, 8);
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x) {
      uint8_t* p = img.px(x, y);
      p[0] = p[1] = p[2] = uint8_t(x * 30 + y);
    }
  EXPECT_EQ(tinge::colorfulness(img), 0.0);
}

TEST(Colorfulness, TwoColourImageAnalytic) {
  // Half pure red, half pure blue. rg: 255 and 0 -> mean 127.5, sd 127.5.
  // yb: 127.5 and -255 -> mean -63.75, sd 191.25.
  tinge::Rgb8Image img = filled(10, 4, 255, 0, 0);
  for (int y = 2; y < 4; ++y)
    for (int x = 0; x < 10; ++x) img.px(x, y)[0] = 0, img.px(x, y)[2] = 255;
  const double expect =
      std::sqrt(127.5 * 127.5 + 191.25 * 191.25) + 0.3 * std::sqrt(127.5 * 127.5 + 63.75 * 63.75);
  EXPECT_NEAR(tinge::colorfulness(img), expect, 1e-9);
  // A uniform colour has no spread: only the mean term remains.
  EXPECT_NEAR(tinge::colorfulness(filled(3, 3, 200, 100, 50)), 0.3 * std::sqrt(100.0 * 100.0 + 100.0 * 100.0),
              1e-9);
}
