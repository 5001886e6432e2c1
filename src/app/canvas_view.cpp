#include "app/canvas_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/compositor.hpp"
#include "app/gl.hpp"

namespace tinge {
namespace {

void disable_blending(const ImDrawList*, const ImDrawCmd*) {
  glDisable(GL_BLEND);
}

}  // namespace

ImVec2 CanvasView::to_screen(const Pane& p, double x, double y) const {
  return ImVec2(float(p.pos.x + p.size.x * 0.5 + (x - center_x_) * zoom_),
                float(p.pos.y + p.size.y * 0.5 + (y - center_y_) * zoom_));
}

void CanvasView::to_image(const Pane& p, ImVec2 s, double& x, double& y) const {
  x = center_x_ + (s.x - p.pos.x - p.size.x * 0.5) / zoom_;
  y = center_y_ + (s.y - p.pos.y - p.size.y * 0.5) / zoom_;
}

void CanvasView::fit_view(ImVec2 pane_size) {
  const ImageData* image = ctx_.image();
  if (!image || pane_size.x <= 0 || pane_size.y <= 0) return;
  zoom_ = 0.97f * std::min(pane_size.x / float(image->L.width), pane_size.y / float(image->L.height));
  center_x_ = image->L.width * 0.5;
  center_y_ = image->L.height * 0.5;
  fit_pending_ = false;
  fitted_ = true;
}

void CanvasView::set_view(ViewMode mode, float split) {
  mode_ = mode;
  if (mode_ == ViewMode::Split) split_ = split;
}

void CanvasView::reset() {
  // A gesture begun on the previous photo ends with it: it must not go on moving a point of this one.
  drag_point_ = -1;
  painting_ = -1;
  lassoing_ = false;
  lasso_.clear();
  drag_shape_ = ShapeRef();
  panning_ = dragging_split_ = false;
  fit_pending_ = true;
}

void CanvasView::draw(ImVec2 pos, ImVec2 size) {
  if (!begin_window(pos, size)) return;
  const std::vector<Pane> panes = layout_panes(pos, size);
  ImGui::InvisibleButton("##canvas_area", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const Pane& pane : panes) draw_pane(pane, dl);
  handle_zoom_and_pan(panes, hovered);
  if (mode_ == ViewMode::Split && !panning_) handle_split(panes[0], hovered);
  if (!panning_ && !dragging_split_) handle_hint_mouse(panes, hovered);
  ImGui::End();
}

bool CanvasView::begin_window(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
  ImGui::Begin("##canvas", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar(2);
  if (ctx_.image() && size.x >= 8 && size.y >= 8) return true;
  const float s = ctx_.ui_scale();
  ImGui::SetCursorPos(ImVec2(20 * s, 20 * s));
  ImGui::TextWrapped(
      "Open a photo: File > Open (Ctrl+O), drop a file on this window, or name it on the "
      "command line. Press F1 for the keyboard shortcuts.");
  ImGui::End();
  return false;
}

// One pane, or the original and the result side by side; fits the view when asked to, or when
// the pane's size changed while fitted.
std::vector<Pane> CanvasView::layout_panes(ImVec2 pos, ImVec2 size) {
  std::vector<Pane> panes;
  if (mode_ == ViewMode::SideBySide) {
    const float gap = 4.f * ctx_.ui_scale(), half = (size.x - gap) * 0.5f;
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
  ctx_.note_layout("canvas", view_pane_.pos, view_pane_.size);
  return panes;
}

void CanvasView::draw_pane(const Pane& pane, ImDrawList* dl) {
  const ImageData& image = *ctx_.image();
  Compositor& compositor = ctx_.compositor();
  const float s = ctx_.ui_scale();
  const ImU32 label_col = IM_COL32(255, 255, 255, 200);
  const ImVec2 end(pane.pos.x + pane.size.x, pane.pos.y + pane.size.y);
  // No background: the window is cleared to the canvas colour. The photo is opaque, so it is
  // drawn without blending (half the fill cost with software OpenGL).
  dl->PushClipRect(pane.pos, end, true);
  const ImVec2 p0 = to_screen(pane, 0, 0), p1 = to_screen(pane, image.L.width, image.L.height);
  Texture& tex = pane.original ? compositor.original() : compositor.result();
  dl->AddCallback(disable_blending, nullptr);
  dl->AddImage(tex.imgui_id(), p0, p1);
  const float sx = pane.pos.x + split_ * pane.size.x;
  if (mode_ == ViewMode::Split) {
    dl->PushClipRect(pane.pos, ImVec2(sx, end.y), true);
    dl->AddImage(compositor.original().imgui_id(), p0, p1);
    dl->PopClipRect();
  }
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  if (mode_ == ViewMode::Split) {
    dl->AddLine(ImVec2(sx, pane.pos.y), ImVec2(sx, end.y), IM_COL32(255, 255, 255, 220), 2.f * s);
    dl->AddCircleFilled(ImVec2(sx, pane.pos.y + pane.size.y * 0.5f), 7.f * s, IM_COL32(255, 255, 255, 230));
    dl->AddText(ImVec2(pane.pos.x + 8, pane.pos.y + 6), label_col, "original");
    dl->AddText(ImVec2(end.x - 60 * s, pane.pos.y + 6), label_col, "result");
  } else if (mode_ == ViewMode::SideBySide) {
    dl->AddText(ImVec2(pane.pos.x + 8, pane.pos.y + 6), label_col, pane.original ? "original" : "result");
  }
  if (!pane.original)
    ctx_.draw_canvas_overlay(
        dl, [this, &pane](double x, double y) { return to_screen(pane, x, y); }, p0, p1);
  if (show_hints_ || lassoing_) draw_shapes(pane, dl);
  if (show_hints_) draw_hint_markers(pane, dl);
  dl->PopClipRect();
}

void CanvasView::handle_zoom_and_pan(const std::vector<Pane>& panes, bool hovered) {
  const ImageData& image = *ctx_.image();
  ImGuiIO& io = ImGui::GetIO();
  const Pane* under = nullptr;
  for (const Pane& p : panes)
    if (p.contains(io.MousePos)) under = &p;
  if (hovered && under && io.MouseWheel != 0.f) {
    double x = 0, y = 0;
    to_image(*under, io.MousePos, x, y);
    const ImVec2 pane_size = panes[0].size;
    const float min_zoom = 0.25f * std::min(pane_size.x / image.L.width, pane_size.y / image.L.height);
    zoom_ = std::clamp(zoom_ * std::pow(1.15f, io.MouseWheel), std::min(min_zoom, 0.01f), 64.f);
    const ImVec2 c(under->pos.x + under->size.x * 0.5f, under->pos.y + under->size.y * 0.5f);
    center_x_ = x - (io.MousePos.x - c.x) / zoom_;
    center_y_ = y - (io.MousePos.y - c.y) / zoom_;
    fitted_ = false;
  }
  if (hovered && (ImGui::IsMouseClicked(2) || (ImGui::IsKeyDown(GLFW_KEY_SPACE) && ImGui::IsMouseClicked(0))))
    panning_ = true;
  if (!panning_) return;
  if (ImGui::IsMouseDown(2) || ImGui::IsMouseDown(0)) {
    center_x_ -= io.MouseDelta.x / zoom_;
    center_y_ -= io.MouseDelta.y / zoom_;
    fitted_ = false;
  } else {
    panning_ = false;
  }
}

void CanvasView::handle_split(const Pane& pane, bool hovered) {
  const ImGuiIO& io = ImGui::GetIO();
  const float sx = pane.pos.x + split_ * pane.size.x;
  const bool near = std::fabs(io.MousePos.x - sx) < 8.f * ctx_.ui_scale();
  if (hovered && near) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  if (hovered && near && ImGui::IsMouseClicked(0) && drag_point_ < 0) dragging_split_ = true;
  if (!dragging_split_) return;
  if (ImGui::IsMouseDown(0))
    split_ = std::clamp((io.MousePos.x - pane.pos.x) / pane.size.x, 0.f, 1.f);
  else
    dragging_split_ = false;
}

void CanvasView::draw_view_menu() {
  if (ImGui::MenuItem("Fit", "F")) fit_pending_ = true;
  if (ImGui::MenuItem("1:1", "1")) {
    zoom_ = 1.f / std::max(1.f, ImGui::GetIO().DisplayFramebufferScale.x);
    fitted_ = false;
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Result", "V", mode_ == ViewMode::Result)) mode_ = ViewMode::Result;
  if (ImGui::MenuItem("Side by side", "V", mode_ == ViewMode::SideBySide)) mode_ = ViewMode::SideBySide;
  if (ImGui::MenuItem("Before/after split", "V", mode_ == ViewMode::Split)) mode_ = ViewMode::Split;
  ImGui::Separator();
  ImGui::MenuItem("Show hints", "H", &show_hints_);
}

void CanvasView::draw_marker_controls() {
  ImGui::Checkbox("show", &show_hints_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-80 * ctx_.ui_scale());
  ImGui::SliderFloat("markers", &marker_opacity_, 0.15f, 1.f, "%.2f");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How strongly the hint markers are drawn (H hides them)");
}

void CanvasView::draw_mode_controls() {
  if (ImGui::RadioButton("result", mode_ == ViewMode::Result)) mode_ = ViewMode::Result;
  ImGui::SameLine();
  if (ImGui::RadioButton("side by side", mode_ == ViewMode::SideBySide)) mode_ = ViewMode::SideBySide;
  ImGui::SameLine();
  if (ImGui::RadioButton("split", mode_ == ViewMode::Split)) mode_ = ViewMode::Split;
}

void CanvasView::handle_view_keys() {
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(GLFW_KEY_H)) show_hints_ = !show_hints_;
  if (pressed(GLFW_KEY_F)) fit_pending_ = true;
  if (pressed(GLFW_KEY_1)) {
    zoom_ = 1.f / std::max(1.f, ImGui::GetIO().DisplayFramebufferScale.x);
    fit_pending_ = false;
  }
  if (pressed(GLFW_KEY_V)) mode_ = ViewMode((int(mode_) + 1) % 3);
}

}  // namespace tinge
