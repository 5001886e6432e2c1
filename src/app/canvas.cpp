// The canvas: the photo at full resolution with zoom (wheel about the cursor, fit, 1:1) and pan
// (middle button, or Space + drag); the result alone, original and result side by side, or a
// before/after split with a draggable divider. Hints are drawn and edited on top (hint_overlay.cpp).
#include <cmath>

#include "app/editor_app.hpp"

namespace tinge {
namespace {

void disable_blending(const ImDrawList*, const ImDrawCmd*) { glDisable(GL_BLEND); }

}  // namespace

float side_panel_width(float scale) { return 340.f * scale; }
float status_bar_height() { return ImGui::GetFrameHeight() + 6.f; }

ImVec2 EditorApp::to_screen(const Pane& p, double x, double y) const {
  return ImVec2(float(p.pos.x + p.size.x * 0.5 + (x - center_x_) * zoom_),
                float(p.pos.y + p.size.y * 0.5 + (y - center_y_) * zoom_));
}

void EditorApp::to_image(const Pane& p, ImVec2 s, double& x, double& y) const {
  x = center_x_ + (s.x - p.pos.x - p.size.x * 0.5) / zoom_;
  y = center_y_ + (s.y - p.pos.y - p.size.y * 0.5) / zoom_;
}

void EditorApp::fit_view(ImVec2 pane_size) {
  if (!image_ || pane_size.x <= 0 || pane_size.y <= 0) return;
  zoom_ = 0.97f * std::min(pane_size.x / float(image_->L.width), pane_size.y / float(image_->L.height));
  center_x_ = image_->L.width * 0.5;
  center_y_ = image_->L.height * 0.5;
  fit_pending_ = false;
  fitted_ = true;
}

void EditorApp::draw_canvas() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 pos = vp->WorkPos;
  const float canvas_w = vp->WorkSize.x - side_panel_width(ui_scale_);
  const float canvas_h = vp->WorkSize.y - status_bar_height();
  const float strip_h = alternatives_strip_height(canvas_w, canvas_h);
  if (strip_h > 0) draw_alternatives_strip(ImVec2(pos.x, pos.y + canvas_h - strip_h), ImVec2(canvas_w, strip_h));
  const ImVec2 size(canvas_w, canvas_h - strip_h);
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
  ImGui::Begin("##canvas", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar(2);
  if (!image_ || size.x < 8 || size.y < 8) {
    ImGui::SetCursorPos(ImVec2(20 * ui_scale_, 20 * ui_scale_));
    ImGui::TextWrapped(
        "Open a photo: File > Open (Ctrl+O), drop a file on this window, or name it on the "
        "command line. Press F1 for the keyboard shortcuts.");
    ImGui::End();
    return;
  }

  std::vector<Pane> panes;
  if (mode_ == ViewMode::SideBySide) {
    const float gap = 4.f * ui_scale_, half = (size.x - gap) * 0.5f;
    panes.push_back({pos, ImVec2(half, size.y), true});
    panes.push_back({ImVec2(pos.x + half + gap, pos.y), ImVec2(half, size.y), false});
  } else {
    panes.push_back({pos, size, false});
  }
  const ImVec2 pane_size = panes[0].size;
  if (fit_pending_ || (fitted_ && (pane_size.x != last_pane_size_.x || pane_size.y != last_pane_size_.y)))
    fit_view(pane_size);
  last_pane_size_ = pane_size;
  view_pane_ = panes.back();
  note_layout("canvas", view_pane_.pos, view_pane_.size);

  ImGui::InvisibleButton("##canvas_area", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGuiIO& io = ImGui::GetIO();
  const int W = image_->L.width, H = image_->L.height;
  const ImU32 label_col = IM_COL32(255, 255, 255, 200);

  for (const Pane& pane : panes) {
    const ImVec2 end(pane.pos.x + pane.size.x, pane.pos.y + pane.size.y);
    // No background: the window is cleared to the canvas colour. The photo is opaque, so it is
    // drawn without blending (half the fill cost with software OpenGL).
    dl->PushClipRect(pane.pos, end, true);
    const ImVec2 p0 = to_screen(pane, 0, 0), p1 = to_screen(pane, W, H);
    Texture& tex = pane.original ? compositor_->original() : compositor_->result();
    dl->AddCallback(disable_blending, nullptr);
    dl->AddImage(tex.imgui_id(), p0, p1);
    if (mode_ == ViewMode::Split) {
      const float sx = pane.pos.x + split_ * pane.size.x;
      dl->PushClipRect(pane.pos, ImVec2(sx, end.y), true);
      dl->AddImage(compositor_->original().imgui_id(), p0, p1);
      dl->PopClipRect();
    }
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    if (mode_ == ViewMode::Split) {
      const float sx = pane.pos.x + split_ * pane.size.x;
      dl->AddLine(ImVec2(sx, pane.pos.y), ImVec2(sx, end.y), IM_COL32(255, 255, 255, 220), 2.f * ui_scale_);
      dl->AddCircleFilled(ImVec2(sx, pane.pos.y + pane.size.y * 0.5f), 7.f * ui_scale_,
                          IM_COL32(255, 255, 255, 230));
      dl->AddText(ImVec2(pane.pos.x + 8, pane.pos.y + 6), label_col, "original");
      dl->AddText(ImVec2(end.x - 60 * ui_scale_, pane.pos.y + 6), label_col, "result");
    } else if (mode_ == ViewMode::SideBySide) {
      dl->AddText(ImVec2(pane.pos.x + 8, pane.pos.y + 6), label_col, pane.original ? "original" : "result");
    }
    if (show_hints_) draw_hint_markers(pane, dl);
    dl->PopClipRect();
  }

  const Pane* under = nullptr;
  for (const Pane& p : panes)
    if (p.contains(io.MousePos)) under = &p;
  if (hovered && under && io.MouseWheel != 0.f) {
    double x = 0, y = 0;
    to_image(*under, io.MousePos, x, y);
    const float min_zoom = 0.25f * std::min(pane_size.x / W, pane_size.y / H);
    zoom_ = std::clamp(zoom_ * std::pow(1.15f, io.MouseWheel), std::min(min_zoom, 0.01f), 64.f);
    const ImVec2 c(under->pos.x + under->size.x * 0.5f, under->pos.y + under->size.y * 0.5f);
    center_x_ = x - (io.MousePos.x - c.x) / zoom_;
    center_y_ = y - (io.MousePos.y - c.y) / zoom_;
    fitted_ = false;
  }
  if (hovered && (ImGui::IsMouseClicked(2) || (ImGui::IsKeyDown(GLFW_KEY_SPACE) && ImGui::IsMouseClicked(0))))
    panning_ = true;
  if (panning_) {
    if (ImGui::IsMouseDown(2) || ImGui::IsMouseDown(0)) {
      center_x_ -= io.MouseDelta.x / zoom_;
      center_y_ -= io.MouseDelta.y / zoom_;
      fitted_ = false;
    } else {
      panning_ = false;
    }
  }
  if (mode_ == ViewMode::Split && !panning_) {
    const float sx = panes[0].pos.x + split_ * panes[0].size.x;
    const bool near = std::fabs(io.MousePos.x - sx) < 8.f * ui_scale_;
    if (hovered && near) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (hovered && near && ImGui::IsMouseClicked(0) && drag_point_ < 0) dragging_split_ = true;
    if (dragging_split_) {
      if (ImGui::IsMouseDown(0))
        split_ = std::clamp((io.MousePos.x - panes[0].pos.x) / panes[0].size.x, 0.f, 1.f);
      else
        dragging_split_ = false;
    }
  }
  if (!panning_ && !dragging_split_) handle_hint_mouse(panes, hovered);
  ImGui::End();
}

}  // namespace tinge
