// Replays `--script` actions inside the real frame loop, one action at a time, so scripted runs
// exercise the same code as the mouse: a move is a short drag (live previews, then full quality),
// saves go through the worker, and screenshots capture the window after it has settled. Actions
// that wait (wait_idle, suggestions, alternatives, saves) poll each frame up to a time limit.
// Mouse actions set the state that the next frame's ImGui::NewFrame reads, in place of what the
// GLFW backend read from the real mouse, so clicks and drags take the canvas's own code paths; key
// actions go through the input queue real keys take. The player sees the editor only through
// ScriptTarget.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "app/script_target.hpp"
#include "core/action_script.hpp"

namespace tinge {

class ScriptPlayer {
 public:
  // `name`: the script's path, for naming the action in errors.
  ScriptPlayer(ScriptTarget& target, std::vector<Action> actions, std::string name);

  size_t size() const { return actions_.size(); }
  bool finished() const { return pos_ >= actions_.size(); }
  const std::string& error() const { return error_; }  // the action that failed, and why
  // An error the editor reported while an action ran fails that action.
  void fail(const std::string& msg);

  // Each frame, in this order:
  void begin_frame() { layout_.clear(); }
  void feed_mouse();    // after the backend's NewFrame: the scripted mouse replaces the real one
  void step();          // runs the current action (or its next part)
  void after_render();  // a screenshot asked for, once the UI has settled
  void end_frame() { layout_shown_.swap(layout_); }
  // Where something was drawn this frame, for the layout action.
  void note(const std::string& name, ImVec2 pos, ImVec2 size, const std::string& value);

 private:
  struct Step {
    bool first;     // the action's first frame
    double waited;  // seconds since it started
  };
  // Each returns true once the action is done (script_actions.cpp; input_action: script_player.cpp).
  bool run_action(const Action& a, Step s);
  bool hint_action(const Action& a, Step s);
  bool colour_action(const Action& a, Step s);
  bool view_action(const Action& a);
  bool file_action(const Action& a, Step s);
  bool input_action(const Action& a, Step s);
  bool wait_action(const Action& a, Step s);
  void check_point(int i) const;
  static void check_inside(const Action& a, const ImageData& img);  // the action's (x, y) is in the photo
  static void give_up_after(double waited, double seconds, const char* what);
  void write_layout(const std::string& path) const;  // the last complete frame's notes

  ScriptTarget& target_;
  std::vector<Action> actions_;
  std::string name_;
  size_t pos_ = 0;
  bool started_ = false;  // the current action has run for a frame and is not done
  double start_ = 0;      // when it started
  int frames_ = 0;        // frames it has counted (a drag's steps, settling before a layout or screenshot)
  double drag_from_x_ = 0, drag_from_y_ = 0;
  struct Mouse {
    bool active = false;  // set by the first mouse_* action; from then on the real mouse is ignored
    double x = 0, y = 0;  // image pixels
    bool down[3] = {false, false, false};
  } mouse_;
  struct LayoutNote {
    std::string name;
    ImVec2 pos, size;
    std::string value;
  };
  std::vector<LayoutNote> layout_, layout_shown_;  // this frame's notes, the last complete frame's
  std::string screenshot_path_;
  bool screenshot_of_result_ = false;  // the composed result, not the window
  std::string error_;
};

}  // namespace tinge
