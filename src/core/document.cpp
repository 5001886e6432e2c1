// The editor document: hints, selection and snapshot-based undo/redo (see document.hpp).
#include "document.hpp"

#include <string>

#include "error.hpp"

namespace tinge {

bool same_points(const std::vector<HintPoint>& x, const std::vector<HintPoint>& y) {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    const HintPoint &p = x[i], &q = y[i];
    if (p.x != q.x || p.y != q.y || p.a != q.a || p.b != q.b || p.size != q.size) return false;
  }
  return true;
}

void Document::check_index(int i, const char* what) const {
  if (i < 0 || i >= int(points_.size()))
    throw Error(std::string(what) + ": hint " + std::to_string(i) + " does not exist (" +
                std::to_string(points_.size()) + (points_.size() == 1 ? " hint)" : " hints)"));
}

const HintPoint& Document::point(int i) const {
  check_index(i, "point");
  return points_[size_t(i)];
}

void Document::select(int i) {
  if (i != -1) check_index(i, "select");
  selected_ = i;
}

void Document::push_undo(const std::vector<HintPoint>& before) {
  undo_.push_back(before);
  if (undo_.size() > max_history_) undo_.erase(undo_.begin());
  redo_.clear();
}

void Document::begin_edit() {
  if (edit_depth_++ == 0) edit_before_ = points_;
}

void Document::end_edit() {
  if (edit_depth_ == 0) return;
  if (--edit_depth_ == 0 && !same_points(edit_before_, points_)) push_undo(edit_before_);
}

int Document::add_point(const HintPoint& p) {
  if (p.size < 1 || p.size > kMaxHintSize)
    throw Error("add_point: size must be in 1.." + std::to_string(kMaxHintSize) + ", got " +
                std::to_string(p.size));
  begin_edit();
  points_.push_back(p);
  selected_ = int(points_.size()) - 1;
  changed();
  end_edit();
  return selected_;
}

void Document::move_point(int i, double x, double y) {
  check_index(i, "move_point");
  begin_edit();
  points_[size_t(i)].x = x;
  points_[size_t(i)].y = y;
  changed();
  end_edit();
}

void Document::set_color(int i, float a, float b) {
  check_index(i, "set_color");
  begin_edit();
  points_[size_t(i)].a = a;
  points_[size_t(i)].b = b;
  changed();
  end_edit();
}

void Document::set_size(int i, int size) {
  check_index(i, "set_size");
  if (size < 1 || size > kMaxHintSize)  // beyond it the session could not be saved and read back
    throw Error("set_size: size must be in 1.." + std::to_string(kMaxHintSize) + ", got " +
                std::to_string(size));
  begin_edit();
  points_[size_t(i)].size = size;
  changed();
  end_edit();
}

void Document::remove_point(int i) {
  check_index(i, "remove_point");
  begin_edit();
  points_.erase(points_.begin() + i);
  if (selected_ == i)
    selected_ = -1;
  else if (selected_ > i)
    --selected_;
  changed();
  end_edit();
}

void Document::replace_all(const std::vector<HintPoint>& points) {
  begin_edit();
  points_ = points;
  if (selected_ >= int(points_.size())) selected_ = -1;
  changed();
  end_edit();
}

bool Document::undo() {
  if (undo_.empty() || edit_depth_ > 0) return false;
  redo_.push_back(points_);
  points_ = undo_.back();
  undo_.pop_back();
  if (selected_ >= int(points_.size())) selected_ = int(points_.size()) - 1;
  changed();
  return true;
}

bool Document::redo() {
  if (redo_.empty() || edit_depth_ > 0) return false;
  undo_.push_back(points_);
  points_ = redo_.back();
  redo_.pop_back();
  if (selected_ >= int(points_.size())) selected_ = int(points_.size()) - 1;
  changed();
  return true;
}

void Document::reset(const std::vector<HintPoint>& points) {
  points_ = points;
  saved_ = points;
  undo_.clear();
  redo_.clear();
  edit_depth_ = 0;
  selected_ = -1;
  changed();
}

}  // namespace tinge
