// The editor's document, free of any GL: the hint list, the selected hint, and an undo/redo history
// of whole-list snapshots. Interactive edits (dragging a hint, dragging in the colour picker) are
// bracketed by begin_edit()/end_edit() so a whole drag becomes one undo step while the live state
// (and its revision counter) follows every mouse move.
#pragma once
#include <cstdint>
#include <vector>

#include "hints.hpp"

namespace tinge {

// True when both lists hold the same points (position, colour, size; `extra` ignored).
bool same_points(const std::vector<HintPoint>& x, const std::vector<HintPoint>& y);

class Document {
 public:
  explicit Document(size_t max_history = 1000) : max_history_(max_history) {}

  const std::vector<HintPoint>& points() const { return points_; }
  int size() const { return int(points_.size()); }
  const HintPoint& point(int i) const;  // throws tinge::Error naming the index when out of range

  int selected() const { return selected_; }  // -1 when nothing is selected
  void select(int i);                         // -1 clears; throws when out of range

  // Each of these is one undo step (unless inside begin_edit/end_edit) and bumps the revision.
  int add_point(const HintPoint& p);  // appends, selects it and returns its index
  void move_point(int i, double x, double y);
  void set_color(int i, float a, float b);
  void set_size(int i, int size);
  void remove_point(int i);  // selection follows (cleared when it was the removed point)
  void replace_all(const std::vector<HintPoint>& points);  // adopt an alternative, load a session

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

  // Unsaved changes: the points differ from the last mark_saved() (or from the start).
  bool modified() const { return !same_points(points_, saved_); }
  void mark_saved() { saved_ = points_; }
  // Something the results depend on besides the points changed (a colour reference): the revision
  // moves on, so every result is asked for again; not an undo step.
  void touch() { changed(); }
  // Replaces everything (points, history, saved state): a freshly opened image or loaded session.
  void reset(const std::vector<HintPoint>& points);

 private:
  void check_index(int i, const char* what) const;
  void push_undo(const std::vector<HintPoint>& before);
  void changed() { ++revision_; }

  std::vector<HintPoint> points_, saved_, edit_before_;
  std::vector<std::vector<HintPoint>> undo_, redo_;
  int selected_ = -1;
  int edit_depth_ = 0;
  uint64_t revision_ = 0;
  size_t max_history_;
};

}  // namespace tinge
