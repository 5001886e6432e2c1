// The side panel's list of hints: how many there are, undo and redo, and one row per hint (its
// colour at its lightness; a point's position and patch size, a stroke's start, length and width, a
// region's vertices); clicking a row selects the hint. It keeps no
// state of its own: the document is the list.
#pragma once
#include "app/editor_context.hpp"

namespace tinge {

class HintList {
 public:
  explicit HintList(EditorContext& ctx) : ctx_(ctx) {}
  void draw_summary();  // "N hints" with Undo and Redo
  void draw_list();     // the rows

 private:
  EditorContext& ctx_;
};

}  // namespace tinge
