// Colour choice for the selected hint: the ab gamut picker at the hint's lightness (rendered by
// shaders/gamut.frag.glsl, out-of-gamut area hatched, zoomed to the region in gamut at that L),
// suggested colours (the network's with their probabilities, or propagation + typical colours
// without one; each also shown at a readable lightness, since at L 93 or L 2 every colour looks
// alike), recently used colours, RGB / hex fields (typed colours are brought into gamut at the
// hint's lightness, as the picker does, and the fields show the colour used), and the hint's
// patch size. Each gesture is one undo step.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

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

std::string hex_of(const std::array<float, 3>& c) {
  char buf[16];
  auto ch = [](float v) { return int(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
  std::snprintf(buf, sizeof(buf), "#%02x%02x%02x", ch(c[0]), ch(c[1]), ch(c[2]));
  return buf;
}

// The colour's hue where it can be seen: at L 60, with at least 35 units of chroma (in gamut).
// Near black or white the gamut allows a unit or two of chroma, yet the hue is meant: only a
// colour with no chroma to speak of stays grey.
ImVec4 readable_colour(Ab ab) {
  const float c = std::hypot(ab[0], ab[1]);
  if (c < 0.25f) return display_colour(60.f, {0.f, 0.f});
  const float k = std::max(c, 35.f) / c;
  return display_colour(60.f, {ab[0] * k, ab[1] * k});
}

// Clickable swatches, `per_row` to a row: each the colour at the hint's lightness over its hue at a
// readable lightness, with the probability under it when known. Returns the index clicked or -1.
int swatches(const char* id, const std::vector<Ab>& list, const std::vector<float>& prob, float L,
             float size, const std::function<void(ImVec2, ImVec2)>& note) {
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
    if (ImGui::IsItemHovered()) {
      if (i < int(prob.size()))
        ImGui::SetTooltip("%s at this point's lightness (%.0f%% likely); below: its hue at mid lightness\n"
                          "ab %.0f, %.0f",
                          hex_of(display_rgb(L, ab)).c_str(), 100.f * prob[size_t(i)], ab[0], ab[1]);
      else
        ImGui::SetTooltip("%s at this point's lightness; below: its hue at mid lightness\nab %.0f, %.0f",
                          hex_of(display_rgb(L, ab)).c_str(), ab[0], ab[1]);
    }
    ImGui::PopID();
  }
  ImGui::PopID();
  return clicked;
}

// The picker's square: around the region in gamut at L with a margin, half-side in steps of 5 ab
// units (15 to 110). At L 2 the gamut is a few units wide; at L 96 a sliver towards yellow.
struct PickerView {
  std::array<float, 2> centre{0.f, 0.f};
  float half = 110.f;
};

PickerView picker_view(float L) {
  float a0 = 0.f, a1 = 0.f, b0 = 0.f, b1 = 0.f;
  for (int k = 0; k < 72; ++k) {
    const float h = float(k) * 6.2831853f / 72.f;
    const auto g = clamp_to_gamut(L, 150.f * std::cos(h), 150.f * std::sin(h));
    a0 = std::min(a0, g[0]), a1 = std::max(a1, g[0]), b0 = std::min(b0, g[1]), b1 = std::max(b1, g[1]);
  }
  PickerView v;
  v.half = std::clamp(5.f * std::ceil(0.5f * std::max(a1 - a0, b1 - b0) * 1.15f / 5.f), 15.f, 110.f);
  v.centre = {std::round(0.5f * (a0 + a1)), std::round(0.5f * (b0 + b1))};
  return v;
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

Ab EditorApp::typed_colour(int point, const Lab& typed) {
  const HintPoint& p = doc_.point(point);
  const float L = lightness_at(p.x, p.y, p.size);
  const auto g = clamp_to_gamut(L, typed[1], typed[2]);
  const Ab ab{g[0], g[1]};
  const std::string used = hex_of(display_rgb(L, ab));
  const float lost = std::hypot(typed[1], typed[2]) - std::hypot(g[0], g[1]);
  char note[160];
  std::snprintf(note, sizeof(note), "%s at this point's lightness (L %.0f)%s: %s", lost > 0.5f ? "Too vivid" : "Used",
                L, lost > 0.5f ? ", its chroma reduced to fit" : "", used.c_str());
  typed_note_ = note;
  typed_note_point_ = point;
  return ab;
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
  draw_gamut_picker(sel, L);
  draw_typed_colour(sel, L);
  draw_suggestions(sel, L);
}

void EditorApp::draw_gamut_picker(int sel, float L) {
  // Half-unit steps of L: the plane looks the same, and dragging a hint does not re-render it
  // every frame (costly with software OpenGL).
  const float Lq = std::round(L * 2.f) / 2.f;
  const PickerView view = picker_view(Lq);
  const float side = std::min(ImGui::GetContentRegionAvail().x, 240.f * ui_scale_);
  const float fb = ImGui::GetIO().DisplayFramebufferScale.x;
  Texture& tex = compositor_->gamut_picker(Lq, view.centre, view.half, int(side * std::max(1.f, fb)));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Image(tex.imgui_id(), ImVec2(side, side));
  note_layout("picker", p0, ImVec2(side, side), std::to_string(int(view.half)));
  ImGui::SetCursorScreenPos(p0);
  ImGui::InvisibleButton("##gamut", ImVec2(side, side));
  if (ImGui::IsItemActivated() && !picking_) {
    doc_.begin_edit();
    picking_ = true;
  }
  if (picking_ && ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float a = view.centre[0] + view.half * (2.f * std::clamp((m.x - p0.x) / side, 0.f, 1.f) - 1.f);
    const float b = view.centre[1] + view.half * (1.f - 2.f * std::clamp((m.y - p0.y) / side, 0.f, 1.f));
    auto ab = clamp_to_gamut(L, a, b);
    doc_.set_color(sel, ab[0], ab[1]);
  }
  if (picking_ && !ImGui::IsItemActive()) {
    doc_.end_edit();
    picking_ = false;
    remember_color({doc_.point(sel).a, doc_.point(sel).b});
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The neutral axes, where they are in view.
  auto to_x = [&](float a) { return p0.x + (0.5f + 0.5f * (a - view.centre[0]) / view.half) * side; };
  auto to_y = [&](float b) { return p0.y + (0.5f - 0.5f * (b - view.centre[1]) / view.half) * side; };
  const ImU32 axis = IM_COL32(255, 255, 255, 60);
  if (to_y(0) >= p0.y && to_y(0) <= p0.y + side) dl->AddLine(ImVec2(p0.x, to_y(0)), ImVec2(p0.x + side, to_y(0)), axis);
  if (to_x(0) >= p0.x && to_x(0) <= p0.x + side) dl->AddLine(ImVec2(to_x(0), p0.y), ImVec2(to_x(0), p0.y + side), axis);
  const HintPoint& cur = doc_.point(sel);
  const ImVec2 at(std::clamp(to_x(cur.a), p0.x, p0.x + side), std::clamp(to_y(cur.b), p0.y, p0.y + side));
  dl->AddCircle(at, 6.f * ui_scale_, IM_COL32(0, 0, 0, 255), 0, 3.f * ui_scale_);
  dl->AddCircle(at, 6.f * ui_scale_, IM_COL32(255, 255, 255, 255), 0, 1.5f * ui_scale_);
  ImGui::TextDisabled("a %.1f  b %.1f   shown: %.0f units across", cur.a, cur.b, 2.f * view.half);
}

void EditorApp::draw_typed_colour(int sel, float L) {
  // Exact colours: RGB and hex. Only the colour's chroma is kept; L comes from the photo, and the
  // chroma is brought into gamut there. The fields show the colour in use.
  const HintPoint& cur = doc_.point(sel);
  const auto used = display_rgb(L, {cur.a, cur.b});
  float rgb[3] = {used[0], used[1], used[2]};
  ImGui::SetNextItemWidth(-1);
  const bool rgb_changed = ImGui::ColorEdit3("##rgb", rgb,
                                             ImGuiColorEditFlags_DisplayRGB | ImGuiColorEditFlags_NoPicker |
                                                 ImGuiColorEditFlags_NoOptions);
  if (rgb_changed) {
    if (!rgb_editing_) doc_.begin_edit();
    rgb_editing_ = true;
    const Ab ab = typed_colour(sel, srgb_to_lab({rgb[0], rgb[1], rgb[2]}));
    doc_.set_color(sel, ab[0], ab[1]);
    typed_note_rev_ = doc_.revision();
  }
  if (rgb_editing_ && !ImGui::IsItemActive()) {
    doc_.end_edit();
    rgb_editing_ = false;
    remember_color({doc_.point(sel).a, doc_.point(sel).b});
  }
  // The hex field follows the hint (selection, undo, picker) except while it is being typed in.
  if (!hex_active_) std::snprintf(hex_buf_, sizeof(hex_buf_), "%s", hex_of(used).c_str());
  ImGui::SetNextItemWidth(120 * ui_scale_);
  if (ImGui::InputTextWithHint("hex (Enter)", "#rrggbb", hex_buf_, sizeof(hex_buf_),
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    uint8_t v[3];
    if (parse_hex(hex_buf_, v)) {
      apply_color(sel, typed_colour(sel, srgb8_to_lab(v[0], v[1], v[2])));
      typed_note_rev_ = doc_.revision();
    } else
      report_error("hex colour '" + std::string(hex_buf_) + "' is not #rrggbb");
  }
  hex_active_ = ImGui::IsItemActive();
  note_layout("hex", ImGui::GetItemRectMin(), ImGui::GetItemRectSize(), hex_buf_);
  if (typed_note_point_ == sel && typed_note_rev_ == doc_.revision() && !typed_note_.empty()) {
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextColored(ImVec4(1.f, 0.8f, 0.4f, 1.f), "%s", typed_note_.c_str());
    ImGui::PopTextWrapPos();
  }
}

void EditorApp::draw_suggestions(int sel, float L) {
  if (!doc_.editing()) request_suggestions(sel);
  ImGui::Spacing();
  ImGui::TextUnformatted(suggestions_.from_model ? "Suggested by the network"
                                                 : "Suggestions (no network: propagated, typical)");
  const float sw = 30.f * ui_scale_;
  if (suggestions_.point == sel && !suggestions_.ab.empty()) {
    int k = swatches("sugg", suggestions_.ab, suggestions_.probability, L, sw,
                     [this](ImVec2 p, ImVec2 sz) { note_layout("suggestion", p, sz); });
    if (k >= 0) apply_color(sel, suggestions_.ab[size_t(k)]);
  } else {
    ImGui::TextDisabled("computing...");
  }
  if (!recent_colors_.empty()) {
    ImGui::TextUnformatted("Recent colours");
    int k = swatches("recent", recent_colors_, {}, L, 24.f * ui_scale_, [](ImVec2, ImVec2) {});
    if (k >= 0) apply_color(sel, recent_colors_[size_t(k)]);
  }
}

}  // namespace tinge
