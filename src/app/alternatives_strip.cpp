// AlternativesView on screen: the side panel's button, and the strip of proposals along the
// bottom of the canvas (the canvas shrinks to make room, so nothing needs scrolling). Thumbnails
// are as large as two rows in at most 45 % of the canvas's height allow; hovering one shows that
// colouring on the whole canvas, clicking adopts it, Esc or Hide closes the strip.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/alternatives_view.hpp"
#include "core/document.hpp"

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

float aspect_of(const ImageData& img) {
  return float(img.L.width) / float(std::max(1, img.L.height));
}

}  // namespace

float AlternativesView::strip_height(float canvas_w, float canvas_h) const {
  const ImageData* image = ctx_.image();
  if (!shown_ || list_.empty() || !image) return 0.f;
  const float gap = 6.f * ctx_.ui_scale(), label = ImGui::GetFrameHeight();
  const StripGrid g = best_grid(int(list_.size()), aspect_of(*image), canvas_w, 0.45f * canvas_h, gap, label);
  return std::ceil(g.thumb_h * float(g.rows) + (gap + label) * float(g.rows) + gap);
}

void AlternativesView::draw_panel() {
  if (!ctx_.image()) return;
  if (ImGui::Button(pending_ ? "Proposing..." : "Propose alternatives")) request();
  if (!list_.empty()) {
    ImGui::SameLine();
    if (ImGui::Button(shown_ ? "Hide" : "Show")) {
      shown_ = !shown_;
      end_preview();
    }
  }
  if (list_.empty())
    ImGui::TextDisabled("Several whole-image colourings built on your hints.");
  else if (rev_ != ctx_.doc().revision())
    ImGui::TextDisabled("Proposed from earlier hints: adopting one adds its colours to yours.");
  else
    ImGui::TextDisabled("Below the photo: hover to see one, click to adopt it.");
}

void AlternativesView::preview(int index) {
  if (index == previewed_ || index < 0 || index >= int(list_.size())) return;
  const Alternative& alt = list_[size_t(index)];
  ctx_.preview_on_canvas(alt.a, alt.b);
  previewed_ = index;
}

void AlternativesView::end_preview() {
  if (previewed_ < 0) return;
  previewed_ = -1;
  ctx_.end_canvas_preview();
}

void AlternativesView::draw_strip(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("##alternatives", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse);
  const float gap = 6.f * ctx_.ui_scale(), label = ImGui::GetFrameHeight();
  const StripGrid g = best_grid(int(list_.size()), aspect_of(*ctx_.image()), size.x, size.y, gap, label);
  const bool stale = rev_ != ctx_.doc().revision();
  int hovered = -1;
  const float left = pos.x + 0.5f * (size.x - float(g.cols) * (g.thumb_w + gap) + gap);  // centred
  for (int i = 0; i < int(list_.size()); ++i) {
    const int r = i / g.cols, c = i % g.cols;
    const ImVec2 at(left + float(c) * (g.thumb_w + gap), pos.y + gap + float(r) * (g.thumb_h + gap + label));
    ImGui::SetCursorScreenPos(at);
    ImGui::PushID(i);
    if (ImGui::ImageButton(list_[size_t(i)].thumb.imgui_id(), ImVec2(g.thumb_w, g.thumb_h), ImVec2(0, 0),
                           ImVec2(1, 1), 0))
      adopt(i);
    if (ImGui::IsItemHovered()) hovered = i;
    ctx_.note_layout("thumbnail", ImGui::GetItemRectMin(), ImGui::GetItemRectSize(), std::to_string(i));
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + g.thumb_h + 2.f));
    ImGui::Text("%d%s", i + 1,
                hovered == i ? (stale ? "  click: its colours with your hints" : "  click to adopt") : "");
    ImGui::PopID();
  }
  const char* close_label = "Hide (Esc)";
  ImGui::SetCursorScreenPos(
      ImVec2(pos.x + size.x - ImGui::CalcTextSize(close_label).x - 2 * ImGui::GetStyle().FramePadding.x - gap,
             pos.y + size.y - label - gap * 0.5f));
  if (ImGui::SmallButton(close_label)) shown_ = false;  // Esc: EditorApp::handle_shortcuts()
  ImGui::End();
  if (hovered >= 0 && shown_)
    preview(hovered);
  else
    end_preview();
}

}  // namespace tinge
