// Replays `--script` actions inside the real frame loop, one action at a time, so scripted runs
// exercise the same code as the mouse: a move is a short drag (live previews, then full quality),
// saves go through the worker, and screenshots capture the window after it has settled. Actions
// that wait (wait_idle, suggestions, alternatives, saves) poll each frame up to a time limit.
// Mouse actions set the state that the next frame's ImGui::NewFrame reads, in place of what the
// GLFW backend read from the real mouse, so clicks and drags take the canvas's own code paths.
#include <cctype>
#include <string>
#include <utility>

#include "app/editor_app.hpp"
#include "core/ab_grid.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

constexpr int kDragFrames = 6;

// GLFW's code for a key name of key_names().
int glfw_key(const std::string& k) {
  if (k.size() == 1 && k[0] >= 'a' && k[0] <= 'z') return GLFW_KEY_A + (k[0] - 'a');
  if (k.size() == 1 && k[0] >= '0' && k[0] <= '9') return GLFW_KEY_0 + (k[0] - '0');
  if (k.size() >= 2 && k[0] == 'f' && std::isdigit(static_cast<unsigned char>(k[1])))
    return GLFW_KEY_F1 + std::stoi(k.substr(1)) - 1;
  static const std::pair<const char*, int> named[] = {
      {"escape", GLFW_KEY_ESCAPE},      {"enter", GLFW_KEY_ENTER},       {"tab", GLFW_KEY_TAB},
      {"backspace", GLFW_KEY_BACKSPACE}, {"delete", GLFW_KEY_DELETE},    {"space", GLFW_KEY_SPACE},
      {"page_up", GLFW_KEY_PAGE_UP},    {"page_down", GLFW_KEY_PAGE_DOWN}, {"home", GLFW_KEY_HOME},
      {"end", GLFW_KEY_END},            {"left", GLFW_KEY_LEFT},         {"right", GLFW_KEY_RIGHT},
      {"up", GLFW_KEY_UP},              {"down", GLFW_KEY_DOWN},         {"[", GLFW_KEY_LEFT_BRACKET},
      {"]", GLFW_KEY_RIGHT_BRACKET},    {"/", GLFW_KEY_SLASH},           {"-", GLFW_KEY_MINUS},
      {"=", GLFW_KEY_EQUAL},            {"ctrl", GLFW_KEY_LEFT_CONTROL}, {"shift", GLFW_KEY_LEFT_SHIFT},
      {"alt", GLFW_KEY_LEFT_ALT},       {"super", GLFW_KEY_LEFT_SUPER}};
  for (const auto& [name, code] : named)
    if (k == name) return code;
  throw Error("no key named '" + k + "'");
}

void check_inside(const Action& a, const ImageData& img) {
  if (a.x < 0 || a.y < 0 || a.x >= img.L.width || a.y >= img.L.height)
    throw Error("(" + std::to_string(a.x) + ", " + std::to_string(a.y) + ") is outside the " +
                std::to_string(img.L.width) + "x" + std::to_string(img.L.height) + " image");
}

}  // namespace

void EditorApp::note_layout(const std::string& name, ImVec2 pos, ImVec2 size, const std::string& value) {
  if (script_.empty()) return;  // only scripts read it
  layout_.push_back({name, pos, size, value});
}

void EditorApp::write_layout(const std::string& path) const {
  std::string text;
  char line[160];
  const ImVec2 win = ImGui::GetIO().DisplaySize;
  std::snprintf(line, sizeof(line), "window 0 0 %.0f %.0f\n", win.x, win.y);
  text += line;
  if (image_) text += "result_name 0 0 0 0 " + suggested_result_path() + "\n";  // Save result's proposal
  for (const LayoutNote& n : layout_shown_) {
    std::snprintf(line, sizeof(line), "%s %.0f %.0f %.0f %.0f", n.name.c_str(), n.pos.x, n.pos.y, n.size.x,
                  n.size.y);
    text += line + (n.value.empty() ? "" : " " + n.value) + "\n";
  }
  if (is_original(path)) throw Error(path + " is the original photo: refusing to write over it");
  write_file_atomic(path, text);
}

bool EditorApp::step_script() {
  if (script_pos_ >= script_.size()) return false;
  const Action& a = script_[script_pos_];
  try {
    if (!action_started_) action_start_ = glfwGetTime();
    const bool done = run_action(a);
    action_started_ = !done;
    if (done) {
      ++script_pos_;
      action_frames_ = 0;
    }
  } catch (const Error& e) {
    script_error_ = a.where(opt_.script) + e.what();
  }
  return script_pos_ < script_.size();
}

void EditorApp::feed_scripted_mouse() {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = canvas_.screen_point(scripted_mouse_.x, scripted_mouse_.y);
  for (int i = 0; i < 3; ++i) io.MouseDown[i] = scripted_mouse_.down[i];
}

bool EditorApp::run_action(const Action& a) {
  const bool first = !action_started_;
  const double waited = glfwGetTime() - action_start_;
  auto check_point = [&](int i) {
    if (i < 0 || i >= doc_.size())
      throw Error("point " + std::to_string(i) + " does not exist (" + std::to_string(doc_.size()) +
                  (doc_.size() == 1 ? " hint)" : " hints)"));
  };
  auto give_up_after = [&](double seconds, const char* what) {
    if (waited > seconds)
      throw Error(std::string("still ") + what + " after " + std::to_string(int(seconds)) + " s");
  };
  switch (a.kind) {
    case ActionKind::AddPoint: {
      check_inside(a, *image_);
      HintPoint p;
      p.x = a.x;
      p.y = a.y;
      p.a = a.a;
      p.b = a.b;
      p.size = a.size;
      if (a.rgb_colour) {  // typed: into gamut at the hint's lightness, as the colour panel does
        const auto g = clamp_to_gamut(lightness_at(p.x, p.y, p.size), p.a, p.b);
        p.a = g[0];
        p.b = g[1];
      }
      doc_.add_point(p);
      colour_.remember({p.a, p.b});
      return true;
    }
    case ActionKind::MovePoint: {
      if (first) {
        check_point(a.point);
        check_inside(a, *image_);
        doc_.select(a.point);
        drag_from_x_ = doc_.point(a.point).x;
        drag_from_y_ = doc_.point(a.point).y;
        doc_.begin_edit();
        action_frames_ = 0;
      }
      const double t = double(++action_frames_) / kDragFrames;
      doc_.move_point(a.point, drag_from_x_ + (a.x - drag_from_x_) * t, drag_from_y_ + (a.y - drag_from_y_) * t);
      if (action_frames_ < kDragFrames) return false;
      doc_.end_edit();
      return true;
    }
    case ActionKind::DeletePoint:
      check_point(a.point);
      doc_.remove_point(a.point);
      return true;
    case ActionKind::SelectPoint:
      check_point(a.point);
      doc_.select(a.point);
      return true;
    case ActionKind::SetColor:
      check_point(a.point);
      colour_.apply(a.point, a.rgb_colour ? colour_.typed(a.point, {0.f, a.a, a.b}) : Ab{a.a, a.b});
      return true;
    case ActionKind::SetSize:
      check_point(a.point);
      doc_.set_size(a.point, a.size);
      return true;
    case ActionKind::Undo:
      if (!doc_.undo()) throw Error("nothing to undo");
      return true;
    case ActionKind::Redo:
      if (!doc_.redo()) throw Error("nothing to redo");
      return true;
    case ActionKind::SelectSuggestion: {
      check_point(a.point);
      doc_.select(a.point);
      const std::vector<Ab>* list = colour_.suggestions(a.point);
      if (!list) {
        give_up_after(120, "waiting for suggestions");
        return false;
      }
      if (a.choice >= int(list->size()))
        throw Error("suggestion " + std::to_string(a.choice) + " does not exist (" +
                    std::to_string(list->size()) + " suggested)");
      colour_.apply(a.point, (*list)[size_t(a.choice)]);
      return true;
    }
    case ActionKind::AdoptAlternative:
      if (!a.propose) {  // the thumbnails already shown, however old (as clicking one does)
        if (!alternatives_.proposed()) throw Error("no alternatives have been proposed yet");
        alternatives_.adopt(a.choice);
        return true;
      }
      if (first) alternatives_.request();
      if (!alternatives_.ready()) {
        give_up_after(300, "waiting for alternatives");
        return false;
      }
      alternatives_.adopt(a.choice);
      return true;
    case ActionKind::ShowHints:
      canvas_.show_hints(a.visible);
      return true;
    case ActionKind::SetLevin:
      if (!render_.has_network())
        throw Error("set_levin needs the network (this editor runs " + render_.method_label() + ")");
      render_.set_levin(a.on);
      return true;
    case ActionKind::NextPhoto:
      if (!open_sibling(a.step))
        throw Error("there is no photo " + std::to_string(a.step) + " place(s) from this one in its folder");
      return true;
    case ActionKind::SetSaturation:
      render_.set_saturation(float(a.value));
      return true;
    case ActionKind::SetView:
      canvas_.set_view(a.mode == "split"          ? ViewMode::Split
                       : a.mode == "side_by_side" ? ViewMode::SideBySide
                                                  : ViewMode::Result,
                       float(a.value));
      return true;
    case ActionKind::LoadSession:
      load_session_file(a.path);
      return true;
    case ActionKind::SaveResult:
      if (first) save_result_file(a.path, a.overwrite);
      if (saves_pending_ > 0) {
        give_up_after(600, "saving the result");
        return false;
      }
      return true;
    case ActionKind::SaveSession:
      save_session_file(a.path);
      return true;
    case ActionKind::Screenshot:
      if (first) {
        screenshot_path_ = a.path;
        screenshot_of_result_ = a.of_result;
        action_frames_ = 0;
      }
      return screenshot_path_.empty();
    case ActionKind::RecoverAutosave:
      if (!recovery_.offered) throw Error("no autosaved hints were offered for recovery");
      answer_recovery(a.accept);
      return true;
    case ActionKind::MouseDown:
    case ActionKind::MouseMove:
    case ActionKind::MouseUp:
      check_inside(a, *image_);
      if (!canvas_.laid_out()) {  // the canvas has not been laid out yet
        give_up_after(10, "waiting for the canvas (is the window narrower than the side panel?)");
        return false;
      }
      scripted_mouse_.active = true;
      scripted_mouse_.x = a.x;
      scripted_mouse_.y = a.y;
      if (a.kind != ActionKind::MouseMove) scripted_mouse_.down[a.button] = a.kind == ActionKind::MouseDown;
      return true;
    case ActionKind::KeyTap:
    case ActionKind::KeyDown:
    case ActionKind::KeyUp:
      // The events go through the queue real keys take; the action ends once the frame that hands
      // on the last of them has begun (its shortcuts run after this, in the same frame).
      if (first) {
        const int press = a.kind == ActionKind::KeyUp ? InputQueue::kRelease : InputQueue::kPress;
        for (const std::string& k : a.keys) input_.push_key(glfw_key(k), 0, press, 0);
        if (a.kind == ActionKind::KeyTap)
          for (auto k = a.keys.rbegin(); k != a.keys.rend(); ++k)
            input_.push_key(glfw_key(*k), 0, InputQueue::kRelease, 0);
        return false;
      }
      return input_.empty();
    case ActionKind::ProposeAlternatives:
      if (first) alternatives_.request();
      if (!alternatives_.ready()) {
        give_up_after(300, "waiting for alternatives");
        return false;
      }
      return true;
    case ActionKind::Layout:
      // Two frames on: the notes then describe a frame drawn after the previous action.
      if (first) action_frames_ = 0;
      if (++action_frames_ < 3) return false;
      write_layout(a.path);
      return true;
    case ActionKind::Wait:
      return !first && waited >= a.seconds;
    case ActionKind::WaitIdle: {
      const bool idle = render_.results_current() && saves_pending_ == 0;
      if (idle && !first) return true;
      give_up_after(a.timeout, "busy");
      return false;
    }
  }
  return true;
}

}  // namespace tinge
