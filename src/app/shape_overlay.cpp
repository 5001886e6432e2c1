// CanvasView's strokes and regions: their markers (a stroke's path and a region's outline in black
// and white, each with a swatch of its colour at its first vertex; the selected one in yellow), the
// lasso being drawn, hit tests, and the gestures of the brush (press, drag, release: one stroke in
// the current colour, the result previewed while it grows) and the lasso (a closed polygon in the
// current colour, or keep-gray), and moving a stroke or a region with the point tool. Each gesture
// is one undo step.
#include <algorithm>
#include <cmath>

#include "app/canvas_view.hpp"
#include "app/draw_colours.hpp"
#include "app/gl.hpp"
#include "app/hint_colours.hpp"

namespace tinge {
namespace {

float segment_distance(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  const float t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.f, 1.f) : 0.f;
  return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

// Even-odd rule on screen points.
bool inside(const std::vector<ImVec2>& poly, ImVec2 p) {
  bool in = false;
  for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++)
    if ((poly[i].y > p.y) != (poly[j].y > p.y) &&
        p.x < (poly[j].x - poly[i].x) * (p.y - poly[i].y) / (poly[j].y - poly[i].y) + poly[i].x)
      in = !in;
  return in;
}

}  // namespace

double CanvasView::brush_width() const {
  return brush_width_ > 0 ? double(brush_width_) : double(std::clamp(ctx_.new_hint_size(), 1, 64));
}

void CanvasView::draw_shapes(const Pane& pane, ImDrawList* dl) const {
  const Document& doc = ctx_.doc();
  const float alpha = marker_opacity_, s = ctx_.ui_scale();
  const ShapeRef sel = doc.selected_shape();
  auto path = [&](const std::vector<HintVertex>& v, std::vector<ImVec2>& out) {
    out.clear();
    for (const HintVertex& p : v) out.push_back(to_screen(pane, p.x, p.y));
  };
  auto swatch = [&](ImVec2 at, float L, float a, float b) {
    const float sw = std::round(10.f * s);
    dl->AddRectFilled(ImVec2(at.x - sw, at.y - sw), ImVec2(at.x, at.y), grey(0, alpha));
    dl->AddRectFilled(ImVec2(at.x - sw + s, at.y - sw + s), ImVec2(at.x - s, at.y - s),
                      to_u32(display_rgb(L, {a, b}), alpha));
  };
  std::vector<ImVec2> pts;
  if (show_hints_) {
    for (int i = 0; i < int(doc.regions().size()); ++i) {
      const HintRegion& r = doc.regions()[size_t(i)];
      path(r.polygon, pts);
      const bool selected = sel == ShapeRef{ShapeKind::kRegion, i};
      dl->AddPolyline(pts.data(), int(pts.size()), grey(0, alpha), ImDrawFlags_Closed, 4.f * s);
      dl->AddPolyline(pts.data(), int(pts.size()), selected ? IM_COL32(255, 200, 0, 255) : grey(255, alpha),
                      ImDrawFlags_Closed, 2.f * s);
      swatch(pts[0], ctx_.lightness_at(r.polygon[0].x, r.polygon[0].y, 9), r.a, r.b);
    }
    for (int i = 0; i < int(doc.strokes().size()); ++i) {
      const HintStroke& st = doc.strokes()[size_t(i)];
      path(st.points, pts);
      const bool selected = sel == ShapeRef{ShapeKind::kStroke, i};
      if (pts.size() == 1) pts.push_back(ImVec2(pts[0].x + 0.5f, pts[0].y));  // a dot
      dl->AddPolyline(pts.data(), int(pts.size()), grey(0, alpha), ImDrawFlags_None, 3.f * s);
      dl->AddPolyline(pts.data(), int(pts.size()), selected ? IM_COL32(255, 200, 0, 255) : grey(255, alpha),
                      ImDrawFlags_None, 1.f * s);
      swatch(pts[0], ctx_.lightness_at(st.points[0].x, st.points[0].y, int(st.width)), st.a, st.b);
    }
  }
  if (lassoing_ && lasso_.size() > 1) {
    path(lasso_, pts);
    dl->AddPolyline(pts.data(), int(pts.size()), IM_COL32(0, 0, 0, 255), ImDrawFlags_None, 3.f * s);
    dl->AddPolyline(pts.data(), int(pts.size()), IM_COL32(255, 200, 0, 255), ImDrawFlags_None, 1.5f * s);
  }
}

ShapeRef CanvasView::shape_at(const Pane& pane, ImVec2 m) const {
  const Document& doc = ctx_.doc();
  const float slack = 4.f * ctx_.ui_scale();
  std::vector<ImVec2> pts;
  for (int i = int(doc.strokes().size()) - 1; i >= 0; --i) {  // strokes lie over regions
    const HintStroke& st = doc.strokes()[size_t(i)];
    pts.clear();
    for (const HintVertex& v : st.points) pts.push_back(to_screen(pane, v.x, v.y));
    const float reach = std::max(float(st.width) * zoom_ * 0.5f, slack) + slack;
    for (size_t k = 0; k < pts.size(); ++k)
      if (segment_distance(m, pts[k], pts[k + 1 < pts.size() ? k + 1 : k]) <= reach)
        return {ShapeKind::kStroke, i};
  }
  for (int i = int(doc.regions().size()) - 1; i >= 0; --i) {
    pts.clear();
    for (const HintVertex& v : doc.regions()[size_t(i)].polygon) pts.push_back(to_screen(pane, v.x, v.y));
    if (inside(pts, m)) return {ShapeKind::kRegion, i};
  }
  return {};
}

void CanvasView::grab_shape(ShapeRef s, double x, double y) {
  Document& doc = ctx_.doc();
  doc.select_shape(s);
  doc.begin_edit();  // the whole move is one undo step
  drag_shape_ = s;
  shape_x_ = x;
  shape_y_ = y;
}

void CanvasView::press_with_tool(const Pane& pane, ImVec2 mouse) {
  Document& doc = ctx_.doc();
  const ImageData& image = *ctx_.image();
  double x = 0, y = 0;
  to_image(pane, mouse, x, y);
  if (x < 0 || y < 0 || x > image.L.width || y > image.L.height) return;
  show_hints_ = true;
  if (tool_ == Tool::kBrush) {
    HintStroke s;
    s.points = {{x, y}};
    s.width = brush_width();
    const Ab ab = ctx_.brush_colour(x, y);
    s.a = ab[0];
    s.b = ab[1];
    doc.begin_edit();  // press, drag and release: one undo step
    painting_ = doc.add_stroke(s);
  } else {
    lassoing_ = true;
    lasso_ = {{x, y}};
  }
}

bool CanvasView::continue_shape_gesture(const Pane* pane, const Pane& fallback) {
  if (painting_ < 0 && !lassoing_ && !drag_shape_.valid()) return false;
  Document& doc = ctx_.doc();
  const ImageData& image = *ctx_.image();
  const ImVec2 m = ImGui::GetIO().MousePos;
  double x = 0, y = 0;
  to_image(pane ? *pane : fallback, m, x, y);
  x = std::clamp(x, 0.0, double(image.L.width));
  y = std::clamp(y, 0.0, double(image.L.height));
  const bool down = ImGui::IsMouseDown(0);
  // A new vertex once the mouse has moved 2 screen pixels (3 for the lasso) from the last one.
  auto far_enough = [&](const HintVertex& last, float px) {
    return std::hypot(x - last.x, y - last.y) * zoom_ >= px * ctx_.ui_scale();
  };
  if (painting_ >= 0) {
    if (painting_ < int(doc.strokes().size()) && down) {
      if (far_enough(doc.stroke(painting_).points.back(), 2.f)) doc.extend_stroke(painting_, {x, y});
    } else {
      doc.end_edit();
      painting_ = -1;
    }
  } else if (lassoing_) {
    if (down) {
      if (far_enough(lasso_.back(), 3.f)) lasso_.push_back({x, y});
    } else {
      lassoing_ = false;
      if (lasso_.size() >= 3) {
        HintRegion r;
        r.polygon = std::move(lasso_);
        const Ab ab = lasso_gray_ ? Ab{0.f, 0.f} : ctx_.brush_colour(r.polygon[0].x, r.polygon[0].y);
        r.a = ab[0];
        r.b = ab[1];
        doc.add_region(r);
      }
      lasso_.clear();
    }
  } else if (down && drag_shape_.valid()) {
    // Moved as a whole, kept inside the photo.
    const std::vector<HintVertex>& v = drag_shape_.kind == ShapeKind::kStroke
                                           ? doc.stroke(drag_shape_.index).points
                                           : doc.region(drag_shape_.index).polygon;
    double x0 = v[0].x, x1 = v[0].x, y0 = v[0].y, y1 = v[0].y;
    for (const HintVertex& p : v)
      x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    const double dx = std::clamp(x - shape_x_, -x0, image.L.width - x1);
    const double dy = std::clamp(y - shape_y_, -y0, image.L.height - y1);
    if (dx != 0 || dy != 0) doc.move_shape(drag_shape_, dx, dy);
    shape_x_ += dx;
    shape_y_ += dy;
  } else {
    doc.end_edit();
    drag_shape_ = ShapeRef();
  }
  return true;
}

void CanvasView::draw_tool_controls() {
  const float s = ctx_.ui_scale();
  auto button = [&](const char* label, Tool t, const char* name, const char* tip) {
    const bool on = tool_ == t;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(label)) tool_ = t;
    if (on) ImGui::PopStyleColor();
    ctx_.note_layout(name, ImGui::GetItemRectMin(), ImGui::GetItemRectSize(), on ? "on" : "off");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  };
  button("Point (P)", Tool::kPoint, "tool_point", "Click to add a hint; click a hint to select or move it");
  ImGui::SameLine();
  button("Brush (B)", Tool::kBrush, "tool_brush", "Press and drag to paint a stroke in the current colour");
  ImGui::SameLine();
  button("Lasso (L)", Tool::kLasso, "tool_lasso", "Drag round an area: a region in the current colour");
  if (tool_ == Tool::kBrush) {
    float w = float(brush_width());
    ImGui::SetNextItemWidth(-80 * s);
    if (ImGui::SliderFloat("brush", &w, 1.f, 64.f, "%.0f px")) brush_width_ = w;
  } else if (tool_ == Tool::kLasso) {
    ImGui::Checkbox("keep gray", &lasso_gray_);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The lasso's regions stay neutral (a sign, a uniform, a sky)");
  }
}

void CanvasView::handle_tool_keys() {
  if (dragging_hint()) return;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(GLFW_KEY_P)) tool_ = Tool::kPoint;
  if (pressed(GLFW_KEY_B)) tool_ = Tool::kBrush;
  if (pressed(GLFW_KEY_L)) tool_ = Tool::kLasso;
}

}  // namespace tinge
