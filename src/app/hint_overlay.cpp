// CanvasView's hint markers and the mouse gestures that edit hints: click to add (the new hint
// takes the colour currently predicted there), click a marker to select it, drag to move it (the
// result follows with a fast preview; full quality on release), right-click to remove it. Strokes
// and regions are selected, moved and removed the same way (shape_overlay.cpp); with the brush or
// the lasso a press paints instead.
// A marker is the outline of the hinted square (the patch the network is given) with a small
// swatch of the hint's colour on its corner, so the result stays visible inside; the user can fade
// markers (marker_opacity_) or hide them (H).
#include <algorithm>
#include <cmath>

#include "app/canvas_view.hpp"
#include "app/draw_colours.hpp"
#include "app/hint_colours.hpp"
#include "core/document.hpp"

namespace tinge {
namespace {}  // namespace

CanvasView::MarkerShape CanvasView::marker_shape(const Pane& pane, const HintPoint& p) const {
  const float s = ctx_.ui_scale();
  MarkerShape m;
  // Whole pixels: the outlines' lines then have fully opaque cores.
  const ImVec2 c = to_screen(pane, p.x, p.y);
  m.centre = ImVec2(std::round(c.x), std::round(c.y));
  m.half = std::round(std::max(4.f * s, 0.5f * float(p.size) * zoom_));
  const float sw = std::round(12.f * s);
  m.swatch0 = ImVec2(m.centre.x - m.half - sw, m.centre.y - m.half - sw);
  m.swatch1 = ImVec2(m.centre.x - m.half + 1.f, m.centre.y - m.half + 1.f);
  return m;
}

void CanvasView::draw_hint_markers(const Pane& pane, ImDrawList* dl) const {
  const Document& doc = ctx_.doc();
  const auto& pts = doc.points();
  const float alpha = marker_opacity_, s = ctx_.ui_scale();
  for (int i = 0; i < int(pts.size()); ++i) {
    const HintPoint& p = pts[size_t(i)];
    const MarkerShape m = marker_shape(pane, p);
    const ImVec2 a(m.centre.x - m.half, m.centre.y - m.half), b(m.centre.x + m.half, m.centre.y + m.half);
    const auto rgb = display_rgb(ctx_.lightness_at(p.x, p.y, p.size), {p.a, p.b});
    dl->AddRect(a, b, grey(0, alpha), 0.f, 0, 4.f * s);
    dl->AddRect(a, b, grey(255, alpha), 0.f, 0, 2.f * s);
    dl->AddRectFilled(m.swatch0, m.swatch1, grey(0, alpha));
    dl->AddRectFilled(ImVec2(m.swatch0.x + s, m.swatch0.y + s), ImVec2(m.swatch1.x - s, m.swatch1.y - s),
                      to_u32(rgb, alpha));
    if (i == doc.selected()) {
      const float g = 4.f * s;
      dl->AddRect(ImVec2(a.x - g, a.y - g), ImVec2(b.x + g, b.y + g), IM_COL32(255, 200, 0, 255), 0.f, 0,
                  2.f * s);
    }
  }
}

int CanvasView::hint_at(const Pane& pane, ImVec2 m) const {
  const auto& pts = ctx_.doc().points();
  for (int i = int(pts.size()) - 1; i >= 0; --i) {  // topmost (last drawn) first
    const MarkerShape s = marker_shape(pane, pts[size_t(i)]);
    const float r = s.half + 4.f * ctx_.ui_scale();
    const bool on_square = std::fabs(m.x - s.centre.x) <= r && std::fabs(m.y - s.centre.y) <= r;
    const bool on_swatch =
        m.x >= s.swatch0.x && m.y >= s.swatch0.y && m.x <= s.swatch1.x && m.y <= s.swatch1.y;
    if (on_square || on_swatch) return i;
  }
  return -1;
}

void CanvasView::handle_hint_mouse(const std::vector<Pane>& panes, bool hovered) {
  Document& doc = ctx_.doc();
  const ImageData& image = *ctx_.image();
  ImGuiIO& io = ImGui::GetIO();
  const Pane* pane = nullptr;
  for (const Pane& p : panes)
    if (p.contains(io.MousePos)) pane = &p;

  if (drag_point_ >= 0) {
    if (ImGui::IsMouseDown(0) && drag_point_ < doc.size()) {
      double x = 0, y = 0;
      to_image(pane ? *pane : panes.back(), io.MousePos, x, y);
      x = std::clamp(x + drag_dx_, 0.0, image.L.width - 1e-3);
      y = std::clamp(y + drag_dy_, 0.0, image.L.height - 1e-3);
      const HintPoint& p = doc.point(drag_point_);
      if (x != p.x || y != p.y) doc.move_point(drag_point_, x, y);
    } else {
      doc.end_edit();  // the whole gesture is one undo step; full quality follows
      drag_point_ = -1;
    }
    return;
  }
  if (continue_shape_gesture(pane, panes.back())) return;
  if (!hovered || !pane) return;
  if (ImGui::IsMouseClicked(0)) {
    if (tool_ != Tool::kPoint && !pane->original)
      press_with_tool(*pane, io.MousePos);
    else
      click(*pane, io.MousePos);
  }
  if (ImGui::IsMouseClicked(1) && show_hints_) {
    const int h = hint_at(*pane, io.MousePos);
    const ShapeRef s = h < 0 ? shape_at(*pane, io.MousePos) : ShapeRef();
    if (h >= 0)
      doc.remove_point(h);
    else if (s.valid())
      doc.remove_shape(s);
  }
}

void CanvasView::click(const Pane& pane, ImVec2 mouse) {
  Document& doc = ctx_.doc();
  const ImageData& image = *ctx_.image();
  if (!pane.original &&
      ctx_.canvas_overlay_click(mouse, [this, &pane](double x, double y) { return to_screen(pane, x, y); }))
    return;  // a recommended position took the click: it added its hint
  double x = 0, y = 0;
  to_image(pane, mouse, x, y);
  const int h = show_hints_ ? hint_at(pane, mouse) : -1;
  const ShapeRef shape = show_hints_ && h < 0 ? shape_at(pane, mouse) : ShapeRef();
  if (shape.valid()) {
    grab_shape(shape, x, y);
  } else if (h >= 0) {
    const HintPoint& p = doc.point(h);
    doc.select(h);
    doc.begin_edit();
    drag_point_ = h;
    drag_dx_ = p.x - x;
    drag_dy_ = p.y - y;
  } else if (x >= 0 && y >= 0 && x < image.L.width && y < image.L.height) {
    HintPoint p;
    p.x = x;
    p.y = y;
    const Ab ab = ctx_.shown_ab_at(x, y);
    p.a = ab[0];
    p.b = ab[1];
    p.size = ctx_.new_hint_size();
    doc.begin_edit();  // adding and then dragging is one step
    drag_point_ = doc.add_point(p);
    drag_dx_ = drag_dy_ = 0;
    show_hints_ = true;
  } else {
    doc.select(-1);
    doc.select_shape(ShapeRef());
  }
}

}  // namespace tinge
