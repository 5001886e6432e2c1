// The quantised ab space: a 10-unit grid over a, b in [-110, 110] (23 x 23 = 529 cells, centres at
// -110, -100, ..., 110) and the in-gamut subset: the cells that some 8-bit sRGB colour falls into.
#pragma once
#include <array>
#include <vector>

namespace tinge {

// True when (L, a, b) maps to sRGB with every channel in [0 - eps, 1 + eps].
bool in_gamut(float L, float a, float b, float eps = 1e-4f);

// Brings (a, b) into the sRGB gamut at lightness L by scaling chroma towards (0, 0) while keeping the
// hue (binary search on the chroma). In-gamut input is returned unchanged.
std::array<float, 2> clamp_to_gamut(float L, float a, float b);

class AbGrid {
 public:
  static constexpr int kSide = 23;
  static constexpr float kStep = 10.f;
  static constexpr float kMin = -110.f;

  // Builds the in-gamut subset: every cell that some 8-bit sRGB colour quantises to (261 cells).
  AbGrid();
  // Rebuilds from a stored list of cell indices (0..528, row = b index, col = a index).
  explicit AbGrid(std::vector<int> cells);

  int size() const { return int(cells_.size()); }                 // number of in-gamut bins (Q)
  const std::vector<int>& cells() const { return cells_; }        // grid cell index of each bin
  std::array<float, 2> center(int bin) const;                     // (a, b) of a bin's centre
  int bin_of(float a, float b) const;                             // nearest in-gamut bin
  int cell_of(float a, float b) const;                            // nearest grid cell (0..528)
  int bin_of_cell(int cell) const { return cell_to_bin_[cell]; }  // -1 when out of gamut

 private:
  std::vector<int> cells_;
  std::vector<int> cell_to_bin_;
  std::vector<std::vector<int>> candidates_;  // per out-of-gamut cell: bins that can be nearest
};

}  // namespace tinge
