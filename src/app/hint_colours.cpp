#include "app/hint_colours.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/ab_grid.hpp"
#include "core/color.hpp"

namespace tinge {

std::array<float, 3> display_rgb(float L, Ab ab) {
  const auto g = clamp_to_gamut(L, ab[0], ab[1]);
  Rgb c = lab_to_srgb({L, g[0], g[1]});
  for (float& v : c) v = std::clamp(v, 0.f, 1.f);
  return c;
}

std::vector<Ab> natural_palette(float L) {
  static const uint8_t kColours[][3] = {
      {110, 150, 200},  // sky
      {85, 125, 60},    // foliage
      {226, 180, 150},  // skin
      {140, 95, 60},    // wood, earth
      {170, 70, 50},    // brick
      {60, 120, 135},   // water
      {205, 175, 95},   // straw, sand
      {120, 80, 140},   // cloth
  };
  std::vector<Ab> out;
  for (const auto& c : kColours) {
    Lab lab = srgb8_to_lab(c[0], c[1], c[2]);
    auto ab = clamp_to_gamut(L, lab[1], lab[2]);
    out.push_back({ab[0], ab[1]});
  }
  return out;
}

std::string hex_of(const std::array<float, 3>& c) {
  char buf[16];
  auto ch = [](float v) { return int(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
  std::snprintf(buf, sizeof(buf), "#%02x%02x%02x", ch(c[0]), ch(c[1]), ch(c[2]));
  return buf;
}

bool parse_hex(std::string s, uint8_t rgb[3]) {
  if (!s.empty() && s[0] == '#') s.erase(0, 1);
  if (s.size() != 6) return false;
  unsigned v = 0;
  if (std::sscanf(s.c_str(), "%6x", &v) != 1) return false;
  rgb[0] = uint8_t(v >> 16);
  rgb[1] = uint8_t(v >> 8);
  rgb[2] = uint8_t(v);
  return true;
}

}  // namespace tinge
