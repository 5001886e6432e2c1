#include "app/colour_panel.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>

#include "app/colour_suggestions.hpp"
#include "app/colour_swatches.hpp"
#include "app/compositor.hpp"
#include "app/hint_colours.hpp"
#include "app/inference_worker.hpp"
#include "core/ab_grid.hpp"
#include "core/document.hpp"

namespace tinge {
namespace {

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

int ColourPanel::new_hint_size(const ImageData& img) const {
  return default_size_ > 0 ? default_size_ : std::max(5, std::min(img.L.width, img.L.height) / 64);
}

void ColourPanel::reset() {
  picking_ = rgb_editing_ = size_editing_ = false;
  suggestions_ = Suggestions();
}

void ColourPanel::remember(Ab ab) {
  for (auto it = recent_.begin(); it != recent_.end();)
    it = std::hypot((*it)[0] - ab[0], (*it)[1] - ab[1]) < 1.f ? recent_.erase(it) : it + 1;
  recent_.insert(recent_.begin(), ab);
  if (recent_.size() > 12) recent_.resize(12);
  remember_current(ab);
}

void ColourPanel::remember_current(Ab ab) {
  current_ = ab;
  has_current_ = true;
}

ColourTarget ColourPanel::selected_target() const {
  const Document& doc = ctx_.doc();
  return ColourTarget{doc.selected(), doc.selected_shape()};
}

Ab ColourPanel::ab_of(const ColourTarget& t) const {
  const Document& doc = ctx_.doc();
  if (t.point >= 0) return {doc.point(t.point).a, doc.point(t.point).b};
  if (t.shape.valid() && t.shape.kind == ShapeKind::kStroke)
    return {doc.stroke(t.shape.index).a, doc.stroke(t.shape.index).b};
  if (t.shape.valid()) return {doc.region(t.shape.index).a, doc.region(t.shape.index).b};
  return current_;
}

void ColourPanel::set_ab(const ColourTarget& t, Ab ab) {
  Document& doc = ctx_.doc();
  if (t.point >= 0)
    doc.set_color(t.point, ab[0], ab[1]);
  else if (t.shape.valid())
    doc.set_shape_color(t.shape, ab[0], ab[1]);
  else
    remember_current(ab);
}

// A point's patch; the mean over a stroke's vertices or a region's suggestion places; 50 for the
// current colour (the gamut at mid lightness).
float ColourPanel::lightness_of(const ColourTarget& t) const {
  const Document& doc = ctx_.doc();
  if (t.point >= 0) {
    const HintPoint& p = doc.point(t.point);
    return ctx_.lightness_at(p.x, p.y, p.size);
  }
  if (!t.shape.valid()) return 50.f;
  const bool stroke = t.shape.kind == ShapeKind::kStroke;
  const std::vector<HintVertex> places =
      stroke ? suggestion_places(doc.stroke(t.shape.index)) : suggestion_places(doc.region(t.shape.index));
  const int size = stroke ? std::max(1, int(doc.stroke(t.shape.index).width)) : 9;
  float sum = 0.f;
  for (const HintVertex& v : places) sum += ctx_.lightness_at(v.x, v.y, size);
  return places.empty() ? 50.f : sum / float(places.size());
}

void ColourPanel::apply(const ColourTarget& t, Ab ab) {
  set_ab(t, ab);
  remember(ab);
}

Ab ColourPanel::typed_for(const ColourTarget& t, const Lab& typed) {
  const float L = lightness_of(t);
  const auto g = clamp_to_gamut(L, typed[1], typed[2]);
  const Ab ab{g[0], g[1]};
  const std::string used = hex_of(display_rgb(L, ab));
  const float lost = std::hypot(typed[1], typed[2]) - std::hypot(g[0], g[1]);
  char note[160];
  std::snprintf(note, sizeof(note), "%s at this %s's lightness (L %.0f)%s: %s",
                lost > 0.5f ? "Too vivid" : "Used",
                t.point >= 0 ? "point" : (t.shape.valid() ? "hint" : "colour"), L,
                lost > 0.5f ? ", its chroma reduced to fit" : "", used.c_str());
  typed_note_ = note;
  typed_note_target_ = t;
  return ab;
}

void ColourPanel::draw() {
  if (!ctx_.image()) {
    ImGui::TextWrapped("Click the photo to add a hint, click a hint to select it.");
    return;
  }
  const ColourTarget t = selected_target();
  const float L = lightness_of(t);
  draw_heading(t, L);
  if (t.point >= 0) draw_patch_size(t.point);
  if (t.shape.valid() && t.shape.kind == ShapeKind::kStroke) draw_stroke_width(t.shape.index);
  draw_gamut_picker(t, L);
  draw_typed_colour(t, L);
  draw_suggestions(t, L);
}

void ColourPanel::draw_heading(const ColourTarget& t, float L) {
  const Document& doc = ctx_.doc();
  if (t.point >= 0) {
    const HintPoint& p = doc.point(t.point);
    ImGui::Text("Hint %d at (%.0f, %.0f), L %.0f", t.point, p.x, p.y, L);
  } else if (t.shape.valid() && t.shape.kind == ShapeKind::kStroke) {
    ImGui::Text("Stroke %d, %zu points, L %.0f", t.shape.index, doc.stroke(t.shape.index).points.size(), L);
  } else if (t.shape.valid()) {
    const HintRegion& r = doc.region(t.shape.index);
    ImGui::Text("Region %d, %zu vertices%s", t.shape.index, r.polygon.size(),
                r.a == 0.f && r.b == 0.f ? ", keeps gray" : "");
  } else {
    ImGui::TextWrapped(
        "Click the photo to add a hint, click a hint to select it. The brush (B) and the "
        "lasso (L) paint in this colour:");
    if (!has_current_) ImGui::TextDisabled("(none chosen yet: the colour shown where a stroke starts)");
  }
}

void ColourPanel::draw_stroke_width(int stroke) {
  Document& doc = ctx_.doc();
  float width = float(doc.stroke(stroke).width);
  ImGui::SetNextItemWidth(-80 * ctx_.ui_scale());
  if (ImGui::SliderFloat("width", &width, 1.f, 64.f, "%.0f px")) {
    if (!size_editing_) doc.begin_edit();
    size_editing_ = true;
    doc.set_stroke_width(stroke, std::clamp(double(width), 1.0, kMaxStrokeWidth));
  }
  if (size_editing_ && !ImGui::IsItemActive()) {
    doc.end_edit();
    size_editing_ = false;
  }
}

void ColourPanel::draw_patch_size(int sel) {
  Document& doc = ctx_.doc();
  int size = doc.point(sel).size;
  ImGui::SetNextItemWidth(-80 * ctx_.ui_scale());
  if (ImGui::SliderInt("patch size", &size, 1, 128)) {
    if (!size_editing_) doc.begin_edit();
    size_editing_ = true;
    doc.set_size(sel, size);
    default_size_ = size;
  }
  if (size_editing_ && !ImGui::IsItemActive()) {
    doc.end_edit();
    size_editing_ = false;
  }
}

void ColourPanel::draw_gamut_picker(const ColourTarget& t, float L) {
  Document& doc = ctx_.doc();
  const float s = ctx_.ui_scale();
  // Half-unit steps of L: the plane looks the same, and dragging a hint does not re-render it
  // every frame (costly with software OpenGL).
  const float Lq = std::round(L * 2.f) / 2.f;
  const PickerView view = picker_view(Lq);
  const float side = std::min(ImGui::GetContentRegionAvail().x, 240.f * s);
  const float fb = ImGui::GetIO().DisplayFramebufferScale.x;
  Texture& tex = ctx_.compositor().gamut_picker(Lq, view.centre, view.half, int(side * std::max(1.f, fb)));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Image(tex.imgui_id(), ImVec2(side, side));
  ctx_.note_layout("picker", p0, ImVec2(side, side), std::to_string(int(view.half)));
  ImGui::SetCursorScreenPos(p0);
  ImGui::InvisibleButton("##gamut", ImVec2(side, side));
  if (ImGui::IsItemActivated() && !picking_) {
    doc.begin_edit();
    picking_ = true;
  }
  if (picking_ && ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float a = view.centre[0] + view.half * (2.f * std::clamp((m.x - p0.x) / side, 0.f, 1.f) - 1.f);
    const float b = view.centre[1] + view.half * (1.f - 2.f * std::clamp((m.y - p0.y) / side, 0.f, 1.f));
    auto ab = clamp_to_gamut(L, a, b);
    set_ab(t, {ab[0], ab[1]});
  }
  if (picking_ && !ImGui::IsItemActive()) {
    doc.end_edit();
    picking_ = false;
    remember(ab_of(t));
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The neutral axes, where they are in view.
  auto to_x = [&](float a) { return p0.x + (0.5f + 0.5f * (a - view.centre[0]) / view.half) * side; };
  auto to_y = [&](float b) { return p0.y + (0.5f - 0.5f * (b - view.centre[1]) / view.half) * side; };
  const ImU32 axis = IM_COL32(255, 255, 255, 60);
  if (to_y(0) >= p0.y && to_y(0) <= p0.y + side)
    dl->AddLine(ImVec2(p0.x, to_y(0)), ImVec2(p0.x + side, to_y(0)), axis);
  if (to_x(0) >= p0.x && to_x(0) <= p0.x + side)
    dl->AddLine(ImVec2(to_x(0), p0.y), ImVec2(to_x(0), p0.y + side), axis);
  const Ab cur = ab_of(t);
  const ImVec2 at(std::clamp(to_x(cur[0]), p0.x, p0.x + side), std::clamp(to_y(cur[1]), p0.y, p0.y + side));
  dl->AddCircle(at, 6.f * s, IM_COL32(0, 0, 0, 255), 0, 3.f * s);
  dl->AddCircle(at, 6.f * s, IM_COL32(255, 255, 255, 255), 0, 1.5f * s);
  ImGui::TextDisabled("a %.1f  b %.1f   shown: %.0f units across", cur[0], cur[1], 2.f * view.half);
  if (t.point < 0) {
    if (ImGui::SmallButton("keep gray")) apply(t, {0.f, 0.f});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("a = b = 0: the hint keeps its part of the photo neutral");
  }
}

void ColourPanel::draw_typed_colour(const ColourTarget& t, float L) {
  // Exact colours: RGB and hex. Only the colour's chroma is kept; L comes from the photo, and the
  // chroma is brought into gamut there. The fields show the colour in use.
  Document& doc = ctx_.doc();
  const Ab cur = ab_of(t);
  const auto used = display_rgb(L, cur);
  float rgb[3] = {used[0], used[1], used[2]};
  ImGui::SetNextItemWidth(-1);
  const bool rgb_changed = ImGui::ColorEdit3(
      "##rgb", rgb,
      ImGuiColorEditFlags_DisplayRGB | ImGuiColorEditFlags_NoPicker | ImGuiColorEditFlags_NoOptions);
  if (rgb_changed) {
    if (!rgb_editing_) doc.begin_edit();
    rgb_editing_ = true;
    set_ab(t, typed_for(t, srgb_to_lab({rgb[0], rgb[1], rgb[2]})));
    typed_note_rev_ = doc.revision();
  }
  if (rgb_editing_ && !ImGui::IsItemActive()) {
    doc.end_edit();
    rgb_editing_ = false;
    remember(ab_of(t));
  }
  draw_hex_field(t, used);
  if (typed_note_target_ == t && typed_note_rev_ == doc.revision() && !typed_note_.empty()) {
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextColored(ImVec4(1.f, 0.8f, 0.4f, 1.f), "%s", typed_note_.c_str());
    ImGui::PopTextWrapPos();
  }
}

void ColourPanel::draw_hex_field(const ColourTarget& t, const std::array<float, 3>& used) {
  // The hex field follows the hint (selection, undo, picker) except while it is being typed in.
  if (!hex_active_) std::snprintf(hex_buf_, sizeof(hex_buf_), "%s", hex_of(used).c_str());
  ImGui::SetNextItemWidth(120 * ctx_.ui_scale());
  if (ImGui::InputTextWithHint("hex (Enter)", "#rrggbb", hex_buf_, sizeof(hex_buf_),
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    uint8_t v[3];
    if (parse_hex(hex_buf_, v)) {
      apply(t, typed_for(t, srgb8_to_lab(v[0], v[1], v[2])));
      typed_note_rev_ = ctx_.doc().revision();
    } else {
      ctx_.report_error("hex colour '" + std::string(hex_buf_) + "' is not #rrggbb");
    }
  }
  hex_active_ = ImGui::IsItemActive();
  ctx_.note_layout("hex", ImGui::GetItemRectMin(), ImGui::GetItemRectSize(), hex_buf_);
}

void ColourPanel::draw_suggestions(const ColourTarget& t, float L) {
  const float sw = 30.f * ctx_.ui_scale();
  if (!t.current()) {
    if (!ctx_.doc().editing()) request_suggestions(t);
    ImGui::Spacing();
    ImGui::TextUnformatted(suggestions_.from_model ? "Suggested by the network"
                                                   : "Suggestions (no network: propagated, typical)");
    if (suggestions_.target == t && !suggestions_.ab.empty()) {
      const int k = swatches("sugg", suggestions_.ab, suggestions_.probability, L, sw,
                             [this](ImVec2 p, ImVec2 sz) { ctx_.note_layout("suggestion", p, sz); });
      if (k >= 0) apply(t, suggestions_.ab[size_t(k)]);
    } else {
      ImGui::TextDisabled("computing...");
    }
  }
  if (!recent_.empty()) {
    ImGui::TextUnformatted("Recent colours");
    const int k = swatches("recent", recent_, {}, L, 24.f * ctx_.ui_scale(), [](ImVec2, ImVec2) {});
    if (k >= 0) apply(t, recent_[size_t(k)]);
  }
}

const std::vector<Ab>* ColourPanel::suggestions(const ColourTarget& t) {
  request_suggestions(t);
  return suggestions_ready(t) ? &suggestions_.ab : nullptr;
}

bool ColourPanel::suggestions_ready(const ColourTarget& t) const {
  return suggestions_.ready && suggestions_.target == t && suggestions_.rev == ctx_.doc().revision();
}

void ColourPanel::request_suggestions(const ColourTarget& t) {
  const ImageData* image = ctx_.image();
  const Document& doc = ctx_.doc();
  if (!image || t.current()) return;
  if (t.point >= doc.size()) return;
  if (suggestions_.target == t && suggestions_.rev == doc.revision()) return;  // on its way
  if (suggestions_.target != t) {  // keep old swatches while updating the same hint's
    suggestions_.ab.clear();
    suggestions_.probability.clear();
  }
  suggestions_.target = t;
  suggestions_.rev = doc.revision();
  suggestions_.ready = false;
  // The other hints, and where this one's colours are sampled.
  HintSet others = doc.hints();
  std::vector<HintVertex> places;
  if (t.point >= 0) {
    places = suggestion_places(others.points[size_t(t.point)]);
    others.points.erase(others.points.begin() + t.point);
  } else if (t.shape.kind == ShapeKind::kStroke) {
    places = suggestion_places(others.strokes[size_t(t.shape.index)]);
    others.strokes.erase(others.strokes.begin() + t.shape.index);
  } else {
    places = suggestion_places(others.regions[size_t(t.shape.index)]);
    others.regions.erase(others.regions.begin() + t.shape.index);
  }
  const float L = lightness_of(t);
  auto img = ctx_.image_for_job();
  const uint64_t rev = doc.revision(), gen = image->generation;
  ctx_.worker().post(
      "suggest", "suggesting colours",
      [this, img, others, places, L, t, rev, gen](Method& m) -> InferenceWorker::Done {
        auto sg = std::make_shared<ColourSuggestions>(suggest_colours(*img, others, places, L, m));
        return [this, sg, t, rev, gen] {
          const ImageData* now = ctx_.image();
          if (!now || gen != now->generation || suggestions_.target != t || suggestions_.rev != rev) return;
          suggestions_.ab = sg->ab;
          suggestions_.probability = sg->probability;
          suggestions_.from_model = sg->from_model;
          suggestions_.ready = true;
        };
      },
      /*yields=*/true);
}

}  // namespace tinge
