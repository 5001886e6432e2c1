// "Where to click" (key W, View menu): the places where one more hint would change the result most
// (core/recommend.hpp), shown over the canvas as a translucent map of the uncertainty (rendered by
// shaders/uncertainty.frag.glsl) and numbered markers on the next three positions, each ringed
// with its most likely colour. Clicking a marker adds a hint there with that colour and selects it
// (its suggestions open); Tab moves to the next marker and Enter adds it. The recommendations are
// recomputed on the worker after every change of the hints (the latest request wins; the UI never
// waits). Whether it is on is remembered between runs.
#pragma once
#include <imgui.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "app/editor_context.hpp"
#include "core/recommend.hpp"

namespace tinge {

class UncertaintyOverlay;

class WhereToClick {
 public:
  explicit WhereToClick(EditorContext& ctx);
  ~WhereToClick();

  bool on() const { return on_; }
  void set_on(bool on);  // and remembers it
  void toggle() { set_on(!on_); }
  void update();       // once a frame: asks for recommendations when the hints changed
  bool ready() const;  // the recommendations shown are for the current hints
  void reset();        // a new photo

  using ToScreen = std::function<ImVec2(double x, double y)>;  // image pixels to the screen
  // Over the result pane (the photo spans image_min..image_max on screen): the map, then the markers.
  void draw(ImDrawList* dl, const ToScreen& to_screen, ImVec2 image_min, ImVec2 image_max);
  // A click on the screen at `mouse`: on a marker, adds its hint and returns true.
  bool click(ImVec2 mouse, const ToScreen& to_screen);
  void next_marker();  // Tab
  void add_current();  // Enter: the hint of the marker Tab moved to
  const std::vector<RecommendedHint>& recommendations() const { return recs_; }

 private:
  struct Result;
  void take(Result& r);
  void add(int index);
  float marker_radius() const;

  EditorContext& ctx_;
  bool on_ = false;
  std::vector<RecommendedHint> recs_;
  Plane map_;  // the uncertainty, on cells of map_cell_w_ x map_cell_h_ pixels
  double map_cell_w_ = 1, map_cell_h_ = 1;
  bool map_dirty_ = false;
  std::unique_ptr<UncertaintyOverlay> overlay_;  // created on first use (needs the GL context)
  uint64_t requested_rev_ = ~0ull, shown_rev_ = ~0ull, generation_ = 0;
  bool levin_ = false;  // the method choice the request was made with
  int current_ = 0;     // the marker Tab moved to
};

}  // namespace tinge
