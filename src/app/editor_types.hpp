// The vocabulary the editor's parts share: the opened photo, a hint's colour, the canvas's view
// modes and panes. No state lives here.
#pragma once
#include <imgui.h>

#include <array>
#include <cstdint>
#include <string>

#include "core/image.hpp"

namespace tinge {

// An opened photo; immutable once built, shared with the worker's jobs.
// The short side of the previews shown while a hint is dragged.
constexpr int kPreviewShortSide = 128;

struct ImageData {
  std::string path;
  Rgb8Image original;  // as displayed (8-bit; transparency composited on white)
  Plane L;             // full resolution, from the file's own samples (16-bit precision for 16-bit files)
  Plane alpha;         // 0..1, empty when the file has none: saved results keep it
  int bits = 8;        // the file's bits per sample: results are saved as deep where the format allows
  Plane L_work;        // the method's working resolution
  Plane L_preview;     // a cheaper resolution for live previews while a hint is dragged (kPreviewShortSide)
  uint64_t generation = 0;  // increases with each photo opened: results for an older one are dropped

  // The mean lightness of a hint's patch (size x size pixels around x, y), sampled on a grid.
  float lightness_at(double x, double y, int size) const;
};

// The value of plane `p` (any resolution) at (x, y) in full-resolution pixels of a full_w x full_h image.
float sample_at(const Plane& p, double x, double y, int full_w, int full_h);

// A hint's chroma (Lab a, b).
using Ab = std::array<float, 2>;

enum class ViewMode { Result, SideBySide, Split };

// Where one view of the image is drawn on screen (ImGui coordinates).
struct Pane {
  ImVec2 pos, size;
  bool original = false;
  bool contains(ImVec2 p) const {
    return p.x >= pos.x && p.y >= pos.y && p.x < pos.x + size.x && p.y < pos.y + size.y;
  }
};

}  // namespace tinge
