// The sRGB gamut test, hue-preserving gamut clamping and the quantised ab grid.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/ab_grid.hpp"
#include "core/color.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

TEST(Gamut, GreyIsAlwaysInGamut) {
  for (float L = 0.f; L <= 100.f; L += 0.25f) EXPECT_TRUE(in_gamut(L, 0.f, 0.f)) << L;
  EXPECT_FALSE(in_gamut(101.f, 0.f, 0.f));
  EXPECT_FALSE(in_gamut(-1.f, 0.f, 0.f));
}

TEST(Gamut, PrimariesAreOnTheEdge) {
  Lab red = srgb8_to_lab(255, 0, 0);
  EXPECT_TRUE(in_gamut(red[0], red[1], red[2]));
  EXPECT_FALSE(in_gamut(red[0], red[1] * 1.05f, red[2] * 1.05f));
  EXPECT_FALSE(in_gamut(50.f, 0.f, -120.f));
  EXPECT_FALSE(in_gamut(50.f, NAN, 0.f));
}

TEST(Gamut, ClampLeavesInGamutInputUnchanged) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 500; ++i) {
    Lab lab = srgb8_to_lab(uint8_t(byte(rng)), uint8_t(byte(rng)), uint8_t(byte(rng)));
    if (!in_gamut(lab[0], lab[1], lab[2])) continue;
    auto ab = clamp_to_gamut(lab[0], lab[1], lab[2]);
    EXPECT_EQ(ab[0], lab[1]);
    EXPECT_EQ(ab[1], lab[2]);
  }
}

TEST(Gamut, ClampReturnsInGamutValuesWithTheSameHue) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> Ld(1.f, 99.f), ab(-128.f, 128.f);
  int clamped = 0;
  for (int i = 0; i < 2000; ++i) {
    float L = Ld(rng), a = ab(rng), b = ab(rng);
    auto out = clamp_to_gamut(L, a, b);
    ASSERT_TRUE(in_gamut(L, out[0], out[1])) << L << " " << a << " " << b;
    float c_in = std::hypot(a, b), c_out = std::hypot(out[0], out[1]);
    EXPECT_LE(c_out, c_in + 1e-4f);
    if (c_out > 1e-3f) {
      EXPECT_NEAR(std::atan2(out[1], out[0]), std::atan2(b, a), 1e-4f);
    }
    if (!in_gamut(L, a, b)) {
      ++clamped;
      // The search lands close to the boundary: 1% more chroma leaves the gamut.
      if (c_out > 1.f) EXPECT_FALSE(in_gamut(L, out[0] * 1.01f, out[1] * 1.01f));
    }
  }
  EXPECT_GT(clamped, 500);  // the sample really exercises the clamp
}

TEST(Gamut, ClampOfImpossibleLightnessIsGrey) {
  auto out = clamp_to_gamut(120.f, 30.f, 30.f);
  EXPECT_EQ(out[0], 0.f);
  EXPECT_EQ(out[1], 0.f);
}

TEST(AbGrid, HasTheDocumentedNumberOfBins) {
  AbGrid grid;
  EXPECT_EQ(grid.size(), 261);  // see ab_grid.cpp
  EXPECT_GE(grid.size(), 250);
  EXPECT_LE(grid.size(), 340);
  // Grey is a bin, the far corners are not.
  EXPECT_GE(grid.bin_of_cell(grid.cell_of(0.f, 0.f)), 0);
  EXPECT_EQ(grid.bin_of_cell(0), -1);
  EXPECT_EQ(grid.bin_of_cell(528), -1);
}

// Every 8-bit colour's nearest cell is a bin (the defining rule), including the saturated primaries.
TEST(AbGrid, EveryEightBitColourHasItsOwnCell) {
  AbGrid grid;
  for (int r = 0; r < 256; r += 5)
    for (int g = 0; g < 256; g += 5)
      for (int b = 0; b < 256; b += 5) {
        Lab lab = srgb8_to_lab(uint8_t(r), uint8_t(g), uint8_t(b));
        ASSERT_GE(grid.bin_of_cell(grid.cell_of(lab[1], lab[2])), 0) << r << "," << g << "," << b;
      }
  Lab blue = srgb8_to_lab(0, 0, 255);
  EXPECT_GE(grid.bin_of_cell(grid.cell_of(blue[1], blue[2])), 0);
  // And no bin lies outside the gamut: some point of each bin's square is in gamut at some L.
  for (int bin = 0; bin < grid.size(); ++bin) {
    auto c = grid.center(bin);
    bool hit = false;
    for (int L = 0; L < 100 && !hit; ++L)
      for (int i = 0; i <= 10 && !hit; ++i)
        for (int j = 0; j <= 10 && !hit; ++j) hit = in_gamut(L + 0.5f, c[0] - 5 + i, c[1] - 5 + j);
    EXPECT_TRUE(hit) << c[0] << "," << c[1];
  }
}

TEST(AbGrid, CellLayoutIsRowBColA) {
  AbGrid grid;
  EXPECT_EQ(grid.cell_of(-110.f, -110.f), 0);
  EXPECT_EQ(grid.cell_of(-100.f, -110.f), 1);
  EXPECT_EQ(grid.cell_of(-110.f, -100.f), 23);
  EXPECT_EQ(grid.cell_of(0.f, 0.f), 11 * 23 + 11);
  EXPECT_EQ(grid.cell_of(4.9f, -4.9f), 11 * 23 + 11);
  EXPECT_EQ(grid.cell_of(500.f, -500.f), 0 * 23 + 22);  // clamped to the grid
  for (int bin = 0; bin < grid.size(); ++bin) {
    auto c = grid.center(bin);
    EXPECT_EQ(grid.cell_of(c[0], c[1]), grid.cells()[bin]);
  }
}

TEST(AbGrid, CentresRoundTripThroughBinOf) {
  AbGrid grid;
  for (int bin = 0; bin < grid.size(); ++bin) {
    auto c = grid.center(bin);
    EXPECT_EQ(grid.bin_of(c[0], c[1]), bin);
    EXPECT_EQ(grid.bin_of(c[0] + 4.f, c[1] - 4.f), bin);
    EXPECT_EQ(grid.bin_of_cell(grid.cells()[bin]), bin);
  }
}

TEST(AbGrid, BinOfIsTheNearestBinEverywhere) {
  AbGrid grid;
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> ab(-150.f, 150.f);
  for (int i = 0; i < 5000; ++i) {
    float a = ab(rng), b = ab(rng);
    int got = grid.bin_of(a, b);
    ASSERT_GE(got, 0);
    auto cg = grid.center(got);
    float dg = std::hypot(a - cg[0], b - cg[1]);
    for (int bin = 0; bin < grid.size(); ++bin) {
      auto c = grid.center(bin);
      ASSERT_LE(dg, std::hypot(a - c[0], b - c[1]) + 1e-4f) << a << " " << b;
    }
  }
}

TEST(AbGrid, RebuildsFromItsCellList) {
  AbGrid grid;
  AbGrid copy(grid.cells());
  EXPECT_EQ(copy.size(), grid.size());
  EXPECT_EQ(copy.bin_of(37.f, -61.f), grid.bin_of(37.f, -61.f));
  AbGrid small({0, 528});
  EXPECT_EQ(small.bin_of(-100.f, -100.f), 0);
  EXPECT_EQ(small.bin_of(90.f, 95.f), 1);
  EXPECT_THROW(AbGrid({0, 529}), Error);
  EXPECT_THROW(AbGrid({3, 3}), Error);
  EXPECT_THROW(AbGrid(std::vector<int>{}), Error);
  EXPECT_THROW(grid.center(grid.size()), Error);
}

}  // namespace
}  // namespace tinge
