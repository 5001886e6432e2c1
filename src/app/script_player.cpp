#include "app/script_player.hpp"

#include <cctype>
#include <cstdio>
#include <utility>

#include "app/gl.hpp"
#include "app/input_queue.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

// GLFW's code for a key name of key_names().
int glfw_key(const std::string& k) {
  if (k.size() == 1 && k[0] >= 'a' && k[0] <= 'z') return GLFW_KEY_A + (k[0] - 'a');
  if (k.size() == 1 && k[0] >= '0' && k[0] <= '9') return GLFW_KEY_0 + (k[0] - '0');
  if (k.size() >= 2 && k[0] == 'f' && std::isdigit(static_cast<unsigned char>(k[1])))
    return GLFW_KEY_F1 + std::stoi(k.substr(1)) - 1;
  static const std::pair<const char*, int> named[] = {{"escape", GLFW_KEY_ESCAPE},
                                                      {"enter", GLFW_KEY_ENTER},
                                                      {"tab", GLFW_KEY_TAB},
                                                      {"backspace", GLFW_KEY_BACKSPACE},
                                                      {"delete", GLFW_KEY_DELETE},
                                                      {"space", GLFW_KEY_SPACE},
                                                      {"page_up", GLFW_KEY_PAGE_UP},
                                                      {"page_down", GLFW_KEY_PAGE_DOWN},
                                                      {"home", GLFW_KEY_HOME},
                                                      {"end", GLFW_KEY_END},
                                                      {"left", GLFW_KEY_LEFT},
                                                      {"right", GLFW_KEY_RIGHT},
                                                      {"up", GLFW_KEY_UP},
                                                      {"down", GLFW_KEY_DOWN},
                                                      {"[", GLFW_KEY_LEFT_BRACKET},
                                                      {"]", GLFW_KEY_RIGHT_BRACKET},
                                                      {"/", GLFW_KEY_SLASH},
                                                      {"-", GLFW_KEY_MINUS},
                                                      {"=", GLFW_KEY_EQUAL},
                                                      {"ctrl", GLFW_KEY_LEFT_CONTROL},
                                                      {"shift", GLFW_KEY_LEFT_SHIFT},
                                                      {"alt", GLFW_KEY_LEFT_ALT},
                                                      {"super", GLFW_KEY_LEFT_SUPER}};
  for (const auto& [name, code] : named)
    if (k == name) return code;
  throw Error("no key named '" + k + "'");
}

}  // namespace

ScriptPlayer::ScriptPlayer(ScriptTarget& target, std::vector<Action> actions, std::string name)
    : target_(target), actions_(std::move(actions)), name_(std::move(name)) {}

void ScriptPlayer::fail(const std::string& msg) {
  if (error_.empty() && pos_ < actions_.size()) error_ = actions_[pos_].where(name_) + msg;
}

void ScriptPlayer::step() {
  if (finished() || !error_.empty()) return;
  const Action& a = actions_[pos_];
  try {
    if (!started_) start_ = glfwGetTime();
    const bool done = run_action(a, Step{!started_, glfwGetTime() - start_});
    started_ = !done;
    if (done) {
      ++pos_;
      frames_ = 0;
    }
  } catch (const Error& e) {
    error_ = a.where(name_) + e.what();
  }
}

void ScriptPlayer::feed_mouse() {
  if (!mouse_.active) return;
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = target_.canvas_point(mouse_.x, mouse_.y);
  for (int i = 0; i < 3; ++i) io.MouseDown[i] = mouse_.down[i];
}

bool ScriptPlayer::input_action(const Action& a, Step s) {
  if (a.kind == ActionKind::MouseDown || a.kind == ActionKind::MouseMove || a.kind == ActionKind::MouseUp) {
    check_inside(a, *target_.image());
    if (!target_.canvas_laid_out()) {  // the canvas has not been drawn yet
      give_up_after(s.waited, 10, "waiting for the canvas (is the window narrower than the side panel?)");
      return false;
    }
    mouse_.active = true;
    mouse_.x = a.x;
    mouse_.y = a.y;
    if (a.kind != ActionKind::MouseMove) mouse_.down[a.button] = a.kind == ActionKind::MouseDown;
    return true;
  }
  // Keys go through the queue real keys take; the action ends once the frame that hands on the
  // last of them has begun (its shortcuts run after this, in the same frame).
  InputQueue& input = target_.input();
  if (!s.first) return input.empty();
  const int press = a.kind == ActionKind::KeyUp ? InputQueue::kRelease : InputQueue::kPress;
  for (const std::string& k : a.keys) input.push_key(glfw_key(k), 0, press, 0);
  if (a.kind == ActionKind::KeyTap)
    for (auto k = a.keys.rbegin(); k != a.keys.rend(); ++k)
      input.push_key(glfw_key(*k), 0, InputQueue::kRelease, 0);
  return false;
}

void ScriptPlayer::after_render() {
  if (screenshot_path_.empty() || ++frames_ < 3) return;  // let the UI settle first
  const std::string path = std::move(screenshot_path_);
  screenshot_path_.clear();
  target_.save_screenshot(path, screenshot_of_result_);
}

void ScriptPlayer::note(const std::string& name, ImVec2 pos, ImVec2 size, const std::string& value) {
  layout_.push_back({name, pos, size, value});
}

void ScriptPlayer::write_layout(const std::string& path) const {
  std::string text;
  char line[160];
  const ImVec2 win = ImGui::GetIO().DisplaySize;
  std::snprintf(line, sizeof(line), "window 0 0 %.0f %.0f\n", win.x, win.y);
  text += line;
  if (target_.image())
    text += "result_name 0 0 0 0 " + target_.result_name() + "\n";  // Save result's proposal
  for (const LayoutNote& n : layout_shown_) {
    std::snprintf(line, sizeof(line), "%s %.0f %.0f %.0f %.0f", n.name.c_str(), n.pos.x, n.pos.y, n.size.x,
                  n.size.y);
    text += line + (n.value.empty() ? "" : " " + n.value) + "\n";
  }
  if (target_.is_original(path)) throw Error(path + " is the original photo: refusing to write over it");
  write_file_atomic(path, text);
}

}  // namespace tinge
