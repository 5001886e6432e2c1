#include "app/hint_list.hpp"

#include <imgui.h>

#include <cstdio>

#include "app/hint_colours.hpp"
#include "core/document.hpp"

namespace tinge {

void HintList::draw_summary() {
  Document& doc = ctx_.doc();
  const int n = doc.hint_count();
  ImGui::Text("%d hint%s", n, n == 1 ? "" : "s");
  ImGui::SameLine();
  if (ImGui::Button("Undo") && !doc.editing()) doc.undo();
  ImGui::SameLine();
  if (ImGui::Button("Redo") && !doc.editing()) doc.redo();
}

void HintList::draw_list() {
  Document& doc = ctx_.doc();
  if (doc.hint_count() == 0 ||
      !ImGui::BeginListBox("##hintlist", ImVec2(-1, 5.5f * ImGui::GetTextLineHeightWithSpacing())))
    return;
  const float swatch = 14 * ctx_.ui_scale();
  auto row = [&](const char* id, int i, float L, float a, float b, const char* label, bool selected) {
    const auto c = display_rgb(L, {a, b});
    ImGui::PushID(id);
    ImGui::PushID(i);
    ImGui::ColorButton("##c", ImVec4(c[0], c[1], c[2], 1.f), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(swatch, swatch));
    ImGui::SameLine();
    const bool clicked = ImGui::Selectable(label, selected);
    ImGui::PopID();
    ImGui::PopID();
    return clicked;
  };
  char label[96];
  for (int i = 0; i < doc.size(); ++i) {
    const HintPoint& p = doc.point(i);
    std::snprintf(label, sizeof(label), "%d  (%.0f, %.0f)  size %d", i, p.x, p.y, p.size);
    if (row("p", i, ctx_.lightness_at(p.x, p.y, p.size), p.a, p.b, label, doc.selected() == i)) doc.select(i);
  }
  for (int i = 0; i < int(doc.strokes().size()); ++i) {
    const HintStroke& s = doc.stroke(i);
    std::snprintf(label, sizeof(label), "stroke %d  (%.0f, %.0f)  %zu points, width %.0f", i, s.points[0].x,
                  s.points[0].y, s.points.size(), s.width);
    const ShapeRef ref{ShapeKind::kStroke, i};
    if (row("s", i, ctx_.lightness_at(s.points[0].x, s.points[0].y, int(s.width)), s.a, s.b, label,
            doc.selected_shape() == ref))
      doc.select_shape(ref);
  }
  for (int i = 0; i < int(doc.regions().size()); ++i) {
    const HintRegion& r = doc.region(i);
    std::snprintf(label, sizeof(label), "region %d  %zu vertices%s", i, r.polygon.size(),
                  r.a == 0.f && r.b == 0.f ? ", keep gray" : "");
    const ShapeRef ref{ShapeKind::kRegion, i};
    if (row("r", i, ctx_.lightness_at(r.polygon[0].x, r.polygon[0].y, 9), r.a, r.b, label,
            doc.selected_shape() == ref))
      doc.select_shape(ref);
  }
  ImGui::EndListBox();
}

}  // namespace tinge
