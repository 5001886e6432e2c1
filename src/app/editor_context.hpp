// What the editor's components (canvas_view, colour_panel, alternatives_view, hint_list,
// render_requests) may use of the editor: the document, the open photo, the worker and the
// compositor, status reporting, and the few questions one component asks of another. EditorApp
// implements it; components never include editor_app.hpp.
#pragma once
#include <imgui.h>

#include <functional>
#include <memory>
#include <string>

#include "app/editor_types.hpp"

namespace tinge {

class Compositor;
class Document;
class InferenceWorker;

class EditorContext {
 public:
  virtual ~EditorContext() = default;

  virtual Document& doc() = 0;
  virtual const ImageData* image() const = 0;  // null before a photo is open
  // The same photo, shared with a worker job that outlives the frame.
  virtual std::shared_ptr<const ImageData> image_for_job() const = 0;
  virtual InferenceWorker& worker() = 0;
  virtual Compositor& compositor() = 0;
  virtual float ui_scale() const = 0;

  virtual void set_status(const std::string& msg) = 0;
  virtual void report_error(const std::string& msg) = 0;  // red in the status bar; fails a script
  // Notes where something was drawn this frame, for the script's layout action (tests aim real
  // input at it or look at its pixels); `value` is any figure that goes with it.
  virtual void note_layout(const std::string& name, ImVec2 pos, ImVec2 size, const std::string& value) = 0;
  void note_layout(const std::string& name, ImVec2 pos, ImVec2 size) { note_layout(name, pos, size, ""); }

  // Across components.
  virtual Ab shown_ab_at(double x, double y) const = 0;  // the prediction on screen: a new hint's colour
  virtual int new_hint_size() const = 0;                 // the patch size of a new hint (colour panel)
  // What the brush and the lasso paint with: the selected hint's colour; with nothing selected the
  // colour panel's current colour, or before one was chosen the prediction on screen at (x, y).
  virtual Ab brush_colour(double x, double y) const = 0;
  virtual bool levin() const = 0;  // "+ Levin": jobs run the method with it
  // Shows (a, b) on the canvas in place of the result until end_canvas_preview() (an alternative).
  virtual void preview_on_canvas(const Plane& a, const Plane& b) = 0;
  virtual void end_canvas_preview() = 0;
  // The "Where to click" layer over the result pane (where_to_click.hpp), given how image pixels
  // map to the screen: drawn after the photo and before the hint markers; a click on one of its
  // markers is taken (true) before the canvas's own gestures.
  using ToScreen = std::function<ImVec2(double x, double y)>;
  virtual void draw_canvas_overlay(ImDrawList* dl, const ToScreen& to_screen, ImVec2 image_min,
                                   ImVec2 image_max) = 0;
  virtual bool canvas_overlay_click(ImVec2 mouse, const ToScreen& to_screen) = 0;

  // The open photo's mean lightness over a hint's patch; 50 without a photo.
  float lightness_at(double x, double y, int size) const {
    const ImageData* img = image();
    return img ? img->lightness_at(x, y, size) : 50.f;
  }
};

}  // namespace tinge
