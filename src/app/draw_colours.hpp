// Colours as ImGui's draw lists take them (packed 8-bit RGBA), for the canvas overlays.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace tinge {

// sRGB channels and alpha in [0, 1] (clamped), packed.
inline ImU32 to_u32(const std::array<float, 3>& c, float alpha = 1.f) {
  auto ch = [](float v) { return int(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
  return IM_COL32(ch(c[0]), ch(c[1]), ch(c[2]), ch(alpha));
}

// A grey of 8-bit level v with alpha in [0, 1].
inline ImU32 grey(int v, float alpha) {
  return IM_COL32(v, v, v, int(std::lround(std::clamp(alpha, 0.f, 1.f) * 255.f)));
}

}  // namespace tinge
