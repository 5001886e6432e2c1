// The editor document: hints, selection and snapshot-based undo/redo (see document.hpp).
#include "document.hpp"

#include <string>

#include "error.hpp"

namespace tinge {
namespace {

bool same_vertices(const std::vector<HintVertex>& x, const std::vector<HintVertex>& y) {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (x[i].x != y[i].x || x[i].y != y[i].y) return false;
  return true;
}

const char* shape_name(ShapeKind k) {
  return k == ShapeKind::kStroke ? "stroke" : "region";
}

}  // namespace

bool same_points(const std::vector<HintPoint>& x, const std::vector<HintPoint>& y) {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    const HintPoint &p = x[i], &q = y[i];
    if (p.x != q.x || p.y != q.y || p.a != q.a || p.b != q.b || p.size != q.size) return false;
  }
  return true;
}

bool same_hints(const HintSet& x, const HintSet& y) {
  if (!same_points(x.points, y.points) || x.strokes.size() != y.strokes.size() ||
      x.regions.size() != y.regions.size())
    return false;
  for (size_t i = 0; i < x.strokes.size(); ++i) {
    const HintStroke &s = x.strokes[i], &t = y.strokes[i];
    if (s.width != t.width || s.a != t.a || s.b != t.b || !same_vertices(s.points, t.points)) return false;
  }
  for (size_t i = 0; i < x.regions.size(); ++i) {
    const HintRegion &r = x.regions[i], &t = y.regions[i];
    if (r.a != t.a || r.b != t.b || !same_vertices(r.polygon, t.polygon)) return false;
  }
  return true;
}

void Document::check_index(int i, const char* what) const {
  const size_t n = hints_.points.size();
  if (i < 0 || i >= int(n))
    throw Error(std::string(what) + ": hint " + std::to_string(i) + " does not exist (" + std::to_string(n) +
                (n == 1 ? " hint)" : " hints)"));
}

void Document::check_shape(ShapeRef s, const char* what) const {
  const size_t n = s.kind == ShapeKind::kStroke ? hints_.strokes.size() : hints_.regions.size();
  if (s.index < 0 || s.index >= int(n))
    throw Error(std::string(what) + ": " + shape_name(s.kind) + " " + std::to_string(s.index) +
                " does not exist (" + std::to_string(n) + " " + shape_name(s.kind) + (n == 1 ? ")" : "s)"));
}

const HintPoint& Document::point(int i) const {
  check_index(i, "point");
  return hints_.points[size_t(i)];
}

const HintStroke& Document::stroke(int i) const {
  check_shape({ShapeKind::kStroke, i}, "stroke");
  return hints_.strokes[size_t(i)];
}

const HintRegion& Document::region(int i) const {
  check_shape({ShapeKind::kRegion, i}, "region");
  return hints_.regions[size_t(i)];
}

void Document::select(int i) {
  if (i != -1) check_index(i, "select");
  selected_ = i;
  if (i >= 0) selected_shape_ = ShapeRef();
}

void Document::select_shape(ShapeRef s) {
  if (!s.valid()) {
    selected_shape_ = ShapeRef();
    return;
  }
  check_shape(s, "select");
  selected_shape_ = s;
  selected_ = -1;
}

bool Document::selected_ab(float& a, float& b) const {
  if (selected_ >= 0) {
    a = hints_.points[size_t(selected_)].a, b = hints_.points[size_t(selected_)].b;
    return true;
  }
  if (!selected_shape_.valid()) return false;
  if (selected_shape_.kind == ShapeKind::kStroke)
    a = stroke(selected_shape_.index).a, b = stroke(selected_shape_.index).b;
  else
    a = region(selected_shape_.index).a, b = region(selected_shape_.index).b;
  return true;
}

void Document::push_undo(const HintSet& before) {
  undo_.push_back(before);
  if (undo_.size() > max_history_) undo_.erase(undo_.begin());
  redo_.clear();
}

void Document::begin_edit() {
  if (edit_depth_++ == 0) edit_before_ = hints_;
}

void Document::end_edit() {
  if (edit_depth_ == 0) return;
  if (--edit_depth_ == 0 && !same_hints(edit_before_, hints_)) push_undo(edit_before_);
}

int Document::add_point(const HintPoint& p) {
  if (p.size < 1 || p.size > kMaxHintSize)
    throw Error("add_point: size must be in 1.." + std::to_string(kMaxHintSize) + ", got " +
                std::to_string(p.size));
  edit([&] { hints_.points.push_back(p); });
  select(int(hints_.points.size()) - 1);
  return selected_;
}

void Document::move_point(int i, double x, double y) {
  check_index(i, "move_point");
  edit([&] { hints_.points[size_t(i)].x = x, hints_.points[size_t(i)].y = y; });
}

void Document::set_color(int i, float a, float b) {
  check_index(i, "set_color");
  edit([&] { hints_.points[size_t(i)].a = a, hints_.points[size_t(i)].b = b; });
}

void Document::set_size(int i, int size) {
  check_index(i, "set_size");
  if (size < 1 || size > kMaxHintSize)  // beyond it the session could not be saved and read back
    throw Error("set_size: size must be in 1.." + std::to_string(kMaxHintSize) + ", got " +
                std::to_string(size));
  edit([&] { hints_.points[size_t(i)].size = size; });
}

void Document::remove_point(int i) {
  check_index(i, "remove_point");
  edit([&] { hints_.points.erase(hints_.points.begin() + i); });
  if (selected_ == i)
    selected_ = -1;
  else if (selected_ > i)
    --selected_;
}

void Document::replace_all(const std::vector<HintPoint>& points) {
  edit([&] { hints_.points = points; });
  if (selected_ >= int(hints_.points.size())) selected_ = -1;
}

void Document::replace_hints(const HintSet& hints) {
  edit([&] { hints_ = hints; });
  fix_selection();
}

int Document::add_stroke(const HintStroke& s) {
  if (s.points.empty()) throw Error("add_stroke: a stroke needs a point");
  if (!(s.width >= 1 && s.width <= kMaxStrokeWidth))
    throw Error("add_stroke: width must be in 1.." + std::to_string(int(kMaxStrokeWidth)));
  edit([&] { hints_.strokes.push_back(s); });
  select_shape({ShapeKind::kStroke, int(hints_.strokes.size()) - 1});
  return selected_shape_.index;
}

void Document::extend_stroke(int i, HintVertex v) {
  check_shape({ShapeKind::kStroke, i}, "extend_stroke");
  edit([&] { hints_.strokes[size_t(i)].points.push_back(v); });
}

void Document::set_stroke_width(int i, double width) {
  check_shape({ShapeKind::kStroke, i}, "set_stroke_width");
  if (!(width >= 1 && width <= kMaxStrokeWidth))
    throw Error("set_stroke_width: width must be in 1.." + std::to_string(int(kMaxStrokeWidth)));
  edit([&] { hints_.strokes[size_t(i)].width = width; });
}

int Document::add_region(const HintRegion& r) {
  if (r.polygon.size() < 3) throw Error("add_region: a region needs 3 vertices");
  edit([&] { hints_.regions.push_back(r); });
  select_shape({ShapeKind::kRegion, int(hints_.regions.size()) - 1});
  return selected_shape_.index;
}

void Document::move_shape(ShapeRef s, double dx, double dy) {
  check_shape(s, "move_shape");
  auto& v = s.kind == ShapeKind::kStroke ? hints_.strokes[size_t(s.index)].points
                                         : hints_.regions[size_t(s.index)].polygon;
  edit([&] {
    for (HintVertex& p : v) p.x += dx, p.y += dy;
  });
}

void Document::set_shape_color(ShapeRef s, float a, float b) {
  check_shape(s, "set_shape_color");
  edit([&] {
    if (s.kind == ShapeKind::kStroke)
      hints_.strokes[size_t(s.index)].a = a, hints_.strokes[size_t(s.index)].b = b;
    else
      hints_.regions[size_t(s.index)].a = a, hints_.regions[size_t(s.index)].b = b;
  });
}

void Document::remove_shape(ShapeRef s) {
  check_shape(s, "remove_shape");
  edit([&] {
    if (s.kind == ShapeKind::kStroke)
      hints_.strokes.erase(hints_.strokes.begin() + s.index);
    else
      hints_.regions.erase(hints_.regions.begin() + s.index);
  });
  if (selected_shape_ == s)
    selected_shape_ = ShapeRef();
  else if (selected_shape_.valid() && selected_shape_.kind == s.kind && selected_shape_.index > s.index)
    --selected_shape_.index;
}

void Document::set_selected_color(float a, float b) {
  if (selected_ >= 0)
    set_color(selected_, a, b);
  else if (selected_shape_.valid())
    set_shape_color(selected_shape_, a, b);
}

void Document::remove_selected() {
  if (selected_ >= 0)
    remove_point(selected_);
  else if (selected_shape_.valid())
    remove_shape(selected_shape_);
}

void Document::fix_selection() {
  if (selected_ >= int(hints_.points.size())) selected_ = int(hints_.points.size()) - 1;
  const size_t n = selected_shape_.kind == ShapeKind::kStroke ? hints_.strokes.size() : hints_.regions.size();
  if (selected_shape_.index >= int(n)) selected_shape_ = ShapeRef();
}

bool Document::undo() {
  if (undo_.empty() || edit_depth_ > 0) return false;
  redo_.push_back(hints_);
  hints_ = undo_.back();
  undo_.pop_back();
  fix_selection();
  changed();
  return true;
}

bool Document::redo() {
  if (redo_.empty() || edit_depth_ > 0) return false;
  undo_.push_back(hints_);
  hints_ = redo_.back();
  redo_.pop_back();
  fix_selection();
  changed();
  return true;
}

void Document::reset(const HintSet& hints) {
  hints_ = hints;
  saved_ = hints;
  undo_.clear();
  redo_.clear();
  edit_depth_ = 0;
  selected_ = -1;
  selected_shape_ = ShapeRef();
  changed();
}

}  // namespace tinge
