// "Explore alternatives" on screen: the side panel's button, and the strip of proposals along the
// bottom of the canvas (the canvas shrinks to make room, so nothing needs scrolling). Thumbnails
// are as large as two rows in at most 45 % of the canvas's height allow; hovering one shows that
// colouring on the whole canvas, clicking adopts it, Esc or Hide closes the strip.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/editor_app.hpp"

namespace tinge {
namespace {

struct StripGrid {
  int cols = 1, rows = 1;
  float thumb_w = 0, thumb_h = 0;
};

// The grid of n thumbnails of aspect w/h that gives the largest ones within (width, height).
StripGrid best_grid(int n, float aspect, float width, float height, float gap, float label) {
  StripGrid best;
  for (int rows = 1; rows <= 3; ++rows) {
    const int cols = (n + rows - 1) / rows;
    float tw = (width - gap * float(cols + 1)) / float(cols);
    float th = (height - (gap + label) * float(rows) - gap) / float(rows);
    tw = std::min(tw, th * aspect);
    if (tw > best.thumb_w) best = {cols, rows, tw, tw / aspect};
  }
  return best;
}

}  // namespace

float EditorApp::alternatives_strip_height(float canvas_w, float canvas_h) const {
  if (!show_alternatives_ || alternatives_.empty() || !image_) return 0.f;
  const float gap = 6.f * ui_scale_, label = ImGui::GetFrameHeight();
  const float aspect = float(image_->L.width) / float(std::max(1, image_->L.height));
  const StripGrid g = best_grid(int(alternatives_.size()), aspect, canvas_w, 0.45f * canvas_h, gap, label);
  return std::ceil(g.thumb_h * float(g.rows) + (gap + label) * float(g.rows) + gap);
}

void EditorApp::draw_alternatives_panel() {
  if (!image_) return;
  if (ImGui::Button(alternatives_pending_ ? "Proposing..." : "Propose alternatives")) request_alternatives();
  if (!alternatives_.empty()) {
    ImGui::SameLine();
    if (ImGui::Button(show_alternatives_ ? "Hide" : "Show")) {
      show_alternatives_ = !show_alternatives_;
      end_alternative_preview();
    }
  }
  if (alternatives_.empty())
    ImGui::TextDisabled("Several whole-image colourings built on your hints.");
  else if (alternatives_rev_ != doc_.revision())
    ImGui::TextDisabled("Proposed from earlier hints: adopting one adds its colours to yours.");
  else
    ImGui::TextDisabled("Below the photo: hover to see one, click to adopt it.");
}

void EditorApp::preview_alternative(int index) {
  if (index == previewed_alternative_ || index < 0 || index >= int(alternatives_.size())) return;
  const Alternative& alt = alternatives_[size_t(index)];
  compositor_->set_ab(alt.a, alt.b, true);
  previewed_alternative_ = index;
}

void EditorApp::end_alternative_preview() {
  if (previewed_alternative_ < 0) return;
  previewed_alternative_ = -1;
  if (shown_a_.empty())
    compositor_->set_ab(Plane(1, 1, 0.f), Plane(1, 1, 0.f), false);  // nothing computed yet: grey
  else
    compositor_->set_ab(shown_a_, shown_b_, !shown_full_);
}

void EditorApp::draw_alternatives_strip(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("##alternatives", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse);
  const float gap = 6.f * ui_scale_, label = ImGui::GetFrameHeight();
  const float aspect = float(image_->L.width) / float(std::max(1, image_->L.height));
  const StripGrid g = best_grid(int(alternatives_.size()), aspect, size.x, size.y, gap, label);
  const bool stale = alternatives_rev_ != doc_.revision();
  int hovered = -1;
  const float left = pos.x + 0.5f * (size.x - float(g.cols) * (g.thumb_w + gap) + gap);  // centred
  for (int i = 0; i < int(alternatives_.size()); ++i) {
    const int r = i / g.cols, c = i % g.cols;
    const ImVec2 at(left + float(c) * (g.thumb_w + gap), pos.y + gap + float(r) * (g.thumb_h + gap + label));
    ImGui::SetCursorScreenPos(at);
    ImGui::PushID(i);
    if (ImGui::ImageButton(alternatives_[size_t(i)].thumb.imgui_id(), ImVec2(g.thumb_w, g.thumb_h), ImVec2(0, 0),
                           ImVec2(1, 1), 0))
      adopt_alternative(i);
    if (ImGui::IsItemHovered()) hovered = i;
    note_layout("thumbnail", ImGui::GetItemRectMin(), ImGui::GetItemRectSize(), std::to_string(i));
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + g.thumb_h + 2.f));
    ImGui::Text("%d%s", i + 1, hovered == i ? (stale ? "  click: its colours with your hints" : "  click to adopt") : "");
    ImGui::PopID();
  }
  const char* close_label = "Hide (Esc)";
  ImGui::SetCursorScreenPos(
      ImVec2(pos.x + size.x - ImGui::CalcTextSize(close_label).x - 2 * ImGui::GetStyle().FramePadding.x - gap,
             pos.y + size.y - label - gap * 0.5f));
  if (ImGui::SmallButton(close_label)) show_alternatives_ = false;  // Esc: handle_shortcuts()
  ImGui::End();
  if (hovered >= 0 && show_alternatives_)
    preview_alternative(hovered);
  else
    end_alternative_preview();
}

}  // namespace tinge
