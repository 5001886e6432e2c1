// How hint colours are shown and typed: a hint's chroma at its lightness as sRGB, hex text, and the
// typical colours offered when no network suggests any. GL-free.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "app/editor_types.hpp"

namespace tinge {

// How a hint's colour looks at lightness L: brought into gamut, sRGB channels in [0, 1].
std::array<float, 3> display_rgb(float L, Ab ab);

// Typical colours of old photographs' subjects (sky, foliage, skin, wood, brick, water, straw,
// cloth), brought into gamut at lightness L: the suggestions when no network is loaded.
std::vector<Ab> natural_palette(float L);

// "#rrggbb" of sRGB channels in [0, 1]; and its reading ("#" optional), false when malformed.
std::string hex_of(const std::array<float, 3>& rgb);
bool parse_hex(std::string s, uint8_t rgb[3]);

}  // namespace tinge
