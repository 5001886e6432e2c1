#include "app/colour_swatches.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/hint_colours.hpp"

namespace tinge {
namespace {

// The colour's hue where it can be seen: at L 60, with at least 35 units of chroma (in gamut).
// Near black or white the gamut allows a unit or two of chroma, yet the hue is meant: only a
// colour with no chroma to speak of stays grey.
ImVec4 readable_colour(Ab ab) {
  const float c = std::hypot(ab[0], ab[1]);
  if (c < 0.25f) return display_colour(60.f, {0.f, 0.f});
  const float k = std::max(c, 35.f) / c;
  return display_colour(60.f, {ab[0] * k, ab[1] * k});
}

void swatch_tooltip(float L, Ab ab, const std::vector<float>& prob, int i) {
  const std::string hex = hex_of(display_rgb(L, ab));
  if (i < int(prob.size()))
    ImGui::SetTooltip(
        "%s at this point's lightness (%.0f%% likely); below: its hue at mid lightness\n"
        "ab %.0f, %.0f",
        hex.c_str(), 100.f * prob[size_t(i)], ab[0], ab[1]);
  else
    ImGui::SetTooltip("%s at this point's lightness; below: its hue at mid lightness\nab %.0f, %.0f",
                      hex.c_str(), ab[0], ab[1]);
}

}  // namespace

ImVec4 display_colour(float L, Ab ab) {
  const auto c = display_rgb(L, ab);
  return ImVec4(c[0], c[1], c[2], 1.f);
}

int swatches(const char* id, const std::vector<Ab>& list, const std::vector<float>& prob, float L, float size,
             const std::function<void(ImVec2, ImVec2)>& note) {
  int clicked = -1;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float pitch = size + ImGui::GetStyle().ItemSpacing.x;
  const int per_row = std::max(1, int((avail + ImGui::GetStyle().ItemSpacing.x) / pitch));
  ImGui::PushID(id);
  for (int i = 0; i < int(list.size()); ++i) {
    if (i % per_row) ImGui::SameLine();
    const Ab ab = list[size_t(i)];
    ImGui::PushID(i);
    ImGui::BeginGroup();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##sw", ImVec2(size, size * 1.5f))) clicked = i;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 mid(p0.x + size, p0.y + size), end(p0.x + size, p0.y + size * 1.5f);
    dl->AddRectFilled(p0, mid, ImGui::GetColorU32(display_colour(L, ab)));
    dl->AddRectFilled(ImVec2(p0.x, mid.y), end, ImGui::GetColorU32(readable_colour(ab)));
    dl->AddRect(p0, end, ImGui::IsItemHovered() ? IM_COL32(255, 200, 0, 255) : IM_COL32(0, 0, 0, 255));
    note(p0, ImVec2(size, size * 1.5f));
    if (i < int(prob.size())) {
      char pct[16];
      std::snprintf(pct, sizeof(pct), "%.0f%%", 100.f * prob[size_t(i)]);
      const float tw = ImGui::CalcTextSize(pct).x;
      ImGui::SetCursorScreenPos(ImVec2(p0.x + 0.5f * (size - tw), end.y + 1.f));
      ImGui::TextUnformatted(pct);
    }
    ImGui::EndGroup();
    if (ImGui::IsItemHovered()) swatch_tooltip(L, ab, prob, i);
    ImGui::PopID();
  }
  ImGui::PopID();
  return clicked;
}

}  // namespace tinge
