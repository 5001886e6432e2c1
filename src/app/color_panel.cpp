// Colour choice for the selected hint: the ab gamut picker at the hint's lightness (rendered by
// shaders/gamut.frag.glsl, out-of-gamut area hatched), suggested colours (the network's, or
// propagation + typical colours without one), recently used colours, an RGB / hex field, and the
// hint's patch size. Each gesture is one undo step.
#include <cmath>
#include <cstdio>

#include "app/editor_app.hpp"
#include "core/ab_grid.hpp"
#include "core/color.hpp"

namespace tinge {
namespace {

ImVec4 display_colour(float L, Ab ab) {
  const auto c = display_rgb(L, ab);
  return ImVec4(c[0], c[1], c[2], 1.f);
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

// A row of clickable swatches; returns the index clicked or -1.
int swatches(const char* id, const std::vector<Ab>& list, float L, float size) {
  int clicked = -1;
  const float avail = ImGui::GetContentRegionAvail().x;
  float x = 0;
  for (int i = 0; i < int(list.size()); ++i) {
    if (i > 0 && x + size < avail)
      ImGui::SameLine();
    else if (i > 0)
      x = 0;
    ImGui::PushID(id);
    ImGui::PushID(i);
    char tip[48];
    std::snprintf(tip, sizeof(tip), "ab %.0f, %.0f", list[size_t(i)][0], list[size_t(i)][1]);
    if (ImGui::ColorButton(tip, display_colour(L, list[size_t(i)]), 0, ImVec2(size, size))) clicked = i;
    ImGui::PopID();
    ImGui::PopID();
    x += size + ImGui::GetStyle().ItemSpacing.x;
  }
  return clicked;
}

}  // namespace

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

void EditorApp::remember_color(Ab ab) {
  for (auto it = recent_colors_.begin(); it != recent_colors_.end();)
    it = std::hypot((*it)[0] - ab[0], (*it)[1] - ab[1]) < 1.f ? recent_colors_.erase(it) : it + 1;
  recent_colors_.insert(recent_colors_.begin(), ab);
  if (recent_colors_.size() > 12) recent_colors_.resize(12);
}

void EditorApp::apply_color(int point, Ab ab) {
  doc_.set_color(point, ab[0], ab[1]);
  remember_color(ab);
}

void EditorApp::draw_color_panel() {
  const int sel = doc_.selected();
  if (sel < 0 || !image_) {
    ImGui::TextWrapped("Click the photo to add a hint, click a hint to select it.");
    return;
  }
  const HintPoint p = doc_.point(sel);
  const float L = lightness_at(p.x, p.y, p.size);
  ImGui::Text("Hint %d at (%.0f, %.0f), L %.0f", sel, p.x, p.y, L);

  // Patch size.
  int size = p.size;
  ImGui::SetNextItemWidth(-80 * ui_scale_);
  const bool size_changed = ImGui::SliderInt("patch size", &size, 1, 128);
  if (size_changed) {
    if (!size_editing_) doc_.begin_edit();
    size_editing_ = true;
    doc_.set_size(sel, size);
    default_size_ = size;
  }
  if (size_editing_ && !ImGui::IsItemActive()) {
    doc_.end_edit();
    size_editing_ = false;
  }

  // The ab picker at this hint's lightness.
  const float side = std::min(ImGui::GetContentRegionAvail().x, 240.f * ui_scale_);
  const float fb = ImGui::GetIO().DisplayFramebufferScale.x;
  // Half-unit steps of L: the plane looks the same, and dragging a hint does not re-render it
  // every frame (costly with software OpenGL).
  Texture& tex = compositor_->gamut_picker(std::round(L * 2.f) / 2.f, int(side * std::max(1.f, fb)));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Image(tex.imgui_id(), ImVec2(side, side));
  ImGui::SetCursorScreenPos(p0);
  ImGui::InvisibleButton("##gamut", ImVec2(side, side));
  if (ImGui::IsItemActivated() && !picking_) {
    doc_.begin_edit();
    picking_ = true;
  }
  if (picking_ && ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float a = -110.f + 220.f * std::clamp((m.x - p0.x) / side, 0.f, 1.f);
    const float b = 110.f - 220.f * std::clamp((m.y - p0.y) / side, 0.f, 1.f);
    auto ab = clamp_to_gamut(L, a, b);
    doc_.set_color(sel, ab[0], ab[1]);
  }
  if (picking_ && !ImGui::IsItemActive()) {
    doc_.end_edit();
    picking_ = false;
    remember_color({doc_.point(sel).a, doc_.point(sel).b});
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 mid(p0.x + side * 0.5f, p0.y + side * 0.5f);
  dl->AddLine(ImVec2(p0.x, mid.y), ImVec2(p0.x + side, mid.y), IM_COL32(255, 255, 255, 60));
  dl->AddLine(ImVec2(mid.x, p0.y), ImVec2(mid.x, p0.y + side), IM_COL32(255, 255, 255, 60));
  const HintPoint& cur = doc_.point(sel);
  const ImVec2 at(p0.x + (cur.a + 110.f) / 220.f * side, p0.y + (110.f - cur.b) / 220.f * side);
  dl->AddCircle(at, 6.f * ui_scale_, IM_COL32(0, 0, 0, 255), 0, 3.f * ui_scale_);
  dl->AddCircle(at, 6.f * ui_scale_, IM_COL32(255, 255, 255, 255), 0, 1.5f * ui_scale_);
  ImGui::TextDisabled("a %.1f  b %.1f  (hatched: out of gamut)", cur.a, cur.b);

  // Exact colours: RGB and hex. Only the colour's chroma is kept; L comes from the photo.
  ImVec4 c = display_colour(L, {cur.a, cur.b});
  float rgb[3] = {c.x, c.y, c.z};
  ImGui::SetNextItemWidth(-1);
  const bool rgb_changed = ImGui::ColorEdit3("##rgb", rgb,
                                             ImGuiColorEditFlags_DisplayRGB | ImGuiColorEditFlags_NoPicker |
                                                 ImGuiColorEditFlags_NoOptions);
  if (rgb_changed) {
    if (!rgb_editing_) doc_.begin_edit();
    rgb_editing_ = true;
    Lab lab = srgb_to_lab({rgb[0], rgb[1], rgb[2]});
    doc_.set_color(sel, lab[1], lab[2]);
  }
  if (rgb_editing_ && !ImGui::IsItemActive()) {
    doc_.end_edit();
    rgb_editing_ = false;
    remember_color({doc_.point(sel).a, doc_.point(sel).b});
  }
  ImGui::SetNextItemWidth(120 * ui_scale_);
  if (ImGui::InputTextWithHint("hex (Enter)", "#rrggbb", hex_buf_, sizeof(hex_buf_),
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    uint8_t v[3];
    if (parse_hex(hex_buf_, v)) {
      Lab lab = srgb8_to_lab(v[0], v[1], v[2]);
      apply_color(sel, {lab[1], lab[2]});
    } else {
      report_error("hex colour '" + std::string(hex_buf_) + "' is not #rrggbb");
    }
  }

  // Suggestions and recent colours.
  if (!doc_.editing()) request_suggestions(sel);
  ImGui::Spacing();
  ImGui::TextUnformatted(suggestions_.from_model ? "Suggested by the network"
                                                 : "Suggestions (no network: propagated, typical)");
  const float sw = 24.f * ui_scale_;
  if (suggestions_.point == sel && !suggestions_.ab.empty()) {
    int k = swatches("sugg", suggestions_.ab, L, sw);
    if (k >= 0) apply_color(sel, suggestions_.ab[size_t(k)]);
  } else {
    ImGui::TextDisabled("computing...");
  }
  if (!recent_colors_.empty()) {
    ImGui::TextUnformatted("Recent colours");
    int k = swatches("recent", recent_colors_, L, sw);
    if (k >= 0) apply_color(sel, recent_colors_[size_t(k)]);
  }
}

}  // namespace tinge
