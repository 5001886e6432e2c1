// The colour panel's row of clickable swatches (suggested and recent colours). Each shows the
// colour at the hint's lightness over its hue at a readable lightness, since at L 93 or L 2 every
// colour looks alike.
#pragma once
#include <imgui.h>

#include <functional>
#include <vector>

#include "app/editor_types.hpp"

namespace tinge {

// The colour `ab` at lightness L, as ImGui draws it.
ImVec4 display_colour(float L, Ab ab);

// Swatches `size` wide, as many to a row as fit, with the probability under each when `prob` has
// one; `note` is told where each was drawn. Returns the index clicked, or -1.
int swatches(const char* id, const std::vector<Ab>& list, const std::vector<float>& prob, float L, float size,
             const std::function<void(ImVec2, ImVec2)>& note);

}  // namespace tinge
