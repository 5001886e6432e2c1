// ScriptPlayer's actions (the vocabulary of core/action_script.hpp), grouped by what they touch:
// hints, colours, the view and the method, files, waiting; mouse and keys are in
// script_player.cpp. Each returns true once its action is done; false keeps it running next frame.
#include <string>
#include <utility>

#include "app/script_player.hpp"
#include "core/ab_grid.hpp"
#include "core/document.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

constexpr int kDragFrames = 6;

}  // namespace

void ScriptPlayer::check_inside(const Action& a, const ImageData& img) {
  if (a.x < 0 || a.y < 0 || a.x >= img.L.width || a.y >= img.L.height)
    throw Error("(" + std::to_string(a.x) + ", " + std::to_string(a.y) + ") is outside the " +
                std::to_string(img.L.width) + "x" + std::to_string(img.L.height) + " image");
}

void ScriptPlayer::give_up_after(double waited, double seconds, const char* what) {
  if (waited > seconds)
    throw Error(std::string("still ") + what + " after " + std::to_string(int(seconds)) + " s");
}

void ScriptPlayer::check_point(int i) const {
  const int n = target_.doc().size();
  if (i < 0 || i >= n)
    throw Error("point " + std::to_string(i) + " does not exist (" + std::to_string(n) +
                (n == 1 ? " hint)" : " hints)"));
}

bool ScriptPlayer::run_action(const Action& a, Step s) {
  switch (a.kind) {
    case ActionKind::AddPoint:
    case ActionKind::MovePoint:
    case ActionKind::DeletePoint:
    case ActionKind::SelectPoint:
    case ActionKind::SetSize:
    case ActionKind::Undo:
    case ActionKind::Redo:
      return hint_action(a, s);
    case ActionKind::SetColor:
    case ActionKind::SelectSuggestion:
    case ActionKind::AdoptAlternative:
    case ActionKind::ProposeAlternatives:
      return colour_action(a, s);
    case ActionKind::ShowHints:
    case ActionKind::SetLevin:
    case ActionKind::SetSaturation:
    case ActionKind::SetView:
      return view_action(a);
    case ActionKind::NextPhoto:
    case ActionKind::LoadSession:
    case ActionKind::SaveResult:
    case ActionKind::SaveSession:
    case ActionKind::Screenshot:
    case ActionKind::RecoverAutosave:
    case ActionKind::Layout:
      return file_action(a, s);
    case ActionKind::MouseDown:
    case ActionKind::MouseMove:
    case ActionKind::MouseUp:
    case ActionKind::KeyTap:
    case ActionKind::KeyDown:
    case ActionKind::KeyUp:
      return input_action(a, s);
    case ActionKind::Wait:
    case ActionKind::WaitIdle:
      return wait_action(a, s);
  }
  return true;
}

bool ScriptPlayer::hint_action(const Action& a, Step s) {
  Document& doc = target_.doc();
  switch (a.kind) {
    case ActionKind::AddPoint: {
      const ImageData& img = *target_.image();
      check_inside(a, img);
      HintPoint p;
      p.x = a.x;
      p.y = a.y;
      p.a = a.a;
      p.b = a.b;
      p.size = a.size;
      if (a.rgb_colour) {  // typed: into gamut at the hint's lightness, as the colour panel does
        const auto g = clamp_to_gamut(img.lightness_at(p.x, p.y, p.size), p.a, p.b);
        p.a = g[0];
        p.b = g[1];
      }
      doc.add_point(p);
      target_.remember_colour({p.a, p.b});
      return true;
    }
    case ActionKind::MovePoint: {
      if (s.first) {
        check_point(a.point);
        check_inside(a, *target_.image());
        doc.select(a.point);
        drag_from_x_ = doc.point(a.point).x;
        drag_from_y_ = doc.point(a.point).y;
        doc.begin_edit();
        frames_ = 0;
      }
      const double t = double(++frames_) / kDragFrames;
      doc.move_point(a.point, drag_from_x_ + (a.x - drag_from_x_) * t,
                     drag_from_y_ + (a.y - drag_from_y_) * t);
      if (frames_ < kDragFrames) return false;
      doc.end_edit();
      return true;
    }
    case ActionKind::DeletePoint:
      check_point(a.point);
      doc.remove_point(a.point);
      return true;
    case ActionKind::SelectPoint:
      check_point(a.point);
      doc.select(a.point);
      return true;
    case ActionKind::SetSize:
      check_point(a.point);
      doc.set_size(a.point, a.size);
      return true;
    case ActionKind::Undo:
      if (!doc.undo()) throw Error("nothing to undo");
      return true;
    case ActionKind::Redo:
      if (!doc.redo()) throw Error("nothing to redo");
      return true;
    default:
      return true;
  }
}

bool ScriptPlayer::colour_action(const Action& a, Step s) {
  switch (a.kind) {
    case ActionKind::SetColor:
      check_point(a.point);
      target_.set_colour(a.point, {a.a, a.b}, a.rgb_colour);
      return true;
    case ActionKind::SelectSuggestion: {
      check_point(a.point);
      target_.doc().select(a.point);
      const std::vector<Ab>* list = target_.suggestions(a.point);
      if (!list) {
        give_up_after(s.waited, 120, "waiting for suggestions");
        return false;
      }
      if (a.choice >= int(list->size()))
        throw Error("suggestion " + std::to_string(a.choice) + " does not exist (" +
                    std::to_string(list->size()) + " suggested)");
      target_.set_colour(a.point, (*list)[size_t(a.choice)], false);
      return true;
    }
    case ActionKind::AdoptAlternative:
    case ActionKind::ProposeAlternatives:
      if (a.kind == ActionKind::AdoptAlternative && !a.propose) {
        // The thumbnails already shown, however old (as clicking one does).
        if (!target_.alternatives_proposed()) throw Error("no alternatives have been proposed yet");
        target_.adopt_alternative(a.choice);
        return true;
      }
      if (s.first) target_.propose_alternatives();
      if (!target_.alternatives_ready()) {
        give_up_after(s.waited, 300, "waiting for alternatives");
        return false;
      }
      if (a.kind == ActionKind::AdoptAlternative) target_.adopt_alternative(a.choice);
      return true;
    default:
      return true;
  }
}

bool ScriptPlayer::view_action(const Action& a) {
  switch (a.kind) {
    case ActionKind::ShowHints:
      target_.show_hints(a.visible);
      return true;
    case ActionKind::SetLevin:
      if (!target_.has_network())
        throw Error("set_levin needs the network (this editor runs " + target_.method_label() + ")");
      target_.set_levin(a.on);
      return true;
    case ActionKind::SetSaturation:
      target_.set_saturation(float(a.value));
      return true;
    case ActionKind::SetView:
      target_.set_view(a.mode == "split"          ? ViewMode::Split
                       : a.mode == "side_by_side" ? ViewMode::SideBySide
                                                  : ViewMode::Result,
                       float(a.value));
      return true;
    default:
      return true;
  }
}

bool ScriptPlayer::file_action(const Action& a, Step s) {
  switch (a.kind) {
    case ActionKind::NextPhoto:
      if (!target_.open_sibling(a.step))
        throw Error("there is no photo " + std::to_string(a.step) + " place(s) from this one in its folder");
      return true;
    case ActionKind::LoadSession:
      target_.load_session_from(a.path);
      return true;
    case ActionKind::SaveSession:
      target_.save_session_to(a.path);
      return true;
    case ActionKind::SaveResult:
      if (s.first) target_.save_result_to(a.path, a.overwrite);
      if (!target_.saving()) return true;
      give_up_after(s.waited, 600, "saving the result");
      return false;
    case ActionKind::Screenshot:
      if (s.first) {
        screenshot_path_ = a.path;
        screenshot_of_result_ = a.of_result;
        frames_ = 0;
      }
      return screenshot_path_.empty();  // after_render() takes it
    case ActionKind::RecoverAutosave:
      if (!target_.recovery_offered()) throw Error("no autosaved hints were offered for recovery");
      target_.answer_recovery(a.accept);
      return true;
    case ActionKind::Layout:
      // Two frames on: the notes then describe a frame drawn after the previous action.
      if (s.first) frames_ = 0;
      if (++frames_ < 3) return false;
      write_layout(a.path);
      return true;
    default:
      return true;
  }
}

bool ScriptPlayer::wait_action(const Action& a, Step s) {
  if (a.kind == ActionKind::Wait) return !s.first && s.waited >= a.seconds;
  const bool idle = target_.results_current() && !target_.saving();
  if (idle && !s.first) return true;
  give_up_after(s.waited, a.timeout, "busy");
  return false;
}

}  // namespace tinge
