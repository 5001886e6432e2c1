// The editor's document, free of any GL: the hints (points, strokes, regions), the selected one, and
// an undo/redo history of whole snapshots. Interactive edits (dragging a hint, painting a stroke,
// dragging in the colour picker) are bracketed by begin_edit()/end_edit() so a whole gesture becomes
// one undo step while the live state (and its revision counter) follows every mouse move. One hint
// is selected at most: a point (selected()) or a stroke or region (selected_shape()).
#pragma once
#include <cstdint>
#include <vector>

#include "hints.hpp"

namespace tinge {

// True when both lists hold the same points (position, colour, size; `extra` ignored).
bool same_points(const std::vector<HintPoint>& x, const std::vector<HintPoint>& y);
// The same for every kind of hint (vertices, width, colour).
bool same_hints(const HintSet& x, const HintSet& y);

enum class ShapeKind { kStroke, kRegion };
// A stroke or a region of the document; index -1: none.
struct ShapeRef {
  ShapeKind kind = ShapeKind::kStroke;
  int index = -1;
  bool valid() const { return index >= 0; }
  bool operator==(const ShapeRef& o) const { return index == o.index && (index < 0 || kind == o.kind); }
  bool operator!=(const ShapeRef& o) const { return !(*this == o); }
};

class Document {
 public:
  explicit Document(size_t max_history = 1000) : max_history_(max_history) {}

  const HintSet& hints() const { return hints_; }
  const std::vector<HintPoint>& points() const { return hints_.points; }
  const std::vector<HintStroke>& strokes() const { return hints_.strokes; }
  const std::vector<HintRegion>& regions() const { return hints_.regions; }
  int size() const { return int(hints_.points.size()); }  // points
  int hint_count() const { return hints_.count(); }       // points, strokes and regions
  const HintPoint& point(int i) const;  // throws tinge::Error naming the index when out of range
  const HintStroke& stroke(int i) const;
  const HintRegion& region(int i) const;

  int selected() const { return selected_; }                   // the selected point, -1 when none
  void select(int i);                                          // -1 clears; throws when out of range
  ShapeRef selected_shape() const { return selected_shape_; }  // the selected stroke or region
  void select_shape(ShapeRef s);                               // invalid clears; throws when out of range
  // The selected hint's colour, or false when nothing is selected.
  bool selected_ab(float& a, float& b) const;

  // Each of these is one undo step (unless inside begin_edit/end_edit) and bumps the revision.
  int add_point(const HintPoint& p);  // appends, selects it and returns its index
  void move_point(int i, double x, double y);
  void set_color(int i, float a, float b);
  void set_size(int i, int size);
  void remove_point(int i);  // selection follows (cleared when it was the removed point)
  void replace_all(const std::vector<HintPoint>& points);  // the points (an alternative); shapes stay
  void replace_hints(const HintSet& hints);                // everything (a loaded session)

  // Strokes and regions, each one undo step too. add_* select what they add; a stroke grows a
  // vertex at a time while it is painted (inside begin_edit/end_edit).
  int add_stroke(const HintStroke& s);
  void extend_stroke(int i, HintVertex v);
  void set_stroke_width(int i, double width);
  int add_region(const HintRegion& r);
  void move_shape(ShapeRef s, double dx, double dy);  // every vertex by (dx, dy)
  void set_shape_color(ShapeRef s, float a, float b);
  void remove_shape(ShapeRef s);  // selection follows, as with points
  // The selected hint's colour set, or the selected hint removed (nothing selected: nothing done).
  void set_selected_color(float a, float b);
  void remove_selected();

  // Coalesces every change until end_edit() into a single undo step; end_edit() records nothing
  // when the points did not change. Nested calls are counted.
  void begin_edit();
  void end_edit();
  bool editing() const { return edit_depth_ > 0; }

  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  bool undo();  // false when there is nothing to undo
  bool redo();

  // Increases on every change of the points (including live changes inside an edit and undo/redo).
  uint64_t revision() const { return revision_; }

  // Unsaved changes: the hints differ from the last mark_saved() (or from the start).
  bool modified() const { return !same_hints(hints_, saved_); }
  void mark_saved() { saved_ = hints_; }
  // Something the results depend on besides the hints changed (a colour reference): the revision
  // moves on, so every result is asked for again; not an undo step.
  void touch() { changed(); }
  // Replaces everything (hints, history, saved state): a freshly opened image or loaded session.
  void reset(const HintSet& hints);

 private:
  void check_index(int i, const char* what) const;
  void check_shape(ShapeRef s, const char* what) const;
  void push_undo(const HintSet& before);
  void changed() { ++revision_; }
  void fix_selection();  // after undo/redo: nothing selected beyond the lists' ends
  template <class F>
  void edit(F&& f) {  // one change: one undo step unless inside begin_edit/end_edit
    begin_edit();
    f();
    changed();
    end_edit();
  }

  HintSet hints_, saved_, edit_before_;
  std::vector<HintSet> undo_, redo_;
  int selected_ = -1;
  ShapeRef selected_shape_;
  int edit_depth_ = 0;
  uint64_t revision_ = 0;
  size_t max_history_;
};

}  // namespace tinge
