#include "app/hint_list.hpp"

#include <imgui.h>

#include <cstdio>

#include "app/hint_colours.hpp"
#include "core/document.hpp"

namespace tinge {

void HintList::draw_summary() {
  Document& doc = ctx_.doc();
  ImGui::Text("%d hint%s", doc.size(), doc.size() == 1 ? "" : "s");
  ImGui::SameLine();
  if (ImGui::Button("Undo") && !doc.editing()) doc.undo();
  ImGui::SameLine();
  if (ImGui::Button("Redo") && !doc.editing()) doc.redo();
}

void HintList::draw_list() {
  Document& doc = ctx_.doc();
  if (doc.size() == 0 ||
      !ImGui::BeginListBox("##hintlist", ImVec2(-1, 5.5f * ImGui::GetTextLineHeightWithSpacing())))
    return;
  const float swatch = 14 * ctx_.ui_scale();
  for (int i = 0; i < doc.size(); ++i) {
    const HintPoint& p = doc.point(i);
    const auto c = display_rgb(ctx_.lightness_at(p.x, p.y, p.size), {p.a, p.b});
    ImGui::PushID(i);
    ImGui::ColorButton("##c", ImVec4(c[0], c[1], c[2], 1.f), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(swatch, swatch));
    ImGui::SameLine();
    char label[96];
    std::snprintf(label, sizeof(label), "%d  (%.0f, %.0f)  size %d", i, p.x, p.y, p.size);
    if (ImGui::Selectable(label, doc.selected() == i)) doc.select(i);
    ImGui::PopID();
  }
  ImGui::EndListBox();
}

}  // namespace tinge
