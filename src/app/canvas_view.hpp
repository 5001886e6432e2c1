// The canvas: the photo at full resolution with zoom (wheel about the cursor, fit, 1:1) and pan
// (middle button, or Space + drag); the result alone, original and result side by side, or a
// before/after split with a draggable divider; hint markers on top and the mouse gestures that
// edit hints (hint_overlay.cpp: points; shape_overlay.cpp: the brush, the lasso, strokes and
// regions). Owns the view, the tool and the gestures' state; draws into the area the editor gives it.
#pragma once
#include <imgui.h>

#include <vector>

#include "app/editor_context.hpp"
#include "core/document.hpp"

namespace tinge {

struct HintPoint;

// What a press on the photo does: add (or grab) a point, paint a stroke, or draw a region.
enum class Tool { kPoint, kBrush, kLasso };

class CanvasView {
 public:
  explicit CanvasView(EditorContext& ctx) : ctx_(ctx) {}

  void draw(ImVec2 pos, ImVec2 size);  // the canvas window, filling this area
  void draw_view_menu();               // the View menu's items: fit, 1:1, view modes, show hints
  void draw_marker_controls();         // side panel: show hints, marker opacity
  void draw_mode_controls();           // side panel: result / side by side / split
  void handle_view_keys();             // H, F, 1, V
  void draw_tool_controls();           // side panel: the tools' buttons, brush width, lasso keeps gray
  void handle_tool_keys();             // P, B, L
  Tool tool() const { return tool_; }
  void set_tool(Tool t) { tool_ = t; }

  // A gesture holds an edit open on a hint (a drag, a stroke being painted, a lasso being drawn).
  bool dragging_hint() const {
    return drag_point_ >= 0 || drag_shape_.valid() || painting_ >= 0 || lassoing_;
  }
  bool wants_frames() const { return dragging_hint() || panning_ || dragging_split_; }
  float zoom() const { return zoom_; }
  void show_hints(bool visible) { show_hints_ = visible; }
  void set_view(ViewMode mode, float split);
  // Where image pixel (x, y) is on screen in the result's pane of the last frame (scripted mouse
  // actions aim there); laid_out() is false until a frame has drawn the canvas.
  ImVec2 screen_point(double x, double y) const { return to_screen(view_pane_, x, y); }
  bool laid_out() const { return view_pane_.size.x > 0 && view_pane_.size.y > 0; }
  void reset();  // a new photo: gestures end, the view fits it

 private:
  struct MarkerShape {
    ImVec2 centre;
    float half;               // half the square's side on screen
    ImVec2 swatch0, swatch1;  // the colour swatch on the square's top-left corner
  };

  bool begin_window(ImVec2 pos, ImVec2 size);  // false (window ended) when there is nothing to show
  std::vector<Pane> layout_panes(ImVec2 pos, ImVec2 size);
  void draw_pane(const Pane& pane, ImDrawList* dl);
  void handle_zoom_and_pan(const std::vector<Pane>& panes, bool hovered);
  void handle_split(const Pane& pane, bool hovered);
  void fit_view(ImVec2 pane_size);
  ImVec2 to_screen(const Pane& p, double x, double y) const;
  void to_image(const Pane& p, ImVec2 s, double& x, double& y) const;
  // hint_overlay.cpp
  MarkerShape marker_shape(const Pane& pane, const HintPoint& p) const;
  void draw_hint_markers(const Pane& pane, ImDrawList* dl) const;
  int hint_at(const Pane& pane, ImVec2 mouse) const;
  void handle_hint_mouse(const std::vector<Pane>& panes, bool hovered);
  void click(const Pane& pane, ImVec2 mouse);  // selects and grabs a hint, or adds one
  // shape_overlay.cpp
  void draw_shapes(const Pane& pane, ImDrawList* dl) const;
  ShapeRef shape_at(const Pane& pane, ImVec2 mouse) const;
  bool continue_shape_gesture(const Pane* pane, const Pane& fallback);  // false when none is going on
  void press_with_tool(const Pane& pane, ImVec2 mouse);                 // brush or lasso
  void grab_shape(ShapeRef s, double x, double y);
  double brush_width() const;  // in image pixels

  EditorContext& ctx_;
  ViewMode mode_ = ViewMode::Result;
  float zoom_ = 1.f, split_ = 0.5f;
  double center_x_ = 0, center_y_ = 0;  // the image point at the pane's centre
  bool fit_pending_ = true, fitted_ = true;
  ImVec2 last_pane_size_{0, 0};
  Pane view_pane_;  // where the result was drawn last frame
  bool panning_ = false, dragging_split_ = false;
  bool show_hints_ = true;
  float marker_opacity_ = 1.f;  // hint markers, faded from 1 towards 0.15
  int drag_point_ = -1;         // the hint being dragged
  double drag_dx_ = 0, drag_dy_ = 0;
  Tool tool_ = Tool::kPoint;
  float brush_width_ = 0.f;  // image pixels; 0: the new hint size
  bool lasso_gray_ = false;  // the lasso draws keep-gray regions
  int painting_ = -1;        // the stroke being painted
  bool lassoing_ = false;    // a lasso being drawn: lasso_ holds its vertices
  std::vector<HintVertex> lasso_;
  ShapeRef drag_shape_;               // the stroke or region being moved
  double shape_x_ = 0, shape_y_ = 0;  // where the last move left the mouse, in image pixels
};

}  // namespace tinge
