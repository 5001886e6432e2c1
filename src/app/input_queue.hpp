// Keyboard and text input queued between frames, so that no key tap is lost. Dear ImGui 1.86 keeps
// only each key's current state (io.KeysDown): a press and its release arriving before the same
// frame cancel out and the frame never sees the key (`xdotool key bracketright bracketright` grew a
// patch once; a quick Ctrl+O did nothing). The window's callbacks push events here; each frame
// hands them on in order, and stops at the first event that would change a key already changed
// this frame, or release a key after one was pressed in it (so a chord's modifier is still held in
// the frame that sees its key pressed): the rest waits for the next frame, which the editor then
// draws. GL-free.
#pragma once
#include <cstddef>
#include <deque>
#include <functional>

namespace tinge {

struct InputEvent {
  bool is_char = false;
  int key = 0, scancode = 0, action = 0, mods = 0;  // a key event (GLFW's codes)
  unsigned codepoint = 0;                           // a character typed
};

class InputQueue {
 public:
  // GLFW's action codes (glfw3.h): RELEASE 0, PRESS 1, REPEAT 2.
  static constexpr int kRelease = 0, kPress = 1, kRepeat = 2;

  void push_key(int key, int scancode, int action, int mods);
  void push_char(unsigned codepoint);
  // Hands the events for one frame to `apply`, in arrival order: every one up to the first press
  // or release of a key already pressed or released in this call, or the first release after a
  // press. Returns how many it handed on.
  size_t drain_frame(const std::function<void(const InputEvent&)>& apply);
  bool empty() const { return events_.empty(); }
  size_t size() const { return events_.size(); }
  void clear() { events_.clear(); }

 private:
  std::deque<InputEvent> events_;
};

}  // namespace tinge
