// Regression tests for inputs the fuzzers (tests/fuzz) flagged: each escapes the documented
// tinge::Error contract (undefined behaviour or a foreign exception) without its guard, and must be
// refused by name.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/action_script.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"

namespace {

void put_be32(std::vector<uint8_t>& v, uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(uint8_t(x >> s));
}

// A PNG signature and IHDR whose width * height overflows int64 (fuzz_image, crash-size-overflow.png).
std::vector<uint8_t> png_with_size(uint32_t w, uint32_t h) {
  std::vector<uint8_t> v = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  put_be32(v, 13);
  for (char c : std::string("IHDR")) v.push_back(uint8_t(c));
  put_be32(v, w);
  put_be32(v, h);
  for (uint8_t b : {8, 2, 0, 0, 0, 0, 0, 0, 0}) v.push_back(b);
  return v;
}

TEST(FuzzRegressions, PngHeaderWhosePixelCountOverflowsIsRefusedAsTooLarge) {
  const auto png = png_with_size(0xB6A9661Du, 0xFF7F0000u);
  try {
    tinge::load_image_from_memory(png.data(), png.size(), "forged.png");
    FAIL() << "a 3064555037 x 4286513152 header was accepted";
  } catch (const tinge::ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("too large"), std::string::npos) << e.what();
  }
}

std::string load_error(const std::vector<uint8_t>& bytes, int64_t max_pixels) {
  tinge::LoadLimits limits;
  limits.max_pixels = max_pixels;
  try {
    tinge::load_image_from_memory(bytes.data(), bytes.size(), "x.png", limits);
  } catch (const tinge::ImageError& e) {
    return e.what();
  }
  return "";
}

TEST(FuzzRegressions, PixelLimitIsStillExactAtTheBoundary) {
  const auto png = png_with_size(4, 4);  // a header only: never decodes, but the size is checked first
  EXPECT_NE(load_error(png, 15).find("too large"), std::string::npos);
  const std::string at_limit = load_error(png, 16);
  EXPECT_FALSE(at_limit.empty());  // no pixel data
  EXPECT_EQ(at_limit.find("too large"), std::string::npos) << at_limit;
}

TEST(FuzzRegressions, ActionScriptNumberTooLargeForADoubleIsAUsageError) {
  const std::string script = R"([{"action": "add_point", "x": 1e999, "y": 1, "ab": [0, 0]}])";
  try {
    tinge::parse_action_script(script, "big.json");
    FAIL() << "a number out of double range was accepted";
  } catch (const tinge::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("big.json"), std::string::npos) << e.what();
  }
}

}  // namespace
