// The sRGB gamut's largest chroma at each lightness and hue, tabulated, so a renderer can bring a
// colour into gamut (scale its chroma at constant L and hue, the rule of lab_planes_to_srgb8) with
// one table lookup instead of a per-pixel bisection. The editor's compose shader samples it as a
// texture; `clamp_chroma` here does the same bilinear lookup on the CPU so tests can hold the
// table to the exact clamp.
#pragma once
#include <vector>

namespace tinge {

struct GamutTable {
  // Row i is L = 100 * i / (rows - 1); column j is hue = 2 pi * j / cols (atan2(b, a), wrapping).
  int rows = 0, cols = 0;
  std::vector<float> max_chroma;  // rows * cols, row-major

  // Bilinear in L (clamped to [0, 100]) and hue (wrapping), as a GPU texture unit samples it.
  float lookup(float L, float hue) const;
  // An out-of-gamut (L, a, b) gets its chroma scaled down to lookup(L, hue); in-gamut colours
  // are left alone (where a channel grazes its limit the boundary is not convex in chroma).
  void clamp_chroma(float L, float& a, float& b) const;
  // The same for a colour already known to be out of gamut. Non-finite input is left as it is (and
  // lookup() reads the table at L = 0 or hue = 0 for it): it never indexes outside the table.
  void clamp_chroma_out_of_gamut(float L, float& a, float& b) const;
};

// At each grid point the chroma where the colour first leaves the gamut going out from grey, to
// 1e-3 (about 70 ms for 128 x 256 on one core here).
GamutTable make_gamut_table(int rows = 128, int cols = 256);

}  // namespace tinge
