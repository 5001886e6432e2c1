#include "app/input_queue.hpp"

#include <algorithm>
#include <vector>

namespace tinge {

void InputQueue::push_key(int key, int scancode, int action, int mods) {
  InputEvent e;
  e.key = key;
  e.scancode = scancode;
  e.action = action;
  e.mods = mods;
  events_.push_back(e);
}

void InputQueue::push_char(unsigned codepoint) {
  InputEvent e;
  e.is_char = true;
  e.codepoint = codepoint;
  events_.push_back(e);
}

size_t InputQueue::drain_frame(const std::function<void(const InputEvent&)>& apply) {
  std::vector<int> changed;  // keys pressed or released in this frame
  bool pressed = false;      // a key was pressed in this frame
  size_t n = 0;
  while (!events_.empty()) {
    const InputEvent e = events_.front();
    const bool transition = !e.is_char && e.action != kRepeat;
    if (transition) {
      if (std::find(changed.begin(), changed.end(), e.key) != changed.end()) break;
      // A release waits for the frame after a press: xdotool's Ctrl+S releases Ctrl before S, and
      // the frame that sees S pressed must still see Ctrl held.
      if (e.action == kRelease && pressed) break;
      changed.push_back(e.key);
      pressed = pressed || e.action == kPress;
    }
    events_.pop_front();
    apply(e);
    ++n;
  }
  return n;
}

}  // namespace tinge
