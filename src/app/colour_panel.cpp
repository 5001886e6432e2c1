#include "app/colour_panel.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

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

// Colours for hint `p` given the other hints (on the worker): the network's most likely ones with
// their probabilities; without a network, what propagation from the others gives there, then
// typical colours at its lightness L. Returns whether the network suggested them.
bool suggest_colours(const ImageData& img, const std::vector<HintPoint>& others, const HintPoint& p, float L,
                     Method& m, std::vector<Ab>& ab, std::vector<float>& prob) {
  const int W = img.L.width, H = img.L.height;
  const int w = img.L_work.width, h = img.L_work.height;
  HintPlanes hp = rasterize_hints(others, W, H, w, h);
  const float xw = float(p.x * w / W), yw = float(p.y * h / H);
  if (auto* model = m.distribution()) {
    for (const Suggestion& s : model->suggest(img.L_work, hp, xw, yw, 8)) {
      ab.push_back({s.a, s.b});
      prob.push_back(s.probability);
    }
    return true;
  }
  AbPrediction pr = m.predict(img.L_work, hp);
  const float a = sample_at(pr.a, xw, yw, w, h), b = sample_at(pr.b, xw, yw, w, h);
  if (a * a + b * b > 9.f) ab.push_back({a, b});
  for (const Ab& c : natural_palette(L)) ab.push_back(c);
  return false;
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
}

void ColourPanel::apply(int point, Ab ab) {
  ctx_.doc().set_color(point, ab[0], ab[1]);
  remember(ab);
}

Ab ColourPanel::typed(int point, const Lab& typed) {
  const HintPoint& p = ctx_.doc().point(point);
  const float L = ctx_.lightness_at(p.x, p.y, p.size);
  const auto g = clamp_to_gamut(L, typed[1], typed[2]);
  const Ab ab{g[0], g[1]};
  const std::string used = hex_of(display_rgb(L, ab));
  const float lost = std::hypot(typed[1], typed[2]) - std::hypot(g[0], g[1]);
  char note[160];
  std::snprintf(note, sizeof(note), "%s at this point's lightness (L %.0f)%s: %s",
                lost > 0.5f ? "Too vivid" : "Used", L, lost > 0.5f ? ", its chroma reduced to fit" : "",
                used.c_str());
  typed_note_ = note;
  typed_note_point_ = point;
  return ab;
}

void ColourPanel::draw() {
  const Document& doc = ctx_.doc();
  const int sel = doc.selected();
  if (sel < 0 || !ctx_.image()) {
    ImGui::TextWrapped("Click the photo to add a hint, click a hint to select it.");
    return;
  }
  const HintPoint p = doc.point(sel);
  const float L = ctx_.lightness_at(p.x, p.y, p.size);
  ImGui::Text("Hint %d at (%.0f, %.0f), L %.0f", sel, p.x, p.y, L);
  draw_patch_size(sel);
  draw_gamut_picker(sel, L);
  draw_typed_colour(sel, L);
  draw_suggestions(sel, L);
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

void ColourPanel::draw_gamut_picker(int sel, float L) {
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
    doc.set_color(sel, ab[0], ab[1]);
  }
  if (picking_ && !ImGui::IsItemActive()) {
    doc.end_edit();
    picking_ = false;
    remember({doc.point(sel).a, doc.point(sel).b});
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
  const HintPoint& cur = doc.point(sel);
  const ImVec2 at(std::clamp(to_x(cur.a), p0.x, p0.x + side), std::clamp(to_y(cur.b), p0.y, p0.y + side));
  dl->AddCircle(at, 6.f * s, IM_COL32(0, 0, 0, 255), 0, 3.f * s);
  dl->AddCircle(at, 6.f * s, IM_COL32(255, 255, 255, 255), 0, 1.5f * s);
  ImGui::TextDisabled("a %.1f  b %.1f   shown: %.0f units across", cur.a, cur.b, 2.f * view.half);
}

void ColourPanel::draw_typed_colour(int sel, float L) {
  // Exact colours: RGB and hex. Only the colour's chroma is kept; L comes from the photo, and the
  // chroma is brought into gamut there. The fields show the colour in use.
  Document& doc = ctx_.doc();
  const HintPoint& cur = doc.point(sel);
  const auto used = display_rgb(L, {cur.a, cur.b});
  float rgb[3] = {used[0], used[1], used[2]};
  ImGui::SetNextItemWidth(-1);
  const bool rgb_changed = ImGui::ColorEdit3(
      "##rgb", rgb,
      ImGuiColorEditFlags_DisplayRGB | ImGuiColorEditFlags_NoPicker | ImGuiColorEditFlags_NoOptions);
  if (rgb_changed) {
    if (!rgb_editing_) doc.begin_edit();
    rgb_editing_ = true;
    const Ab ab = typed(sel, srgb_to_lab({rgb[0], rgb[1], rgb[2]}));
    doc.set_color(sel, ab[0], ab[1]);
    typed_note_rev_ = doc.revision();
  }
  if (rgb_editing_ && !ImGui::IsItemActive()) {
    doc.end_edit();
    rgb_editing_ = false;
    remember({doc.point(sel).a, doc.point(sel).b});
  }
  draw_hex_field(sel, used);
  if (typed_note_point_ == sel && typed_note_rev_ == doc.revision() && !typed_note_.empty()) {
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextColored(ImVec4(1.f, 0.8f, 0.4f, 1.f), "%s", typed_note_.c_str());
    ImGui::PopTextWrapPos();
  }
}

void ColourPanel::draw_hex_field(int sel, const std::array<float, 3>& used) {
  // The hex field follows the hint (selection, undo, picker) except while it is being typed in.
  if (!hex_active_) std::snprintf(hex_buf_, sizeof(hex_buf_), "%s", hex_of(used).c_str());
  ImGui::SetNextItemWidth(120 * ctx_.ui_scale());
  if (ImGui::InputTextWithHint("hex (Enter)", "#rrggbb", hex_buf_, sizeof(hex_buf_),
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    uint8_t v[3];
    if (parse_hex(hex_buf_, v)) {
      apply(sel, typed(sel, srgb8_to_lab(v[0], v[1], v[2])));
      typed_note_rev_ = ctx_.doc().revision();
    } else {
      ctx_.report_error("hex colour '" + std::string(hex_buf_) + "' is not #rrggbb");
    }
  }
  hex_active_ = ImGui::IsItemActive();
  ctx_.note_layout("hex", ImGui::GetItemRectMin(), ImGui::GetItemRectSize(), hex_buf_);
}

void ColourPanel::draw_suggestions(int sel, float L) {
  if (!ctx_.doc().editing()) request_suggestions(sel);
  ImGui::Spacing();
  ImGui::TextUnformatted(suggestions_.from_model ? "Suggested by the network"
                                                 : "Suggestions (no network: propagated, typical)");
  const float sw = 30.f * ctx_.ui_scale();
  if (suggestions_.point == sel && !suggestions_.ab.empty()) {
    const int k = swatches("sugg", suggestions_.ab, suggestions_.probability, L, sw,
                           [this](ImVec2 p, ImVec2 sz) { ctx_.note_layout("suggestion", p, sz); });
    if (k >= 0) apply(sel, suggestions_.ab[size_t(k)]);
  } else {
    ImGui::TextDisabled("computing...");
  }
  if (!recent_.empty()) {
    ImGui::TextUnformatted("Recent colours");
    const int k = swatches("recent", recent_, {}, L, 24.f * ctx_.ui_scale(), [](ImVec2, ImVec2) {});
    if (k >= 0) apply(sel, recent_[size_t(k)]);
  }
}

const std::vector<Ab>* ColourPanel::suggestions(int point) {
  request_suggestions(point);
  return suggestions_ready(point) ? &suggestions_.ab : nullptr;
}

bool ColourPanel::suggestions_ready(int point) const {
  return suggestions_.ready && suggestions_.point == point && suggestions_.rev == ctx_.doc().revision();
}

void ColourPanel::request_suggestions(int point) {
  const ImageData* image = ctx_.image();
  const Document& doc = ctx_.doc();
  if (!image || point < 0 || point >= doc.size()) return;
  if (suggestions_.point == point && suggestions_.rev == doc.revision()) return;  // on its way
  if (suggestions_.point != point) {  // keep old swatches while updating the same point's
    suggestions_.ab.clear();
    suggestions_.probability.clear();
  }
  suggestions_.point = point;
  suggestions_.rev = doc.revision();
  suggestions_.ready = false;
  std::vector<HintPoint> others = doc.points();
  const HintPoint p = others[size_t(point)];
  others.erase(others.begin() + point);
  const float L = ctx_.lightness_at(p.x, p.y, p.size);
  auto img = ctx_.image_for_job();
  const uint64_t rev = doc.revision(), gen = image->generation;
  ctx_.worker().post(
      "suggest", "suggesting colours",
      [this, img, others, p, L, point, rev, gen](Method& m) -> InferenceWorker::Done {
        std::vector<Ab> ab;
        std::vector<float> prob;
        const bool from_model = suggest_colours(*img, others, p, L, m, ab, prob);
        return [this, ab, prob, from_model, point, rev, gen] {
          const ImageData* now = ctx_.image();
          if (!now || gen != now->generation || suggestions_.point != point || suggestions_.rev != rev)
            return;
          suggestions_.ab = ab;
          suggestions_.probability = prob;
          suggestions_.from_model = from_model;
          suggestions_.ready = true;
        };
      });
}

}  // namespace tinge
